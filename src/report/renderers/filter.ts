/**
 * `--only-failures` and `--quiet` shape every format alike (text, JSON, SARIF, GitHub, JUnit,
 * Markdown): only failing results (suppressed ones too, so an audit trail keeps them), and no
 * warnings; `--quiet` keeps their count. Claims, errors and the summary are never filtered.
 */
import { Report } from '../findings';

export interface OutputFilter {
  onlyFailures: boolean;
  quiet: boolean;
}

export function filterReport(report: Report, filter: OutputFilter): Report {
  if (!filter.onlyFailures && !filter.quiet) return report;
  const hidden = report.warnings.length;
  return {
    ...report,
    findings: report.findings.filter((f) => f.status === 'fail'),
    warnings: [],
    ...(filter.quiet && hidden > 0 ? { warningsHidden: hidden } : {}),
  };
}
