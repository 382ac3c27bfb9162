/**
 * The inputs as a `tomguard scan` command line. The action runs the CLI's own main() with it, so
 * option parsing, .tomguard.yml, profiles, baselines, SARIF and the exit code stay the CLI's.
 */
import { ActionInputs } from './inputs';

/** `jsonFile`: where the CLI writes the JSON report the annotations and the summary are made from. */
export function cliArgs(inputs: ActionInputs, jsonFile: string): string[] {
  return [
    'scan',
    '--format',
    `json=${jsonFile}`,
    ...(inputs.sarifFile ? ['--format', `sarif=${inputs.sarifFile}`] : []),
    '--fail-on',
    inputs.failOn,
    ...(inputs.profile ? ['--profile', inputs.profile] : []),
    ...(inputs.recursive ? ['--recursive'] : []),
    // Only when set: the CLI's defaults (a category per root, no PR mode) apply otherwise.
    ...(inputs.sarifCategory ? ['--sarif-category', inputs.sarifCategory] : []),
    ...(inputs.diffBase ? ['--diff-base', inputs.diffBase] : []),
    ...inputs.args,
    ...inputs.paths,
  ];
}
