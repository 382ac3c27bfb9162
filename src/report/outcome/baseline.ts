/**
 * Baselines: accept the failures a project already has and report only new ones. A baselined failure
 * stays in the report as suppressed (reason: the baseline), so the audit trail keeps it and claims
 * still show it, but it never fails the run.
 *
 * A failure is identified by its rule, resource address, root and file, never by its line, so edits
 * that move lines keep matching while the same address in another root (a monorepo's roots often
 * repeat `aws_db_instance.main`) or another file does not.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Finding } from '../findings';

interface BaselineEntry {
  ruleId: string;
  resource?: string;
  root?: string;
  account?: string;
  file?: string;
}

interface BaselineFile {
  /** 2 since entries carry root and file; 1 (rule and address only) still loads. */
  tomguardBaseline: 1 | 2;
  findings: BaselineEntry[];
}

export interface Baseline {
  fingerprints: Set<string>;
  /** Entries of a version 1 baseline: matched by rule and address alone, as they were written. */
  legacy: Set<string>;
  file: string;
}

export function fingerprint(f: BaselineEntry): string {
  return [f.ruleId, f.resource ?? '', f.root ?? '', f.account ?? '', f.file ?? ''].join('|');
}

function legacyFingerprint(f: BaselineEntry): string {
  return `${f.ruleId}|${f.resource ?? ''}|${f.resource ? '' : f.file ?? ''}`;
}

export function writeBaseline(file: string, findings: Finding[]): void {
  const doc: BaselineFile = {
    tomguardBaseline: 2,
    findings: findings
      .filter((f) => f.status === 'fail' && !f.suppressed)
      .map((f) => ({ ruleId: f.ruleId, resource: f.resource, root: f.root, account: f.account, file: f.file })),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
}

/** Reads a baseline; `warning` is set when it is an old one that matches more loosely. */
export function readBaseline(file: string, shown: string = file): { baseline: Baseline; warning?: string } {
  let doc: BaselineFile;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8')) as BaselineFile;
  } catch (err) {
    throw new Error(`Cannot read baseline ${shown}: ${(err as Error).message}`, { cause: err });
  }
  if (!doc || (doc.tomguardBaseline !== 1 && doc.tomguardBaseline !== 2) || !Array.isArray(doc.findings)) {
    throw new Error(`${shown} is not a tomguard baseline (write one with --write-baseline).`);
  }
  const entries = doc.findings.filter((e): e is BaselineEntry => !!e && typeof e.ruleId === 'string');
  const legacy = doc.tomguardBaseline === 1 ? entries : [];
  const baseline: Baseline = {
    fingerprints: new Set(doc.tomguardBaseline === 2 ? entries.map(fingerprint) : []),
    legacy: new Set(legacy.map(legacyFingerprint)),
    file: shown,
  };
  const warning =
    legacy.length > 0
      ? `${shown} was written by an older tomguard: its ${legacy.length} entr${legacy.length === 1 ? 'y matches' : 'ies match'} by rule and address in every root and file. Write it again with --write-baseline to match per root and file.`
      : undefined;
  return { baseline, warning };
}

export function applyBaseline(findings: Finding[], baseline: Baseline): Finding[] {
  return findings.map((f) =>
    f.status === 'fail' && !f.suppressed && (baseline.fingerprints.has(fingerprint(f)) || baseline.legacy.has(legacyFingerprint(f)))
      ? { ...f, suppressed: true, suppression: { reason: `accepted in baseline ${baseline.file}`, at: baseline.file } }
      : f,
  );
}
