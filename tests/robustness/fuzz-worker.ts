/**
 * Worker side of the fuzz test: runs the tomguard CLI in-process on each input the test sends and
 * answers with the exit code and output, or with the stack of an exception that escaped it.
 */
import { parentPort } from 'node:worker_threads';
import { main } from '../../src/cli/main';

export interface FuzzRequest {
  id: number;
  args: string[];
  cwd: string;
}

export type FuzzAnswer = { id: number; code: number; out: string; err: string } | { id: number; crash: string };

let current = -1;
const crashed = (err: unknown) => parentPort!.postMessage({ id: current, crash: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies FuzzAnswer);
process.on('uncaughtException', crashed);
process.on('unhandledRejection', crashed);

parentPort!.on('message', async (req: FuzzRequest) => {
  current = req.id;
  let out = '';
  let err = '';
  try {
    const code = await main(req.args, { cwd: req.cwd, env: {}, isTTY: false, stdout: (t) => (out += t), stderr: (t) => (err += t) });
    parentPort!.postMessage({ id: req.id, code, out, err } satisfies FuzzAnswer);
  } catch (e) {
    crashed(e);
  }
});
parentPort!.postMessage({ ready: true });
