/**
 * `--recursive`: every directory below a path that holds `.tf` files is a root of its own, except
 * directories another root calls as a local module (they are scanned through their callers).
 */
import * as path from 'node:path';
import fg from 'fast-glob';
import { isLocalSource, moduleSourceOf } from '../config/module-tree';
import { loadModuleDir } from '../hcl/load-files';

export async function findRoots(base: string, cwd: string): Promise<string[]> {
  const absBase = path.resolve(cwd, base);
  const files = await fg(['**/*.tf', '**/*.tf.json'], { cwd: absBase, ignore: ['**/.terraform/**', '**/node_modules/**', '**/.git/**'], dot: false, followSymbolicLinks: false });
  const dirs = [...new Set(files.map((f) => path.resolve(absBase, path.dirname(f))))].sort();
  const called = new Set<string>();
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
  return dirs.filter((d) => !called.has(d)).map((d) => path.relative(cwd, d).split(path.sep).join('/') || '.');
}
