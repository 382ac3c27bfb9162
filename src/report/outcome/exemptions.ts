/**
 * Profile exemptions: a resource (by address glob or tag) that a profile exempts from some rules, with a
 * reason and an optional expiry. Exempted findings stay in the report as suppressed, with the reason.
 */
import { Diagnostic } from '../../diagnostics';
import { ResourceGraph } from '../../graph/model';
import { Exemption } from '../../profile/reference-profile';
import { Finding } from '../findings';

/** `module.*.aws_instance.bastion*` → a regular expression; `*` matches any run of characters. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

function tagMatches(tags: unknown, tag: { key: string; value?: string }): boolean {
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return false;
  const v = (tags as Record<string, unknown>)[tag.key];
  return typeof v === 'string' && (tag.value === undefined || v === tag.value);
}

export function applyExemptions(findings: Finding[], exemptions: Exemption[], graph: ResourceGraph, profileFile: string, today: string): { findings: Finding[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const compiled = exemptions.map((e) => ({ e, re: e.address ? globToRegExp(e.address) : undefined, expired: !!e.expires && e.expires < today, used: false }));
  const out = findings.map((f) => {
    if (!f.resource || f.suppressed) return f;
    const node = graph.node(f.resource);
    for (const c of compiled) {
      if (c.e.rules.length > 0 && !c.e.rules.includes(f.ruleId)) continue;
      const byAddress = c.re ? c.re.test(f.resource) || c.re.test(f.resource.replace(/\[[^\]]*\]/g, '')) : true;
      const byTag = c.e.tag ? tagMatches(node?.attrs.tags, c.e.tag) || tagMatches(node?.attrs.tags_all, c.e.tag) : true;
      if (!byAddress || !byTag) continue;
      if (c.expired) {
        if (!c.used) diagnostics.push({ file: profileFile, message: `Exemption "${c.e.reason}" (${c.e.address ?? `tag ${c.e.tag?.key}`}) expired on ${c.e.expires}: the findings it covered count again.`, severity: 'warning' });
        c.used = true;
        continue;
      }
      c.used = true;
      return { ...f, suppressed: true, suppression: { reason: `exempted by profile: ${c.e.reason}`, expires: c.e.expires, at: profileFile } };
    }
    return f;
  });
  return { findings: out, diagnostics };
}
