/**
 * The action: inputs → `tomguard scan` (the CLI's main()) → annotations, job summary, outputs and
 * the step's result. @actions/core comes in as a parameter: it is an ES module that main.ts loads
 * with import(), and this keeps the rest free of it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnnotationProperties } from '@actions/core' with { 'resolution-mode': 'import' };
import { failureExitCode } from '../cli/scan-command';
import { renderText } from '../report/renderers/text-reporter';
import { Report } from '../report/findings';
import { cliArgs } from './cli-args';
import { ActionInputs, readInputs } from './inputs';
import { InputError } from './inputs-error';
import { RepoContext, repoContext } from './repo-paths';
import { ActionResult, annotationsToMake, collectResults, resultMessage, resultTitle } from './results';
import { runScan } from './run-scan';
import { SUMMARY_LIMIT, renderFailure, renderSummary } from './summary';
import { logUntrusted } from './untrusted-log';

export type Core = typeof import('@actions/core', { with: { 'resolution-mode': 'import' } });

function annotate(core: Core, results: readonly ActionResult[]): number {
  const chosen = annotationsToMake(results);
  for (const r of chosen) {
    const props: AnnotationProperties = { title: resultTitle(r) };
    if (r.file) {
      props.file = r.file;
      if (r.startLine) {
        props.startLine = r.startLine;
        props.endLine = r.endLine ?? r.startLine;
      }
    }
    // core escapes % CR LF in the message and also : , in the properties.
    core[r.kind](resultMessage(r), props);
  }
  if (chosen.length < results.length) core.info(`${results.length - chosen.length} more results are listed in the job summary only.`);
  return chosen.length;
}

async function writeSummary(core: Core, markdown: (budget: number) => string, env: NodeJS.ProcessEnv): Promise<void> {
  const file = env.GITHUB_STEP_SUMMARY;
  if (!file) {
    core.info('No GITHUB_STEP_SUMMARY here: no job summary written.');
    return;
  }
  const used = fs.existsSync(file) ? fs.statSync(file).size : 0;
  try {
    await core.summary.addRaw(markdown(SUMMARY_LIMIT - used)).write();
  } catch (err) {
    // The summary is a view of the results: failing to write it must not change the step's outcome.
    core.warning(`tomguard: the job summary was not written: ${(err as Error).message}`);
  }
}

/** Relative to the workspace, as upload-sarif's sarif_file expects; absolute when outside it. */
function outputPath(file: string, workspace: string): string {
  const rel = path.relative(workspace, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

function setOutputs(core: Core, exitCode: number, report: Report | undefined, sarif: string | undefined): void {
  core.setOutput('exit-code', String(exitCode));
  core.setOutput('sarif-file', sarif ?? '');
  if (!report) return;
  core.setOutput('failures', String(report.summary.fail));
  core.setOutput('unknown', String(report.summary.unknown));
  core.setOutput('claims-broken', String(report.claims.filter((c) => c.status === 'broken').length));
}

function failureMessage(exitCode: number, report: Report | undefined, failOn: string, stderr: string): string {
  if (!report) return stderr.trim() || `tomguard exited with code ${exitCode}.`;
  if (exitCode === 2) return `tomguard: ${report.errors.length} input error${report.errors.length === 1 ? '' : 's'}: the results are incomplete.`;
  if (failureExitCode(report, failOn) === 1) return `tomguard: failures at or above fail-on (${failOn}); ${report.claims.filter((c) => c.status === 'broken').length} TOM claims broken.`;
  return 'tomguard: TOM claims are unknown (--fail-on-unknown).';
}

/** Runs the action; returns the exit code (the CLI's: 0, 1 failures at or above fail-on, 2 input errors). */
export async function run(core: Core, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());
  let inputs: ActionInputs;
  let cwd: string;
  try {
    inputs = readInputs((name) => core.getInput(name));
    cwd = path.resolve(workspace, inputs.workingDirectory);
    if (!fs.statSync(cwd, { throwIfNoEntry: false })?.isDirectory()) throw new InputError(`working-directory ${inputs.workingDirectory} is not a directory in ${workspace}.`);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    setOutputs(core, 2, undefined, undefined);
    core.setFailed(err.message);
    return 2;
  }
  // The CLI takes its directory from CliIo; the process follows, for anything that asks process.cwd().
  process.chdir(cwd);

  core.debug(`tomguard: scanning ${inputs.paths.join(' ')} in ${cwd}`);
  const scan = await runScan((jsonFile) => cliArgs(inputs, jsonFile), cwd, env);
  const repo: RepoContext = repoContext(cwd, workspace, env);
  const results = scan.report ? collectResults(scan.report, repo) : [];
  const annotated = inputs.annotations ? annotate(core, results) : 0;

  core.startGroup('tomguard report');
  const print = (line: string) => core.info(line);
  logUntrusted(scan.stderr, print);
  if (scan.stdout) logUntrusted(scan.stdout, print);
  else if (scan.report) logUntrusted(renderText(scan.report, { color: !('NO_COLOR' in env), onlyFailures: false, quiet: false }), print);
  core.endGroup();

  if (inputs.summary) {
    const report = scan.report;
    await writeSummary(
      core,
      (budget) =>
        report
          ? renderSummary(report, results, { repo, failOn: inputs.failOn, exitCode: scan.exitCode, annotated, budget })
          : renderFailure(scan.stderr || 'tomguard stopped without a report.', scan.exitCode),
      env,
    );
  }

  const sarifFile = inputs.sarifFile ? path.resolve(cwd, inputs.sarifFile) : undefined;
  // Only a run that reported wrote SARIF (a file left by an earlier step does not count).
  const sarifWritten = sarifFile && scan.report && fs.existsSync(sarifFile) ? outputPath(sarifFile, workspace) : undefined;
  setOutputs(core, scan.exitCode, scan.report, sarifWritten);
  if (scan.exitCode !== 0) core.setFailed(failureMessage(scan.exitCode, scan.report, inputs.failOn, scan.stderr));
  return scan.exitCode;
}
