/**
 * Terragrunt units below a directory, for `--recursive`: every directory with a terragrunt.hcl
 * that is a unit (see isTerragruntUnit), except configurations that other units include (a
 * repository-level terragrunt.hcl) and that have no .tf files of their own. The module directories
 * the units deploy are reported too: they are scanned through their units, with the units' inputs,
 * not again as plain Terraform roots.
 */
import * as path from 'node:path';
import fg from 'fast-glob';
import { LoadLimits } from '../hcl/load-files';
import { TERRAGRUNT_FILE, hasTerraformFiles, isTerragruntUnit } from './parse-config';
import { readTerragruntUnit } from './unit';

export interface TerragruntRoots {
  /** Unit directories (absolute). */
  units: string[];
  /** Local module directories the units deploy (absolute). */
  moduleDirs: Set<string>;
  /** Per unit: the module directory it deploys and the files it includes (absolute), for `--changed`. */
  details: Array<{ dir: string; moduleDir?: string; included: string[] }>;
}

/** Directories never searched: Terragrunt's download cache holds copies of modules. */
export const IGNORED_DIRS = ['**/.terragrunt-cache/**', '**/.terraform/**', '**/node_modules/**', '**/.git/**'];

export async function findTerragruntUnits(
  absBase: string,
  options: { env: Record<string, string | undefined>; cwd: string; limits?: LoadLimits },
): Promise<TerragruntRoots> {
  const files = await fg([`**/${TERRAGRUNT_FILE}`], { cwd: absBase, ignore: IGNORED_DIRS, dot: false, followSymbolicLinks: false });
  const candidates = files.map((f) => path.resolve(absBase, path.dirname(f))).sort();
  const read: Array<{ dir: string; moduleDir?: string; included: string[] }> = [];
  const included = new Set<string>();
  for (const dir of candidates) {
    if (!(await isTerragruntUnit(dir, options.limits))) continue;
    const unit = await readTerragruntUnit(dir, options);
    read.push({ dir, moduleDir: unit.moduleDir, included: unit.included.map((f) => path.resolve(f)) });
    for (const file of unit.included) included.add(path.resolve(file));
  }
  const roots = read.filter((u) => !included.has(path.join(u.dir, TERRAGRUNT_FILE)) || hasTerraformFiles(u.dir));
  const moduleDirs = new Set(roots.flatMap((u) => (u.moduleDir && u.moduleDir !== u.dir ? [u.moduleDir] : [])));
  return { units: roots.map((u) => u.dir), moduleDirs, details: roots };
}
