/**
 * `npm run bench`: the speed table of issue 11 in one run. Every row runs the built CLI
 * (`bin/tomguard.js`) as a child process, so it measures what users run, start-up included:
 *
 *   version  `tomguard --version`
 *   saas     `tomguard scan examples/saas-reference` (a pre-commit run)
 *   corpus   `tomguard scan ../shared/corpus/real-world --recursive`, against the floor of
 *            `@cdktn/hcl2json` alone parsing the same `.tf` files in one process
 *   plan     `tomguard scan plan.json` of a 50k-resource synthetic plan (with its .tf sources)
 *   growth   10× input ≤ 11× time: synthetic plans of 5k and 50k resources; the corpus copied 1×/4×/10×
 *
 *   node dist/scripts/bench.js [--only version,saas,corpus,plan,growth] [--runs N] [--markdown] [--keep]
 *
 * Wall time is the best of N runs (spawn to exit); CPU time and peak RSS come from the child itself
 * (`bench-probe.js`, preloaded) and are the largest over the runs. Without the corpus its rows are skipped.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CORPUS_DIR } from './corpus';
import { tfFilesBelow } from './bench-floor';
import { generateSyntheticPlan } from './generate-synthetic-plan';

const REPO = path.resolve(__dirname, '..', '..');
const BIN = path.join(REPO, 'bin', 'tomguard.js');
const PROBE = path.join(__dirname, 'bench-probe.js');
const FLOOR = path.join(__dirname, 'bench-floor.js');
const ROWS = ['version', 'saas', 'corpus', 'plan', 'growth'] as const;
type RowName = (typeof ROWS)[number];

interface Measured {
  /** Best wall time over the runs, seconds. */
  seconds: number;
  /** Largest CPU time (user + system) and peak RSS over the runs. */
  cpuSeconds: number;
  maxRssMB: number;
  exitCodes: number[];
}

interface Row {
  measure: string;
  measured?: Measured;
  throughput?: string;
  target: string;
  met?: boolean;
  note?: string;
}

/** Runs `node --require bench-probe.js ARGS` `runs` times in `cwd`; stdout is discarded. */
function measure(args: string[], cwd: string, runs: number): Measured {
  const probeFile = path.join(os.tmpdir(), `tomguard-bench-probe-${process.pid}.json`);
  const result: Measured = { seconds: Infinity, cpuSeconds: 0, maxRssMB: 0, exitCodes: [] };
  for (let i = 0; i < runs; i++) {
    fs.rmSync(probeFile, { force: true });
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, ['--require', PROBE, ...args], {
      cwd,
      env: { ...process.env, TOMGUARD_BENCH_PROBE: probeFile, NO_COLOR: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (child.status === null || !fs.existsSync(probeFile)) {
      throw new Error(`bench child ${args.join(' ')} ended by ${child.signal ?? 'no probe output'}:\n${child.stderr?.toString().slice(-2000)}`);
    }
    const probe = JSON.parse(fs.readFileSync(probeFile, 'utf8')) as { maxRssKB: number; cpuMicros: number };
    result.seconds = Math.min(result.seconds, seconds);
    result.cpuSeconds = Math.max(result.cpuSeconds, probe.cpuMicros / 1e6);
    result.maxRssMB = Math.max(result.maxRssMB, probe.maxRssKB / 1024);
    result.exitCodes.push(child.status);
  }
  fs.rmSync(probeFile, { force: true });
  return result;
}

const scanArgs = (...rest: string[]) => [BIN, 'scan', ...rest];
const rate = (n: number, what: string, seconds: number) => `${Math.round(n / seconds).toLocaleString('en-US')} ${what}/s`;
const exitNote = (m: Measured) => (m.exitCodes.some((c) => c > 1) ? `exit ${[...new Set(m.exitCodes)].join('/')}` : undefined);

/** A synthetic plan of `n` resources with its sources, in `dir` (made once per bench run). */
function syntheticPlan(root: string, n: number): { file: string; mb: number } {
  const dir = path.join(root, `plan-${n}`);
  const file = path.join(dir, 'plan.json');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    generateSyntheticPlan(n, file, { seed: 1, sources: true });
  }
  return { file, mb: fs.statSync(file).size / 1048576 };
}

function planRow(root: string, n: number, runs: number, target?: { seconds: number; rssMB: number }): Row {
  const plan = syntheticPlan(root, n);
  const m = measure(scanArgs('plan.json'), path.dirname(plan.file), runs);
  return {
    measure: `\`tomguard scan plan.json\`: ${n.toLocaleString('en-US')}-resource synthetic plan (${plan.mb.toFixed(0)} MB), full scan`,
    measured: m,
    throughput: rate(n, 'resources', m.seconds),
    target: target ? `≤ ${target.seconds} s, ≤ ${target.rssMB >= 1024 ? `${target.rssMB / 1024} GB` : `${target.rssMB} MB`}` : '-',
    met: target ? m.seconds <= target.seconds && m.maxRssMB <= target.rssMB : undefined,
    note: exitNote(m),
  };
}

/** The real-world corpus copied `times` times below one directory, for the growth check. */
function replicatedCorpus(root: string, source: string, times: number): string {
  const dir = path.join(root, `corpus-${times}x`);
  if (!fs.existsSync(dir)) for (let i = 1; i <= times; i++) fs.cpSync(source, path.join(dir, `copy-${i}`), { recursive: true });
  return dir;
}

function growthRow(what: string, small: Measured, big: Measured, factor: number): Row {
  const ratio = big.seconds / small.seconds;
  const limit = factor * 1.1;
  return {
    measure: `growth, ${what}: ${factor}× input`,
    // CPU time too: on a shared machine it moves less than wall time between runs.
    throughput: `${ratio.toFixed(2)}× time (${small.seconds.toFixed(2)} s → ${big.seconds.toFixed(2)} s); ${(big.cpuSeconds / small.cpuSeconds).toFixed(2)}× CPU`,
    target: `≤ ${limit.toFixed(limit % 1 === 0 ? 0 : 1)}×`,
    met: ratio <= limit,
  };
}

function run(only: Set<RowName>, runs: number, root: string, log: (s: string) => void): Row[] {
  const rows: Row[] = [];
  const corpus = path.join(CORPUS_DIR, 'real-world');
  const haveCorpus = fs.existsSync(corpus);
  const plans = new Map<number, Measured>();

  if (only.has('version')) {
    log('version...');
    const m = measure([BIN, '--version'], REPO, runs);
    rows.push({ measure: '`tomguard --version`', measured: m, target: '≤ 0.15 s', met: m.seconds <= 0.15, note: exitNote(m) });
  }
  if (only.has('saas')) {
    log('saas-reference...');
    const files = tfFilesBelow(path.join(REPO, 'examples', 'saas-reference')).length;
    const m = measure(scanArgs('examples/saas-reference'), REPO, runs);
    rows.push({
      measure: '`tomguard scan examples/saas-reference` (pre-commit run)',
      measured: m,
      throughput: rate(files, 'files', m.seconds),
      target: '≤ 0.4 s, ≤ 120 MB',
      met: m.seconds <= 0.4 && m.maxRssMB <= 120,
      note: exitNote(m),
    });
  }
  if (only.has('corpus')) {
    if (!haveCorpus) {
      rows.push({ measure: 'real-world corpus', target: '≤ 1.0× hcl2json alone', note: `skipped: no corpus at ${corpus}` });
    } else {
      log('corpus: hcl2json floor...');
      const floor = measure([FLOOR, corpus], REPO, runs);
      const files = tfFilesBelow(corpus);
      const mb = files.reduce((sum, f) => sum + fs.statSync(f).size, 0) / 1048576;
      rows.push({
        measure: `floor: \`@cdktn/hcl2json\` alone parsing the corpus's ${files.length.toLocaleString('en-US')} .tf files (${mb.toFixed(2)} MB)`,
        measured: floor,
        throughput: rate(files.length, 'files', floor.seconds),
        target: '-',
        note: exitNote(floor),
      });
      log('corpus: tomguard --recursive...');
      const m = measure(scanArgs(path.relative(REPO, corpus), '--recursive'), REPO, runs);
      const ratio = m.seconds / floor.seconds;
      rows.push({
        measure: `\`tomguard scan ${path.relative(REPO, corpus)} --recursive\``,
        measured: m,
        throughput: `${rate(files.length, 'files', m.seconds)}; ${ratio.toFixed(2)}× the floor`,
        target: '≤ 1.0× the floor',
        met: ratio <= 1.0,
        note: exitNote(m),
      });
    }
  }
  if (only.has('plan')) {
    log('plan: generating and scanning 50k resources...');
    const row = planRow(root, 50000, runs, { seconds: 5, rssMB: 1024 });
    plans.set(50000, row.measured!);
    rows.push(row);
  }
  if (only.has('growth')) {
    log('growth: plans...');
    const small = planRow(root, 5000, runs);
    rows.push(small);
    const big = plans.get(50000) ?? planRow(root, 50000, runs).measured!;
    rows.push(growthRow('synthetic plan 5k → 50k resources', small.measured!, big, 10));
    if (!haveCorpus) {
      rows.push({ measure: 'growth, corpus copied 1×/4×/10×', target: '≤ 11×', note: `skipped: no corpus at ${corpus}` });
    } else {
      const times = new Map<number, Measured>();
      for (const k of [1, 4, 10]) {
        log(`growth: corpus ${k}×...`);
        const dir = replicatedCorpus(root, corpus, k);
        times.set(k, measure(scanArgs(dir, '--recursive'), REPO, runs));
      }
      rows.push(growthRow('corpus copied 1× → 4×', times.get(1)!, times.get(4)!, 4));
      rows.push(growthRow('corpus copied 1× → 10×', times.get(1)!, times.get(10)!, 10));
    }
  }
  return rows;
}

function cells(r: Row): string[] {
  const m = r.measured;
  return [
    r.measure,
    m ? `${m.seconds.toFixed(2)} s` : '-',
    m ? `${m.cpuSeconds.toFixed(2)} s` : '-',
    r.throughput ?? '-',
    m ? `${m.maxRssMB.toFixed(0)} MB` : '-',
    r.target,
    r.met === undefined ? (r.note?.startsWith('skipped') ? 'skipped' : '-') : r.met ? 'met' : 'NOT MET',
    r.note ?? '',
  ];
}

const HEAD = ['measure', 'wall (best)', 'CPU', 'throughput', 'peak RSS', 'target', 'status', 'note'];

function markdown(rows: Row[]): string {
  const line = (c: string[]) => `| ${c.map((x) => x.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(HEAD), line(HEAD.map(() => '---')), ...rows.map((r) => line(cells(r)))].join('\n');
}

function text(rows: Row[]): string {
  const body = rows.map(cells);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i])).join('  ').trimEnd();
  return [line(HEAD), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

export function machine(): string {
  let model = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    model = /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? model;
  } catch {
    // not Linux: os.cpus() already named it
  }
  return `${os.cpus().length} cores (${model}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at >= 0) return argv[at + 1];
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

function main(argv: string[]): number {
  const onlyText = option(argv, '--only');
  const only = new Set((onlyText ? onlyText.split(',') : ROWS).map((s) => s.trim()) as RowName[]);
  const unknown = [...only].filter((o) => !ROWS.includes(o));
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown --only ${unknown.join(', ')} (choose from ${ROWS.join(', ')})\n`);
    return 2;
  }
  const runs = Number(option(argv, '--runs') ?? 3);
  if (!Number.isInteger(runs) || runs < 1) {
    process.stderr.write('bench: --runs takes a whole number ≥ 1\n');
    return 2;
  }
  if (!fs.existsSync(path.join(REPO, 'dist', 'src', 'cli', 'main.js'))) {
    process.stderr.write('bench: build first (npm run build)\n');
    return 2;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-bench-'));
  const log = (s: string) => process.stderr.write(`  ${s}\n`);
  try {
    process.stdout.write(`tomguard bench: ${machine()}; best of ${runs} run${runs === 1 ? '' : 's'}\n`);
    const rows = run(only, runs, root, log);
    process.stdout.write(`\n${argv.includes('--markdown') ? markdown(rows) : text(rows)}\n`);
  } finally {
    if (argv.includes('--keep')) process.stderr.write(`  kept ${root}\n`);
    else fs.rmSync(root, { recursive: true, force: true });
  }
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
