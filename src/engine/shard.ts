/**
 * `--shard K/N`: which roots of a `--recursive` scan one of N CI jobs scans. Pure: no file access.
 *
 * Assignment is rendezvous (highest-random-weight) hashing of each root's key (its path relative to
 * the scan directory): every root ranks the N shards by a hash of (shard, key) and prefers the top one.
 * A root's preference does not depend on the other roots, so adding a root moves few others. Hashing
 * alone balances root counts, not work, so loads are capped (consistent hashing with bounded loads):
 * heaviest roots first, each goes to the first shard in its ranking whose load stays within
 * `slack` × the average load; a root heavier than that cap goes to the least loaded shard.
 */
import { createHash } from 'node:crypto';

export interface ShardSpec {
  /** 1-based, as written on the command line. */
  index: number;
  count: number;
}

export interface WeightedRoot {
  /** Stable name of the root: its path relative to the scan directory, with `/` separators. */
  key: string;
  /** The work it stands for: bytes of the root's own files. */
  weight: number;
}

/** Each shard's load may exceed the average by this factor before a root moves to its next choice. */
export const DEFAULT_SLACK = 1.1;

/** The most shards accepted: a matrix of GitHub Actions takes at most 256 jobs. */
export const MAX_SHARDS = 256;

/** `2/5` → { index: 2, count: 5 }; anything else is a message for a usage error. */
export function parseShard(text: string): ShardSpec | { error: string } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const usage = `--shard needs K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS} (this job's number and the number of jobs, e.g. --shard 2/4), got "${text}".`;
  if (!m) return { error: usage };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS || index < 1 || index > count) return { error: usage };
  return { index, count };
}

/** The rendezvous score of a root on a shard: 48 bits of SHA-256, the same on every machine. */
export function shardScore(key: string, shard: number): number {
  return createHash('sha256').update(`${shard}\0${key}`).digest().readUIntBE(0, 6);
}

/** Shards (0-based) from the root's first choice to its last. */
export function shardRanking(key: string, count: number): number[] {
  const scores = Array.from({ length: count }, (_, s) => shardScore(key, s));
  return scores.map((_, s) => s).sort((a, b) => scores[b] - scores[a] || a - b);
}

/** The shard (0-based) of each root, in the order given. */
export function assignShards(roots: readonly WeightedRoot[], count: number, slack: number = DEFAULT_SLACK): number[] {
  const total = roots.reduce((sum, r) => sum + r.weight, 0);
  const cap = (slack * total) / count;
  const loads = new Array<number>(count).fill(0);
  const out = new Array<number>(roots.length);
  // Heaviest first (ties by key), so the big roots find room before the small ones fill the shards.
  const order = roots.map((_, i) => i).sort((a, b) => roots[b].weight - roots[a].weight || compareKeys(roots[a].key, roots[b].key));
  for (const i of order) {
    const { key, weight } = roots[i];
    const ranking = shardRanking(key, count);
    let shard = ranking.find((s) => loads[s] + weight <= cap);
    // Heavier than any room left: the least loaded shard, ties broken by the root's own ranking.
    if (shard === undefined) shard = ranking.reduce((best, s) => (loads[s] < loads[best] ? s : best), ranking[0]);
    loads[shard] += weight;
    out[i] = shard;
  }
  return out;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
