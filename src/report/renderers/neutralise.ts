/**
 * Text from scanned code (resource names, values in messages, file names) reaches terminals, CI logs and
 * rendered pages. Control characters there can forge lines (a newline, then "::error::" for GitHub's
 * workflow commands), recolour or rewrite a terminal (ANSI escapes) or reorder what is shown (bidi
 * controls, "Trojan Source"). Every report format but JSON shows such characters as visible escapes
 * (`\n`, `\u001b`, `\u202e`); each reporter then applies its own escaping (GitHub's %-encoding, XML,
 * Markdown). JSON stays faithful: its consumers are programs, and JSON escaping is already exact.
 *
 * The hot path is a report without such characters: one precompiled test per string, and unchanged
 * objects are shared, not copied.
 */
import { Diagnostic } from '../../diagnostics';
import { Finding, Report } from '../findings';

// C0 controls but tab, DEL, C1 controls, bidi embeddings/overrides/isolates, line/paragraph separators.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const UNSAFE_ALL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

function escapeChar(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

export function neutraliseText(s: string): string {
  return UNSAFE.test(s) ? s.replace(UNSAFE_ALL, escapeChar) : s;
}

/** Neutralises the string fields of an object (one level), returning the same object when nothing changed. */
function neutraliseFields<T extends object>(obj: T, keys: ReadonlyArray<keyof T>): T {
  let copy: T | undefined;
  for (const k of keys) {
    const v = obj[k];
    if (typeof v !== 'string' || !UNSAFE.test(v)) continue;
    copy ??= { ...obj };
    (copy as Record<keyof T, unknown>)[k] = neutraliseText(v);
  }
  return copy ?? obj;
}

function neutraliseList<T>(list: T[] | undefined, one: (t: T) => T): T[] | undefined {
  if (!list) return list;
  let changed = false;
  const out = list.map((item) => {
    const n = one(item);
    if (n !== item) changed = true;
    return n;
  });
  return changed ? out : list;
}

const FINDING_FIELDS = ['resource', 'resourceType', 'root', 'file', 'attribute', 'message', 'fix'] as const;
const DIAGNOSTIC_FIELDS = ['file', 'message'] as const;

function neutraliseFinding(f: Finding): Finding {
  const top = neutraliseFields(f, FINDING_FIELDS as unknown as Array<keyof Finding>);
  const parts = neutraliseList(f.parts as Array<Record<string, unknown>> | undefined, (p) => neutraliseFields(p, Object.keys(p)));
  const details = f.details ? neutraliseFields(f.details as Record<string, unknown>, ['message']) : f.details;
  if (parts === f.parts && details === f.details) return top;
  return { ...top, parts: parts as Finding['parts'], details: details as Finding['details'] };
}

const neutraliseDiagnostic = (d: Diagnostic): Diagnostic => neutraliseFields(d, DIAGNOSTIC_FIELDS as unknown as Array<keyof Diagnostic>);

/** The report as every format but JSON shows it. */
export function neutraliseReport(report: Report): Report {
  const findings = neutraliseList(report.findings, neutraliseFinding)!;
  const errors = neutraliseList(report.errors, neutraliseDiagnostic)!;
  const warnings = neutraliseList(report.warnings, neutraliseDiagnostic)!;
  if (findings === report.findings && errors === report.errors && warnings === report.warnings) return report;
  return { ...report, findings, errors, warnings };
}
