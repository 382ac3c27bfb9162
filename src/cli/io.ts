import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliVariable } from '../config/variables';
import { Diagnostic } from '../diagnostics';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  isTTY: boolean;
}

/** A mistake in how tomguard was called: reported in one line, exit code 2. */
export class UsageError extends Error {}

/** Writes to --output (creating its directory) or to stdout. */
export function writeOut(text: string, output: string | undefined, cwd: string, stdout: (t: string) => void): void {
  if (!output) {
    stdout(text);
    return;
  }
  const file = path.resolve(cwd, output);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/**
 * `--var` and `--var-file` in the order given: Terraform lets later settings win, so the order
 * between the two options matters, which yargs' separate arrays lose.
 */
export function orderedVariables(rawArgv: string[]): CliVariable[] {
  const out: CliVariable[] = [];
  for (let i = 0; i < rawArgv.length; i++) {
    const arg = rawArgv[i];
    let name: 'var' | 'var-file' | undefined;
    let value: string | undefined;
    for (const opt of ['var', 'var-file'] as const) {
      if (arg === `--${opt}`) {
        name = opt;
        value = rawArgv[++i];
      } else if (arg.startsWith(`--${opt}=`)) {
        name = opt;
        value = arg.slice(opt.length + 3);
      }
    }
    if (!name || value === undefined) continue;
    if (name === 'var-file') {
      out.push({ kind: 'var-file', file: value });
      continue;
    }
    const eq = value.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var needs NAME=VALUE, got "${value}".`);
    out.push({ kind: 'var', name: value.slice(0, eq), value: value.slice(eq + 1) });
  }
  return out;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line ? `${d.file}:${d.line}${d.column ? `:${d.column}` : ''}` : d.file;
  return `${where}: ${d.severity === 'warning' ? 'warning' : 'error'}: ${d.message}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity !== 'warning');
}
