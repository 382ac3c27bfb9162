/**
 * Plan loading and scanning benchmark (`npm run bench`): generates synthetic plans of 1k, 10k and 50k
 * resources (with their .tf sources) under the OS temp directory, then measures for each, in a fresh
 * child process per measurement, the wall time and peak RSS of (a) `loadInput` and (b) a full `scan`
 * with every rule. Target: a 50k-resource plan loaded and fully scanned in under 10 s, under 2 GB.
 *
 *   node --expose-gc dist/scripts/bench.js [--sizes 1000,10000,50000] [--keep]
 *   node dist/scripts/bench.js --one load|scan FILE      (one measurement; prints a JSON line)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadInput } from '../src/load-input';
import { runRules, scan } from '../src/engine/scan';
import { REFERENCE_PROFILE } from '../src/profile/reference-profile';
import { DEFAULT_PARAMETERS } from '../src/rules/parameters';
import { ALL_RULES } from '../rules/index';
import { generateSyntheticPlan } from './generate-synthetic-plan';

const TARGET_SECONDS = 10;
const TARGET_RSS_MB = 2048;

interface Measurement {
  phase: 'load' | 'scan';
  seconds: number;
  /** Peak resident set size of the process, from getrusage. */
  maxRssMB: number;
  /** Heap still in use after a full GC with the result alive (when run with --expose-gc). */
  retainedHeapMB?: number;
  /** In the load process: running every rule over the loaded graph (no report). */
  rulesSeconds?: number;
  nodes: number;
  edges: number;
  findings?: number;
  errors: number;
}

const mb = (bytes: number) => bytes / 1048576;

async function measureOne(phase: 'load' | 'scan', file: string): Promise<Measurement> {
  const cwd = path.dirname(file);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const started = process.hrtime.bigint();
  if (phase === 'load') {
    const input = await loadInput(file, { cwd, env: {} });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const maxRssMB = process.resourceUsage().maxRSS / 1024;
    gc?.();
    const retainedHeapMB = gc ? mb(process.memoryUsage().heapUsed) : undefined;
    const rulesStarted = process.hrtime.bigint();
    runRules(input, ALL_RULES, REFERENCE_PROFILE, DEFAULT_PARAMETERS);
    const rulesSeconds = Number(process.hrtime.bigint() - rulesStarted) / 1e9;
    return {
      phase,
      seconds,
      maxRssMB,
      retainedHeapMB,
      rulesSeconds,
      nodes: input.graph.nodes().length,
      edges: input.graph.edges().length,
      errors: input.diagnostics.filter((d) => d.severity !== 'warning').length,
    };
  }
  const report = await scan([file], { rules: ALL_RULES, cwd, env: {} });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    phase,
    seconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    nodes: NaN,
    edges: NaN,
    findings: report.findings.length,
    errors: report.errors.length,
  };
}

/** Runs one measurement in a fresh process, so peak RSS belongs to that measurement alone. */
function measureInChild(phase: 'load' | 'scan', file: string): Measurement & { processSeconds: number } {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--expose-gc', __filename, '--one', phase, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const processSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(`bench child (${phase} ${file}) failed with ${child.status ?? child.signal}:\n${child.stderr}`);
  const line = child.stdout.trim().split('\n').pop() ?? '';
  return { ...(JSON.parse(line) as Measurement), processSeconds };
}

interface Row {
  resources: number;
  fileMB: number;
  generateSeconds: number;
  load: Measurement & { processSeconds: number };
  scan: Measurement & { processSeconds: number };
}

function table(rows: Row[]): string {
  const head = ['resources', 'file MB', 'gen s', 'load s', 'load RSS MB', 'heap after load MB', 'nodes', 'edges', 'scan s', 'scan RSS MB', 'rules s', 'findings', 'scan process s', 'errors'];
  const body = rows.map((r) => [
    String(r.resources),
    r.fileMB.toFixed(1),
    r.generateSeconds.toFixed(2),
    r.load.seconds.toFixed(2),
    r.load.maxRssMB.toFixed(0),
    r.load.retainedHeapMB === undefined ? '-' : r.load.retainedHeapMB.toFixed(0),
    String(r.load.nodes),
    String(r.load.edges),
    r.scan.seconds.toFixed(2),
    r.scan.maxRssMB.toFixed(0),
    r.load.rulesSeconds === undefined ? '-' : r.load.rulesSeconds.toFixed(2),
    String(r.scan.findings ?? '-'),
    r.scan.processSeconds.toFixed(2),
    String(r.scan.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === '--one') {
    const phase = argv[1] === 'scan' ? 'scan' : 'load';
    process.stdout.write(`${JSON.stringify(await measureOne(phase, path.resolve(argv[2])))}\n`);
    return 0;
  }
  const sizesAt = argv.indexOf('--sizes');
  const sizes = sizesAt >= 0 ? argv[sizesAt + 1].split(',').map(Number) : [1000, 10000, 50000];
  const root = path.join(os.tmpdir(), 'tomguard-bench');
  const w = process.stdout;
  w.write(`tomguard bench: node ${process.version}, ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, ${ALL_RULES.length} rules (${ALL_RULES.map((r) => r.meta.id).join(', ')})\n`);
  const rows: Row[] = [];
  for (const n of sizes) {
    const dir = path.join(root, String(n));
    fs.rmSync(dir, { recursive: true, force: true });
    const file = path.join(dir, 'plan.json');
    const genStarted = process.hrtime.bigint();
    const stats = generateSyntheticPlan(n, file, { seed: 1, sources: true });
    const generateSeconds = Number(process.hrtime.bigint() - genStarted) / 1e9;
    w.write(`  ${n}: generated ${file} (${mb(stats.bytes).toFixed(1)} MB) in ${generateSeconds.toFixed(2)} s; measuring...\n`);
    const load = measureInChild('load', file);
    const scanned = measureInChild('scan', file);
    rows.push({ resources: stats.resources, fileMB: mb(stats.bytes), generateSeconds, load, scan: scanned });
    if (!argv.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!argv.includes('--keep')) fs.rmSync(root, { recursive: true, force: true });
  w.write(`\n${table(rows)}\n\n`);
  w.write('load s / scan s: in-process wall time of loadInput / of scan() (load + all rules + report), each in a fresh process; RSS: its peak (getrusage maxRSS; load RSS read right after loading); rules s: runRules over the loaded graph; scan process s: spawn to exit, Node start-up included.\n');
  const big = rows.find((r) => r.resources === 50000);
  if (big) {
    const ok = big.scan.seconds < TARGET_SECONDS && big.scan.maxRssMB < TARGET_RSS_MB;
    w.write(`target (50k resources loaded and fully scanned in < ${TARGET_SECONDS} s, peak < ${TARGET_RSS_MB} MB): ${ok ? 'met' : 'MISSED'} (${big.scan.seconds.toFixed(2)} s, ${big.scan.maxRssMB.toFixed(0)} MB)\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`bench crashed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
