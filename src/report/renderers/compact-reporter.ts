/**
 * `--format compact`: one line per unsuppressed failure, `file:line: RULE message`, the form editors,
 * pre-commit output and `grep` take without parsing (like ESLint's and tflint's compact formats).
 * Errors (inputs that could not be read: exit code 2) are lines too, else a failed hook would show
 * nothing. Then one summary line. Claims, passes, unknowns and warnings are the other formats' job.
 */
import { Finding, Report, sortFindings } from '../findings';

function where(f: Finding): string {
  if (f.file) return `${f.file}:${f.startLine ?? 1}`;
  // A result about a whole account or estate has no file: name what it is about instead.
  return f.root ?? (f.account ? `account ${f.account}` : '(estate)');
}

export function compactLine(f: Finding): string {
  return `${where(f)}: ${f.ruleId} ${f.message}`;
}

function listRoots(roots: string[]): string {
  const shown = roots.slice(0, 5).join(', ');
  return roots.length > 5 ? `${shown}, … (${roots.length - 5} more)` : shown;
}

export function renderCompact(report: Report): string {
  const lines: string[] = [];
  for (const e of report.errors) {
    lines.push(`${e.line ? `${e.file}:${e.line}` : e.file}: error: ${e.message}`);
  }
  // A module shared by several roots fails once per root, and one security group rule can fail for each
  // data store behind it: the same line to fix, printed once. The summary still counts the results.
  const results = sortFindings(report.findings.filter((f) => f.status === 'fail' && !f.suppressed));
  const failures = [...new Set(results.map(compactLine))];
  lines.push(...failures);
  const roots = report.inputs.map((i) => i.path);
  const scanned = `${roots.length} root${roots.length === 1 ? '' : 's'} (${listRoots(roots)})`;
  const errors = lines.length - failures.length;
  const verdict =
    failures.length === 0 && errors === 0
      ? 'no failures'
      : [failures.length > 0 ? `${failures.length} failure${failures.length === 1 ? '' : 's'}${results.length > failures.length ? ` (${results.length} results)` : ''}` : '', errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : '']
          .filter(Boolean)
          .join(', ');
  lines.push(`tomguard: ${verdict} in ${scanned}`);
  return lines.join('\n') + '\n';
}
