import type { Range } from '../hcl/ast';
import type { FunctionContext } from './functions';
import { RESOURCE_ADDRESS, RESOURCE_PATH, TaggedObject, Unknown, Value, isObject } from './value';

/** A reference from the expression being evaluated to a resource instance (or module call). */
export interface Ref {
  /** Address of what is referenced: `aws_vpc.main`, `module.net.aws_subnet.private[0]`. */
  address: string;
  /** Attribute path read from it (`id`, `ingress.0.cidr_blocks`), or '' for the whole object. */
  attrPath: string;
}

/** Collects the references an evaluation touches, also through locals, variables and outputs. */
export class RefCollector {
  private readonly seen = new Set<string>();
  readonly refs: Ref[] = [];
  /** Named values the evaluation went through, with where each was set: `var.public (terraform.tfvars:3)`. */
  readonly origins: string[] = [];

  add(ref: Ref): void {
    const key = `${ref.address}\u0000${ref.attrPath}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.refs.push(ref);
  }

  addAll(refs: readonly Ref[]): void {
    for (const r of refs) this.add(r);
  }

  addOrigins(origins: readonly string[]): void {
    for (const o of origins) if (!this.origins.includes(o)) this.origins.push(o);
  }

  /** References read through a binding, kept only if the result still carries them (see `settle`). */
  private readonly provisional: Ref[] = [];

  addProvisional(refs: readonly Ref[]): void {
    this.provisional.push(...refs);
  }

  /**
   * Ends an evaluation whose result is `value`. A binding (`each.value`, `count.index`, a `for` or
   * dynamic-block iterator) stands for the references its element carries, per instance, but only
   * those that reach the result: `vpc_id = each.value` names its VPC, `name = lookup(each.value,
   * "name")` names nothing.
   */
  settle(value: Value): void {
    if (this.provisional.length === 0) return;
    const carried = new Set(carriedRefs(value).map((r) => `${r.address}\u0000${r.attrPath}`));
    for (const r of this.provisional) if (carried.has(`${r.address}\u0000${r.attrPath}`)) this.add(r);
    this.provisional.length = 0;
  }
}

export type TraversalStep = { kind: 'attr'; name: string } | { kind: 'index'; key: Value };

export interface Resolution {
  value: Value;
  /** How many of the given steps the resolution consumed (e.g. 1 for `var.x`, 2 for `data.t.n`). */
  consumed: number;
  /** References the resolved value stands for (e.g. what a local's expression referenced). */
  refs?: readonly Ref[];
  /** Where the value came from, outermost first (a local that read a variable lists both). */
  origins?: readonly string[];
  /** A local binding (`each`, `count`, a `for` or dynamic-block iterator): see `RefCollector.settle`. */
  binding?: boolean;
}

const carriedCache = new WeakMap<object, Ref[]>();

/**
 * The references a value carries in itself: Unknowns that are an attribute of a resource instance
 * (`aws_vpc.a.id`, also inside templates and `jsonencode` values) and whole resource objects. Values
 * that were computed from references (a length, an upper-cased name) carry none.
 */
export function carriedRefs(v: Value): Ref[] {
  if (v === null || typeof v !== 'object') return [];
  const hit = carriedCache.get(v);
  if (hit) return hit;
  const out: Ref[] = [];
  const seen = new Set<string>();
  const add = (r: Ref) => {
    const key = `${r.address}\u0000${r.attrPath}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(r);
    }
  };
  if (v instanceof Unknown) {
    if (v.ref) add(v.ref);
    if (v.encodedFrom !== undefined) carriedRefs(v.encodedFrom).forEach(add);
    for (const piece of v.template ?? []) if (piece instanceof Unknown) carriedRefs(piece).forEach(add);
  } else if (Array.isArray(v)) {
    for (const item of v) carriedRefs(item).forEach(add);
  } else if (isObject(v)) {
    const address = (v as TaggedObject)[RESOURCE_ADDRESS];
    // A resource instance (or one of its blocks) stands for itself: what it references is its own business.
    if (address !== undefined) add({ address, attrPath: (v as TaggedObject)[RESOURCE_PATH] ?? '' });
    else for (const key of Object.keys(v)) carriedRefs(v[key]).forEach(add);
  }
  carriedCache.set(v, out);
  return out;
}

/** `module.a[0].aws_subnet.x[1]` → `module.a[0].aws_subnet.x`. */
function resourceOf(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

/** A module call (`module.net`, `module.a[0].module.b`) rather than a resource. */
function isModuleCall(address: string): boolean {
  return /(^|\.)module\.[^.[\]]+(\[[^\]]*\])?$/.test(address);
}

/** Whether `carried` (a value's own references) accounts for `r`. */
function covers(carried: readonly Ref[], r: Ref): boolean {
  if (isModuleCall(r.address)) {
    // A module output read: accounted for when the value carries references into that module (or one of its instances).
    return carried.some((c) => c.address.startsWith(`${r.address}.`) || c.address.startsWith(`${r.address}[`));
  }
  if (carried.some((c) => c.address === r.address && c.attrPath === r.attrPath)) return true;
  // A whole resource (`aws_subnet.x` of `aws_subnet.x[*].id`): accounted for by its instances.
  return r.attrPath === '' && carried.some((c) => c.address === r.address || resourceOf(c.address) === r.address || resourceOf(c.address) === resourceOf(r.address));
}

/**
 * Whether every reference behind `whole` (a local's, a variable's, an output's references) is carried
 * by the value itself, so that the part a traversal selects (`local.vpcs["a"]`, `local.ids[0]`) stands
 * for exactly the references it carries (see `narrowedRefs`).
 */
export function refsAreCarried(refs: readonly Ref[], whole: Value): boolean {
  const carried = carriedRefs(whole);
  return carried.length > 0 && refs.every((r) => covers(carried, r));
}

/** The references of a selected part: the ones it carries, and the module outputs it was read through. */
export function narrowedRefs(refs: readonly Ref[], part: Value): Ref[] {
  const carried = carriedRefs(part);
  return [...refs.filter((r) => isModuleCall(r.address) && covers(carried, r)), ...carried];
}

/** Where names come from while evaluating an expression. */
export interface Scope {
  /**
   * Resolves `root` with the following traversal steps, or undefined when the name is unknown here.
   * `at` is where the reference is written, for warnings about it.
   */
  resolve(root: string, steps: TraversalStep[], at?: Range): Resolution | undefined;
  readonly functions: FunctionContext;
  readonly collector: RefCollector | undefined;
}

/** A scope that adds local bindings (for-expression variables, `count`, `each`, dynamic iterators). */
export class BindingScope implements Scope {
  constructor(
    private readonly parent: Scope,
    private readonly bindings: Record<string, Value>,
  ) {}

  get functions(): FunctionContext {
    return this.parent.functions;
  }

  get collector(): RefCollector | undefined {
    return this.parent.collector;
  }

  resolve(root: string, steps: TraversalStep[], at?: Range): Resolution | undefined {
    if (Object.prototype.hasOwnProperty.call(this.bindings, root)) return { value: this.bindings[root], consumed: 0, binding: true };
    return this.parent.resolve(root, steps, at);
  }
}

/** Same names as the parent, but references are collected into a different collector. */
export class CollectingScope implements Scope {
  constructor(
    private readonly parent: Scope,
    readonly collector: RefCollector,
  ) {}

  get functions(): FunctionContext {
    return this.parent.functions;
  }

  resolve(root: string, steps: TraversalStep[], at?: Range): Resolution | undefined {
    return this.parent.resolve(root, steps, at);
  }
}
