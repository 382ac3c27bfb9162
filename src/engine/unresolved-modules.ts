/**
 * Module calls whose code tomguard could not read (a registry or git source without
 * `.terraform/modules`, a missing local path). They are never silent: each is a warning at the call,
 * and the claims of a scan that has any become `unknown` instead of `holds`, `not-applicable` or
 * `not-evidenced` (rules.md v1.2, "Unresolved modules").
 */
import { Diagnostic, UnresolvedModule } from '../diagnostics';
import { ResourceGraph } from '../graph/model';

/** One entry per module block (the instances of a repeated parent share it). */
export function unresolvedModulesOf(graph: ResourceGraph): UnresolvedModule[] {
  const out: UnresolvedModule[] = [];
  const seen = new Set<string>();
  for (const node of graph.modules()) {
    if (node.meta.resolved !== false) continue;
    const loc = node.location;
    const key = loc ? `${loc.file}:${loc.startLine}` : node.address.replace(/\[[^\]]*\]/g, '');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      call: node.address.replace(/\[[^\]]*\]/g, ''),
      source: String(node.meta.source ?? ''),
      reason: String(node.meta.unresolvedReason ?? 'module source not available'),
      ...(loc ? { file: loc.file, line: loc.startLine, column: loc.startColumn, endLine: loc.endLine } : {}),
    });
  }
  return out;
}

/** The warning for one unresolved call (skipped when loading already reported one at that call). */
export function unresolvedModuleWarning(m: UnresolvedModule): Diagnostic & { severity: 'warning' } {
  return {
    file: m.file ?? '',
    ...(m.line ? { line: m.line, column: m.column ?? 1 } : {}),
    // Reasons for remote sources name the source already. What it means for the claims is said once,
    // on each claim ("N modules were not read"), not on every one of an estate's calls.
    message: `${m.call}${m.reason.includes(m.source) ? '' : ` (source "${m.source}")`} was not read: ${m.reason}.`,
    severity: 'warning',
  };
}

/** "module.vpc (source terraform-aws-modules/vpc/aws) was not read", for a claim's reason. */
export function describeUnresolved(list: readonly UnresolvedModule[]): string {
  const names = list.slice(0, 3).map((m) => `${m.call} (source ${m.source})`);
  const more = list.length > 3 ? ` and ${list.length - 3} more` : '';
  return `${names.join(', ')}${more} ${list.length === 1 ? 'was' : 'were'} not read`;
}
