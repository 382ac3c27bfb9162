/**
 * `--recursive`: every directory below a path that holds `.tf` files is a root of its own, except
 * directories another root calls as a local module (they are scanned through their callers). A
 * directory with a Terragrunt unit (`terragrunt.hcl`) is a root too, and the module directory its
 * `terraform { source }` names is scanned through the unit, not again on its own.
 */
import * as path from 'node:path';
import fg from 'fast-glob';
import { isLocalSource, moduleSourceOf } from '../config/module-tree';
import { loadModuleDir, peekModuleDir } from '../hcl/load-files';
import { IGNORED_DIRS, findTerragruntUnits } from '../terragrunt/discover';

/** What discovery learns about a tree; `--changed` walks it backwards (src/engine/changed-roots.ts). */
export interface Layout {
  /** The roots (absolute paths), sorted. */
  roots: string[];
  /** A directory (absolute) → the directories that use it: local module calls, Terragrunt units deploying it. */
  callers: Map<string, Set<string>>;
  /** A Terragrunt file that units include (absolute) → those units. */
  includers: Map<string, Set<string>>;
}

function addEdge(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

export async function discoverLayout(base: string, cwd: string, env: Record<string, string | undefined> = process.env, options: { quick?: boolean } = {}): Promise<Layout> {
  const absBase = path.resolve(cwd, base);
  const files = await fg(['**/*.tf', '**/*.tf.json'], { cwd: absBase, ignore: IGNORED_DIRS, dot: false, followSymbolicLinks: false });
  const terragrunt = await findTerragruntUnits(absBase, { env, cwd });
  const dirs = [...new Set([...files.map((f) => path.resolve(absBase, path.dirname(f))), ...terragrunt.units])].sort();
  const callers = new Map<string, Set<string>>();
  const includers = new Map<string, Set<string>>();
  for (const unit of terragrunt.details) {
    if (unit.moduleDir && unit.moduleDir !== unit.dir) addEdge(callers, unit.moduleDir, unit.dir);
    for (const file of unit.included) addEdge(includers, file, unit.dir);
  }
  for (const dir of dirs) {
    const parsed = options.quick ? await peekModuleDir(dir) : (await loadModuleDir(dir)).files;
    for (const file of parsed) {
      for (const block of file.body.blocks) {
        if (block.type !== 'module') continue;
        const source = moduleSourceOf(block);
        if (source && isLocalSource(source)) {
          const target = path.resolve(dir, source);
          if (target !== dir) addEdge(callers, target, dir);
        }
      }
    }
  }
  const units = new Set(terragrunt.units);
  return { roots: dirs.filter((d) => units.has(d) || !callers.has(d)), callers, includers };
}

/** The roots below `base`, relative to `cwd` with `/` separators (`.` for `cwd` itself). */
export async function findRoots(base: string, cwd: string, env: Record<string, string | undefined> = process.env): Promise<string[]> {
  const { roots } = await discoverLayout(base, cwd, env);
  return roots.map((d) => relativeRoot(d, cwd));
}

export function relativeRoot(dir: string, cwd: string): string {
  return path.relative(cwd, dir).split(path.sep).join('/') || '.';
}
