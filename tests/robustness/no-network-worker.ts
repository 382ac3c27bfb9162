/**
 * Worker side of the no-network test: before tomguard is loaded, every function of the modules that
 * open sockets or start processes (and global fetch) is replaced by one that records the call and
 * throws. Then it runs the scans the test sends and answers with the exit code and the calls recorded.
 */
import { parentPort } from 'node:worker_threads';

const calls: string[] = [];
for (const name of ['net', 'tls', 'http', 'https', 'dgram', 'child_process']) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(`node:${name}`) as Record<string, unknown>;
  for (const key of Object.keys(mod)) {
    // Factories and calls (connect, request, get, spawn, execFile, createSocket, ...); classes stay, as
    // Node's own modules extend them, and their connecting methods are patched below.
    if (typeof mod[key] !== 'function' || !/^[a-z]/.test(key)) continue;
    const blocked = () => {
      calls.push(`${name}.${key}`);
      throw new Error(`no-network test: ${name}.${key} was called`);
    };
    try {
      mod[key] = blocked;
    } catch {
      // a read-only export: nothing can be reached through it
    }
  }
}
/* eslint-disable @typescript-eslint/no-require-imports */
for (const [name, proto, method] of [
  ['net', (require('node:net') as typeof import('node:net')).Socket.prototype, 'connect'],
  ['dgram', (require('node:dgram') as typeof import('node:dgram')).Socket.prototype, 'send'],
  ['dgram', (require('node:dgram') as typeof import('node:dgram')).Socket.prototype, 'bind'],
] as const) {
  (proto as unknown as Record<string, unknown>)[method] = () => {
    calls.push(`${name}.Socket.${method}`);
    throw new Error(`no-network test: ${name}.Socket.${method} was called`);
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */
globalThis.fetch = (() => {
  calls.push('fetch');
  throw new Error('no-network test: fetch was called');
}) as typeof fetch;

// Loaded only now, so tomguard's modules see the patched functions.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { main } = require('../../src/cli/main') as typeof import('../../src/cli/main');

parentPort!.on('message', async (req: { args: string[]; cwd: string }) => {
  calls.length = 0;
  let err = '';
  try {
    const code = await main(req.args, { cwd: req.cwd, env: {}, isTTY: false, stdout: () => undefined, stderr: (t) => (err += t) });
    parentPort!.postMessage({ code, err, calls: [...calls] });
  } catch (e) {
    parentPort!.postMessage({ code: -1, err: String((e as Error).stack ?? e), calls: [...calls] });
  }
});
parentPort!.postMessage({ ready: true });
