/**
 * Terminal output for engineers: findings grouped by TOM claim, each failure on one line with
 * file:line, address, message and fix, then a claim summary. Colours only when asked for.
 */
import pc from 'picocolors';
import { ClaimResult, Finding, Report } from './findings';

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

function where(f: Finding): string {
  return f.file ? `${f.file}:${f.startLine}` : '(no source location)';
}

export function renderText(report: Report, options: TextOptions): string {
  const p = painter(options.color);
  const paintStatus = (s: ClaimResult['status']) =>
    s === 'broken' ? p.red(STATUS_LABEL[s]) : s === 'holds' ? p.green(STATUS_LABEL[s]) : s === 'unknown' || s === 'not-evidenced' ? p.yellow(STATUS_LABEL[s]) : p.dim(STATUS_LABEL[s]);
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
    lines.push(`${p.bold(`${claim.section} ${claim.title}`)} ${p.dim(`[${claim.id}]`)}  ${paintStatus(claim.status)}`);
    for (const f of failures) {
      lines.push(`  ${p.red('✗')} ${where(f)}  ${p.cyan(f.resource ?? '')}  ${f.ruleId}  ${f.message}${f.fix ? p.dim(`  → fix: ${f.fix}`) : ''}`);
    }
    if (!options.quiet && !options.onlyFailures) {
      for (const f of unknowns) lines.push(`  ${p.yellow('?')} ${where(f)}  ${p.cyan(f.resource ?? '')}  ${f.ruleId}  ${f.message}`);
      for (const f of suppressed) lines.push(`  ${p.dim('-')} ${where(f)}  ${p.cyan(f.resource ?? '')}  ${f.ruleId}  ${p.dim(`suppressed: ${f.suppression?.reason ?? '(no reason)'}`)}`);
      const passes = mine.filter((f) => f.status === 'pass' && !f.suppressed).length;
      if (passes > 0) lines.push(`  ${p.green('✓')} ${passes} passing result${passes === 1 ? '' : 's'}`);
    }
    lines.push('');
  }
  for (const e of report.errors) {
    const at = e.line ? `${e.file}:${e.line}:${e.column ?? 1}` : e.file;
    const label = e.severity === 'warning' ? p.yellow('warning') : p.red('error');
    if (options.quiet && e.severity === 'warning') continue;
    lines.push(`${at}: ${label}: ${e.message}`);
  }
  if (report.errors.length > 0) lines.push('');
  const count = (s: ClaimResult['status']) => report.claims.filter((c) => c.status === s).length;
  const s = report.summary;
  lines.push(
    `${p.bold('Claims:')} ${p.green(`${count('holds')} hold`)}, ${p.red(`${count('broken')} broken`)}, ${p.yellow(`${count('unknown')} unknown`)}, ` +
      `${count('not-evidenced')} not evidenced, ${count('not-applicable')} not applicable, ${count('out-of-scope')} out of scope`,
  );
  lines.push(`${p.bold('Results:')} ${s.fail} failed, ${s.unknown} unknown, ${s.pass} passed, ${s.suppressed} suppressed`);
  return lines.join('\n') + '\n';
}
