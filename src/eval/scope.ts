import type { Range } from '../hcl/ast';
import type { FunctionContext } from './functions';
import { Value } from './value';

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
    if (Object.prototype.hasOwnProperty.call(this.bindings, root)) return { value: this.bindings[root], consumed: 0 };
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
