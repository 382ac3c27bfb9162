/**
 * `tomguard merge SHARD.json...`: the JSON reports of `scan --recursive --shard K/N` (K = 1..N) as the
 * one report an unsharded scan writes, in any format, with the scan's exit code. SARIF is written
 * from the merged report (one run per root, as a scan writes it), not merged from SARIF files: the
 * estate-wide existence claims can only be judged from the JSON reports' shard sections.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MergeError, mergeShardReports } from '../engine/merge';
import { filterReport } from '../report/renderers/filter';
import { writeBaseline } from '../report/outcome/baseline';
import { ALL_RULES } from '../../rules';
import { SEVERITIES } from '../rules/types';
import { CliIo, UsageError, hasErrors, writeOut } from './io';
import { failureExitCode, parseFormats, render, unknownExitCode } from './scan-command';

export interface MergeArgs {
  reports: string[];
  format?: string[];
  output?: string;
  'fail-on': string;
  'fail-on-unknown'?: boolean;
  'only-failures': boolean;
  quiet: boolean;
  color: boolean;
  'sarif-category'?: string;
  'write-baseline'?: string;
}

function readReport(file: string, cwd: string): { name: string; report: unknown } {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}.`);
  }
  try {
    return { name: file, report: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (err) {
    throw new UsageError(`${file} is not JSON (${(err as Error).message}): merge reads the reports of "tomguard scan --recursive --shard K/N --format json".`);
  }
}

export function mergeCommand(args: MergeArgs, io: CliIo): number {
  if (!['none', ...SEVERITIES].includes(args['fail-on'])) {
    throw new UsageError(`--fail-on must be one of ${['critical', 'high', 'medium', 'low', 'none'].join(', ')}, got "${args['fail-on']}".`);
  }
  const formats = parseFormats(args.format);
  if (formats.filter((f) => !f.file).length > 1) {
    throw new UsageError('Several formats would be written to the same place: give each but one its own file (--format json=report.json).');
  }
  let merged: ReturnType<typeof mergeShardReports>;
  try {
    merged = mergeShardReports(args.reports.map((f) => readReport(f, io.cwd)));
  } catch (err) {
    if (err instanceof MergeError) throw new UsageError(err.message);
    throw err;
  }
  const { report, section } = merged;
  const rules = ALL_RULES.filter((r) => section.rules.includes(r.meta.id));
  const shown = filterReport(report, { onlyFailures: args['only-failures'], quiet: args.quiet });
  // Rendered as the scan would: its paths name the SARIF run of a whole scan.
  const as = { ...args, paths: section.paths, recursive: true };
  for (const f of formats) {
    writeOut(render(f.format, shown, rules, as, io, !f.file && !args.output), f.file ?? args.output, io.cwd, io.stdout);
  }
  if (args['write-baseline']) writeBaseline(path.resolve(io.cwd, args['write-baseline']), report.findings);
  if (hasErrors(report.errors)) return 2;
  const failed = failureExitCode(report, args['fail-on']);
  if (failed === 0 && args['fail-on-unknown']) return unknownExitCode(report);
  return failed;
}
