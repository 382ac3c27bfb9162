/**
 * Runs the bundled action (action-dist/index.js) as the runner does: a child process with the
 * GITHUB_* files and INPUT_* variables named as the runner names them (upper case, spaces to `_`,
 * hyphens kept: INPUT_FAIL-ON). Nothing from the test process's own environment leaks in, so
 * these tests also pass inside a GitHub Actions job.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import YAML from 'yaml';

export const REPO = path.resolve(__dirname, '..', '..');

let bundle: string | undefined;

/**
 * The committed bundle; in a fresh clone without it, one built from the sources into a temporary
 * folder (never into action-dist/, which .ci/run compares with git).
 */
export function actionBundle(): string {
  if (bundle) return bundle;
  const committed = path.join(REPO, 'action-dist', 'index.js');
  if (fs.existsSync(committed)) return (bundle = committed);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-action-build-'));
  const built = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'build-action.mjs'), '--outdir', outdir], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`action-dist/index.js is missing and building it failed:\n${built.stderr}`);
  return (bundle = path.join(outdir, 'index.js'));
}

function declaredDefaults(): Record<string, string> {
  const action = YAML.parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> };
  return Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, String(input.default ?? '')]));
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

export interface RunOptions {
  /** Input name (as in action.yml) → value; the others get action.yml's default, as on a runner. */
  inputs?: Record<string, string>;
  /** Extra environment (overrides the defaults below). */
  env?: Record<string, string>;
  /** What the summary file holds before the step (another step's summary in the same file). */
  summaryBefore?: string;
}

export const REPOSITORY = 'acme/infra';
export const SHA = '0123456789abcdef0123456789abcdef01234567';

export function runAction(workspace: string, options: RunOptions = {}): ActionRun {
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-runner-'));
  const summaryFile = path.join(files, 'step_summary');
  const outputFile = path.join(files, 'output');
  fs.writeFileSync(summaryFile, options.summaryBefore ?? '');
  fs.writeFileSync(outputFile, '');
  // The runner sets every input action.yml declares: the workflow's value or the default.
  const values: Record<string, string> = { ...declaredDefaults(), ...options.inputs };
  const inputs = Object.fromEntries(Object.entries(values).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: os.homedir(),
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_SHA: SHA,
    RUNNER_TEMP: files,
    NO_COLOR: '1',
    ...inputs,
    ...options.env,
  };
  // The runner starts the action in the workspace.
  const child = spawnSync(process.execPath, [actionBundle()], { cwd: workspace, env, encoding: 'utf8', timeout: 120_000 });
  const result: ActionRun = {
    code: child.status,
    stdout: child.stdout,
    stderr: child.stderr,
    outputs: parseOutputs(fs.readFileSync(outputFile, 'utf8')),
    summary: fs.readFileSync(summaryFile, 'utf8'),
    workspace,
  };
  fs.rmSync(files, { recursive: true, force: true });
  return result;
}

/** GITHUB_OUTPUT as core writes it: `name<<DELIMITER`, the value, `DELIMITER`. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out[m[1]] = m[3];
  return out;
}

export interface WorkflowCommand {
  command: string;
  /** Decoded property values. */
  props: Record<string, string>;
  /** Decoded message. */
  message: string;
  /** The line as printed. */
  raw: string;
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
function unescapeProperty(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

/**
 * The workflow commands the runner would execute in `stdout`, as the runner reads them: one per line,
 * none between `::stop-commands::TOKEN` and `::TOKEN::`.
 */
export function workflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let stopToken: string | undefined;
  for (const line of stdout.split(/\r?\n|\r/)) {
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    const m = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      props[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    if (m[1] === 'stop-commands') stopToken = m[3];
    commands.push({ command: m[1], props, message: unescapeData(m[3]), raw: line });
  }
  return commands;
}

export function annotations(stdout: string): WorkflowCommand[] {
  return workflowCommands(stdout).filter((c) => ['error', 'warning', 'notice'].includes(c.command));
}

/** A copy of a folder of this repository as a fresh workspace (the action writes tomguard.sarif into it). */
export function workspaceWith(files: Record<string, string>): string {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-workspace-'));
  for (const [dest, src] of Object.entries(files)) fs.cpSync(path.join(REPO, src), path.join(workspace, dest), { recursive: true });
  return workspace;
}
