import { main } from '../../src/cli/main';
import { CliIo } from '../../src/cli/io';

export interface RunResult {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process with captured output. */
export async function runCli(args: string[], cwd: string, options: { isTTY?: boolean; env?: Record<string, string> } = {}): Promise<RunResult> {
  let out = '';
  let err = '';
  const io: CliIo = {
    cwd,
    env: options.env ?? {},
    isTTY: options.isTTY ?? false,
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
  };
  const code = await main(args, io);
  return { code, out, err };
}
