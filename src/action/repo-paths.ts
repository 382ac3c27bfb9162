/**
 * Finding paths are relative to the directory the CLI ran in (the working-directory input);
 * annotations and blob links need them relative to the repository root (GITHUB_WORKSPACE).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface RepoContext {
  /** Where the CLI ran. */
  cwd: string;
  /** The checkout: GITHUB_WORKSPACE. */
  workspace: string;
  /** `https://github.com/OWNER/REPO/blob/SHA`, or undefined when GITHUB_REPOSITORY or GITHUB_SHA is not set. */
  blobBase?: string;
}

export function repoContext(cwd: string, workspace: string, env: NodeJS.ProcessEnv): RepoContext {
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const blobBase = env.GITHUB_REPOSITORY && env.GITHUB_SHA ? `${server}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}` : undefined;
  return { cwd, workspace, blobBase };
}

/** `infra/main.tf` for `main.tf` scanned in `infra`; a file outside the checkout keeps its path as given. */
export function repoPath(file: string, ctx: RepoContext): string {
  const rel = path.relative(ctx.workspace, path.resolve(ctx.cwd, file));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return file.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

export function isFile(file: string, ctx: RepoContext): boolean {
  return !!fs.statSync(path.resolve(ctx.cwd, file), { throwIfNoEntry: false })?.isFile();
}

/** Link to the lines at the scanned commit, for a path from repoPath(); undefined outside GitHub or the checkout. */
export function blobLink(repoFile: string, startLine: number | undefined, endLine: number | undefined, ctx: RepoContext): string | undefined {
  if (!ctx.blobBase || repoFile.startsWith('../') || path.posix.isAbsolute(repoFile)) return undefined;
  const url = `${ctx.blobBase}/${repoFile.split('/').map(encodeURIComponent).join('/')}`;
  return startLine ? `${url}#L${startLine}-L${endLine ?? startLine}` : url;
}
