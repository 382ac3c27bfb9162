/**
 * The `shard` section of a `scan --shard K/N` JSON report: what `tomguard merge` needs, beyond the
 * shard's own report, to rebuild the per-root parts of the scan (src/engine/scan.ts `RootPart`) and
 * run the estate step over all of them. The rest of a shard report is a complete report of its roots.
 *
 * - Existence results judged over the estate (a CloudTrail in any root counts for all): a shard's own
 *   report judges them over its roots only, so each root's results before judging ("gaps": its
 *   not-evidenced results of existence rules) are kept here.
 * - Diagnostics: a report lists a shared module's warning once, at the first root that meets it, so
 *   each root's share of the shard's errors and warnings is counted, in root order.
 * - The exposure diagram of each root (a report holds only the combined one).
 */
import { createHash } from 'node:crypto';
import { DiagnosticSink } from '../diagnostics';
import { Finding, Report } from '../report/findings';
import type { ExposureGraph } from '../report/exposure-diagram';
import { EstateSettings, RootPart, ScanOptions, finishScan, scanParts } from './scan';
import { VERSION } from '../version';
import { ShardSpec } from './shard';

export interface ShardPart {
  root: string;
  account: string;
  /** How many of the shard report's errors and warnings (in order) are this root's. */
  errors: number;
  warnings: number;
  gaps: Finding[];
  exposure: ExposureGraph;
}

export interface ShardSection {
  index: number;
  count: number;
  /** Identifies the scan (tool version, profile, rules, options, paths): every shard of one scan has the same. */
  scan: string;
  /** The paths given to `scan`, as given (for the SARIF category of the whole scan). */
  paths: string[];
  /** Every root of the scan, in scan order (the merged report lists them in this order). */
  roots: string[];
  /** The rules that ran. */
  rules: string[];
  /** The existence rules that ran, with the resource types each looks for. */
  existence: Record<string, string[]>;
  namedAccounts: boolean;
  /** This shard's roots, in scan order. */
  parts: ShardPart[];
  /** PR mode: what the estate step asks of the change. */
  diff?: { removedTypes: string[]; newRoots: string[] };
}

export type ShardReport = Report & { shard: ShardSection };

export function isGap(f: Finding, existence: { has(id: string): boolean }): boolean {
  return f.status === 'not-evidenced' && existence.has(f.ruleId);
}

export function shardSection(spec: ShardSpec, scan: { key: string; paths: string[]; roots: string[] }, parts: readonly RootPart[], settings: EstateSettings): ShardSection {
  // Replays the report's deduplication to find each root's share of errors and warnings.
  const sink = new DiagnosticSink();
  const shardParts = parts.map((part): ShardPart => {
    const before = sink.items.length;
    sink.addAll(part.diagnostics);
    const added = sink.items.slice(before);
    const warnings = added.filter((d) => d.severity === 'warning').length;
    return {
      root: part.input.path,
      account: part.account,
      errors: added.length - warnings,
      warnings,
      gaps: part.findings.filter((f) => isGap(f, settings.existence)),
      exposure: part.exposure,
    };
  });
  const diff = settings.diff;
  return {
    index: spec.index,
    count: spec.count,
    scan: scan.key,
    paths: scan.paths,
    roots: scan.roots,
    rules: [...settings.ruleIds],
    existence: Object.fromEntries([...settings.existence].map(([id, types]) => [id, [...types]])),
    namedAccounts: settings.namedAccounts,
    parts: shardParts,
    ...(diff ? { diff: { removedTypes: [...diff.removedTypes], newRoots: parts.map((p) => p.input.path).filter((r) => diff.isNewRoot(r)) } } : {}),
  };
}

/** Scans this shard's roots (and, for account views only, `context` roots) and adds the shard section. */
export async function scanShard(
  plan: { roots: string[]; mine: string[]; context: string[] },
  spec: ShardSpec,
  scan: { key: string; paths: string[] },
  options: ScanOptions,
): Promise<ShardReport> {
  const load = new Set([...plan.mine, ...plan.context]);
  const { parts, settings } = await scanParts(
    plan.roots.filter((r) => load.has(r)),
    options,
    new Set(plan.context),
  );
  const report = finishScan(parts, settings);
  return { ...report, shard: shardSection(spec, { ...scan, roots: plan.roots }, parts, settings) };
}

/**
 * What makes two shard reports parts of the same scan: a hash of everything that shapes results
 * (tool version, what was scanned, profile, rules, variables, options, PR base).
 */
export function shardScanKey(what: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify({ version: VERSION, ...what })).digest('hex').slice(0, 32);
}
