/**
 * The roots one shard of a `--recursive` scan loads: every job discovers all roots (cheap next to
 * loading them), weighs each by its own files' bytes and keeps those src/engine/shard.ts assigns it.
 *
 * Rules that read account-wide settings from other roots (`meta.accountTypes`, e.g. EBS encryption by
 * default) must see them whichever shard holds them, so a shard also loads, for the account view only,
 * each other root that may declare such a resource: one whose directory holds, or whose local modules,
 * `.terraform/modules` or Terragrunt includes hold, a file that names the type. Usually that is the one
 * account-level root.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import { Layout, discoverLayout, relativeRoot } from './recursive';
import { ShardSpec, assignShards } from './shard';

export interface ShardPlan {
  /** Every root of the scan (relative to the working directory), in scan order. */
  roots: string[];
  /** This shard's roots, in scan order. */
  mine: string[];
  /** Roots of other shards loaded only for the account view. */
  context: string[];
}

const OWN_FILE = /\.(tf|tf\.json|hcl|tfvars|tfvars\.json)$/;

/** Bytes of the Terraform and Terragrunt files directly in the root's directory (not its modules). */
export function rootWeight(dir: string): number {
  let bytes = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    if (!e.isFile() || !OWN_FILE.test(e.name)) continue;
    try {
      bytes += fs.statSync(path.join(dir, e.name)).size;
    } catch {
      // Unreadable: the scan reports it; it weighs nothing here.
    }
  }
  return bytes;
}

function inside(dir: string, root: string): boolean {
  return dir === root || dir.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/** Absolute files under the bases (and in module directories outside them) that name one of the types. */
async function filesNaming(types: readonly string[], bases: readonly string[], layouts: readonly Layout[]): Promise<string[]> {
  const files = new Set<string>();
  for (const base of bases) {
    for (const f of await fg(['**/*.tf', '**/*.tf.json', '**/*.hcl'], { cwd: base, dot: true, absolute: true, ignore: ['**/.git/**', '**/node_modules/**'], followSymbolicLinks: false })) files.add(path.normalize(f));
  }
  for (const layout of layouts) {
    for (const dir of layout.callers.keys()) {
      if (bases.some((b) => inside(dir, b))) continue;
      for (const f of await fg(['*.tf', '*.tf.json'], { cwd: dir, absolute: true })) files.add(path.normalize(f));
    }
  }
  return [...files].filter((f) => {
    try {
      const text = fs.readFileSync(f, 'utf8');
      return types.some((t) => text.includes(t));
    } catch {
      return false;
    }
  });
}

/** Roots (absolute) whose scan may read one of the files: containing it, calling its directory, including it. */
function rootsReading(files: readonly string[], roots: readonly string[], layouts: readonly Layout[]): Set<string> {
  const out = new Set<string>();
  const rootSet = new Set(roots);
  for (const file of files) {
    const dir = path.dirname(file);
    for (const r of roots) if (inside(dir, r)) out.add(r);
    // Callers of the directory, and theirs (a module called by a module called by the root).
    const seen = new Set<string>([dir]);
    const queue = [dir];
    for (let d = queue.shift(); d !== undefined; d = queue.shift()) {
      if (rootSet.has(d)) out.add(d);
      for (const layout of layouts) {
        for (const caller of layout.callers.get(d) ?? []) {
          if (!seen.has(caller)) {
            seen.add(caller);
            queue.push(caller);
          }
        }
        for (const unit of layout.includers.get(file) ?? []) out.add(unit);
      }
    }
  }
  return out;
}

export async function planShard(spec: ShardSpec, paths: readonly string[], cwd: string, env: Record<string, string | undefined>, accountTypes: readonly string[]): Promise<ShardPlan> {
  const bases = paths.map((p) => path.resolve(cwd, p));
  const layouts: Layout[] = [];
  const absRoots: string[] = [];
  const weighted: Array<{ key: string; weight: number }> = [];
  for (let i = 0; i < paths.length; i++) {
    // Parse-only discovery: HashiCorp's check of every file would cost each job as much as the whole
    // scan; each job's scan confirms its own roots' files. (Only a file tomguard's parser accepts and
    // HashiCorp's rejects could make this see a module call that a full load drops.)
    const layout = await discoverLayout(paths[i], cwd, env, { quick: true });
    layouts.push(layout);
    for (const dir of layout.roots) {
      absRoots.push(dir);
      // The key is relative to the scan directory, so it is the same in every checkout and CI job.
      weighted.push({ key: path.relative(bases[i], dir).split(path.sep).join('/') || '.', weight: rootWeight(dir) });
    }
  }
  const shards = assignShards(weighted, spec.count);
  const mine = new Set(absRoots.filter((_, i) => shards[i] === spec.index - 1));
  const others = absRoots.filter((r) => !mine.has(r));
  let context = new Set<string>();
  if (accountTypes.length > 0 && others.length > 0 && mine.size > 0) {
    const reading = rootsReading(await filesNaming(accountTypes, bases, layouts), others, layouts);
    context = new Set(others.filter((r) => reading.has(r)));
  }
  const rel = (dir: string) => relativeRoot(dir, cwd);
  return {
    roots: absRoots.map(rel),
    mine: absRoots.filter((r) => mine.has(r)).map(rel),
    context: absRoots.filter((r) => context.has(r)).map(rel),
  };
}
