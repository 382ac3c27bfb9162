import { Report } from './findings';

/** The JSON report of cli.md; `onlyFailures` keeps only fail findings (suppressed ones included). */
export function renderJson(report: Report, onlyFailures = false): string {
  const findings = onlyFailures ? report.findings.filter((f) => f.status === 'fail') : report.findings;
  return JSON.stringify({ ...report, findings }, null, 2) + '\n';
}
