/**
 * `tomguard merge`: the shard reports of one `scan --recursive --shard K/N` run (K = 1..N) back into
 * the report an unsharded scan writes. Each shard's roots are rebuilt as the scan's per-root parts
 * (results, diagnostics, unread modules, exposure, and the existence results before they were judged)
 * and the estate step (src/engine/scan.ts `finishScan`) runs over all of them in scan order.
 */
import { Diagnostic, DiagnosticSink } from '../diagnostics';
import { ClaimDefinition } from '../profile/reference-profile';
import { Finding, Report } from '../report/findings';
import { VERSION } from '../version';
import { EstateSettings, RootPart, finishScan } from './scan';
import { ShardReport, ShardSection, isGap } from './shard-report';

/** Reports that cannot be merged: the message names the files and what differs. */
export class MergeError extends Error {}

export interface NamedReport {
  /** The file it was read from, for messages. */
  name: string;
  report: unknown;
}

/** Checks that `value` is a shard report; returns it typed or throws naming the file. */
function asShardReport(named: NamedReport): ShardReport {
  const r = named.report as Partial<ShardReport> & { runs?: unknown; version?: unknown };
  if (r && typeof r === 'object' && Array.isArray(r.runs) && r.version === '2.1.0') {
    throw new MergeError(`${named.name} is SARIF: merge reads the JSON reports of "tomguard scan --shard K/N --format json" and writes SARIF from them (--format sarif).`);
  }
  if (!r || typeof r !== 'object' || r.tool?.name !== 'tomguard' || !Array.isArray(r.findings)) {
    throw new MergeError(`${named.name} is not a tomguard JSON report (write shard reports with "tomguard scan --recursive --shard K/N --format json").`);
  }
  if (!r.shard || typeof r.shard !== 'object' || !Array.isArray(r.shard.parts)) {
    throw new MergeError(`${named.name} is the report of an unsharded scan: merge takes the reports of "tomguard scan --recursive --shard K/N --format json" (all N of them).`);
  }
  return r as ShardReport;
}

function describeShard(s: ShardSection): string {
  return `shard ${s.index}/${s.count}`;
}

/** Same tool version, same N, same scan; each shard exactly once. */
function checkComplete(reports: Array<{ name: string; report: ShardReport }>): void {
  if (reports.length === 0) throw new MergeError('Name the shard reports to merge: tomguard merge shard-1.json shard-2.json ...');
  const [first, ...rest] = reports;
  for (const { name, report } of reports) {
    if (report.tool.version !== VERSION) {
      throw new MergeError(`${name} was written by tomguard ${report.tool.version}, and this is tomguard ${VERSION}: scan and merge with the same version.`);
    }
  }
  for (const { name, report } of rest) {
    const a = first.report.shard;
    const b = report.shard;
    if (a.count !== b.count) throw new MergeError(`${first.name} is ${describeShard(a)} and ${name} is ${describeShard(b)}: they split the scan into different numbers of shards.`);
    if (a.scan !== b.scan || JSON.stringify(a.roots) !== JSON.stringify(b.roots)) {
      throw new MergeError(`${first.name} and ${name} are shards of different scans (other paths, options, profile, rules or roots): merge the shards of one run.`);
    }
  }
  const byIndex = new Map<number, string>();
  for (const { name, report } of reports) {
    const other = byIndex.get(report.shard.index);
    if (other !== undefined) throw new MergeError(`Shard ${report.shard.index}/${report.shard.count} is given twice: ${other} and ${name}.`);
    byIndex.set(report.shard.index, name);
  }
  const count = first.report.shard.count;
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((k) => !byIndex.has(k));
  if (missing.length > 0) throw new MergeError(`Shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of ${count} ${missing.length === 1 ? 'is' : 'are'} missing: merge needs the reports of all ${count} shards.`);
}

/** The per-root parts of one shard report, as its scan had them before the estate step. */
function partsOf(report: ShardReport): { parts: RootPart[]; extraWarnings: Diagnostic[] } {
  const existence = new Set(Object.keys(report.shard.existence));
  const byRoot = new Map<string, Finding[]>();
  for (const f of report.findings) {
    // Judged existence results are rebuilt from the gaps; every other result is final.
    if (f.root === undefined || isGap(f, existence)) continue;
    byRoot.set(f.root, [...(byRoot.get(f.root) ?? []), f]);
  }
  let errorAt = 0;
  let warningAt = 0;
  const parts = report.shard.parts.map((p): RootPart => {
    const diagnostics = [...report.errors.slice(errorAt, errorAt + p.errors), ...report.warnings.slice(warningAt, warningAt + p.warnings)];
    errorAt += p.errors;
    warningAt += p.warnings;
    return {
      input: report.inputs.find((i) => i.path === p.root) ?? { kind: 'hcl', path: p.root },
      account: p.account,
      diagnostics,
      unresolved: (report.unresolvedModules ?? []).filter((m) => m.root === p.root),
      findings: [...(byRoot.get(p.root) ?? []), ...p.gaps],
      exposure: p.exposure,
    };
  });
  // What the scan command added after the estate step (a baseline's warning), once per shard.
  return { parts, extraWarnings: report.warnings.slice(warningAt) };
}

/** The claims of the profile, as the shard reports list them. */
function profileOf(report: Report): EstateSettings['profile'] {
  const claims: ClaimDefinition[] = report.claims
    .filter((c) => c.status !== 'out-of-scope')
    .map((c) => ({ id: c.id, section: c.section, title: c.title, rules: c.rules, ...(c.externalEvidence ? { externalEvidence: c.externalEvidence } : {}) }));
  const outOfScope = report.claims.filter((c) => c.status === 'out-of-scope').map((c) => ({ section: c.section, title: c.title }));
  return { name: report.profile.name, source: report.profile.source, claims, outOfScope };
}

export function mergeShardReports(named: readonly NamedReport[]): { report: Report; section: ShardSection } {
  const reports = named.map((n) => ({ name: n.name, report: asShardReport(n) }));
  checkComplete(reports);
  reports.sort((a, b) => a.report.shard.index - b.report.shard.index);
  const first = reports[0].report;
  const section = first.shard;
  const parts = new Map<string, RootPart>();
  const extra = new DiagnosticSink();
  for (const { name, report } of reports) {
    const rebuilt = partsOf(report);
    for (const part of rebuilt.parts) {
      if (!section.roots.includes(part.input.path)) throw new MergeError(`${name} holds root ${part.input.path}, which is not a root of the scan it says it belongs to.`);
      if (parts.has(part.input.path)) throw new MergeError(`Root ${part.input.path} is in two shards (${name} and another): were the shards written from different checkouts?`);
      parts.set(part.input.path, part);
    }
    extra.addAll(rebuilt.extraWarnings);
  }
  const absent = section.roots.filter((r) => !parts.has(r));
  if (absent.length > 0) throw new MergeError(`No shard report holds root${absent.length === 1 ? '' : 's'} ${absent.slice(0, 5).join(', ')}${absent.length > 5 ? ', ...' : ''}: were the shards written from different checkouts?`);
  const newRoots = new Set(reports.flatMap(({ report }) => report.shard.diff?.newRoots ?? []));
  const settings: EstateSettings = {
    profile: profileOf(first),
    ruleIds: new Set(section.rules),
    existence: new Map(Object.entries(section.existence)),
    namedAccounts: section.namedAccounts,
    ...(first.diffBase ? { diff: { ...first.diffBase, removedTypes: new Set(section.diff?.removedTypes ?? []), isNewRoot: (root: string) => newRoots.has(root) } } : {}),
  };
  const report = finishScan(
    section.roots.map((r) => parts.get(r)!),
    settings,
  );
  report.warnings.push(...extra.items);
  return { report, section };
}
