/**
 * GitHub Actions workflow commands: one annotation per failing (or unknown) result at its lines,
 * shown on the pull request, and a one-line summary per broken claim. In PR mode (--diff-base) only
 * new results are annotated: pre-existing ones are counted in the summary line.
 */
import { Report } from '../findings';
import { Severity } from '../../rules/types';
import { groupAcrossRoots } from './group-findings';
import { summaryCounts } from './summary-line';

/** Escaping of workflow command data and properties (GitHub's toolkit rules). */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function prop(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** How a failure of each severity is annotated on GitHub (the CLI's `--format github` and the Action alike). */
export const ANNOTATION_LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice' };

export function renderGithub(report: Report): string {
  const lines: string[] = [];
  const shown = report.findings.filter((f) => !f.suppressed && f.new !== false && (f.status === 'fail' || f.status === 'unknown' || f.status === 'not-evidenced'));
  // A shared module's result in several roots is one annotation at its line, naming the roots.
  for (const { finding: f, roots } of groupAcrossRoots(shown)) {
    const command = f.status === 'fail' ? ANNOTATION_LEVEL[f.severity] : 'notice';
    const inRoots = report.inputs.length > 1 && roots.length > 0 ? ` [${roots.join(', ')}]` : '';
    const props = [
      ...(f.file ? [`file=${prop(f.file)}`] : []),
      ...(f.file && f.startLine ? [`line=${f.startLine}`, `endLine=${f.endLine ?? f.startLine}`] : []),
      `title=${prop(`${f.ruleId} ${f.status === 'fail' ? '' : `(${f.status}) `}${f.resource ?? ''}${inRoots}`.replace(/ +/g, ' ').trim())}`,
    ];
    lines.push(`::${command} ${props.join(',')}::${data(`${f.message}${f.fix ? `\nFix: ${f.fix}` : ''}`)}`);
  }
  for (const e of [...report.errors, ...report.warnings]) {
    const props = [`file=${prop(e.file)}`, ...(e.line ? [`line=${e.line}`] : []), ...(e.column ? [`col=${e.column}`] : []), 'title=tomguard input'];
    lines.push(`::${e.severity === 'warning' ? 'warning' : 'error'} ${props.join(',')}::${data(e.message)}`);
  }
  for (const c of report.claims) {
    if (c.status === 'broken' || c.status === 'unknown' || c.status === 'not-evidenced') {
      lines.push(`TOM ${c.section} ${c.title}: ${c.status} (${c.counts.fail} failing, ${c.counts.unknown} unknown${c.reason ? `; ${c.reason}` : ''})`);
    }
  }
  lines.push(`tomguard: ${summaryCounts(report)}`);
  return lines.join('\n') + '\n';
}
