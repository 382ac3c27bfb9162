/**
 * A scan without --download-modules opens no socket and starts no process: in a worker thread whose
 * net, tls, http, https, dgram and child_process functions (and fetch) throw and record the call
 * (tests/robustness/no-network-worker.ts), five representative scans succeed and record nothing, and a
 * scan with --download-modules does reach the patched functions (so the patch is known to work).
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { startSourceWorker } from '../helpers/source-worker';
import { writeTree } from '../helpers/tmp-tree';

const REPO = path.resolve(__dirname, '../..');
let worker: Worker;
const answers: Array<(a: Answer) => void> = [];
interface Answer {
  code: number;
  err: string;
  calls: string[];
}

beforeAll(async () => {
  worker = startSourceWorker(path.join(__dirname, 'no-network-worker.ts'));
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: Answer | { ready: true }) => ('ready' in m ? resolve() : answers.shift()!(m)));
  });
});
afterAll(() => worker.terminate());

function run(args: string[], cwd = REPO): Promise<Answer> {
  return new Promise((resolve) => {
    answers.push(resolve);
    worker.postMessage({ args, cwd });
  });
}

describe('no network and no child process without --download-modules', () => {
  jest.setTimeout(120_000);

  it.each([
    ['an HCL root', ['scan', 'examples/saas-reference'], 0],
    ['a root with local modules', ['scan', 'examples/saas-broken'], 1],
    ['a recursive scan', ['scan', '--recursive', 'tests/fixtures/monorepo', '--fail-on', 'none'], 0],
    ['a plan', ['scan', 'tests/fixtures/plans/saas-reference.plan.json'], 0],
    ['a Terragrunt unit', ['scan', 'tests/fixtures/terragrunt/live/prod/vpc', '--fail-on', 'none'], 0],
  ])('%s', async (_name, args, code) => {
    const r = await run(args as string[]);
    expect(r.calls).toEqual([]);
    expect(r.code).toBe(code);
  });

  it('with --download-modules the patched functions are reached', async () => {
    const dir = writeTree({ 'main.tf': 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.0.0"\n}\n' });
    const r = await run(['scan', '.', '--download-modules', '--fail-on', 'none'], dir);
    expect(r.calls.length).toBeGreaterThan(0);
    expect(r.calls.every((c) => /^(https|http|net|tls|child_process|fetch)\./.test(c) || c === 'fetch')).toBe(true);
  });
});
