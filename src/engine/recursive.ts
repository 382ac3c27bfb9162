/**
 * `--recursive`: every directory below a path that holds `.tf` files is a root of its own, except
 * directories another root calls as a local module (they are scanned through their callers). A
 * directory with a Terragrunt unit (`terragrunt.hcl`) is a root too, and the module directory its
 * `terraform { source }` names is scanned through the unit, not again on its own.
 */
import * as path from 'node:path';
import fg from 'fast-glob';
import { isLocalSource, moduleSourceOf } from '../config/module-tree';
import { loadModuleDir } from '../hcl/load-files';
import { IGNORED_DIRS, findTerragruntUnits } from '../terragrunt/discover';

export async function findRoots(base: string, cwd: string, env: Record<string, string | undefined> = process.env): Promise<string[]> {
  const absBase = path.resolve(cwd, base);
  const files = await fg(['**/*.tf', '**/*.tf.json'], { cwd: absBase, ignore: IGNORED_DIRS, dot: false, followSymbolicLinks: false });
  const terragrunt = await findTerragruntUnits(absBase, { env, cwd });
  const dirs = [...new Set([...files.map((f) => path.resolve(absBase, path.dirname(f))), ...terragrunt.units])].sort();
  const called = new Set<string>(terragrunt.moduleDirs);
  for (const dir of dirs) {
    const { files: parsed } = await loadModuleDir(dir);
    for (const file of parsed) {
      for (const block of file.body.blocks) {
        if (block.type !== 'module') continue;
        const source = moduleSourceOf(block);
        if (source && isLocalSource(source)) {
          const target = path.resolve(dir, source);
          if (target !== dir) called.add(target);
        }
      }
    }
  }
  const units = new Set(terragrunt.units);
  return dirs.filter((d) => units.has(d) || !called.has(d)).map((d) => path.relative(cwd, d).split(path.sep).join('/') || '.');
}
