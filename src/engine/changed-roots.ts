/**
 * `scan --changed FILE...` (the pre-commit hook): which roots a set of changed files can affect.
 *
 * A file belongs to the directory it is in. A root directory is scanned itself; a module directory is
 * scanned through every root that reaches it, following local module calls and Terragrunt
 * `terraform { source }` upwards (a module called by a module called by two roots scans those two). A
 * Terragrunt file that units include (a repository-level `terragrunt.hcl`) scans the units that include
 * it. Anything else (a file in no root's or module's directory, a `.tfvars` in a folder Terraform does
 * not read) affects no root and is left out.
 */
import * as path from 'node:path';
import { Layout, discoverLayout, relativeRoot } from './recursive';

export interface ChangedRoots {
  /** Roots to scan, relative to the working directory, in discovery order (sorted). */
  roots: string[];
  /** The changed files that affect no root, as given. */
  ignored: string[];
}

/** Roots that use `dir`, walking callers upwards; a directory reached twice (a cycle) is walked once. */
function rootsUsing(dir: string, layout: Layout, rootSet: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>([dir]);
  const queue = [dir];
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (rootSet.has(current)) found.add(current);
    for (const caller of layout.callers.get(current) ?? []) {
      if (!seen.has(caller)) {
        seen.add(caller);
        queue.push(caller);
      }
    }
  }
  return found;
}

/** Maps changed files to roots, discovering roots below `cwd` (pre-commit runs hooks at the repository's top). */
export async function changedRoots(files: readonly string[], cwd: string, env: Record<string, string | undefined> = process.env): Promise<ChangedRoots> {
  const layout = await discoverLayout('.', cwd, env, { quick: true });
  return mapChangedFiles(files, cwd, layout);
}

export function mapChangedFiles(files: readonly string[], cwd: string, layout: Layout): ChangedRoots {
  const rootSet = new Set(layout.roots);
  const selected = new Set<string>();
  const ignored: string[] = [];
  for (const file of files) {
    const abs = path.resolve(cwd, file);
    const hits = rootsUsing(path.dirname(abs), layout, rootSet);
    // An included Terragrunt file changes every unit that includes it, wherever they are.
    for (const unit of layout.includers.get(abs) ?? []) for (const root of rootsUsing(unit, layout, rootSet)) hits.add(root);
    if (hits.size === 0) ignored.push(file);
    for (const root of hits) selected.add(root);
  }
  return { roots: layout.roots.filter((r) => selected.has(r)).map((r) => relativeRoot(r, cwd)), ignored };
}
