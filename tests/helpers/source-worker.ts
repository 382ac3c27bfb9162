/**
 * Runs a TypeScript module of this repository in a worker thread, straight from source: the worker
 * transpiles `.ts` files as it requires them (as ts-jest does in the test process). Used by tests that
 * need to stop a scan that hangs (worker.terminate()) or to isolate it from the test process.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

const BOOTSTRAP = `
const fs = require('node:fs');
const ts = require(${JSON.stringify(require.resolve('typescript'))});
require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true },
  });
  module._compile(out.outputText, filename);
};
require(require('node:worker_threads').workerData.entry);
`;

export function startSourceWorker(entry: string, data: Record<string, unknown> = {}): Worker {
  return new Worker(BOOTSTRAP, { eval: true, workerData: { ...data, entry: path.resolve(entry) }, stdout: true, stderr: true });
}
