/** tomguard's command line. Returns the exit code instead of exiting, so tests can call it. */
import type { Argv } from 'yargs';
import { CliIo, UsageError, orderedVariables } from './io';
import type { ScanArgs } from './scan-command';
import type { MergeArgs } from './merge-command';
import { VERSION } from '../version';

/* eslint-disable @typescript-eslint/no-require-imports -- these requires are the point: loaded on demand */
/**
 * Each command's code, loaded only when that command runs. Loading every module of the CLI at start
 * cost ~0.3 s before anything happened: `tomguard rules` or `--help` must not load the HCL parser, the
 * evaluator, hcl2json or ajv (tests/cli/lazy-loading.test.ts checks which modules each command loads).
 */
const COMMAND_MODULES = {
  scan: () => require('./scan-command') as typeof import('./scan-command'),
  configFile: () => require('./config-file') as typeof import('./config-file'),
  profile: () => require('./profile-command') as typeof import('./profile-command'),
  graph: () => require('./graph-command') as typeof import('./graph-command'),
  rules: () => require('./rules-command') as typeof import('./rules-command'),
  explainFinding: () => require('./explain-finding-command') as typeof import('./explain-finding-command'),
  merge: () => require('./merge-command') as typeof import('./merge-command'),
};

/** yargs itself takes ~50 ms to load: only when there is a command line to parse. */
const loadYargs = () => require('yargs') as typeof import('yargs');
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * `tomguard scan | head` closes the pipe early: the rest of the output has no reader, which is not an
 * error. Further writes are dropped and the exit code stays the scan's. Returns the guarded writer.
 */
export function guardClosedPipe(stream: NodeJS.WritableStream & { listenerCount(e: string): number }): (text: string) => void {
  let closed = false;
  if (stream.listenerCount('error') === 0) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      closed = true;
    });
  }
  return (text) => {
    if (!closed) stream.write(text);
  };
}

export function defaultIo(): CliIo {
  return {
    stdout: guardClosedPipe(process.stdout),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: !!process.stdout.isTTY,
  };
}

/**
 * Repeatable options are not yargs arrays: an array option would swallow the paths that follow it
 * (`--rules TG-NET-002 infra/`). Repeats are collected instead, and commas split values.
 */
function asArray(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [v]).map(String);
}

export function variableOptions<T>(y: Argv<T>) {
  return y
    .option('var', { type: 'string', coerce: asArray, describe: 'Set a Terraform variable: NAME=VALUE (repeatable)', requiresArg: true })
    .option('var-file', { type: 'string', coerce: asArray, describe: 'Read Terraform variables from a .tfvars(.json) file (repeatable)', requiresArg: true })
    .option('max-file-size', { type: 'number', default: 5, describe: 'Largest source file to read, in MB' });
}

/** The report's formats, where it goes and when the run fails: the same for `scan` and `merge`. */
function reportOptions<T>(y: Argv<T>, formats: string) {
  return y
    .option('format', { type: 'string', coerce: asArray, describe: formats })
    .option('output', { type: 'string', describe: 'Write the report to this file instead of stdout' })
    .option('fail-on', { type: 'string', default: 'low', describe: 'Exit 1 on an unsuppressed failure at or above: critical, high, medium, low, none' });
}

/** What the text report shows: the same for `scan` and `merge`. */
function displayOptions<T>(y: Argv<T>) {
  return y
    .option('only-failures', { type: 'boolean', default: false, describe: 'Report only failures' })
    .option('quiet', { type: 'boolean', default: false, describe: 'Print only failures, errors and the summary' })
    .option('color', { type: 'boolean', default: true, describe: 'Colour terminal output (--no-color to turn off)' });
}

/** Options of `scan` that a .tomguard.yml may set. */
const SCAN_OPTIONS = ['format', 'output', 'fail-on', 'fail-on-unknown', 'rules', 'skip-rules', 'var', 'var-file', 'only-failures', 'quiet', 'color', 'no-color', 'max-file-size', 'source-root', 'recursive', 'baseline', 'write-baseline', 'jobs', 'profile', 'download-modules', 'sarif-category', 'diff-base', 'strict', 'allow-outside-root'];

/** True when the option was written on the command line (then it wins over the config file). */
function givenOnCommandLine(rawArgv: string[], name: string): boolean {
  return rawArgv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`) || a === `--no-${name}`);
}

function applyConfigFile(args: ScanArgs & Record<string, unknown>, io: CliIo): ScanArgs {
  const { findConfigFile, readConfigFile } = COMMAND_MODULES.configFile();
  const file = findConfigFile(args.paths[0] ?? '.', io.cwd);
  if (!file) return args;
  const config = readConfigFile(file, new Set(SCAN_OPTIONS));
  const merged: Record<string, unknown> = { ...args };
  const asList = (v: unknown) => (Array.isArray(v) ? v.map(String) : [String(v)]);
  for (const [name, value] of Object.entries(config)) {
    if (name === 'var' || name === 'var-file') continue;
    const key = name === 'no-color' ? 'color' : name;
    if (givenOnCommandLine(args.rawArgv, key)) continue;
    merged[key] = name === 'no-color' ? !value : ['format', 'rules', 'skip-rules'].includes(name) ? asList(value) : value;
  }
  // Config variables come first, so the command line's win (later settings win in Terraform).
  const configVariables = orderedVariables([
    ...(config['var-file'] !== undefined ? asList(config['var-file']).flatMap((f) => ['--var-file', f]) : []),
    ...(config['var'] !== undefined ? asList(config['var']).flatMap((v) => ['--var', v]) : []),
  ]);
  return { ...(merged as unknown as ScanArgs), configVariables };
}

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  // `tomguard --version` alone (a version check in CI or an editor): the same output yargs gives, without yargs.
  if (argv.length === 1 && argv[0] === '--version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  let exitCode = 0;
  const parser = loadYargs()(argv)
    .scriptName('tomguard')
    .version(VERSION)
    .strict()
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .command(
      'scan [paths..]',
      'Check Terraform roots, files or plans against the TOM claims',
      (y) =>
        displayOptions(reportOptions(variableOptions(y), 'text (the default; colours only on a terminal), json, sarif, github, markdown (TOM attestation), junit or compact (file:line: RULE message per failure); repeatable as FORMAT=FILE'))
          .positional('paths', { type: 'string', array: true, default: [], describe: 'What to scan (default: .): Terraform root directories, Terragrunt unit directories (terragrunt.hcl), single .tf/.tf.json files, or plan/state JSON from "terraform show -json" (detected by content)' })
          .option('fail-on-unknown', { type: 'boolean', default: false, describe: 'Also exit 1 when a claim is unknown (an unknown result, or a module that was not read)' })
          .option('rules', { type: 'string', coerce: asArray, describe: 'Only these rule IDs (comma-separated or repeated)' })
          .option('skip-rules', { type: 'string', coerce: asArray, describe: 'Skip these rule IDs' })
          .option('recursive', { type: 'boolean', default: false, describe: 'Scan every directory below PATH that holds .tf files or a Terragrunt unit (terragrunt.hcl) as its own root (local modules and Terragrunt module sources excepted)' })
          .option('changed', { type: 'boolean', default: false, describe: 'The paths are changed files (the pre-commit hook): scan, as one estate, each root below the working directory that contains one or that calls the local module or Terragrunt file containing one' })
          .option('baseline', { type: 'string', describe: 'Accept the failures listed in this baseline file: report only new ones' })
          .option('write-baseline', { type: 'string', describe: "Write this run's failures to a baseline file" })
          .option('jobs', { type: 'number', default: 2, describe: 'Inputs loaded at once' })
          .option('profile', { type: 'string', describe: 'TOM profile (YAML or JSON); default: the built-in reference TOM' })
          .option('download-modules', { type: 'boolean', default: false, describe: 'Fetch remote modules (registry, git over https, https archives) that terraform init has not put on disk, into ~/.cache/tomguard/modules' })
          .option('strict', { type: 'boolean', default: false, describe: "Also parse every .tf file with HashiCorp's HCL parser (slower); by default it runs only on files tomguard's parser rejects, to word the error as Terraform does" })
          .option('allow-outside-root', { type: 'boolean', default: false, describe: 'Read local modules, symlinked files and file()/templatefile() paths outside the repository root (the git work tree; outside git, the outermost of the named paths and the working directory that holds the root)' })
          .option('diff-base', { type: 'string', requiresArg: true, describe: 'PR mode: results on resources whose blocks changed since this git revision (compared from its merge base with HEAD, working tree and untracked files included) are new; only new failures are annotated and fail the run' })
          .option('sarif-category', { type: 'string', requiresArg: true, describe: 'SARIF: one run with this code scanning category (automationDetails.id) for everything scanned; default: one run per root, category tomguard/<root>/' })
          .option('shard', { type: 'string', requiresArg: true, describe: 'K/N: with --recursive, scan only this CI job\'s share of the roots (balanced by size, stable as roots are added); combine the N JSON reports with "tomguard merge"' })
          .option('source-root', { type: 'string', describe: "For plan JSON: where the .tf files are, to map findings to lines (default: the plan file's directory)" }),
      async (args) => {
        const scanArgs = applyConfigFile({ ...(args as unknown as ScanArgs & Record<string, unknown>), paths: (args.paths as string[]) ?? [], rawArgv: argv }, io);
        exitCode = await COMMAND_MODULES.scan().scanCommand(scanArgs, io);
      },
    )
    .command(
      'merge <reports..>',
      'Combine the JSON reports of "scan --recursive --shard K/N" (all N) into the report of the whole scan, in any format',
      (y) =>
        displayOptions(reportOptions(y, 'As for scan: text (default), json, sarif, github, markdown, junit or compact; repeatable as FORMAT=FILE'))
          .positional('reports', { type: 'string', array: true, demandOption: true, describe: 'The shard reports (scan --format json)' })
          .option('fail-on-unknown', { type: 'boolean', default: false, describe: 'Also exit 1 when a claim is unknown' })
          .option('sarif-category', { type: 'string', requiresArg: true, describe: 'SARIF: one run with this category for everything; default: one run per root' })
          .option('write-baseline', { type: 'string', describe: "Write the merged report's failures to a baseline file" }),
      (args) => {
        exitCode = COMMAND_MODULES.merge().mergeCommand({ ...(args as unknown as MergeArgs), reports: (args.reports as string[]) ?? [] }, io);
      },
    )
    .command(
      'profile <action> [file]',
      'Write a commented starter TOM profile (init) or check one (validate)',
      (y) =>
        y
          .positional('action', { choices: ['init', 'validate'] as const, demandOption: true })
          .positional('file', { type: 'string', describe: `Profile file (init default: ${COMMAND_MODULES.profile().DEFAULT_PROFILE_FILE})` }),
      (args) => {
        const { profileInit, profileValidate } = COMMAND_MODULES.profile();
        exitCode = args.action === 'init' ? profileInit(args.file, io) : profileValidate(args.file, io);
      },
    )
    .command(
      'graph [path]',
      'Print the resource graph tomguard builds from a Terraform root or file (for debugging what it sees)',
      (y) =>
        variableOptions(y)
          .positional('path', { type: 'string', default: '.', describe: 'Terraform root directory, Terragrunt unit or .tf/.tf.json file' })
          .option('format', { choices: ['json', 'text'] as const, default: 'text' as const, describe: 'Output format' })
          .option('output', { type: 'string', describe: 'Write to this file instead of stdout' }),
      async (args) => {
        exitCode = await COMMAND_MODULES.graph().graphCommand({ ...args, path: args.path ?? '.', rawArgv: argv }, io);
      },
    )
    .command(
      'rules',
      'List the rules with their IDs, severities and claims',
      (y) => y.option('format', { choices: ['text', 'json'] as const, default: 'text' as const }),
      (args) => {
        exitCode = COMMAND_MODULES.rules().rulesCommand(args.format, io);
      },
    )
    .command(
      'explain <ruleId> [paths..]',
      'Explain a rule (what it checks, why, how to fix it, peer equivalents), or with --finding one result in full',
      (y) =>
        variableOptions(y)
          .positional('ruleId', { type: 'string', demandOption: true })
          .positional('paths', { type: 'string', array: true, default: [], describe: 'With --finding: what to scan (default: .)' })
          .option('finding', { type: 'string', describe: 'FILE:LINE of a result, as the scan prints it: show its whole message, parts and where its value came from' })
          .option('recursive', { type: 'boolean', default: false, describe: 'With --finding: scan every root below PATH' }),
      async (args) => {
        if (args.finding === undefined) {
          exitCode = COMMAND_MODULES.rules().explainCommand(String(args.ruleId), io);
          return;
        }
        exitCode = await COMMAND_MODULES.explainFinding().explainFindingCommand(
          { ruleId: String(args.ruleId).toUpperCase(), finding: args.finding, paths: (args.paths as string[]) ?? [], recursive: args.recursive, variables: orderedVariables(argv) },
          io,
        );
      },
    )
    .demandCommand(1, 'Name a command: scan, merge, rules, explain, profile or graph (tomguard --help lists them).')
    .fail((msg, err) => {
      throw err ?? new UsageError(msg);
    });
  try {
    await parser.parseAsync();
  } catch (err) {
    if (err instanceof UsageError || (err as Error)?.name === 'YError') {
      io.stderr(`tomguard: ${(err as Error).message}\nRun "tomguard --help" for usage.\n`);
      return 2;
    }
    throw err;
  }
  return exitCode;
}
