/**
 * Evaluates a block body (a resource, a data source, a module call's arguments) into the value tree
 * the graph stores: attributes become values, nested blocks become lists of objects (the shape
 * plan JSON uses too), `dynamic` blocks are expanded. Each attribute's source range, references and
 * value origins are recorded under its dotted path (`ingress.0.cidr_blocks`).
 */
import { Range, Block, Body, Expr } from '../hcl/ast';
import { evaluate, entriesOf } from '../eval/evaluate';
import { BindingScope, CollectingScope, Ref, RefCollector, Scope } from '../eval/scope';
import { EvalError, Unknown, Value, ValueObject } from '../eval/value';

/** Meta-arguments and blocks Terraform interprets itself: not resource attributes. */
const META_ATTRIBUTES = new Set(['count', 'for_each', 'depends_on', 'provider']);
const META_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection']);

export interface AttributeEdge {
  fromPath: string;
  ref: Ref;
}

export interface BodyResult {
  attrs: ValueObject;
  locations: Map<string, Range>;
  edges: AttributeEdge[];
  /** Per attribute path: the variables and locals its value came through, e.g. `var.public (terraform.tfvars:3)`. */
  origins: Map<string, string[]>;
}

export interface BodyEvalOptions {
  /** Called when an expression cannot be evaluated; the value becomes Unknown. */
  onError(range: Range, message: string): void;
  /** Address used to name Unknown values produced by errors. */
  address: string;
  /** Attribute names to skip besides the meta-arguments (module calls skip `source`, etc.). */
  skipAttributes?: ReadonlySet<string>;
}

export function evaluateBody(body: Body, scope: Scope, options: BodyEvalOptions): BodyResult {
  const result: BodyResult = { attrs: {}, locations: new Map(), edges: [], origins: new Map() };
  fillBody(body, scope, '', result.attrs, result, options);
  return result;
}

/** Evaluates one expression, recording its references under `path`. */
export function evaluateTracked(expr: Expr, scope: Scope, path: string, result: BodyResult, options: BodyEvalOptions): Value {
  const collector = new RefCollector();
  let value: Value;
  try {
    value = evaluate(expr, new CollectingScope(scope, collector));
  } catch (err) {
    if (!(err instanceof EvalError)) throw err;
    options.onError(expr.range, err.message);
    value = new Unknown(`${options.address}.${path}`, `could not be evaluated: ${err.message}`);
  }
  collector.settle(value);
  for (const ref of collector.refs) result.edges.push({ fromPath: path, ref });
  if (collector.origins.length > 0) result.origins.set(path, [...collector.origins]);
  return value;
}

function fillBody(body: Body, scope: Scope, prefix: string, out: ValueObject, result: BodyResult, options: BodyEvalOptions): void {
  for (const attr of body.attributes) {
    if (prefix === '' && (META_ATTRIBUTES.has(attr.name) || options.skipAttributes?.has(attr.name))) continue;
    const path = prefix + attr.name;
    out[attr.name] = evaluateTracked(attr.expr, scope, path, result, options);
    result.locations.set(path, attr.range);
    recordLiteralLocations(attr.expr, path, result.locations);
  }
  for (const block of body.blocks) {
    if (META_BLOCKS.has(block.type)) continue;
    if (block.type === 'dynamic') {
      expandDynamic(block, scope, prefix, out, result, options);
      continue;
    }
    appendNested(block.type, block.body, block.range, scope, prefix, out, result, options);
  }
}

function appendNested(
  type: string,
  body: Body,
  range: Range,
  scope: Scope,
  prefix: string,
  out: ValueObject,
  result: BodyResult,
  options: BodyEvalOptions,
): void {
  const list = listFor(out, type);
  const index = list.length;
  const nested: ValueObject = {};
  list.push(nested);
  const path = `${prefix}${type}.${index}`;
  result.locations.set(path, range);
  if (!result.locations.has(prefix + type)) result.locations.set(prefix + type, range);
  fillBody(body, scope, `${path}.`, nested, result, options);
}

function listFor(out: ValueObject, type: string): Value[] {
  const existing = out[type];
  if (Array.isArray(existing)) return existing;
  const list: Value[] = [];
  out[type] = list;
  return list;
}

/** `dynamic "x" { for_each = ...; iterator = it; content { ... } }` → one `x` block per element. */
function expandDynamic(block: Block, scope: Scope, prefix: string, out: ValueObject, result: BodyResult, options: BodyEvalOptions): void {
  const type = block.labels[0];
  if (!type) {
    options.onError(block.range, 'A dynamic block needs a label naming the block type to generate.');
    return;
  }
  const forEach = block.body.attributes.find((a) => a.name === 'for_each');
  const content = block.body.blocks.find((b) => b.type === 'content');
  if (!forEach || !content) {
    options.onError(block.range, `dynamic "${type}" needs a for_each argument and a content block.`);
    return;
  }
  const iteratorAttr = block.body.attributes.find((a) => a.name === 'iterator');
  const iterator = iteratorAttr && iteratorAttr.expr.kind === 'var' ? iteratorAttr.expr.name : type;
  const path = prefix + type;
  const collection = evaluateTracked(forEach.expr, scope, path, result, options);
  if (!result.locations.has(path)) result.locations.set(path, block.range);
  if (collection instanceof Unknown) {
    // An unknown number of blocks: one Unknown element stands for them, so rules report `unknown`.
    listFor(out, type).push(new Unknown(`dynamic "${type}" blocks`, `for_each depends on ${collection.describe()}`));
    return;
  }
  let entries: Array<[Value, Value]>;
  try {
    entries = collection === null ? [] : entriesOf(collection);
  } catch (err) {
    if (!(err instanceof EvalError)) throw err;
    options.onError(forEach.range, `dynamic "${type}": ${err.message}`);
    return;
  }
  for (const [key, value] of entries) {
    // For a list, Terraform's iterator key is the index; for sets and maps, the element key.
    const inner = new BindingScope(scope, { [iterator]: { key, value } });
    appendNested(type, content.body, content.range, inner, prefix, out, result, options);
  }
}

/**
 * Lines of the parts of an object or list written in place (`tags = { Name = ... }`,
 * `policy = jsonencode({ Statement = [...] })`), so a finding about one statement of a policy points
 * at that statement rather than the whole attribute.
 */
function recordLiteralLocations(expr: Expr, path: string, locations: Map<string, Range>): void {
  let e = expr;
  if (e.kind === 'call' && (e.name === 'jsonencode' || e.name === 'yamlencode') && e.args.length === 1) e = e.args[0];
  if (e.kind === 'object') {
    for (const item of e.items) {
      if (item.key.kind !== 'literal' || typeof item.key.value !== 'string') continue;
      const sub = `${path}.${item.key.value}`;
      locations.set(sub, { file: item.key.range.file, start: item.key.range.start, end: item.value.range.end });
      recordLiteralLocations(item.value, sub, locations);
    }
  } else if (e.kind === 'tuple') {
    e.items.forEach((item, i) => {
      locations.set(`${path}.${i}`, item.range);
      recordLiteralLocations(item, `${path}.${i}`, locations);
    });
  }
}
