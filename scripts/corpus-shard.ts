/**
 * `npm run corpus:shard`: scans ../shared/corpus/real-world with --recursive once unsharded and then
 * as N = 2 and 3 shards, merges each set with `tomguard merge`, and checks that the merged JSON and
 * SARIF are byte for byte the unsharded ones. Prints each shard's roots and bytes. Exit 1 on a
 * difference; skips (exit 0) when the corpus is absent.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/cli/main';
import { CliIo } from '../src/cli/io';
import { rootWeight } from '../src/engine/shard-plan';
import { CORPUS_DIR } from './corpus';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string; seconds: number }> {
  let out = '';
  let err = '';
  const io: CliIo = { cwd: CORPUS_DIR, env: {}, isTTY: false, stdout: (t) => (out += t), stderr: (t) => (err += t) };
  const started = process.hrtime.bigint();
  const code = await main(args, io);
  return { code, out, err, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

async function run(): Promise<number> {
  if (!fs.existsSync(path.join(CORPUS_DIR, 'real-world'))) {
    process.stdout.write(`corpus not found at ${CORPUS_DIR}: skipped (set TOMGUARD_CORPUS to its path)\n`);
    return 0;
  }
  const scanArgs = ['scan', '--recursive', 'real-world', '--fail-on', 'none'];
  const json = await cli([...scanArgs, '--format', 'json']);
  const sarif = await cli([...scanArgs, '--format', 'sarif']);
  const roots = (JSON.parse(json.out) as { inputs: Array<{ path: string }> }).inputs.map((i) => i.path);
  process.stdout.write(`unsharded: ${roots.length} roots, ${json.seconds.toFixed(1)} s, exit ${json.code}\n`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-shards-'));
  let failed = 0;
  try {
    for (const count of [2, 3]) {
      const files: string[] = [];
      for (let k = 1; k <= count; k++) {
        const file = path.join(tmp, `shard-${count}-${k}.json`);
        const r = await cli([...scanArgs, '--shard', `${k}/${count}`, '--format', `json=${file}`]);
        const mine = (JSON.parse(fs.readFileSync(file, 'utf8')) as { inputs: Array<{ path: string }> }).inputs.map((i) => i.path);
        const bytes = mine.reduce((sum, root) => sum + rootWeight(path.join(CORPUS_DIR, root)), 0);
        process.stdout.write(`  shard ${k}/${count}: ${mine.length} roots, ${(bytes / 1024).toFixed(0)} KB own files, ${r.seconds.toFixed(1)} s, exit ${r.code}\n`);
        files.push(file);
      }
      const mergedJson = await cli(['merge', ...files, '--format', 'json', '--fail-on', 'none']);
      const mergedSarif = await cli(['merge', ...files, '--format', 'sarif', '--fail-on', 'none']);
      const sameJson = mergedJson.out === json.out;
      const sameSarif = mergedSarif.out === sarif.out;
      process.stdout.write(`N=${count}: merged JSON ${sameJson ? 'identical' : 'DIFFERS'}, SARIF ${sameSarif ? 'identical' : 'DIFFERS'} (merge ${mergedJson.seconds.toFixed(2)} s)${mergedJson.err ? `\n${mergedJson.err}` : ''}\n`);
      if (!sameJson) fs.writeFileSync(path.join(os.tmpdir(), `tomguard-merged-${count}.json`), mergedJson.out);
      if (!sameJson || !sameSarif) failed++;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (failed > 0) fs.writeFileSync(path.join(os.tmpdir(), 'tomguard-unsharded.json'), json.out);
  return failed > 0 ? 1 : 0;
}

run().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
