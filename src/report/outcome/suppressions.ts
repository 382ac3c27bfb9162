/**
 * In-source suppressions: `# tomguard:ignore TG-NET-002 reason: public bastion, SEC-123 exp:2027-03-31`
 * (also `//`), on the line above a resource or attribute, or inside the block. On a `module` call block
 * it covers every resource of that module. Without a reason it still applies but is reported; after its
 * expiry date it stops applying and says so.
 */
import { Diagnostic } from '../../diagnostics';
import { Comment } from '../../hcl/ast';
import { GraphNode, ResourceGraph } from '../../graph/model';
import { Finding } from '../findings';

export interface SuppressionComment {
  file: string;
  line: number;
  ruleIds: string[];
  reason?: string;
  expires?: string;
}

const DIRECTIVE = /^tomguard:ignore\s+(.*)$/i;

export function parseSuppression(file: string, comment: Comment): SuppressionComment | undefined {
  const m = DIRECTIVE.exec(comment.text);
  if (!m) return undefined;
  let rest = m[1];
  let expires: string | undefined;
  const exp = /(?:^|\s)exp:(\S+)/.exec(rest);
  if (exp) {
    expires = exp[1];
    rest = rest.replace(exp[0], ' ');
  }
  let reason: string | undefined;
  const r = /(?:^|\s)reason:\s*(.*)$/i.exec(rest);
  if (r) {
    reason = r[1].trim() || undefined;
    rest = rest.slice(0, r.index);
  }
  const ruleIds = rest
    .split(/[\s,]+/)
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  return { file, line: comment.range.start.line, ruleIds, reason, expires };
}

export interface SuppressionOutcome {
  findings: Finding[];
  diagnostics: Diagnostic[];
}

/** Lines a comment may stand on to cover a node: the line above its block, or inside it. */
function covers(c: SuppressionComment, file: string | undefined, startLine: number | undefined, endLine: number | undefined): boolean {
  if (file === undefined || startLine === undefined || c.file !== file) return false;
  return c.line === startLine - 1 || (c.line >= startLine && c.line <= (endLine ?? startLine));
}

export function applySuppressions(
  findings: Finding[],
  comments: SuppressionComment[],
  graph: ResourceGraph,
  knownRuleIds: ReadonlySet<string>,
  today: string = new Date().toISOString().slice(0, 10),
): SuppressionOutcome {
  const diagnostics: Diagnostic[] = [];
  for (const c of comments) {
    if (c.ruleIds.length === 0) diagnostics.push({ file: c.file, line: c.line, message: 'tomguard:ignore names no rule ID: write e.g. "# tomguard:ignore TG-NET-002 reason: ...".', severity: 'warning' });
    for (const id of c.ruleIds) {
      if (!knownRuleIds.has(id)) diagnostics.push({ file: c.file, line: c.line, message: `tomguard:ignore names unknown rule ${id}.`, severity: 'warning' });
    }
    if (!c.reason) diagnostics.push({ file: c.file, line: c.line, message: `Suppression of ${c.ruleIds.join(', ')} has no reason: add "reason: ..." so reviewers and auditors know why.`, severity: 'warning' });
    if (c.expires && !/^\d{4}-\d{2}-\d{2}$/.test(c.expires)) diagnostics.push({ file: c.file, line: c.line, message: `Suppression expiry "${c.expires}" is not a date (use exp:YYYY-MM-DD); the suppression applies without expiry.`, severity: 'warning' });
  }
  const moduleNodes = graph.modules();
  const expiredReported = new Set<SuppressionComment>();
  const out = findings.map((f) => {
    const node = f.resource ? graph.node(f.resource) : undefined;
    const candidates = comments.filter((c) => c.ruleIds.includes(f.ruleId) && appliesTo(c, f, node, moduleNodes));
    if (candidates.length === 0) return f;
    const active = candidates.find((c) => !isExpired(c, today));
    if (!active) {
      const expired = candidates[0];
      if (!expiredReported.has(expired)) {
        expiredReported.add(expired);
        diagnostics.push({ file: expired.file, line: expired.line, message: `Suppression of ${f.ruleId} expired on ${expired.expires}: the finding counts again.`, severity: 'warning' });
      }
      return { ...f, message: `${f.message} (suppression at ${expired.file}:${expired.line} expired on ${expired.expires})` };
    }
    return { ...f, suppressed: true, suppression: { reason: active.reason, expires: active.expires, at: `${active.file}:${active.line}` } };
  });
  return { findings: out, diagnostics };
}

function isExpired(c: SuppressionComment, today: string): boolean {
  return !!c.expires && /^\d{4}-\d{2}-\d{2}$/.test(c.expires) && c.expires < today;
}

function appliesTo(c: SuppressionComment, f: Finding, node: GraphNode | undefined, modules: GraphNode[]): boolean {
  const block = node?.location;
  if (block && covers(c, block.file, block.startLine, block.endLine)) return true;
  if (covers(c, f.file, f.startLine, f.endLine)) return true;
  // A suppression on a module call covers everything inside that module.
  if (node?.modulePath) {
    for (const m of modules) {
      const inside = node.modulePath === m.address || node.modulePath.startsWith(`${m.address}.`) || node.modulePath.startsWith(`${m.address}[`);
      if (inside && m.location && covers(c, m.location.file, m.location.startLine, m.location.endLine)) return true;
    }
  }
  return false;
}
