import { execFileSync, spawnSync } from 'node:child_process';
import { writeTree } from './tmp-tree';

/** PR-mode tests need git; they are skipped only where it is missing. */
export const HAS_GIT = spawnSync('git', ['--version']).status === 0;

/** Runs git in `cwd` with a fixed identity and no signing, whatever the machine's configuration. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=Test', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' }).trim();
}

/** A temporary git repository holding `files`, not yet committed. */
export function gitRepo(files: Record<string, string>): string {
  const root = writeTree(files);
  git(root, 'init', '-q');
  return root;
}

/** Stages everything and commits; returns the commit id. */
export function commitAll(cwd: string, message: string): string {
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-q', '-m', message);
  return git(cwd, 'rev-parse', 'HEAD');
}
