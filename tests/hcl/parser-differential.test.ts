/**
 * Fuzzing tomguard's HCL parser against HashiCorp's: the examples' and fixtures' `.tf` files, mutated
 * by deleting, duplicating and inserting tokens (braces, brackets, quotes, newlines, template
 * markers...), must be accepted or rejected alike by both. A scan trusts tomguard's parser alone, so
 * any input only HashiCorp's rejects would be scanned as valid.
 *
 * Reproducible: TOMGUARD_FUZZ_SEED (default below) and TOMGUARD_FUZZ_RUNS (default 600); a failure
 * prints the seed, fast-check's counterexample path and the mutated source.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { compareParsers } from '../../src/hcl/differential';

const SEED = Number(process.env.TOMGUARD_FUZZ_SEED ?? 20261203);
const RUNS = Number(process.env.TOMGUARD_FUZZ_RUNS ?? 600);

function tfFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tfFiles(full);
    return e.isFile() && e.name.endsWith('.tf') ? [full] : [];
  });
}

const REPO = path.resolve(__dirname, '..', '..');
const SOURCES = [...tfFiles(path.join(REPO, 'examples')), ...tfFiles(path.join(REPO, 'tests', 'fixtures'))]
  .sort()
  .map((file) => ({ file: path.relative(REPO, file), text: fs.readFileSync(file, 'utf8') }));

/** Pieces of HCL syntax that mutations insert: the places where a lenient parser differs. */
const TOKENS = [
  '{', '}', '[', ']', '(', ')', '"', '\n', '\r', '\r\n', '=', ',', '.', ':', '?', '...', '=>', '#', '//', '/*', '*/',
  '${', '%{', '}', '~', '$${', '\\', '\\n', '\\u00e9', '\\uD800', '<<EOT\n', '<<-EOT\n', '\nEOT\n', ' EOT\n', '1', '1.5',
  '.1', '1.e5', '.0.1', 'a', '-a', '1a', 'x = 1', 'b = 2 ', 'a { b = 1 }', 'c {}', ' if ', ' for ', ' in ', 'endif', '\ufeff', '\t', ' ',
];

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'insert'; at: number; token: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 24 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
);

/** Applies mutations at positions taken modulo the current length, so every generated case is usable. */
function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else if (m.kind === 'duplicate') out = out.slice(0, at + m.length) + out.slice(at, at + m.length) + out.slice(at + m.length);
    else out = out.slice(0, at) + m.token + out.slice(at);
  }
  return out;
}

describe('tomguard and HashiCorp parsers on mutated HCL', () => {
  it('has sources to mutate', () => {
    expect(SOURCES.length).toBeGreaterThanOrEqual(20);
  });

  it(`accept and reject the same inputs (seed ${SEED}, ${RUNS} runs)`, async () => {
    let lastFailure = '';
    const property = fc.asyncProperty(
      fc.integer({ min: 0, max: SOURCES.length - 1 }),
      fc.array(mutation, { minLength: 1, maxLength: 3 }),
      async (index, mutations) => {
        const source = SOURCES[index];
        const text = mutate(source.text, mutations);
        const result = await compareParsers('main.tf', text);
        if (result.tomguard.accepted !== result.hashicorp.accepted) {
          lastFailure =
            `${source.file} mutated by ${JSON.stringify(mutations)}\n` +
            `tomguard:  ${result.tomguard.accepted ? 'accepted' : result.tomguard.error}\n` +
            `hashicorp: ${result.hashicorp.accepted ? 'accepted' : result.hashicorp.error}`;
          return false;
        }
        return true;
      },
    );
    const details = await fc.check(property, { seed: SEED, numRuns: RUNS });
    if (details.failed) {
      throw new Error(
        `Parsers disagree (TOMGUARD_FUZZ_SEED=${SEED}, path ${details.counterexamplePath}):\n${lastFailure}`,
      );
    }
    expect(details.numRuns).toBe(RUNS);
  }, 120_000);
});
