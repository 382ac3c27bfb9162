/**
 * Baselines: accept the failures a project already has and report only new ones. A baselined failure
 * stays in the report as suppressed (reason: the baseline), so the audit trail keeps it and claims
 * still show it, but it never fails the run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Finding } from './findings';

interface BaselineFile {
  tomguardBaseline: 1;
  findings: Array<{ ruleId: string; resource?: string; file?: string }>;
}

/** Stable across edits that move lines: the rule and the resource (or file, for findings without one). */
export function fingerprint(f: { ruleId: string; resource?: string; file?: string }): string {
  return `${f.ruleId}|${f.resource ?? ''}|${f.resource ? '' : f.file ?? ''}`;
}

export function writeBaseline(file: string, findings: Finding[]): void {
  const doc: BaselineFile = {
    tomguardBaseline: 1,
    findings: findings
      .filter((f) => f.status === 'fail' && !f.suppressed)
      .map((f) => ({ ruleId: f.ruleId, resource: f.resource, file: f.resource ? undefined : f.file })),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
}

export function readBaseline(file: string): Set<string> {
  let doc: BaselineFile;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8')) as BaselineFile;
  } catch (err) {
    throw new Error(`Cannot read baseline ${file}: ${(err as Error).message}`, { cause: err });
  }
  if (!doc || doc.tomguardBaseline !== 1 || !Array.isArray(doc.findings)) throw new Error(`${file} is not a tomguard baseline (write one with --write-baseline).`);
  return new Set(doc.findings.map(fingerprint));
}

export function applyBaseline(findings: Finding[], baseline: Set<string>, file: string): Finding[] {
  return findings.map((f) =>
    f.status === 'fail' && !f.suppressed && baseline.has(fingerprint(f)) ? { ...f, suppressed: true, suppression: { reason: `accepted in baseline ${file}`, at: file } } : f,
  );
}
