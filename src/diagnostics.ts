import { Range } from './hcl/ast';

/** A problem found while loading or evaluating inputs, reported in the `errors` array of a report. */
export interface Diagnostic {
  file: string;
  line?: number;
  column?: number;
  message: string;
  /** `error` keeps the run's exit code at 2; `warning` is informational (e.g. an unresolved remote module). */
  severity?: 'error' | 'warning';
}

export function diagnosticAt(range: Range, message: string, severity: 'error' | 'warning' = 'error'): Diagnostic {
  return { file: range.file, line: range.start.line, column: range.start.column, message, severity };
}

/** Collects diagnostics once each (the same cycle or error is often reached along several paths). */
export class DiagnosticSink {
  private readonly seen = new Set<string>();
  readonly items: Diagnostic[] = [];

  add(d: Diagnostic): void {
    const key = `${d.file}:${d.line}:${d.column}:${d.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.items.push(d);
  }

  addAll(ds: readonly Diagnostic[]): void {
    for (const d of ds) this.add(d);
  }
}
