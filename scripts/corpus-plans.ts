/**
 * Loads every plan, state and negative JSON input of the corpus (`npm run corpus:plans`) and reports
 * per file what the loader made of it. A file fails when loading throws, when a plan or state gives
 * an error diagnostic, or when a negative input (kind `not-plan`) is accepted without an error.
 */
import { loadInput } from '../src/load-input';
import { Unknown, Value, isObject } from '../src/eval/value';
import { CORPUS_DIR, CorpusInput, readManifest } from './corpus';

/** Unknown instances anywhere inside a value. */
export function countUnknowns(v: Value): number {
  if (v instanceof Unknown) return 1;
  let n = 0;
  if (Array.isArray(v)) for (const item of v) n += countUnknowns(item);
  else if (isObject(v)) for (const key of Object.keys(v)) n += countUnknowns(v[key]);
  return n;
}

interface Outcome {
  file: string;
  kind: string;
  loadedAs: string;
  resources: number;
  edges: number;
  unknowns: number;
  errors: number;
  warnings: number;
  /** 'pass', 'expected-error' (a negative input rejected as it must be) or 'FAIL'. */
  verdict: 'pass' | 'expected-error' | 'FAIL';
  why?: string;
}

/** Inputs the corpus documents as deliberately broken plans, where an error diagnostic is the right answer. */
function expectsError(input: CorpusInput): boolean {
  if (input.kind === 'not-plan') return true;
  const note = typeof input.note === 'string' ? input.note : '';
  return /\b(deliberately (invalid|broken)|negative input|must report an error)\b/i.test(note);
}

async function loadOne(input: CorpusInput): Promise<Outcome> {
  const file = input.file ?? input.case;
  const base: Outcome = { file, kind: input.kind, loadedAs: '-', resources: 0, edges: 0, unknowns: 0, errors: 0, warnings: 0, verdict: 'pass' };
  const negative = expectsError(input);
  try {
    const loaded = await loadInput(file, { cwd: CORPUS_DIR, env: {}, sourceRoot: input.sourceRoot });
    const nodes = [...loaded.graph.resources(), ...loaded.graph.dataSources()];
    const errors = loaded.diagnostics.filter((d) => d.severity !== 'warning');
    const out: Outcome = {
      ...base,
      loadedAs: loaded.kind,
      resources: nodes.length,
      edges: loaded.graph.edges().length,
      unknowns: nodes.reduce((n, node) => n + countUnknowns(node.attrs), 0),
      errors: errors.length,
      warnings: loaded.diagnostics.length - errors.length,
    };
    const first = errors[0] ? `${errors[0].line !== undefined ? `${errors[0].line}:${errors[0].column ?? ''} ` : ''}${errors[0].message}` : undefined;
    if (negative) {
      return errors.length > 0 ? { ...out, verdict: 'expected-error', why: first } : { ...out, verdict: 'FAIL', why: `a negative input was accepted as ${loaded.kind} without an error` };
    }
    if (errors.length > 0) return { ...out, verdict: 'FAIL', why: first };
    if (input.kind !== loaded.kind) return { ...out, verdict: 'FAIL', why: `loaded as ${loaded.kind}, the manifest says ${input.kind}` };
    return out;
  } catch (err) {
    return { ...base, verdict: 'FAIL', why: `crashed: ${(err as Error).stack ?? err}` };
  }
}

async function run(): Promise<number> {
  const manifest = readManifest();
  if (!manifest) return 0;
  const inputs = manifest.inputs.filter((i) => i.kind === 'plan' || i.kind === 'state' || i.kind === 'not-plan');
  const started = process.hrtime.bigint();
  const outcomes: Outcome[] = [];
  for (const input of inputs) outcomes.push(await loadOne(input));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  const width = Math.max(...outcomes.map((o) => o.file.length));
  const w = process.stdout;
  w.write(`${'verdict'.padEnd(14)} ${'kind'.padEnd(8)} ${'as'.padEnd(5)} ${'res'.padStart(5)} ${'edges'.padStart(5)} ${'unkn'.padStart(5)} ${'err'.padStart(3)} ${'warn'.padStart(4)}  file\n`);
  for (const o of outcomes) {
    w.write(
      `${o.verdict.padEnd(14)} ${o.kind.padEnd(8)} ${o.loadedAs.padEnd(5)} ${String(o.resources).padStart(5)} ${String(o.edges).padStart(5)} ${String(o.unknowns).padStart(5)} ${String(o.errors).padStart(3)} ${String(o.warnings).padStart(4)}  ${o.file.padEnd(width)}${o.verdict === 'expected-error' ? `  (expected: ${o.why})` : ''}\n`,
    );
  }
  const sum = (f: (o: Outcome) => number) => outcomes.reduce((n, o) => n + f(o), 0);
  const byKind = (k: string) => outcomes.filter((o) => o.kind === k).length;
  w.write(
    `corpus:plans files=${outcomes.length} (plan=${byKind('plan')} state=${byKind('state')} not-plan=${byKind('not-plan')}) resources=${sum((o) => o.resources)} edges=${sum((o) => o.edges)} unknowns=${sum((o) => o.unknowns)} errors=${sum((o) => o.errors)} warnings=${sum((o) => o.warnings)} seconds=${seconds.toFixed(2)}\n`,
  );
  const failed = outcomes.filter((o) => o.verdict === 'FAIL');
  for (const o of failed) w.write(`  FAILED ${o.file}: ${o.why}\n`);
  const expected = outcomes.filter((o) => o.verdict === 'expected-error').length;
  w.write(`${outcomes.length - failed.length} passed (${expected} of them negative inputs rejected as expected), ${failed.length} failed\n`);
  return failed.length > 0 ? 1 : 0;
}

if (require.main === module) {
  run().then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`corpus:plans crashed: ${(err as Error).stack ?? err}\n`);
      process.exit(1);
    },
  );
}
