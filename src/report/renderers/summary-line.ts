import { Report } from '../findings';

/** `3 failed, 1 unknown, 5 passed, 0 suppressed`; in PR mode `3 failed (1 new since main), 1 unknown (0 new), ...`. */
export function summaryCounts(report: Report): string {
  const s = report.summary;
  const fresh = s.new;
  const failed = fresh ? `${s.fail} failed (${fresh.fail} new since ${report.diffBase?.ref ?? 'the base'})` : `${s.fail} failed`;
  const unknown = fresh ? `${s.unknown} unknown (${fresh.unknown} new)` : `${s.unknown} unknown`;
  return `${failed}, ${unknown}, ${s.pass} passed, ${s.suppressed} suppressed`;
}
