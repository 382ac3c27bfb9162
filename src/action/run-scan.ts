/**
 * Runs `tomguard scan` in this process through the CLI's main() with an injected CliIo, and reads
 * back the JSON report it wrote. Going through main() rather than calling scan() keeps one
 * implementation of everything the command line does around the engine: yargs parsing of `args`,
 * .tomguard.yml, --profile/--baseline/--var-file handling, the SARIF writer and its options, and the
 * exit code (0, 1 at or above fail-on, 2 for input and usage errors).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../cli/main';
import { Report } from '../report/findings';

export interface ScanRun {
  exitCode: number;
  /** Absent when the CLI stopped before reporting (a usage error, an internal error). */
  report?: Report;
  /** What the CLI printed: a usage error on stderr, or a report the user asked for in `args`. */
  stdout: string;
  stderr: string;
}

export async function runScan(argsFor: (jsonFile: string) => string[], cwd: string, env: NodeJS.ProcessEnv): Promise<ScanRun> {
  const dir = fs.mkdtempSync(path.join(env.RUNNER_TEMP || os.tmpdir(), 'tomguard-'));
  const jsonFile = path.join(dir, 'report.json');
  let stdout = '';
  let stderr = '';
  try {
    let exitCode: number;
    try {
      exitCode = await main(argsFor(jsonFile), {
        cwd,
        env,
        isTTY: false,
        stdout: (t) => {
          stdout += t;
        },
        stderr: (t) => {
          stderr += t;
        },
      });
    } catch (err) {
      // As bin/tomguard.js: an internal error is exit code 2 with its stack, never a silent pass.
      stderr += `tomguard: internal error: ${(err as Error)?.stack ?? String(err)}\n`;
      exitCode = 2;
    }
    const report = fs.existsSync(jsonFile) ? (JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as Report) : undefined;
    return { exitCode, report, stdout, stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
