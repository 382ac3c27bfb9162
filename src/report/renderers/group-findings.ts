/**
 * In an estate scan, a local module shared by several roots gives the same result in each of them:
 * different instances in JSON, but one line for a reader. Results that agree on rule, status,
 * resource, place and message are shown once, listing their roots.
 */
import { Finding } from '../findings';

export interface FindingGroup {
  finding: Finding;
  /** Every root the result stands in (empty for a result about a whole estate or account). */
  roots: string[];
}

export function groupAcrossRoots(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    // `new` too: in PR mode a shared module's result may be new in one root (its call changed) and not in another.
    const key = [f.ruleId, f.status, f.suppressed, f.resource ?? '', f.file ?? '', f.startLine ?? '', f.account ?? '', f.message, f.new ?? ''].join('\u0000');
    const group = groups.get(key);
    if (group) {
      if (f.root !== undefined && !group.roots.includes(f.root)) group.roots.push(f.root);
    } else {
      groups.set(key, { finding: f, roots: f.root !== undefined ? [f.root] : [] });
    }
  }
  return [...groups.values()];
}

