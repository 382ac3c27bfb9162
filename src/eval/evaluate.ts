/**
 * Evaluates HCL expressions to values. Unknown values propagate through everything; errors raise
 * EvalError with a plain message (the caller attaches the file and line).
 */
import { Expr, TemplatePart } from '../hcl/ast';
import { FUNCTIONS } from './functions';
import { BindingScope, Scope, TraversalStep, carriedRefs, narrowedRefs, refsAreCarried } from './scope';
import {
  EvalError,
  RESOURCE_ADDRESS,
  RESOURCE_PATH,
  TaggedObject,
  Unknown,
  Value,
  ValueObject,
  findUnknown,
  isObject,
  toStringValue,
  typeName,
  valuesEqual,
} from './value';

export function evaluate(e: Expr, scope: Scope): Value {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'template':
      return evalTemplate(e.parts, scope, e.heredoc);
    case 'paren':
      return evaluate(e.expr, scope);
    case 'var':
    case 'getattr':
    case 'index':
      return evalTraversal(e, scope);
    case 'splat':
      return evalSplat(e, scope);
    case 'splatItem':
      throw new EvalError('A splat item outside a splat expression.');
    case 'tuple':
      return e.items.map((item) => evaluate(item, scope));
    case 'object':
      return evalObject(e, scope);
    case 'call':
      return evalCall(e, scope);
    case 'unary':
      return evalUnary(e.op, evaluate(e.operand, scope));
    case 'binary':
      return evalBinary(e.op, e.left, e.right, scope);
    case 'conditional':
      return evalConditional(e, scope);
    case 'for':
      return evalFor(e, scope);
  }
}

// ------------------------------------------------------------------ traversals

/** Flattens `a.b[0].c` into the root name and its steps; undefined when the chain has no name root. */
function flattenTraversal(e: Expr, scope: Scope): { root: string; steps: TraversalStep[] } | undefined {
  const steps: TraversalStep[] = [];
  let cur: Expr = e;
  while (true) {
    if (cur.kind === 'getattr') {
      steps.unshift({ kind: 'attr', name: cur.name });
      cur = cur.obj;
    } else if (cur.kind === 'index') {
      steps.unshift({ kind: 'index', key: evaluate(cur.key, scope) });
      cur = cur.obj;
    } else if (cur.kind === 'var') {
      return { root: cur.name, steps };
    } else {
      return undefined;
    }
  }
}

function evalTraversal(e: Expr, scope: Scope): Value {
  const flat = flattenTraversal(e, scope);
  if (!flat) {
    // A traversal on a computed value: `f(x).a`, `[1, 2][0]`.
    if (e.kind === 'getattr') return getAttr(evaluate(e.obj, scope), e.name, scope);
    if (e.kind === 'index') return getIndex(evaluate(e.obj, scope), evaluate(e.key, scope), scope);
    throw new EvalError('Invalid traversal.');
  }
  const resolved = scope.resolve(flat.root, flat.steps, e.range);
  if (!resolved) throw new EvalError(`Unknown name "${flat.root}": not a variable, local, resource, data source or module in this scope.`);
  const rest = flat.steps.slice(resolved.consumed);
  const collector = scope.collector;
  // A part picked by known keys out of a value that carries all its references (`local.vpcs[each.key]`,
  // `local.ids[count.index]`) stands for the references it carries, not for the whole value's.
  const narrow = collector !== undefined && resolved.refs !== undefined && rest.length > 0 && rest.every((s) => s.kind === 'attr' || !(s.key instanceof Unknown)) && refsAreCarried(resolved.refs, resolved.value);
  if (collector) {
    if (resolved.refs && !narrow) collector.addAll(resolved.refs);
    if (resolved.origins) collector.addOrigins(resolved.origins);
  }
  let value = resolved.value;
  try {
    for (const step of rest) {
      value = step.kind === 'attr' ? getAttr(value, step.name, scope) : getIndex(value, step.key, scope);
    }
  } catch (err) {
    if (narrow) collector!.addAll(resolved.refs!);
    throw err;
  }
  if (collector && narrow) collector.addAll(narrowedRefs(resolved.refs!, value));
  // `each.value`, a `for` or dynamic-block iterator: the element's own references, if they reach the result.
  else if (collector && resolved.binding) collector.addProvisional(carriedRefs(value));
  return value;
}

export function getAttr(obj: Value, name: string, scope?: Scope): Value {
  if (obj instanceof Unknown) {
    const ref = obj.ref ? { address: obj.ref.address, attrPath: obj.ref.attrPath ? `${obj.ref.attrPath}.${name}` : name } : undefined;
    return new Unknown(`${obj.source}.${name}`, obj.reason, ref);
  }
  if (isObject(obj)) {
    const address = (obj as TaggedObject)[RESOURCE_ADDRESS];
    if (address !== undefined) {
      const inner = (obj as TaggedObject)[RESOURCE_PATH];
      const attrPath = inner ? `${inner}.${name}` : name;
      scope?.collector?.add({ address, attrPath });
      // Not set (or null) in the configuration: the provider computes it or applies a default.
      if (!Object.hasOwn(obj, name) || obj[name] === null) {
        const reason = /(^|\.)data\./.test(address) ? 'data source result, read during plan' : 'known after apply';
        return new Unknown(`${address}.${attrPath}`, reason, { address, attrPath });
      }
    }
    if (!Object.prototype.hasOwnProperty.call(obj, name)) throw new EvalError(`This object has no attribute "${name}".`);
    return obj[name];
  }
  if (Array.isArray(obj)) throw new EvalError(`Cannot read attribute "${name}" of a list: use an index or a splat ([*]).`);
  throw new EvalError(`Cannot read attribute "${name}" of a ${typeName(obj)} value.`);
}

export function getIndex(obj: Value, key: Value, scope?: Scope): Value {
  if (obj instanceof Unknown) return new Unknown(`${obj.source}[${key instanceof Unknown ? '?' : JSON.stringify(key)}]`, obj.reason);
  if (key instanceof Unknown) {
    return new Unknown(`${describeCollection(obj)}[${key.source}]`, `index not known statically: ${key.describe()}`);
  }
  if (Array.isArray(obj)) {
    const n = typeof key === 'number' ? key : Number(key);
    if (!Number.isInteger(n)) throw new EvalError(`A list index must be a whole number, got ${JSON.stringify(key)}.`);
    if (n < 0 || n >= obj.length) throw new EvalError(`Index ${n} is out of range for a list of ${obj.length} elements.`);
    return obj[n];
  }
  if (isObject(obj)) return getAttr(obj, toStringValue(key), scope);
  throw new EvalError(`Cannot index a ${typeName(obj)} value.`);
}

function describeCollection(obj: Value): string {
  if (isObject(obj)) {
    const address = (obj as TaggedObject)[RESOURCE_ADDRESS];
    if (address) return address;
  }
  return typeName(obj);
}

function evalSplat(e: Extract<Expr, { kind: 'splat' }>, scope: Scope): Value {
  const source = evaluate(e.source, scope);
  if (source instanceof Unknown) return new Unknown(`${source.source}[*]`, source.reason);
  if (source === null) return [];
  const items = Array.isArray(source) ? source : [source];
  return items.map((item) => evalSplatEach(e.each, item, scope));
}

/** Applies the splat's per-element traversal (expressed over a `splatItem` placeholder). */
function evalSplatEach(each: Expr, item: Value, scope: Scope): Value {
  if (each.kind === 'splatItem') return item;
  if (each.kind === 'getattr') return getAttr(evalSplatEach(each.obj, item, scope), each.name, scope);
  if (each.kind === 'index') return getIndex(evalSplatEach(each.obj, item, scope), evaluate(each.key, scope), scope);
  throw new EvalError('Invalid splat expression.');
}

// ------------------------------------------------------------------ templates

function evalTemplate(parts: TemplatePart[], scope: Scope, heredoc: boolean): Value {
  // "${x}" alone yields x itself, not its string form (HCL's template unwrapping).
  if (!heredoc && parts.length === 1 && parts[0].kind === 'interp') return evaluate(parts[0].expr, scope);
  return renderParts(parts, scope);
}

/**
 * Renders template parts. An unknown interpolation makes the result unknown, but the Unknown names
 * the whole template with the unknown parts in `${...}` (`arn:aws:s3:::${aws_s3_bucket.b.id}/*`), so a
 * rule still sees the known text around it; it keeps the first unknown's resource reference.
 */
function renderParts(parts: TemplatePart[], scope: Scope): Value {
  let text = '';
  let firstUnknown: Unknown | undefined;
  const pieces: Array<string | Unknown> = [];
  for (const part of parts) {
    let piece: Value;
    switch (part.kind) {
      case 'lit':
        piece = part.value;
        break;
      case 'interp': {
        const v = evaluate(part.expr, scope);
        if (v instanceof Unknown) {
          firstUnknown ??= v;
          pieces.push(v);
          text += `\${${v.source}}`;
          continue;
        }
        if (v === null) throw new EvalError('Cannot include a null value in a string template.');
        piece = toStringValue(v);
        break;
      }
      case 'if': {
        const c = evaluate(part.cond, scope);
        if (c instanceof Unknown) return new Unknown('a string template', `depends on ${c.describe()}`);
        piece = renderParts(asBool(c, 'template condition') ? part.then : part.else, scope);
        break;
      }
      case 'for': {
        const coll = evaluate(part.collection, scope);
        if (coll instanceof Unknown) return new Unknown('a string template', `depends on ${coll.describe()}`);
        let acc = '';
        for (const [k, v] of entriesOf(coll)) {
          const bindings: Record<string, Value> = { [part.valVar]: v };
          if (part.keyVar) bindings[part.keyVar] = k;
          const r = renderParts(part.body, new BindingScope(scope, bindings));
          if (r instanceof Unknown) return r;
          acc += r as string;
        }
        piece = acc;
        break;
      }
    }
    if (piece instanceof Unknown) return piece;
    text += piece as string;
    pieces.push(piece as string);
  }
  if (firstUnknown) {
    // A template that is only the unknown value is that value (keeps its exact source).
    if (pieces.length === 1) return firstUnknown;
    // Short one-line templates name themselves; long ones (heredoc policies) name the unknown part.
    const source = text.length <= 160 && !text.includes('\n') ? text : firstUnknown.source;
    return new Unknown(source, firstUnknown.reason, firstUnknown.ref, undefined, pieces);
  }
  return text;
}

// ------------------------------------------------------------------ collections

function evalObject(e: Extract<Expr, { kind: 'object' }>, scope: Scope): Value {
  const out: ValueObject = {};
  for (const item of e.items) {
    const key = item.bareKey ? (item.key as { value: string }).value : evaluate(item.key, scope);
    if (key instanceof Unknown) return new Unknown('an object', `key not known statically: ${key.describe()}`);
    if (key === null) throw new EvalError('An object key cannot be null.');
    setOwn(out, toStringValue(key), evaluate(item.value, scope));
  }
  return out;
}

/** Iteration pairs of a list (index, element), map (key, value) or set. */
export function entriesOf(coll: Value): Array<[Value, Value]> {
  if (Array.isArray(coll)) return coll.map((v, i) => [i, v]);
  if (isObject(coll)) return Object.keys(coll).map((k) => [k, coll[k]]);
  if (coll === null) throw new EvalError('Cannot iterate over a null value.');
  throw new EvalError(`Cannot iterate over a ${typeName(coll)} value.`);
}

/** Sets an own property, also for the key "__proto__" (a plain assignment would replace the prototype). */
function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function evalFor(e: Extract<Expr, { kind: 'for' }>, scope: Scope): Value {
  const coll = evaluate(e.collection, scope);
  if (coll instanceof Unknown) return new Unknown(`for expression over ${coll.source}`, coll.reason);
  const listOut: Value[] = [];
  const objOut: ValueObject = {};
  const groups: Record<string, Value[]> = {};
  for (const [k, v] of entriesOf(coll)) {
    const bindings: Record<string, Value> = { [e.valVar]: v };
    if (e.keyVar) bindings[e.keyVar] = k;
    const inner = new BindingScope(scope, bindings);
    if (e.cond) {
      const c = evaluate(e.cond, inner);
      if (c instanceof Unknown) return new Unknown('for expression', `filter depends on ${c.describe()}`);
      if (!asBool(c, 'for expression condition')) continue;
    }
    if (!e.object) {
      listOut.push(evaluate(e.valueExpr, inner));
      continue;
    }
    const key = evaluate(e.keyExpr!, inner);
    if (key instanceof Unknown) return new Unknown('for expression', `key depends on ${key.describe()}`);
    const keyStr = toStringValue(key);
    const value = evaluate(e.valueExpr, inner);
    // Own keys only: "constructor" or "__proto__" are ordinary keys here, never Object.prototype's.
    if (e.grouping) {
      if (Object.hasOwn(groups, keyStr)) groups[keyStr].push(value);
      else setOwn(groups, keyStr, [value]);
    } else if (Object.hasOwn(objOut, keyStr)) throw new EvalError(`Duplicate key "${keyStr}" in a for expression: add "..." to group values.`);
    else setOwn(objOut, keyStr, value);
  }
  if (!e.object) return listOut;
  return e.grouping ? groups : objOut;
}

// ------------------------------------------------------------------ calls

function evalCall(e: Extract<Expr, { kind: 'call' }>, scope: Scope): Value {
  const name = e.name.startsWith('provider::') ? e.name : e.name.replace(/^core::/, '');
  if (name === 'try') return evalTry(e.args, scope);
  if (name === 'can') return evalCan(e.args, scope);
  const extra = scope.functions.extraFunctions;
  const fn = extra && Object.prototype.hasOwnProperty.call(extra, name) ? extra[name] : FUNCTIONS[name];
  if (!fn) {
    // Provider-defined and future functions: their result is unknown, never an error that hides the resource.
    if (name.includes('::')) return new Unknown(`${name}(...)`, 'provider function, not evaluated');
    throw new EvalError(`Call to unknown function "${name}".`);
  }
  let args = e.args.map((a) => evaluate(a, scope));
  if (e.expandFinal && args.length > 0) {
    const last = args[args.length - 1];
    if (last instanceof Unknown) return new Unknown(`${name}(...)`, `arguments depend on ${last.describe()}`);
    if (!Array.isArray(last)) throw new EvalError(`${name}: the argument expanded with "..." must be a list.`);
    args = [...args.slice(0, -1), ...last];
  }
  return fn(args, scope.functions);
}

function evalTry(args: Expr[], scope: Scope): Value {
  if (args.length === 0) throw new EvalError('try: needs at least one argument.');
  for (const arg of args) {
    try {
      const v = evaluate(arg, scope);
      // An unknown first choice makes the whole result unknown: it might have failed after apply.
      if (v instanceof Unknown) return v;
      return v;
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
    }
  }
  throw new EvalError('try: no argument could be evaluated without an error.');
}

function evalCan(args: Expr[], scope: Scope): Value {
  if (args.length !== 1) throw new EvalError('can: needs exactly one argument.');
  try {
    const v = evaluate(args[0], scope);
    const u = findUnknown(v);
    if (u) return new Unknown('can(...)', `depends on ${u.describe()}`);
    return true;
  } catch (err) {
    if (!(err instanceof EvalError)) throw err;
    return false;
  }
}

// ------------------------------------------------------------------ operators

function asBool(v: Value, what: string): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  // Values are not quoted in messages: a string may be a secret.
  throw new EvalError(`The ${what} must be a bool, got ${typeName(v)}.`);
}

function asNumber(v: Value, op: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !isNaN(Number(v))) return Number(v);
  throw new EvalError(`Operator "${op}" needs numbers, got ${typeName(v)}.`);
}

function evalUnary(op: '!' | '-', v: Value): Value {
  if (v instanceof Unknown) return new Unknown(`${op}${v.source}`, v.reason);
  if (op === '!') return !asBool(v, 'operand of "!"');
  return -asNumber(v, '-');
}

function evalBinary(op: Extract<Expr, { kind: 'binary' }>['op'], leftE: Expr, rightE: Expr, scope: Scope): Value {
  const left = evaluate(leftE, scope);
  // Logical operators short-circuit on a known deciding operand, even when the other is unknown.
  if (op === '&&' || op === '||') {
    const decisive = op === '||';
    if (!(left instanceof Unknown) && asBool(left, `left operand of "${op}"`) === decisive) return decisive;
    const right = evaluate(rightE, scope);
    if (!(right instanceof Unknown) && asBool(right, `right operand of "${op}"`) === decisive) return decisive;
    if (left instanceof Unknown) return new Unknown(`${left.source} ${op} ...`, left.reason);
    if (right instanceof Unknown) return new Unknown(`... ${op} ${right.source}`, right.reason);
    return !decisive;
  }
  const right = evaluate(rightE, scope);
  if (op === '==' || op === '!=') {
    const u = left instanceof Unknown ? left : right instanceof Unknown ? right : findUnknown(left) ?? findUnknown(right);
    if (u) return new Unknown(`comparison with ${u.source}`, u.reason);
    const eq = valuesEqual(left, right);
    return op === '==' ? eq : !eq;
  }
  if (left instanceof Unknown) return new Unknown(`${left.source} ${op} ...`, left.reason);
  if (right instanceof Unknown) return new Unknown(`... ${op} ${right.source}`, right.reason);
  const a = asNumber(left, op);
  const b = asNumber(right, op);
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new EvalError('Division by zero.');
      return a / b;
    case '%':
      if (b === 0) throw new EvalError('Modulo by zero.');
      return a % b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '>=':
      return a >= b;
  }
  throw new EvalError(`Unsupported operator "${op}".`);
}

function evalConditional(e: Extract<Expr, { kind: 'conditional' }>, scope: Scope): Value {
  const cond = evaluate(e.cond, scope);
  if (cond instanceof Unknown) {
    // Both branches are evaluated for their references; equal known results are still known.
    const a = evaluate(e.then, scope);
    const b = evaluate(e.else, scope);
    if (!findUnknown(a) && !findUnknown(b) && valuesEqual(a, b)) return a;
    return new Unknown(`condition ${cond.source}`, cond.reason);
  }
  return asBool(cond, 'condition') ? evaluate(e.then, scope) : evaluate(e.else, scope);
}
