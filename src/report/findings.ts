/** The report model every reporter reads: findings per rule result, claims, errors, summary. */
import { Diagnostic, UnresolvedModule } from '../diagnostics';
import type { ExposureGraph } from './exposure-diagram';
import { ResultPart, Severity, Status } from '../rules/types';

export interface Suppression {
  reason?: string;
  expires?: string;
  /** Where the suppression comment is: `main.tf:12`. */
  at: string;
}

export interface Finding {
  ruleId: string;
  claim: string;
  status: Status;
  severity: Severity;
  resource?: string;
  resourceType?: string;
  /** The root (directory or plan file, relative to the working directory) the result comes from; absent for a result about a whole estate or account. */
  root?: string;
  /** The profile account an account-wide result is about (only when the profile lists accounts). */
  account?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  attribute?: string;
  message: string;
  parts?: ResultPart[];
  suppressed: boolean;
  suppression?: Suppression;
  /** The rule's one-line fix, shown with failures. */
  fix?: string;
  /** What `message` leaves out to stay short: the whole message, and where the deciding value came from. */
  details?: { message?: string; origins?: string[] };
  /**
   * Only with --diff-base: true when the change since the base touches what the result is about
   * (see engine/new-results.ts); false for a pre-existing result, which never fails the run.
   */
  new?: boolean;
}

export type ClaimStatus = 'holds' | 'broken' | 'unknown' | 'not-evidenced' | 'not-applicable' | 'out-of-scope';

export interface ClaimResult {
  id: string;
  section: string;
  title: string;
  status: ClaimStatus;
  counts: { pass: number; fail: number; unknown: number; suppressed: number };
  rules: string[];
  /** Evidence the profile points to outside the scanned code (turns not-evidenced into holds). */
  externalEvidence?: Array<{ statement: string; link?: string }>;
  /** Rules the profile lists for this claim that this version of tomguard does not implement yet. */
  notImplemented?: string[];
  /** Why the claim is `unknown` although no result says so: module calls that were not read. */
  reason?: string;
}

export interface Report {
  /** 2: warnings have their own array (in 1 they were in `errors` with `severity: "warning"`). */
  schemaVersion: 2;
  tool: { name: 'tomguard'; version: string };
  profile: { name: string; source: string };
  inputs: Array<{ kind: string; path: string }>;
  claims: ClaimResult[];
  findings: Finding[];
  /** Inputs that could not be read or parsed, and internal errors: exit code 2. */
  errors: Diagnostic[];
  /** Problems that leave the input readable (a value that could not be evaluated, a module not read, ...): the affected results say unknown. */
  warnings: Diagnostic[];
  /** Set by --quiet: how many warnings were left out. */
  warningsHidden?: number;
  /** Module calls whose code was not read, with the root that calls them (`new` with --diff-base: the change touched the call). */
  unresolvedModules?: Array<UnresolvedModule & { root: string; new?: boolean }>;
  summary: {
    pass: number;
    fail: number;
    unknown: number;
    suppressed: number;
    /** Only with --diff-base: the unsuppressed failures and unknowns that are new since the base. */
    new?: { fail: number; unknown: number };
  };
  /** Only with --diff-base: the base as given and the commit the change was measured from. */
  diffBase?: { ref: string; commit: string };
  /** The internet exposure path (drawn by the Markdown report). */
  exposure?: ExposureGraph;
}

const STATUS_ORDER: Record<Status, number> = { fail: 0, unknown: 1, 'not-evidenced': 2, pass: 3 };

/**
 * `localeCompare`, skipping the collator for identical strings (most pairs share file and rule): a
 * 50k-resource plan has ~70k findings, and the collator calls were a visible part of sorting them.
 */
function compareText(a: string, b: string): number {
  return a === b ? 0 : a.localeCompare(b);
}

/** Sorted by file, line, rule (cli.md); findings without a file last. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareText(a.file ?? '\uffff', b.file ?? '\uffff') ||
      (a.startLine ?? 0) - (b.startLine ?? 0) ||
      compareText(a.ruleId, b.ruleId) ||
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      compareText(a.resource ?? '', b.resource ?? '') ||
      compareText(a.root ?? '', b.root ?? ''),
  );
}
