/**
 * PR mode's git side: what changed since `--diff-base REF` in the git work trees holding the scanned
 * roots, as a ChangeSet. Git runs through execFile (never a shell: REF comes from CI input).
 *
 * The change is measured from the merge base of REF and HEAD, as a pull request's "Files changed"
 * is: diffing against REF itself would count the base branch's own later commits as this change's.
 * The working tree is compared (staged and unstaged edits count), renames are followed (-M: a moved
 * file's unchanged lines stay unchanged), and untracked files that git does not ignore count as new.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChangeSet } from './change-set';
import { parseUnifiedDiff } from './unified-diff';

/** A --diff-base that cannot be used (not a work tree, unknown REF, no git): a usage error, exit 2. */
export class DiffBaseError extends Error {}

/** What can change a result: Terraform and Terragrunt sources and variable files. */
const PATHSPECS = ['*.tf', '*.tf.json', '*.tfvars', '*.tfvars.json', '*.hcl'];

/** A resource block's first line, native (`resource "aws_x" "n" {`) or JSON (`"aws_x": {`). */
const NATIVE_OPENER = /^\s*resource\s+"?([A-Za-z0-9_-]+)"?/;
const JSON_OPENER = /"([a-z][a-z0-9]*_[a-z0-9_]+)"\s*:\s*\{/g;

interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    // core.quotepath=off: non-ASCII paths as UTF-8, not octal escapes.
    execFile('git', ['-c', 'core.quotepath=off', ...args], { cwd, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new DiffBaseError('--diff-base needs git, and no git command was found on the PATH.'));
        return;
      }
      resolve({ ok: !err, stdout, stderr });
    });
  });
}

async function gitOk(cwd: string, args: string[], env: NodeJS.ProcessEnv, what: string): Promise<string> {
  const r = await git(cwd, args, env);
  if (!r.ok) throw new DiffBaseError(`--diff-base: ${what} failed: ${r.stderr.trim().split('\n')[0]}`);
  return r.stdout;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** The directory git should start from for a root (a directory, a .tf file or a plan file). */
function startDir(absRoot: string): string {
  try {
    return fs.statSync(absRoot).isDirectory() ? absRoot : path.dirname(absRoot);
  } catch {
    return path.dirname(absRoot);
  }
}

/** Resource types a deleted line opened a block of. */
function openedTypes(line: string, json: boolean): string[] {
  if (!json) {
    const m = NATIVE_OPENER.exec(line);
    return m ? [m[1]] : [];
  }
  return [...line.matchAll(JSON_OPENER)].map((m) => m[1]);
}

export interface DiffBaseOptions {
  /**
   * The paths as given on the command line (relative to cwd, or absolute), before --recursive finds
   * the roots below them: readChanges runs before anything is loaded, as each git process costs more
   * once the scan's memory is large (fork), and the roots below them are looked up in `atBase` later.
   */
  paths: readonly string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

export async function readChanges(ref: string, options: DiffBaseOptions): Promise<ChangeSet> {
  const env = options.env ?? process.env;
  if (ref.trim() === '' || ref.startsWith('-')) throw new DiffBaseError(`--diff-base needs a git revision (a branch, tag or commit), got "${ref}".`);
  const cwdReal = fs.realpathSync(options.cwd);
  // The paths by the work tree that holds them (usually one).
  const tops = await Promise.all(
    options.paths.map(async (p) => {
      const r = await git(startDir(path.resolve(options.cwd, p)), ['rev-parse', '--show-toplevel'], env);
      if (!r.ok || r.stdout.trim() === '') throw new DiffBaseError(`--diff-base compares with git history, but ${p} is not in a git work tree.`);
      return r.stdout.trim();
    }),
  );
  const trees = new Map<string, string[]>();
  options.paths.forEach((p, i) => trees.set(tops[i], [...(trees.get(tops[i]) ?? []), p]));
  let changes: ChangeSet | undefined;
  for (const [top, paths] of trees) {
    const base = await baseCommit(top, ref, env);
    changes ??= new ChangeSet(ref, base, options.cwd);
    const fromTop = (p: string) => toPosix(path.relative(cwdReal, path.join(top, p)));
    // What the given paths held at the base: a root below them with nothing there is new.
    const scanned = paths.map((p) => toPosix(path.relative(top, safeReal(path.resolve(options.cwd, p))))).filter((rel) => !rel.startsWith('..'));
    const [diff, untracked, listed] = await Promise.all([
      gitOk(top, ['diff', '--unified=0', '-M', '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/', base, '--', ...PATHSPECS], env, 'git diff'),
      gitOk(top, ['ls-files', '--others', '--exclude-standard', '-z', '--', ...PATHSPECS], env, 'git ls-files'),
      gitOk(top, ['ls-tree', '-r', '--name-only', '-z', base, '--', ...(scanned.includes('') ? [] : scanned)], env, 'git ls-tree'),
    ]);
    for (const file of parseUnifiedDiff(diff)) {
      for (const line of file.removed) for (const t of openedTypes(line, (file.oldPath ?? file.path ?? '').endsWith('.json'))) changes.removedTypes.add(t);
      if (!file.path || (file.added.length === 0 && file.deletedAfter.length === 0)) continue;
      changes.files.set(fromTop(file.path), { whole: file.oldPath === undefined, added: file.added, deletedAfter: file.deletedAfter });
    }
    for (const p of untracked.split('\0').filter(Boolean)) changes.files.set(fromTop(p), { whole: true, added: [], deletedAfter: [] });
    for (const p of listed.split('\0').filter(Boolean)) changes.addAtBase(fromTop(p));
  }
  return changes ?? new ChangeSet(ref, '', options.cwd);
}

/**
 * The merge base of REF and HEAD; REF itself when they have none (unrelated histories, a shallow
 * clone, no commit yet). One git call when all is well: REF is only checked when merge-base fails.
 */
async function baseCommit(top: string, ref: string, env: NodeJS.ProcessEnv): Promise<string> {
  const mergeBase = await git(top, ['merge-base', `${ref}^{commit}`, 'HEAD'], env);
  if (mergeBase.ok && mergeBase.stdout.trim()) return mergeBase.stdout.trim();
  const resolved = await git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], env);
  if (!resolved.ok) {
    throw new DiffBaseError(`--diff-base ${ref}: no such commit in the git repository at ${top} (in a shallow CI clone, fetch it first, e.g. actions/checkout with fetch-depth: 0).`);
  }
  return resolved.stdout.trim();
}

/** The real path of a file that may not exist (a root given by a path that is gone reads as itself). */
function safeReal(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}
