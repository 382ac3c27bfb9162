/**
 * The job summary (GitHub-flavoured Markdown): the verdict, the claim table with each claim's
 * one-sentence why, then every result the annotations are made from, with links to the lines.
 * GitHub drops a step summary over 1 MiB whole, so rows stop at the byte budget and a note says
 * how many were left out.
 */
import { ClaimResult, Report } from '../report/findings';
import { claimSentence } from '../report/renderers/claim-summary';
import { ActionResult } from './results';
import { RepoContext, blobLink } from './repo-paths';

/** GitHub's limit for one step's summary. */
export const SUMMARY_LIMIT = 1024 * 1024;

const STATUS_MARK: Record<ClaimResult['status'], string> = {
  holds: '✅ holds',
  broken: '❌ broken',
  unknown: '❔ unknown',
  'not-evidenced': '⚠️ not evidenced',
  'not-applicable': '➖ not applicable',
  'out-of-scope': '📋 organisational',
};

const LABEL_MARK: Record<string, string> = {
  'input error': '🛑 input error',
  critical: '🔴 critical',
  high: '🔴 high',
  medium: '🟠 medium',
  low: '🟡 low',
  unknown: '❔ unknown',
  'not evidenced': '⚠️ not evidenced',
  'input warning': '⚠️ input warning',
};

/**
 * Text from the scanned code (values, names, messages) as inert Markdown: no HTML, no links or
 * emphasis it did not mean, no `$…$` maths, and one table cell (a `|` or a newline would end it).
 */
export function mdText(s: string): string {
  return s
    .replace(/[\\`*_[\]<>|~$]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`))
    .replace(/\r\n|\r|\n/g, ' ');
}

export interface SummaryContext {
  repo: RepoContext;
  failOn: string;
  exitCode: number;
  /** How many results became annotations. */
  annotated: number;
  /** Bytes this summary may take (the limit less what the step's summary file already holds). */
  budget: number;
}

function where(r: ActionResult, ctx: RepoContext): string {
  if (!r.file) return '—';
  const text = mdText(r.startLine ? `${r.file}:${r.startLine}` : r.file);
  const link = blobLink(r.file, r.startLine, r.endLine, ctx);
  const roots = r.roots.length > 0 ? ` (${mdText(r.roots.join(', '))})` : '';
  return `${link ? `[${text}](${link})` : text}${roots}`;
}

function resultRow(r: ActionResult, ctx: RepoContext): string {
  const rule = r.ruleId ? `${r.ruleId}${r.isNew ? ' 🆕' : ''}` : '';
  const message = mdText(r.message) + (r.fix ? `<br>**Fix:** ${mdText(r.fix)}` : '');
  return `| ${LABEL_MARK[r.label]} | ${rule} | ${mdText(r.resource ?? '')} | ${where(r, ctx)} | ${message} |\n`;
}

function heading(report: Report): string {
  const claims = report.claims.filter((c) => c.status !== 'out-of-scope');
  const broken = claims.filter((c) => c.status === 'broken').length;
  const unknown = claims.filter((c) => c.status === 'unknown').length;
  if (broken > 0) return `❌ ${broken} of ${claims.length} TOM claims broken`;
  if (unknown > 0) return `❔ ${unknown} of ${claims.length} TOM claims unknown, none broken`;
  return `✅ No TOM claim broken (${claims.length} checked)`;
}

export function renderSummary(report: Report, results: readonly ActionResult[], ctx: SummaryContext): string {
  const s = report.summary;
  const head: string[] = [
    `## tomguard: ${heading(report)}\n\n`,
    `**${s.fail} failed** · ${s.unknown} unknown · ${s.pass} passed · ${s.suppressed} suppressed — ` +
      `profile ${mdText(report.profile.name)} · fail-on \`${mdText(ctx.failOn)}\` → exit code ${ctx.exitCode}\n\n`,
    '### Claims\n\n| Section | Claim | Status | Why |\n| --- | --- | --- | --- |\n',
    ...report.claims.map((c) => `| ${mdText(c.section)} | ${mdText(c.title)} | ${STATUS_MARK[c.status]} | ${mdText(claimSentence(c, report.findings))} |\n`),
    '\n',
  ];
  const tail = `\n<sub>tomguard ${mdText(report.tool.version)} · ${ctx.annotated} of ${results.length} results annotated on the files (GitHub shows at most 10 of each kind per step)</sub>\n`;
  if (results.length === 0) return head.join('') + 'No failing, unknown or unevidenced result.\n' + tail;

  head.push(`### Results (${results.length})\n\n| Severity | Rule | Resource | Where | Message |\n| --- | --- | --- | --- | --- |\n`);
  let text = head.join('');
  // Room for the tail and the note on what was left out.
  const room = ctx.budget - Buffer.byteLength(tail) - 200;
  let bytes = Buffer.byteLength(text);
  let shown = 0;
  for (const r of results) {
    const row = resultRow(r, ctx.repo);
    const size = Buffer.byteLength(row);
    if (bytes + size > room) break;
    text += row;
    bytes += size;
    shown++;
  }
  if (shown < results.length) {
    const left = results.length - shown;
    text += `\n**${left} more result${left === 1 ? '' : 's'} not listed:** GitHub limits a step summary to 1 MiB. The SARIF file and \`tomguard scan --format json\` have them all.\n`;
  }
  return text + tail;
}

/** What the summary says when the CLI stopped before reporting (exit code 2). */
export function renderFailure(message: string, exitCode: number): string {
  return `## tomguard: 🛑 the scan did not run (exit code ${exitCode})\n\n${mdText(message.trim()).slice(0, 60_000)}\n`;
}
