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

/**
 * A module call whose code was not read (engine/unresolved-modules.ts finds them). It sits here, beside
 * Diagnostic, because loaders, the engine and the report all carry it.
 */
export interface UnresolvedModule {
  /** The call's address (`module.vpc`, `module.app.module.db`), or `terraform.source` for a Terragrunt unit. */
  call: string;
  source: string;
  reason: string;
  file?: string;
  line?: number;
  column?: number;
  /** Last line of the call's block (PR mode: whether the change touched it). */
  endLine?: number;
}

/** A module block shared by several roots is one unread call, not several. */
export function uniqueCalls<T extends UnresolvedModule & { root?: string }>(list: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const m of list) {
    const key = m.file ? `${m.file}:${m.line}` : `${m.root ?? ''}|${m.call}`;
    if (!seen.has(key)) seen.set(key, m);
  }
  return [...seen.values()];
}
