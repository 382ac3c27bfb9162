/**
 * The repository root: the directory a scan may read below. Module sources, symlinked source files and
 * file()/templatefile() paths that lead outside it are refused unless `--allow-outside-root` is given,
 * so scanning an untrusted checkout cannot read the rest of the disk into a report.
 *
 * It is the git work tree of the scanned directory. Outside git it is the outermost directory, among
 * those named on the command line and the working directory, that holds the scanned directory: a
 * `--recursive` scan of a folder of module repositories lets each example call `../../` within it, and
 * `cd infra && tomguard scan envs/prod` lets envs/prod call `../../modules/x`. A directory the user
 * neither named nor works in is never trusted implicitly.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The enclosing git work tree (`.git` is a directory, or a file in a worktree or submodule). */
export function gitTopLevel(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

export function isWithin(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Symlinks resolved where the path exists (a root named through a symlink still holds its files). */
export function realpathLenient(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/**
 * `scannedDir`: the root module's directory (absolute). `trustedDirs`: directories named on the command
 * line and the working directory (absolute); those that do not hold `scannedDir` are ignored.
 */
export function repositoryRoot(scannedDir: string, trustedDirs: readonly string[]): string {
  const scanned = realpathLenient(scannedDir);
  const git = gitTopLevel(scanned);
  if (git) return git;
  let root = scanned;
  for (const dir of trustedDirs) {
    const real = realpathLenient(dir);
    if (isWithin(real, scanned) && isWithin(real, root)) root = real;
  }
  return root;
}

export const OUTSIDE_ROOT_HINT = 'scan with --allow-outside-root to read it';
