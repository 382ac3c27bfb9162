#!/usr/bin/env node
/**
 * Measures the action's start-up: `node action-dist/index.js` on examples/saas-broken as a runner
 * starts it, timing (from spawn) the start of the scan (the ::debug:: line before it) and the first
 * annotation. Prints the median of N runs (default 5). Numbers for docs/design.md.
 *
 * Usage: node scripts/action-startup.mjs [RUNS]
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 5);

function once() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-startup-'));
  for (const f of ['summary', 'output']) fs.writeFileSync(path.join(tmp, f), '');
  const env = {
    PATH: process.env.PATH,
    GITHUB_WORKSPACE: repo,
    GITHUB_STEP_SUMMARY: path.join(tmp, 'summary'),
    GITHUB_OUTPUT: path.join(tmp, 'output'),
    GITHUB_REPOSITORY: 'acme/infra',
    GITHUB_SHA: '0'.repeat(40),
    RUNNER_TEMP: tmp,
    INPUT_PATHS: 'examples/saas-broken',
    'INPUT_SARIF-FILE': path.join(tmp, 'tomguard.sarif'),
  };
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - start) / 1e6;
    const times = {};
    const child = spawn(process.execPath, [path.join(repo, 'action-dist', 'index.js')], { cwd: repo, env });
    let buffered = '';
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      if (times.scan === undefined && buffered.includes('::debug::tomguard: scanning')) times.scan = ms();
      if (times.annotation === undefined && /^::(error|warning|notice) /m.test(buffered)) times.annotation = ms();
    });
    child.on('close', () => {
      times.exit = ms();
      fs.rmSync(tmp, { recursive: true, force: true });
      resolve(times);
    });
  });
}

const all = [];
for (let i = 0; i < runs; i++) all.push(await once());
const median = (key) => all.map((t) => t[key]).sort((a, b) => a - b)[Math.floor(all.length / 2)];
console.log(`median of ${runs} runs: scan starts ${median('scan').toFixed(0)} ms, first annotation ${median('annotation').toFixed(0)} ms, exit ${median('exit').toFixed(0)} ms`);
