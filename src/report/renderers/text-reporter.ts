/**
 * Terminal output for engineers: findings grouped by TOM claim, each failure on one line with
 * file:line, address, message and fix, then a claim summary. Colours only when asked for.
 */
import pc from 'picocolors';
import { ClaimResult, Finding, Report } from '../findings';
import { FindingGroup, groupAcrossRoots } from './group-findings';
import { uniqueCalls } from '../../diagnostics';
import { summaryCounts } from './summary-line';

export interface TextOptions {
  color: boolean;
  onlyFailures: boolean;
  quiet: boolean;
}

type Paint = (s: string) => string;

function painter(color: boolean) {
  const c = pc.createColors(color);
  return {
    red: c.red as Paint,
    green: c.green as Paint,
    yellow: c.yellow as Paint,
    dim: c.dim as Paint,
    bold: c.bold as Paint,
    cyan: c.cyan as Paint,
  };
}

const STATUS_LABEL: Record<ClaimResult['status'], string> = {
  holds: 'HOLDS',
  broken: 'BROKEN',
  unknown: 'UNKNOWN',
  'not-evidenced': 'NOT EVIDENCED',
  'not-applicable': 'NOT APPLICABLE',
  'out-of-scope': 'OUT OF SCOPE',
};

/**
 * Several roots in one heading, their common folder said once: `envs/{prod, staging}`; past five,
 * the rest are counted.
 */
export function sharedRoots(roots: readonly string[]): string {
  const parts = roots.map((r) => r.split('/'));
  let common = 0;
  while (parts.every((p) => common < p.length - 1 && p[common] === parts[0][common])) common++;
  const rest = parts.map((p) => p.slice(common).join('/'));
  const shown = rest.slice(0, 5).join(', ') + (rest.length > 5 ? `, … (${rest.length - 5} more)` : '');
  return common === 0 ? shown : `${parts[0].slice(0, common).join('/')}/{${shown}}`;
}

/** Groups under a heading naming their roots, in the order the roots first appear. */
function byRoots(groups: FindingGroup[]): Map<string, FindingGroup[]> {
  const out = new Map<string, FindingGroup[]>();
  for (const g of groups) {
    const heading = g.roots.length === 0 ? (g.finding.account ? `account ${g.finding.account}` : 'all roots') : g.roots.length === 1 ? g.roots[0] : `${sharedRoots(g.roots)} (shared)`;
    out.set(heading, [...(out.get(heading) ?? []), g]);
  }
  return out;
}

function where(f: Finding): string {
  return f.file ? `${f.file}:${f.startLine}` : '(no source location)';
}

export function renderText(report: Report, options: TextOptions): string {
  const p = painter(options.color);
  const paintStatus = (s: ClaimResult['status']) =>
    s === 'broken' ? p.red(STATUS_LABEL[s]) : s === 'holds' ? p.green(STATUS_LABEL[s]) : s === 'unknown' || s === 'not-evidenced' ? p.yellow(STATUS_LABEL[s]) : p.dim(STATUS_LABEL[s]);
  // An estate (several roots) puts each result under the roots it stands in.
  const estate = report.inputs.length > 1;
  const unread = uniqueCalls(report.unresolvedModules ?? []).length;
  const lines: string[] = [];
  for (const claim of report.claims) {
    if (claim.status === 'out-of-scope') continue;
    const mine = report.findings.filter((f) => f.claim === claim.id);
    const failures = mine.filter((f) => f.status === 'fail' && !f.suppressed);
    const unknowns = mine.filter((f) => f.status === 'unknown' || f.status === 'not-evidenced');
    const suppressed = mine.filter((f) => f.suppressed);
    if (options.quiet && failures.length === 0) continue;
    if (options.onlyFailures && failures.length === 0) continue;
    if (mine.length === 0 && claim.status === 'not-applicable') continue;
    const why = claim.reason ? p.dim(`  (${unread === 1 ? 'a module was' : `${unread} modules were`} not read: see the warnings)`) : '';
    lines.push(`${p.bold(`${claim.section} ${claim.title}`)} ${p.dim(`[${claim.id}]`)}  ${paintStatus(claim.status)}${why}`);
    // PR mode: a pre-existing result is one dim line without its fix, so the new ones stand out.
    const old = (x: Finding) => x.new === false;
    const failLine = (x: Finding) =>
      old(x) ? p.dim(`✗ ${where(x)}  ${x.resource ?? ''}  ${x.ruleId}  ${x.message}  (pre-existing)`) : `${p.red('✗')} ${where(x)}  ${p.cyan(x.resource ?? '')}  ${x.ruleId}  ${x.message}${x.fix ? p.dim(`  → fix: ${x.fix}`) : ''}`;
    const unknownLine = (x: Finding) => (old(x) ? p.dim(`? ${where(x)}  ${x.resource ?? ''}  ${x.ruleId}  ${x.message}  (pre-existing)`) : `${p.yellow('?')} ${where(x)}  ${p.cyan(x.resource ?? '')}  ${x.ruleId}  ${x.message}`);
    const shown: Array<{ f: Finding; line: (f: Finding) => string }> = failures.map((f) => ({ f, line: failLine }));
    if (!options.quiet && !options.onlyFailures) {
      shown.push(...unknowns.map((f) => ({ f, line: unknownLine })));
      shown.push(...suppressed.map((f) => ({ f, line: (x: Finding) => `${p.dim('-')} ${where(x)}  ${p.cyan(x.resource ?? '')}  ${x.ruleId}  ${p.dim(`suppressed: ${x.suppression?.reason ?? '(no reason)'}`)}` })));
    }
    const render = new Map(shown.map((s) => [s.f, s.line]));
    if (estate) {
      for (const [heading, groups] of byRoots(groupAcrossRoots(shown.map((s) => s.f)))) {
        lines.push(`  ${p.bold(heading)}`);
        for (const g of groups) lines.push(`    ${render.get(g.finding)!(g.finding)}`);
      }
    } else {
      for (const s of shown) lines.push(`  ${s.line(s.f)}`);
    }
    if (!options.quiet && !options.onlyFailures) {
      const passes = mine.filter((f) => f.status === 'pass' && !f.suppressed).length;
      if (passes > 0) lines.push(`  ${p.green('✓')} ${passes} passing result${passes === 1 ? '' : 's'}`);
    }
    lines.push('');
  }
  // Passing results are only counted in text, so only the others can show a shortened message.
  const shortened = report.findings.find((f) => f.details?.message && f.file && f.status !== 'pass' && (f.status === 'fail' || (!options.quiet && !options.onlyFailures)));
  if (shortened) {
    lines.push(p.dim(`Messages marked (…) or … are shortened: "tomguard explain ${shortened.ruleId} --finding ${shortened.file}:${shortened.startLine}" shows one whole.`), '');
  }
  for (const e of [...report.errors, ...report.warnings]) {
    const at = e.line ? `${e.file}:${e.line}:${e.column ?? 1}` : e.file;
    const label = e.severity === 'warning' ? p.yellow('warning') : p.red('error');
    lines.push(`${at}: ${label}: ${e.message}`);
  }
  if (report.warningsHidden) lines.push(p.dim(`${report.warningsHidden} warning${report.warningsHidden === 1 ? '' : 's'} not shown (--quiet)`));
  if (report.errors.length + report.warnings.length > 0 || report.warningsHidden) lines.push('');
  const count = (s: ClaimResult['status']) => report.claims.filter((c) => c.status === s).length;
  lines.push(
    `${p.bold('Claims:')} ${p.green(`${count('holds')} hold`)}, ${p.red(`${count('broken')} broken`)}, ${p.yellow(`${count('unknown')} unknown`)}, ` +
      `${count('not-evidenced')} not evidenced, ${count('not-applicable')} not applicable, ${count('out-of-scope')} out of scope`,
  );
  lines.push(`${p.bold('Results:')} ${summaryCounts(report)}`);
  return lines.join('\n') + '\n';
}
