/**
 * The action's inputs, read through a getter (core.getInput in the action, a map in tests) and
 * checked before anything runs. Defaults repeat action.yml's (tests/action/inputs.test.ts keeps the
 * two in step) so the bundle also behaves when run by hand with only some INPUT_* variables set.
 */
import { InputError } from './inputs-error';
import { splitArgs } from './split-args';

export interface ActionInputs {
  paths: string[];
  profile?: string;
  failOn: string;
  /** Where the CLI writes SARIF (relative to workingDirectory); undefined: no SARIF. */
  sarifFile?: string;
  sarifCategory?: string;
  annotations: boolean;
  summary: boolean;
  diffBase?: string;
  /** Relative to the workspace. */
  workingDirectory: string;
  recursive: boolean;
  /** Further CLI options, already split into words. */
  args: string[];
}

/** Defaults of the inputs whose empty value does not mean "off" (sarif-file: empty skips SARIF). */
export const DEFAULTS = { paths: '.', 'fail-on': 'low', annotations: 'true', summary: 'true', recursive: 'false', 'working-directory': '.' } as const;

/** The YAML 1.2 core-schema booleans, as @actions/core's getBooleanInput accepts them. */
const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

function bool(name: string, value: string): boolean {
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new InputError(`Input ${name} must be true or false, got "${value}".`);
}

/** `getInput` returns the trimmed value, '' when unset (as core.getInput does). */
export function readInputs(getInput: (name: string) => string): ActionInputs {
  const get = (name: string) => getInput(name).trim();
  const or = (name: keyof typeof DEFAULTS) => get(name) || DEFAULTS[name];
  const optional = (name: string) => get(name) || undefined;
  return {
    // Space- or newline-separated, like the composite action before: a path with spaces goes in quotes.
    paths: splitArgs(or('paths')),
    profile: optional('profile'),
    failOn: or('fail-on'),
    sarifFile: optional('sarif-file'),
    sarifCategory: optional('sarif-category'),
    annotations: bool('annotations', or('annotations')),
    summary: bool('summary', or('summary')),
    diffBase: optional('diff-base'),
    workingDirectory: or('working-directory'),
    recursive: bool('recursive', or('recursive')),
    args: splitArgs(get('args')),
  };
}
