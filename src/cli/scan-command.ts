/** `tomguard scan`: load, check, report, and the exit code of cli.md. */
import * as path from 'node:path';
import { scan } from '../engine/scan';
import { Baseline, readBaseline, writeBaseline } from '../report/outcome/baseline';
import { Report } from '../report/findings';
import { neutraliseReport } from '../report/renderers/neutralise';
import { filterReport } from '../report/renderers/filter';
import { REPORTERS } from '../report/renderers/reporters';
import { Rule } from '../rules/types';
import { SEVERITIES, Severity } from '../rules/types';
import { ALL_RULES } from '../../rules';
import { CliIo, UsageError, formatDiagnostic, hasErrors, orderedVariables, writeOut } from './io';
import { CATALOG_IDS } from '../rules/catalog';
import { Profile } from '../profile/reference-profile';
import type { ChangeSet } from '../engine/change-set';
import { ShardSpec, parseShard } from '../engine/shard';
import type { ShardPlan } from '../engine/shard-plan';

/* eslint-disable @typescript-eslint/no-require-imports -- each loaded only when its option is given */
const OPTIONAL = {
  recursive: () => require('../engine/recursive') as typeof import('../engine/recursive'),
  changed: () => require('../engine/changed-roots') as typeof import('../engine/changed-roots'),
  diffBase: () => require('../engine/diff-base') as typeof import('../engine/diff-base'),
  profile: () => require('../profile/load-profile') as typeof import('../profile/load-profile'),
  shardPlan: () => require('../engine/shard-plan') as typeof import('../engine/shard-plan'),
  shardReport: () => require('../engine/shard-report') as typeof import('../engine/shard-report'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

export const FORMATS = ['text', 'json', 'sarif', 'github', 'markdown', 'junit', 'compact'] as const;
export type Format = (typeof FORMATS)[number];

export interface ScanArgs {
  paths: string[];
  format?: string[];
  output?: string;
  'fail-on': string;
  /** Exit 1 also when a claim is unknown (an unknown result, or a module that was not read). */
  'fail-on-unknown'?: boolean;
  rules?: string[];
  'skip-rules'?: string[];
  'only-failures': boolean;
  quiet: boolean;
  color: boolean;
  'max-file-size': number;
  'source-root'?: string;
  recursive: boolean;
  /** The paths are changed files: scan the roots they affect (src/engine/changed-roots.ts). */
  changed?: boolean;
  baseline?: string;
  'write-baseline'?: string;
  jobs: number;
  profile?: string;
  'download-modules'?: boolean;
  strict?: boolean;
  /** Read local modules and files outside the repository root (src/config/repository-root.ts). */
  'allow-outside-root'?: boolean;
  /** SARIF `automationDetails.id` of the one run for everything scanned (default: one run per root). */
  'sarif-category'?: string;
  /** PR mode: only results the change since this git revision touched are new, annotate and fail. */
  'diff-base'?: string;
  /** `K/N`: scan only this job's share of the --recursive roots, for `tomguard merge` (src/engine/shard.ts). */
  shard?: string;
  rawArgv: string[];
  /** --var / --var-file from the config file (the command line's come from rawArgv, in order). */
  configVariables?: Array<{ kind: 'var'; name: string; value: string } | { kind: 'var-file'; file: string }>;
}

/**
 * `--format json`, `--format sarif=out.sarif`: each format with its destination (undefined = --output/stdout).
 * Text is the default everywhere, also in a pipe or a CI log, as ESLint, tflint and Checkov do: JSON only
 * when asked for.
 */
export function parseFormats(values: string[] | undefined): Array<{ format: Format; file?: string }> {
  const list = values && values.length > 0 ? values : ['text'];
  return list
    .flatMap((v) => v.split(','))
    .map((v) => {
      const [name, file] = v.split(/=(.*)/s, 2);
      if (!(FORMATS as readonly string[]).includes(name)) {
        throw new UsageError(`Unknown format "${name}": use one of ${FORMATS.join(', ')}.`);
      }
      return { format: name as Format, file: file || undefined };
    });
}

export function splitIds(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((s) => s.trim().toUpperCase()).filter(Boolean);
}

export function selectRules(only: string[], skip: string[]) {
  const known = CATALOG_IDS;
  for (const id of [...only, ...skip]) {
    if (!known.has(id)) throw new UsageError(`Unknown rule ${id}: run "tomguard rules" for the list.`);
  }
  return ALL_RULES.filter((r) => (only.length === 0 || only.includes(r.meta.id)) && !skip.includes(r.meta.id));
}

export function render(format: Format, faithful: Report, rules: readonly Rule[], args: Pick<ScanArgs, 'sarif-category' | 'paths' | 'recursive' | 'color' | 'only-failures' | 'quiet'>, io: CliIo, toTerminal: boolean): string {
  if (format === 'json') return REPORTERS.json().renderJson(faithful);
  // Control characters from scanned code are shown as escapes everywhere but JSON (src/report/renderers/neutralise.ts).
  const report = neutraliseReport(faithful);
  switch (format) {
    case 'sarif':
      return REPORTERS.sarif().renderSarif(report, rules, { category: args['sarif-category'], wholeScanCategory: sarifCategory(args.paths, args.recursive), srcRoot: io.cwd });
    case 'github':
      return REPORTERS.github().renderGithub(report);
    case 'junit':
      return REPORTERS.junit().renderJunit(report);
    case 'compact':
      return REPORTERS.compact().renderCompact(report);
    case 'markdown':
      return REPORTERS.markdown().renderMarkdown(report, new Date().toISOString().slice(0, 10));
    case 'text':
      return REPORTERS.text().renderText(report, { color: args.color && io.isTTY && toTerminal && !('NO_COLOR' in io.env), onlyFailures: args['only-failures'], quiet: args.quiet });
  }
}

/**
 * The category of one SARIF run for the whole scan (named by what was scanned), used when an estate
 * has more roots than GitHub takes runs in one file; otherwise each root has its own (sarif-runs.ts).
 */
export function sarifCategory(paths: string[], recursive: boolean): string {
  const list = (paths.length > 0 ? paths : ['.']).map((p) => p.split(path.sep).join('/').replace(/^\.\/(?=.)/, '').replace(/\/+$/, '') || '.');
  return `tomguard/${recursive ? 'recursive:' : ''}${list.join(',')}/`;
}

/** 1 when an unsuppressed failure at or above `failOn` exists; in PR mode, a new one. */
export function failureExitCode(report: Report, failOn: string): number {
  if (failOn === 'none') return 0;
  const threshold = SEVERITIES.indexOf(failOn as Severity);
  return report.findings.some((f) => f.status === 'fail' && !f.suppressed && f.new !== false && SEVERITIES.indexOf(f.severity) <= threshold) ? 1 : 0;
}

/**
 * --fail-on-unknown: a claim is unknown. In PR mode only what the change did counts: a new unknown
 * result, or an unread module call the change touched.
 */
export function unknownExitCode(report: Report): number {
  if (!report.diffBase) return report.claims.some((c) => c.status === 'unknown') ? 1 : 0;
  const newUnknown = report.findings.some((f) => f.status === 'unknown' && !f.suppressed && f.new);
  return newUnknown || (report.unresolvedModules ?? []).some((m) => m.new) ? 1 : 0;
}

export async function scanCommand(args: ScanArgs, io: CliIo): Promise<number> {
  if (!['none', ...SEVERITIES].includes(args['fail-on'])) {
    throw new UsageError(`--fail-on must be one of ${['critical', 'high', 'medium', 'low', 'none'].join(', ')}, got "${args['fail-on']}".`);
  }
  const formats = parseFormats(args.format);
  const rules = selectRules(splitIds(args.rules), splitIds(args['skip-rules']));
  const variables = [...(args.configVariables ?? []), ...orderedVariables(args.rawArgv)];
  if (!Number.isInteger(args.jobs) || args.jobs < 1) throw new UsageError(`--jobs must be a whole number of 1 or more, got ${args.jobs}.`);
  let paths = args.paths.length > 0 ? args.paths : ['.'];
  const shard = shardSpecOf(args);
  const givenPaths = paths;
  // Before roots are found or loaded: each git process is cheaper while tomguard is small.
  let changes: ChangeSet | undefined;
  let plan: ShardPlan | undefined;
  if (args['diff-base'] !== undefined) {
    const { DiffBaseError, readChanges } = OPTIONAL.diffBase();
    try {
      changes = await readChanges(String(args['diff-base']), { paths, cwd: io.cwd, env: io.env });
    } catch (err) {
      if (err instanceof DiffBaseError) throw new UsageError(err.message);
      throw err;
    }
  }
  if (args.changed) {
    // `recursive: true` in .tomguard.yml (for a plain `tomguard scan`) must not break the hook; on the command line it is a mistake.
    if (args.rawArgv.some((a) => a === '--recursive' || a.startsWith('--recursive='))) throw new UsageError('--changed and --recursive exclude each other: --changed finds the roots of the files it is given.');
    const { roots } = await OPTIONAL.changed().changedRoots(args.paths, io.cwd, io.env);
    // A commit that touches no Terraform root has nothing to check: that passes.
    if (roots.length === 0) {
      io.stderr(`tomguard: no Terraform root contains the ${args.paths.length} changed file${args.paths.length === 1 ? '' : 's'}; nothing to check\n`);
      return 0;
    }
    paths = roots;
  } else if (shard) {
    const accountTypes = [...new Set(rules.flatMap((r) => r.meta.accountTypes ?? []))];
    plan = await OPTIONAL.shardPlan().planShard(shard, paths, io.cwd, io.env, accountTypes);
    if (plan.roots.length === 0) throw new UsageError(`--recursive found no directory with .tf files or a terragrunt.hcl below ${paths.join(', ')}.`);
  } else if (args.recursive) {
    const roots: string[] = [];
    for (const p of paths) roots.push(...(await OPTIONAL.recursive().findRoots(p, io.cwd, io.env)));
    if (roots.length === 0) throw new UsageError(`--recursive found no directory with .tf files or a terragrunt.hcl below ${paths.join(', ')}.`);
    paths = roots;
  }
  let baseline: Baseline | undefined;
  let baselineWarning: string | undefined;
  if (args.baseline) {
    try {
      ({ baseline, warning: baselineWarning } = readBaseline(path.resolve(io.cwd, args.baseline), args.baseline));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  let profile: Profile | undefined;
  if (args.profile) {
    const loaded = OPTIONAL.profile().loadProfile(path.resolve(io.cwd, args.profile), args.profile, CATALOG_IDS);
    if (!loaded.profile) {
      for (const p of loaded.problems) io.stderr(formatDiagnostic(p) + '\n');
      throw new UsageError(`The profile ${args.profile} has ${loaded.problems.length} problem${loaded.problems.length === 1 ? '' : 's'} (listed above); fix it or check it with: tomguard profile validate ${args.profile}`);
    }
    profile = loaded.profile;
  }
  const scanOptions = {
    profile,
    baseline,
    jobs: args.jobs,
    rules,
    variables,
    env: io.env,
    cwd: io.cwd,
    sourceRoot: args['source-root'],
    limits: { maxFileBytes: Math.round(args['max-file-size'] * 1024 * 1024), strict: args.strict === true },
    downloadModules: args['download-modules'] ? {} : undefined,
    namedDirs: (args.paths.length > 0 ? args.paths : ['.']).map((p) => path.resolve(io.cwd, p)),
    allowOutsideRoot: args['allow-outside-root'],
    changes,
  };
  const report =
    shard && plan
      ? await OPTIONAL.shardReport().scanShard(plan, shard, { key: OPTIONAL.shardReport().shardScanKey({ paths: givenPaths, profile: profile ?? 'builtin', rules: rules.map((r) => r.meta.id), variables, env: tfVars(io.env), sourceRoot: args['source-root'], maxFileSize: args['max-file-size'], download: !!args['download-modules'], diffBase: changes?.commit, baseline: args.baseline, count: shard.count }), paths: givenPaths }, scanOptions)
      : await scan(paths, scanOptions);
  if (baselineWarning) report.warnings.push({ file: args.baseline!, message: baselineWarning, severity: 'warning' });
  if (formats.filter((f) => !f.file).length > 1) {
    throw new UsageError('Several formats would be written to the same place: give each but one its own file (--format json=report.json).');
  }
  const shown = filterReport(report, { onlyFailures: args['only-failures'], quiet: args.quiet });
  for (const f of formats) {
    // A shard's JSON is merge's input: always complete (--quiet and --only-failures apply to the merged report).
    const text = render(f.format, shard && f.format === 'json' ? report : shown, rules, args, io, !f.file && !args.output);
    writeOut(text, f.file ?? args.output, io.cwd, io.stdout);
  }
  if (args['write-baseline']) writeBaseline(path.resolve(io.cwd, args['write-baseline']), report.findings);
  if (hasErrors(report.errors)) return 2;
  const failed = failureExitCode(report, args['fail-on']);
  if (failed === 0 && args['fail-on-unknown']) return unknownExitCode(report);
  return failed;
}

function shardSpecOf(args: ScanArgs): ShardSpec | undefined {
  if (args.shard === undefined) return undefined;
  const spec = parseShard(String(args.shard));
  if ('error' in spec) throw new UsageError(spec.error);
  if (!args.recursive || args.changed) throw new UsageError('--shard splits the roots of a --recursive scan across CI jobs: use it with --recursive (and merge the shard reports with "tomguard merge").');
  return spec;
}

/** TF_VAR_ settings shape results, so shards of one scan must agree on them. */
function tfVars(env: Record<string, string | undefined>): Array<[string, string | undefined]> {
  return Object.keys(env)
    .filter((k) => k.startsWith('TF_VAR_'))
    .sort()
    .map((k) => [k, env[k]]);
}
