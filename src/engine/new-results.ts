/**
 * PR mode (--diff-base): which results the change made new. Only new failures fail the run and are
 * annotated; pre-existing ones stay in the report with `new: false`.
 *
 * A result about a resource is new when the change touched
 * - the resource's block (any line of it, or lines deleted inside it), or
 * - the lines the result points at (an attribute, or a policy document judged for the resource), or
 * - the block of a module call the resource's instance sits in (its arguments shape the resource), or
 * - a line its deciding value came from (a tfvars setting, a variable default, a local): otherwise a
 *   pull request that flips `encrypted = false` in terraform.tfvars would pass.
 *
 * A not-evidenced result (an existence claim nothing shows, about no resource) is new only when the
 * change deleted a block of a type the rule looks for, or when every root it covers is new since the
 * base. Existing gaps of an estate are not the pull request's doing and do not fail it.
 */
import { GraphNode, ResourceGraph, SourceLocation } from '../graph/model';
import { Finding } from '../report/findings';
import { ChangeSet } from './change-set';

/** `module.a["x"].module.b` → the addresses of its module call nodes: `module.a`, `module.a["x"].module.b`. */
export function moduleCallAddresses(modulePath: string): string[] {
  const out: string[] = [];
  let prefix = '';
  for (const m of modulePath.matchAll(/module\.([A-Za-z0-9_-]+)(\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\])?/g)) {
    // A call node stands for all instances of the call in its parent instance, so its address has no key.
    out.push(`${prefix}module.${m[1]}`);
    prefix += `module.${m[1]}${m[2] ?? ''}.`;
  }
  return out;
}

/** `var.x (set in envs/prod/terraform.tfvars:3)` → that file and line. */
export function originLines(origin: string): Array<{ file: string; line: number }> {
  return [...origin.matchAll(/([^\s();,]+):(\d+)/g)].map((m) => ({ file: m[1], line: Number(m[2]) }));
}

function touched(changes: ChangeSet, loc: SourceLocation | undefined): boolean {
  return !!loc && changes.touches(loc.file, loc.startLine, loc.endLine);
}

function resourceIsNew(f: Finding, node: GraphNode | undefined, graph: ResourceGraph, changes: ChangeSet): boolean {
  if (changes.touches(f.file, f.startLine, f.endLine)) return true;
  if (node && touched(changes, node.location)) return true;
  if (node && moduleCallAddresses(node.modulePath).some((address) => touched(changes, graph.node(address)?.location))) return true;
  return (f.details?.origins ?? []).some((o) => originLines(o).some(({ file, line }) => changes.touches(file, line, line)));
}

/** Marks the results of one root (whose graph is given); not-evidenced ones are left to markNewGaps. */
export function markNew(findings: readonly Finding[], graph: ResourceGraph, changes: ChangeSet): Finding[] {
  return findings.map((f) => (f.status === 'not-evidenced' ? f : { ...f, new: resourceIsNew(f, f.resource ? graph.node(f.resource) : undefined, graph, changes) }));
}

/**
 * Marks not-evidenced results, after they were merged per account (estate.ts).
 * @param typesOf the resource types each existence rule looks for
 * @param rootsOf the roots a result covers (its own, or its account's)
 */
export function markNewGaps(findings: readonly Finding[], typesOf: ReadonlyMap<string, readonly string[]>, rootsOf: (f: Finding) => string[], changes: { removedTypes: ReadonlySet<string>; isNewRoot(root: string): boolean }): Finding[] {
  return findings.map((f) => {
    if (f.status !== 'not-evidenced') return f;
    const removed = (typesOf.get(f.ruleId) ?? []).some((t) => changes.removedTypes.has(t));
    const roots = rootsOf(f);
    const allNew = roots.length > 0 && roots.every((r) => changes.isNewRoot(r));
    return { ...f, new: removed || allNew };
  });
}
