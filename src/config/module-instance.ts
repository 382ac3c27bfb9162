/**
 * One instance of a module (the root, or a `module` call with its count/for_each key): the scope in
 * which its variables, locals, resources, data sources, outputs and child modules are resolved.
 * Everything is evaluated lazily and once, through cells, so references can point anywhere.
 */
import * as path from 'node:path';
import { Attribute, Block, Range } from '../hcl/ast';
import { evaluate } from '../eval/evaluate';
import { FunctionContext } from '../eval/functions';
import { BindingScope, CollectingScope, Ref, RefCollector, Resolution, Scope, TraversalStep } from '../eval/scope';
import { EvalError, RESOURCE_ADDRESS, RESOURCE_PATH, TaggedObject, Unknown, Value, ValueObject, isObject } from '../eval/value';
import { AttributeEdge, BodyResult, evaluateBody, evaluateTracked } from './body-eval';
import { Cell, CellResult } from './cell';
import { Expansion, SINGLE, addressSuffix, expandCount, expandForEach } from './expand';
import type { Evaluation } from './evaluation';
import { ModuleCallResolution, ModuleSourceDir } from './module-tree';
import { renderDataSource } from './data-sources';
import { safeConvert } from './type-constraint';

export interface ResourceDecl {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  block: Block;
}

/** The evaluated result of one resource instance (or of a resource whose instances are not known). */
export interface InstanceResult {
  address: string;
  resourceAddress: string;
  key?: string | number;
  /** false when count/for_each could not be evaluated: this one result stands for all instances. */
  keysKnown: boolean;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  modulePath: string;
  range: Range;
  attrs: ValueObject;
  locations: Map<string, Range>;
  edges: AttributeEdge[];
  origins: Map<string, string[]>;
}

export interface ModuleCallResult {
  address: string;
  name: string;
  modulePath: string;
  source: string;
  range: Range;
  resolved: boolean;
  unresolvedReason?: string;
  attrs: ValueObject;
  locations: Map<string, Range>;
  edges: AttributeEdge[];
  origins: Map<string, string[]>;
}

interface ModuleCallInfo {
  block: Block;
  cell: Cell;
  instances?: ModuleInstance[];
  expansion?: Expansion;
  resolution?: ModuleCallResolution;
  meta?: BodyResult;
  result?: ModuleCallResult;
}

const SCOPE_ROOTS = new Set(['var', 'local', 'module', 'data', 'path', 'terraform', 'count', 'each', 'self']);

function declaredType(block: Block): string | undefined {
  const t = block.body.attributes.find((a) => a.name === 'type');
  if (!t) return undefined;
  if (t.expr.kind === 'var') return t.expr.name;
  return 'complex';
}

/** A reference to something this configuration does not declare. */
class UndeclaredReference extends EvalError {
  constructor(
    message: string,
    readonly source: string,
    readonly consumed: number,
  ) {
    super(message);
  }
}

export class ModuleInstance implements Scope {
  readonly collector = undefined;
  readonly variables = new Map<string, Block>();
  readonly locals = new Map<string, Attribute>();
  readonly outputs = new Map<string, Block>();
  readonly resources = new Map<string, ResourceDecl>();
  readonly moduleCalls = new Map<string, ModuleCallInfo>();
  private readonly cells = new Map<string, Cell>();
  readonly resourceResults = new Map<string, InstanceResult[]>();
  private readonly taggedCache = new WeakMap<InstanceResult, TaggedObject>();
  readonly functions: FunctionContext;

  constructor(
    readonly evaluation: Evaluation,
    /** '' for the root, else `module.net` / `module.net[0].module.subnets`. */
    readonly address: string,
    /** Call-name chain as in modules.json (`net.subnets`); '' for the root. */
    readonly callKey: string,
    readonly source: ModuleSourceDir | undefined,
    /** For child modules: the caller's scope and call block, with count/each bindings. */
    readonly caller?: { scope: Scope; block: Block; unresolvedReason?: string },
  ) {
    // Relative paths in file() and friends resolve against the root module's directory, as in Terraform.
    this.functions = evaluation.functionContext(evaluation.rootDir);
    for (const file of source?.files ?? []) {
      for (const block of file.body.blocks) this.declare(block);
    }
  }

  private declare(block: Block): void {
    const [a, b] = block.labels;
    switch (block.type) {
      case 'variable':
        if (a) this.variables.set(a, block);
        break;
      case 'locals':
        for (const attr of block.body.attributes) this.locals.set(attr.name, attr);
        break;
      case 'output':
        if (a) this.outputs.set(a, block);
        break;
      case 'resource':
      case 'data':
        if (a && b) {
          const mode = block.type === 'resource' ? 'managed' : 'data';
          const key = mode === 'managed' ? `${a}.${b}` : `data.${a}.${b}`;
          if (this.resources.has(key)) this.evaluation.error(block.range, `Duplicate ${block.type} "${a}" "${b}": each must have a unique name in its module.`);
          else this.resources.set(key, { mode, type: a, name: b, block });
        }
        break;
      case 'module':
        if (a) this.moduleCalls.set(a, { block, cell: new Cell(`${this.prefix}module.${a}`, () => this.computeModuleCall(a)) });
        break;
      default:
        break;
    }
  }

  /** Address prefix for things declared in this module: '' or `module.net.`. */
  get prefix(): string {
    return this.address ? `${this.address}.` : '';
  }

  get dir(): string {
    return this.source?.dir ?? this.evaluation.rootDir;
  }

  // ------------------------------------------------------------------ name resolution

  resolve(root: string, steps: TraversalStep[], at?: Range): Resolution | undefined {
    try {
      return this.resolveName(root, steps);
    } catch (err) {
      if (!(err instanceof UndeclaredReference)) throw err;
      // Terraform rejects the configuration, but a single file scanned alone often names things
      // declared elsewhere: the value is unknown there, and the rest of the expression still counts.
      if (at) this.evaluation.warning(at, err.message);
      // Resources keep a ref to their address, so a rule can still judge by the referenced type.
      const isResource = !['var', 'local', 'module'].includes(root);
      const ref = isResource ? { address: this.prefix + err.source, attrPath: '' } : undefined;
      return { value: new Unknown(err.source, 'not declared in the scanned configuration', ref), consumed: err.consumed };
    }
  }

  private resolveName(root: string, steps: TraversalStep[]): Resolution | undefined {
    const first = steps[0];
    const firstName = first?.kind === 'attr' ? first.name : undefined;
    switch (root) {
      case 'var':
        if (!firstName) throw new EvalError('"var" must be followed by a variable name.');
        return this.resolveVariable(firstName);
      case 'local':
        if (!firstName) throw new EvalError('"local" must be followed by a local value name.');
        return this.resolveLocal(firstName);
      case 'module':
        if (!firstName) throw new EvalError('"module" must be followed by a module call name.');
        return this.resolveModule(firstName, steps);
      case 'data': {
        const second = steps[1];
        if (!firstName || second?.kind !== 'attr') throw new EvalError('A data source reference needs the form data.TYPE.NAME.');
        return this.resolveResource(`data.${firstName}.${second.name}`, steps, 2);
      }
      case 'path':
        return this.resolvePath(firstName);
      case 'terraform':
        if (firstName === 'workspace') return { value: 'default', consumed: 1 };
        throw new EvalError(`Unsupported attribute terraform.${firstName ?? ''}.`);
      case 'count':
      case 'each':
      case 'self':
        throw new EvalError(`"${root}" can only be used inside a resource or module block that sets ${root === 'self' ? 'a provisioner' : root === 'count' ? 'count' : 'for_each'}.`);
      default:
        if (!firstName) return undefined;
        return this.resolveResource(`${root}.${firstName}`, steps, 1);
    }
  }

  private resolvePath(name: string | undefined): Resolution {
    // Like Terraform, which runs in the root module's directory: paths are relative to it.
    const rel = (p: string) => path.relative(this.evaluation.rootDir, p).split(path.sep).join('/') || '.';
    if (name === 'module') return { value: rel(this.dir), consumed: 1 };
    if (name === 'root') return { value: '.', consumed: 1 };
    if (name === 'cwd') return { value: this.evaluation.rootDir, consumed: 1 };
    throw new EvalError(`Unsupported attribute path.${name ?? ''}: use path.module, path.root or path.cwd.`);
  }

  private cell(key: string, label: string, compute: () => CellResult): Cell {
    let c = this.cells.get(key);
    if (!c) {
      c = new Cell(label, compute);
      this.cells.set(key, c);
    }
    return c;
  }

  private readCell(c: Cell, onCycle: (cycle: Cell[]) => CellResult): CellResult {
    return c.get(this.evaluation.stack, onCycle);
  }

  private namedCycle(kind: string, range: Range) {
    return (cycle: Cell[]): CellResult => {
      const names = [...cycle.map((c) => c.label), cycle[0]?.label].join(' → ');
      this.evaluation.error(range, `Cycle between ${kind}: ${names}. Break the cycle; these values are treated as unknown.`);
      return { value: new Unknown(cycle[0]?.label ?? kind, `part of a cycle: ${names}`), refs: [], origins: [] };
    };
  }

  private resolveVariable(name: string): Resolution {
    const decl = this.variables.get(name);
    if (!decl && !this.caller) {
      // No variable block, but a value was given (--var, a tfvars file, Terragrunt inputs): use it as given.
      const given = this.evaluation.variables.getUndeclared(name);
      if (given) {
        this.evaluation.undeclaredUsed.add(name);
        return { value: given.value, consumed: 1, origins: [`var.${name} (set in ${given.origin}; no variable block declares it)`] };
      }
    }
    if (!decl) throw new UndeclaredReference(`Reference to undeclared input variable "${name}": declare it with a variable "${name}" block.`, `var.${name}`, 1);
    const label = `${this.prefix}var.${name}`;
    const c = this.cell(`var.${name}`, label, () => this.typedVariable(name, decl));
    const r = this.readCell(c, this.namedCycle('variables', decl.range));
    return { value: r.value, consumed: 1, refs: r.refs, origins: r.origins };
  }

  /** The variable's value converted to its declared type (optional attributes filled in). */
  private typedVariable(name: string, decl: Block): CellResult {
    const raw = this.computeVariable(name, decl);
    const type = decl.body.attributes.find((a) => a.name === 'type');
    if (!type) return raw;
    const constants: Scope = { functions: this.functions, collector: undefined, resolve: () => undefined };
    const value = safeConvert(raw.value, type.expr, constants, (m) => this.evaluation.error(type.range, m));
    return { ...raw, value };
  }

  private computeVariable(name: string, decl: Block): CellResult {
    const shown = `var.${name}`;
    const declLine = `${this.evaluation.displayPath(decl.range.file)}:${decl.range.start.line}`;
    const defaultAttr = decl.body.attributes.find((a) => a.name === 'default');
    const nullableAttr = decl.body.attributes.find((a) => a.name === 'nullable');
    const nonNullable = nullableAttr?.expr.kind === 'literal' && nullableAttr.expr.value === false;
    const fromDefault = (): CellResult | undefined => {
      if (!defaultAttr) return undefined;
      const collector = new RefCollector();
      const value = this.safeEvaluate(defaultAttr.expr, new CollectingScope(this, collector), `${this.prefix}${shown}`);
      return { value, refs: collector.refs, origins: [`${shown} (default in ${declLine})`] };
    };
    if (!this.caller) {
      const setting = this.evaluation.variables.get(name, declaredType(decl));
      if (setting) return { value: setting.value, refs: [], origins: [`${shown} (set in ${setting.origin})`] };
      if (defaultAttr) return fromDefault()!;
      // Required: Terraform asks for a value, so whatever it is, it is there.
      const reason = `no value given: set it with --var ${name}=..., a .tfvars file or TF_VAR_${name}`;
      return { value: new Unknown(shown, reason, undefined, undefined, undefined, { variable: shown }), refs: [], origins: [`${shown} (no value)`] };
    }
    const arg = this.caller.block.body.attributes.find((a) => a.name === name);
    if (arg) {
      const collector = new RefCollector();
      let value = this.safeEvaluate(arg.expr, new CollectingScope(this.caller.scope, collector), `${this.prefix}${shown}`);
      // `vpc_id = each.value` of a module with for_each: what this instance's element names.
      collector.settle(value);
      if (!(value === null && nonNullable)) {
        const at = `${this.evaluation.displayPath(arg.range.file)}:${arg.range.start.line}`;
        if (value instanceof Unknown && !defaultAttr) {
          // A required input of the module: the caller must give it, so it is present whatever the value is.
          value = value.fromRequired({ variable: `${this.prefix}${shown}`, setBy: { call: this.address, from: value.requiredInput } });
        }
        return { value, refs: collector.refs, origins: [`${shown} (set by ${this.address} in ${at})`, ...collector.origins] };
      }
    }
    return fromDefault() ?? { value: new Unknown(`${this.prefix}${shown}`, `required input not set by ${this.address}`), refs: [], origins: [] };
  }

  private resolveLocal(name: string): Resolution {
    const attr = this.locals.get(name);
    if (!attr) throw new UndeclaredReference(`Reference to undeclared local value "${name}".`, `local.${name}`, 1);
    const c = this.cell(`local.${name}`, `${this.prefix}local.${name}`, () => {
      const collector = new RefCollector();
      const value = this.safeEvaluate(attr.expr, new CollectingScope(this, collector), `${this.prefix}local.${name}`);
      const at = `${this.evaluation.displayPath(attr.range.file)}:${attr.range.start.line}`;
      return { value, refs: collector.refs, origins: [`local.${name} (${at})`, ...collector.origins] };
    });
    const r = this.readCell(c, this.namedCycle('locals', attr.range));
    return { value: r.value, consumed: 1, refs: r.refs, origins: r.origins };
  }

  /** Evaluates an expression; an error is reported at its location and the value becomes Unknown. */
  safeEvaluate(expr: Attribute['expr'], scope: Scope, name: string): Value {
    try {
      return evaluate(expr, scope);
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      this.evaluation.error(expr.range, err.message);
      return new Unknown(name, `could not be evaluated: ${err.message}`);
    }
  }

  // ------------------------------------------------------------------ resources and data sources

  private resolveResource(key: string, steps: TraversalStep[], consumed: number): Resolution {
    const decl = this.resources.get(key);
    if (!decl) {
      if (SCOPE_ROOTS.has(key.split('.')[0])) throw new UndeclaredReference(`Reference to undeclared ${key}.`, key, consumed);
      throw new UndeclaredReference(`Reference to undeclared resource "${key}": no resource block with that type and name in this module.`, key, consumed);
    }
    const resourceAddress = this.prefix + key;
    const instances = this.evaluateResource(key);
    const value = this.resourceValue(decl, resourceAddress, instances);
    // The reference names the instance when an index follows and instances are known.
    let address = resourceAddress;
    let rest = steps.slice(consumed);
    const next = rest[0];
    const expanded = decl.block.body.attributes.some((a) => a.name === 'count' || a.name === 'for_each');
    if (expanded && next?.kind === 'index') {
      const k = next.key;
      const known = instances !== 'evaluating' && instances.length > 0 && instances[0].keysKnown;
      if (known && (typeof k === 'number' || typeof k === 'string')) {
        const numeric = typeof instances[0].key === 'number';
        address = resourceAddress + addressSuffix(numeric && typeof k === 'string' && /^\d+$/.test(k) ? Number(k) : k);
      }
      rest = rest.slice(1);
    }
    return { value, consumed, refs: [{ address, attrPath: staticPath(rest) }] };
  }

  /** Evaluates (once) every instance of a resource; 'evaluating' while it is in progress. */
  evaluateResource(key: string): InstanceResult[] | 'evaluating' {
    const decl = this.resources.get(key)!;
    const c = this.cell(`res.${key}`, this.prefix + key, () => {
      const results = this.computeInstances(decl, key);
      this.resourceResults.set(key, results);
      return { value: null, refs: [], origins: [] };
    });
    let cyclic = false;
    this.readCell(c, () => {
      cyclic = true;
      return { value: null, refs: [], origins: [] };
    });
    if (cyclic) return 'evaluating';
    return this.resourceResults.get(key) ?? [];
  }

  private resourceValue(decl: ResourceDecl, resourceAddress: string, instances: InstanceResult[] | 'evaluating'): Value {
    if (instances === 'evaluating') {
      // Referenced while being evaluated (e.g. two security groups naming each other): only computed values.
      const placeholder: TaggedObject = {};
      placeholder[RESOURCE_ADDRESS] = resourceAddress;
      return placeholder;
    }
    const countLike = decl.block.body.attributes.find((a) => a.name === 'count' || a.name === 'for_each');
    const tag = (r: InstanceResult): TaggedObject => {
      let tagged = this.taggedCache.get(r);
      if (!tagged) {
        tagged = tagInstance(r.attrs, r.address, '');
        this.taggedCache.set(r, tagged);
      }
      return tagged;
    };
    if (!countLike) return instances[0] ? tag(instances[0]) : null;
    if (instances.length > 0 && !instances[0].keysKnown) {
      return new Unknown(resourceAddress, `its ${countLike.name} is not known statically`);
    }
    if (countLike.name === 'count') return instances.map(tag);
    const out: ValueObject = {};
    for (const r of instances) out[String(r.key)] = tag(r);
    return out;
  }

  private expansionFor(block: Block, scope: Scope, result: BodyResult, address: string): Expansion {
    const countAttr = block.body.attributes.find((a) => a.name === 'count');
    const forEachAttr = block.body.attributes.find((a) => a.name === 'for_each');
    const options = { address, onError: (r: Range, m: string) => this.evaluation.error(r, m) };
    try {
      if (countAttr) {
        result.locations.set('count', countAttr.range);
        return expandCount(evaluateTracked(countAttr.expr, scope, 'count', result, options));
      }
      if (forEachAttr) {
        result.locations.set('for_each', forEachAttr.range);
        return expandForEach(evaluateTracked(forEachAttr.expr, scope, 'for_each', result, options));
      }
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      const attr = (countAttr ?? forEachAttr)!;
      this.evaluation.error(attr.range, err.message);
      const reason = new Unknown(`${address}.${attr.name}`, `could not be evaluated: ${err.message}`);
      return attr.name === 'count' ? { ...expandCount(reason) } : { ...expandForEach(reason) };
    }
    return SINGLE;
  }

  private computeInstances(decl: ResourceDecl, key: string): InstanceResult[] {
    const resourceAddress = this.prefix + key;
    const meta: BodyResult = { attrs: {}, locations: new Map(), edges: [], origins: new Map() };
    const expansion = this.expansionFor(decl.block, this, meta, resourceAddress);
    const keys = expansion.known
      ? expansion.instances
      : [{ suffix: '', key: undefined, bindings: expansion.bindings }];
    // With unknown count/for_each the resource may have no instances at all, in which case Terraform
    // never evaluates its body: errors there are only warnings.
    const onError = expansion.known
      ? (r: Range, m: string) => this.evaluation.error(r, m)
      : (r: Range, m: string) => this.evaluation.warning(r, `${m} (${resourceAddress} has an unknown ${expansion.kind}; this may not apply)`);
    return keys.map((k) => {
      const address = resourceAddress + k.suffix;
      const scope = Object.keys(k.bindings).length > 0 ? new BindingScope(this, k.bindings) : this;
      const body = evaluateBody(decl.block.body, scope, { address, onError });
      if (decl.mode === 'data') Object.assign(body.attrs, renderDataSource(decl.type, body.attrs, address));
      for (const [p, r] of meta.locations) body.locations.set(p, r);
      body.edges.push(...meta.edges);
      return {
        address,
        resourceAddress,
        key: k.key,
        keysKnown: expansion.known,
        mode: decl.mode,
        type: decl.type,
        name: decl.name,
        modulePath: this.address,
        range: decl.block.range,
        attrs: body.attrs,
        locations: body.locations,
        edges: body.edges,
        origins: body.origins,
      };
    });
  }

  // ------------------------------------------------------------------ module calls

  private resolveModule(name: string, steps: TraversalStep[]): Resolution {
    const call = this.moduleCalls.get(name);
    if (!call) throw new UndeclaredReference(`Reference to undeclared module "${name}": no module "${name}" block in this module.`, `module.${name}`, 1);
    this.readCell(call.cell, this.namedCycle('module calls', call.block.range));
    const instances = call.instances ?? [];
    const callAddress = `${this.prefix}module.${name}`;
    if (instances.length > 0 && !instances[0].source) {
      // A module whose code is not on disk: everything read from it is unknown, with the reason.
      const reason = instances[0].caller?.unresolvedReason ?? 'module source not available';
      const second = steps[1];
      if (second?.kind === 'attr' && call.expansion?.kind === 'single') {
        return { value: new Unknown(`${callAddress}.${second.name}`, reason), consumed: 2, refs: [{ address: callAddress, attrPath: second.name }] };
      }
      return { value: new Unknown(callAddress, reason), consumed: 1, refs: [{ address: callAddress, attrPath: '' }] };
    }
    const second = steps[1];
    const single = call.expansion?.known && call.expansion.kind === 'single';
    if (single && second?.kind === 'attr') {
      const out = instances[0].output(second.name);
      return { value: out.value, consumed: 2, refs: [{ address: callAddress, attrPath: second.name }, ...out.refs], origins: out.origins };
    }
    // The whole module object (or a counted module): every output is read.
    const refs: Ref[] = [{ address: callAddress, attrPath: '' }];
    const origins: string[] = [];
    const objectOf = (inst: ModuleInstance): ValueObject => {
      const obj: ValueObject = {};
      for (const outName of inst.outputNames()) {
        const out = inst.output(outName);
        obj[outName] = out.value;
        refs.push(...out.refs);
        origins.push(...out.origins);
      }
      return obj;
    };
    let value: Value;
    if (!call.expansion || !call.expansion.known) {
      value = new Unknown(callAddress, call.expansion && !call.expansion.known ? `its ${call.expansion.kind} is not known statically` : 'module could not be evaluated');
      if (single === undefined && instances[0]) objectOf(instances[0]);
    } else if (call.expansion.kind === 'single') {
      value = objectOf(instances[0]);
    } else if (call.expansion.kind === 'count') {
      value = instances.map(objectOf);
    } else {
      const obj: ValueObject = {};
      call.expansion.instances.forEach((k, i) => {
        obj[String(k.key)] = objectOf(instances[i]);
      });
      value = obj;
    }
    return { value, consumed: 1, refs, origins };
  }

  outputNames(): string[] {
    if (!this.source) return [];
    return [...this.outputs.keys()];
  }

  output(name: string): CellResult {
    if (!this.source) {
      const reason = this.caller?.unresolvedReason ?? 'module source not available';
      return { value: new Unknown(`${this.address}.${name}`, reason), refs: [], origins: [] };
    }
    const block = this.outputs.get(name);
    if (!block) throw new EvalError(`Module ${this.address} has no output "${name}".`);
    const valueAttr = block.body.attributes.find((a) => a.name === 'value');
    const c = this.cell(`output.${name}`, `${this.address}.${name}`, () => {
      if (!valueAttr) return { value: null, refs: [], origins: [] };
      const collector = new RefCollector();
      const value = this.safeEvaluate(valueAttr.expr, new CollectingScope(this, collector), `${this.address}.${name}`);
      return { value, refs: collector.refs, origins: collector.origins };
    });
    return this.readCell(c, this.namedCycle('module outputs', block.range));
  }

  /** Expands a module call into child instances and evaluates its arguments (for the graph node). */
  private computeModuleCall(name: string): CellResult {
    const call = this.moduleCalls.get(name)!;
    const callKey = this.callKey ? `${this.callKey}.${name}` : name;
    const address = `${this.prefix}module.${name}`;
    const resolution = this.evaluation.tree.calls.get(callKey);
    const meta: BodyResult = { attrs: {}, locations: new Map(), edges: [], origins: new Map() };
    const expansion = this.expansionFor(call.block, this, meta, address);
    call.expansion = expansion;
    const keys = expansion.known ? expansion.instances : [{ suffix: '', key: undefined, bindings: expansion.bindings }];
    call.instances = keys.map((k) => {
      const scope = Object.keys(k.bindings).length > 0 ? new BindingScope(this, k.bindings) : this;
      const child = new ModuleInstance(this.evaluation, address + k.suffix, callKey, resolution?.module, {
        scope,
        block: call.block,
        unresolvedReason: resolution?.unresolvedReason,
      });
      this.evaluation.registerModule(child);
      return child;
    });
    call.resolution = resolution;
    call.meta = meta;
    return { value: null, refs: [], origins: [] };
  }

  /** Forces evaluation of everything this module declares (used when building the whole graph). */
  evaluateAll(): void {
    for (const key of this.resources.keys()) this.evaluateResource(key);
    for (const call of this.moduleCalls.values()) this.readCell(call.cell, this.namedCycle('module calls', call.block.range));
    for (const name of this.locals.keys()) {
      try {
        this.resolveLocal(name);
      } catch (err) {
        if (!(err instanceof EvalError)) throw err;
      }
    }
  }

  /**
   * The module calls with their evaluated arguments (for the graph's module nodes). Evaluated apart
   * from the expansion cell: two modules may pass each other's outputs, which is not a cycle.
   */
  moduleCallResults(): ModuleCallResult[] {
    const out: ModuleCallResult[] = [];
    for (const [name, call] of this.moduleCalls) {
      if (!call.result && call.expansion) call.result = this.moduleCallResult(name, call);
      if (call.result) out.push(call.result);
    }
    return out;
  }

  private moduleCallResult(name: string, call: ModuleCallInfo): ModuleCallResult {
    const address = `${this.prefix}module.${name}`;
    // One node stands for every instance: count.index / each are unknown in its arguments.
    const expansion = call.expansion;
    const argScope = expansion && expansion.kind !== 'single' ? new BindingScope(this, unknownBindings(expansion.kind)) : this;
    const args = evaluateBody(call.block.body, argScope, { address, onError: (r, m) => this.evaluation.error(r, m), skipAttributes: MODULE_META });
    const meta = call.meta!;
    return {
      address,
      name,
      modulePath: this.address,
      source: call.resolution?.source ?? '',
      range: call.block.range,
      resolved: !!call.resolution?.module,
      unresolvedReason: call.resolution?.unresolvedReason,
      attrs: args.attrs,
      locations: new Map([...args.locations, ...meta.locations]),
      edges: [...args.edges, ...meta.edges],
      origins: args.origins,
    };
  }

  childInstances(): ModuleInstance[] {
    return [...this.moduleCalls.values()].flatMap((c) => c.instances ?? []);
  }
}

/**
 * A copy of an instance's attributes where the instance and each nested block object carry their
 * address, so reading an attribute the configuration leaves unset yields a named Unknown.
 */
function tagInstance(attrs: ValueObject, address: string, path: string): TaggedObject {
  const obj: TaggedObject = {};
  for (const [k, v] of Object.entries(attrs)) {
    obj[k] = Array.isArray(v) ? v.map((item, i) => (isObject(item) ? tagInstance(item, address, path ? `${path}.${k}.${i}` : `${k}.${i}`) : item)) : v;
  }
  obj[RESOURCE_ADDRESS] = address;
  if (path) obj[RESOURCE_PATH] = path;
  return obj;
}

/** Arguments of a module block that configure the call itself rather than set an input. */
const MODULE_META: ReadonlySet<string> = new Set(['source', 'version', 'providers']);

function unknownBindings(kind: 'count' | 'for_each'): Record<string, Value> {
  if (kind === 'count') return { count: { index: new Unknown('count.index', 'differs per instance') } };
  const u = new Unknown('each', 'differs per instance');
  return { each: { key: u, value: u } };
}

/** `["id"]`, `[attr ingress, index 0, attr cidr_blocks]` → `ingress.0.cidr_blocks`; stops at unknown keys. */
function staticPath(steps: TraversalStep[]): string {
  const parts: string[] = [];
  for (const s of steps) {
    if (s.kind === 'attr') parts.push(s.name);
    else if (typeof s.key === 'number' || typeof s.key === 'string') parts.push(String(s.key));
    else break;
  }
  return parts.join('.');
}
