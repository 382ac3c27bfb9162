/**
 * Which resource each instance of a plan names, as the `.tf` source says when it is at hand.
 *
 * Plans record references per resource, not per instance: `aws_flow_log.x` with
 * `for_each = local.vpcs` and `vpc_id = each.value` records `each.value` (and `local.vpcs` for the
 * `for_each`), so every instance would reference every VPC of the map. Evaluating the source the way
 * an HCL scan does (with the plan's own variable values) gives each instance's own references; the
 * plan loader keeps the plan's candidates that the source names for that instance.
 */
import { Evaluation } from '../config/evaluation';
import { InstanceResult } from '../config/module-instance';
import { ModuleTree } from '../config/module-tree';
import { Ref } from '../eval/scope';
import { Value } from '../eval/value';

/** The references the source makes from `fromPath` (or below it) of the instance `address`; undefined when it cannot say. */
export type SourceReferences = (address: string, fromPath: string) => Ref[] | undefined;

export function sourceReferences(sourceRoot: string, tree: ModuleTree, cwd: string, variables: Record<string, Value>): SourceReferences {
  let index: Map<string, InstanceResult> | null | undefined;
  const build = (): Map<string, InstanceResult> | null => {
    if (tree.root.files.length === 0) return null;
    try {
      const evaluation = new Evaluation(sourceRoot, tree, { cwd, env: {}, values: { origin: 'the plan', values: variables } });
      evaluation.evaluateAll();
      const out = new Map<string, InstanceResult>();
      for (const mod of evaluation.modules) for (const results of mod.resourceResults.values()) for (const r of results) if (r.keysKnown) out.set(r.address, r);
      return out;
    } catch {
      // The source does not evaluate (it may not be the one the plan was made from): the plan alone decides.
      return null;
    }
  };
  return (address, fromPath) => {
    if (index === undefined) index = build();
    const r = index?.get(address);
    if (!r) return undefined;
    const refs = r.edges.filter((e) => e.fromPath === fromPath || e.fromPath.startsWith(`${fromPath}.`)).map((e) => e.ref);
    return refs.length > 0 ? refs : undefined;
  };
}
