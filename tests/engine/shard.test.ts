/**
 * Shard assignment (src/engine/shard.ts): deterministic, balanced by weight on the real-world corpus
 * roots (tests/fixtures/shard/corpus-roots.json: the 322 roots `--recursive` finds in
 * ../shared/corpus/real-world, weighed by their own files' bytes), and stable when roots are added.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SLACK, WeightedRoot, assignShards, parseShard, shardRanking } from '../../src/engine/shard';
import { rootWeight } from '../../src/engine/shard-plan';
import { writeTree } from '../helpers/tmp-tree';

const corpus: WeightedRoot[] = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'shard', 'corpus-roots.json'), 'utf8')) as { roots: WeightedRoot[] }).roots;
const total = corpus.reduce((s, r) => s + r.weight, 0);

function loads(roots: readonly WeightedRoot[], shards: readonly number[], count: number): number[] {
  const out = new Array<number>(count).fill(0);
  shards.forEach((s, i) => (out[s] += roots[i].weight));
  return out;
}

function moved(before: readonly number[], after: readonly number[]): number {
  return before.filter((s, i) => after[i] !== s).length;
}

describe('parseShard', () => {
  it.each([
    ['1/1', { index: 1, count: 1 }],
    ['2/3', { index: 2, count: 3 }],
    [' 3 / 3 ', { index: 3, count: 3 }],
    ['256/256', { index: 256, count: 256 }],
  ])('reads %j', (text, spec) => {
    expect(parseShard(text)).toEqual(spec);
  });

  it.each(['0/3', '4/3', '1/0', '1/257', '2', '1/2/3', 'a/b', '-1/2', '1.5/3', ''])('rejects %j with the usage', (text) => {
    expect(parseShard(text)).toEqual({ error: `--shard needs K/N with 1 ≤ K ≤ N ≤ 256 (this job's number and the number of jobs, e.g. --shard 2/4), got "${text}".` });
  });
});

describe('assignShards', () => {
  it('is deterministic and independent of the order roots are listed in', () => {
    const once = assignShards(corpus, 4);
    expect(assignShards(corpus, 4)).toEqual(once);
    const reversed = assignShards([...corpus].reverse(), 4).reverse();
    expect(reversed).toEqual(once);
    // Pinned: the same keys land in the same shards on every machine and Node version.
    expect(once.slice(0, 12)).toEqual([3, 3, 2, 1, 2, 1, 1, 1, 1, 3, 3, 3]);
    expect(shardRanking('envs/prod', 4)).toEqual([3, 2, 0, 1]);
  });

  it('gives a root its first rendezvous choice when loads allow it', () => {
    const roots = ['a', 'b', 'c', 'd', 'e', 'f'].map((key) => ({ key, weight: 1 }));
    expect(assignShards(roots, 3, Infinity)).toEqual(roots.map((r) => shardRanking(r.key, 3)[0]));
  });

  it.each([2, 3, 4, 8, 16])('keeps every one of %i shards within 1.1 × the average load on the corpus roots', (count) => {
    const shards = assignShards(corpus, count);
    const perShard = loads(corpus, shards, count);
    expect(Math.max(...perShard)).toBeLessThanOrEqual((DEFAULT_SLACK * total) / count);
    expect(perShard.reduce((a, b) => a + b, 0)).toBe(total);
    expect(new Set(shards).size).toBe(count);
  });

  it('puts a root heavier than the cap on the least loaded shard', () => {
    const roots = [
      { key: 'big', weight: 100 },
      { key: 'a', weight: 10 },
      { key: 'b', weight: 10 },
    ];
    const shards = assignShards(roots, 2);
    expect(shards[1]).not.toBe(shards[0]);
    expect(shards[2]).not.toBe(shards[0]);
  });

  it.each([2, 3, 4, 8])('moves few roots when one is added (%i shards), where hashing modulo N would move most', (count) => {
    const before = assignShards(corpus, count);
    const counts: number[] = [];
    for (const weight of [500, 5000, 20000]) {
      for (let i = 0; i < 5; i++) counts.push(moved(before, assignShards([...corpus, { key: `new/root-${weight}-${i}`, weight }], count).slice(0, corpus.length)));
    }
    const average = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(Math.max(...counts)).toBeLessThanOrEqual(corpus.length * 0.06);
    expect(average).toBeLessThanOrEqual(corpus.length * 0.02);
  });

  it('moves no root when one is added and loads are not capped (pure rendezvous hashing)', () => {
    const before = assignShards(corpus, 5, Infinity);
    const after = assignShards([...corpus, { key: 'new/root', weight: 1000 }], 5, Infinity);
    expect(moved(before, after.slice(0, corpus.length))).toBe(0);
  });

  it('assigns nothing when there is nothing, and everything to the one shard of 1', () => {
    expect(assignShards([], 3)).toEqual([]);
    expect(new Set(assignShards(corpus, 1))).toEqual(new Set([0]));
  });
});

describe('rootWeight', () => {
  it("counts the bytes of the root's own Terraform, Terragrunt and tfvars files, not subdirectories or other files", () => {
    const dir = writeTree({
      'main.tf': 'x'.repeat(10),
      'vars.tf.json': 'x'.repeat(20),
      'terragrunt.hcl': 'x'.repeat(30),
      'prod.tfvars': 'x'.repeat(40),
      'README.md': 'x'.repeat(1000),
      'modules/m/main.tf': 'x'.repeat(1000),
    });
    expect(rootWeight(dir)).toBe(100);
    expect(rootWeight(path.join(dir, 'missing'))).toBe(0);
  });
});
