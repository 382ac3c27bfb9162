import { Report } from '../findings';

/** The JSON report of cli.md (already shaped by --only-failures / --quiet, see filter.ts). */
export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
