/**
 * Clones a git module source with the system `git`, run directly (execFile, never a shell), with
 * repository hooks, submodules, LFS smudging and every transport but https turned off, no terminal
 * prompts, and a time limit. The checkout is then stripped of `.git` and of links, and measured
 * against the same limits as an archive.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DownloadError, checkScheme, formatSize } from './http';
import { ExtractLimits } from './archive';
import { Env } from './registry';

export interface GitOptions {
  env: Env;
  /** For the whole clone; git's own low-speed limit also stops a stalled transfer sooner. */
  timeoutMs: number;
  insecureLoopbackHttp?: boolean;
  limits: ExtractLimits;
}

/** A full commit id, or an abbreviated one: these cannot be given to `clone --branch`. */
const COMMIT_ID = /^[0-9a-f]{7,40}$/;

function gitEnv(options: GitOptions, allowHttp: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(options.env)) {
    // GIT_DIR, GIT_CONFIG_PARAMETERS and friends from the caller's environment could point git
    // elsewhere or re-enable what is disabled below; only CA settings are kept.
    if (name.startsWith('GIT_') && name !== 'GIT_SSL_CAINFO' && name !== 'GIT_SSL_CAPATH') continue;
    if (value !== undefined) env[name] = value;
  }
  env.PATH ??= process.env.PATH;
  env.HOME ??= os.homedir();
  return {
    ...env,
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    GIT_LFS_SKIP_SMUDGE: '1',
    GIT_ALLOW_PROTOCOL: allowHttp ? 'https:http' : 'https',
  };
}

/** `-c` settings put before every git command. */
function safetyConfig(allowHttp: boolean): string[] {
  return [
    ['core.hooksPath', '/dev/null'], // no hook ever runs (post-checkout would run during clone)
    ['core.symlinks', 'false'], // links are checked out as plain files holding the target text
    ['core.fsmonitor', 'false'],
    ['submodule.recurse', 'false'],
    ['protocol.allow', 'never'],
    ['protocol.https.allow', 'always'],
    ['protocol.http.allow', allowHttp ? 'always' : 'never'],
    ['http.lowSpeedLimit', '1000'],
    ['http.lowSpeedTime', '30'],
    ['advice.detachedHead', 'false'],
  ].flatMap(([k, v]) => ['-c', `${k}=${v}`]);
}

function run(args: string[], options: GitOptions, allowHttp: boolean, cwd?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...safetyConfig(allowHttp), ...args],
      { cwd, env: gitEnv(options, allowHttp), timeout: options.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024, windowsHide: true },
      (err, _stdout, stderr) => {
        if (!err) return resolve();
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return reject(new DownloadError('the git program is not installed (it is needed for git sources)'));
        if (err.killed) return reject(new DownloadError(`git did not finish within ${Math.round(options.timeoutMs / 1000)} s`));
        const lines = String(stderr).split('\n').map((l) => l.trim()).filter(Boolean);
        const fatal = lines.filter((l) => /^(fatal|error):/.test(l)).pop() ?? lines.pop() ?? err.message;
        reject(new DownloadError(`git: ${fatal.replace(/^(fatal|error):\s*/, '')}`));
      },
    );
  });
}

/**
 * Clones `url` at `ref` into `dest` (which must not exist). Shallow when the ref is a branch or tag;
 * a commit id, or a server that cannot serve shallow clones (git's "dumb" HTTP), needs a full clone.
 */
export async function cloneGit(url: string, ref: string | undefined, dest: string, options: GitOptions): Promise<void> {
  const parsed = new URL(url);
  checkScheme(parsed, options);
  const allowHttp = parsed.protocol === 'http:';
  const branch = ref !== undefined ? [`--branch=${ref}`] : [];
  const fullCloneAndCheckout = async () => {
    fs.rmSync(dest, { recursive: true, force: true });
    if (ref !== undefined && COMMIT_ID.test(ref)) {
      await run(['clone', '--quiet', '--no-checkout', '--', url, dest], options, allowHttp);
      await run(['checkout', '--quiet', '--detach', ref, '--'], options, allowHttp, dest);
    } else {
      await run(['clone', '--quiet', ...branch, '--', url, dest], options, allowHttp);
    }
  };
  if (ref !== undefined && /^[0-9a-f]{40}$/.test(ref)) {
    await fullCloneAndCheckout();
  } else {
    try {
      await run(['clone', '--quiet', '--depth=1', '--single-branch', ...branch, '--', url, dest], options, allowHttp);
    } catch (err) {
      if (/did not finish|not installed/.test((err as Error).message)) throw err;
      await fullCloneAndCheckout();
    }
  }
  cleanCheckout(dest, options.limits);
}

/**
 * Removes `.git` (history is not scanned) and anything that is neither a regular file nor a directory,
 * then checks the size and file count limits.
 */
export function cleanCheckout(dir: string, limits: ExtractLimits): void {
  fs.rmSync(path.join(dir, '.git'), { recursive: true, force: true });
  let entries = 0;
  let bytes = 0;
  const walk = (d: string) => {
    for (const dirent of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, dirent.name);
      if (++entries > limits.maxEntries) throw new DownloadError(`the repository has more than ${limits.maxEntries} files`);
      if (dirent.isDirectory()) walk(p);
      else if (dirent.isFile()) {
        bytes += fs.lstatSync(p).size;
        if (bytes > limits.maxExtractedBytes) throw new DownloadError(`the repository checkout is larger than ${formatSize(limits.maxExtractedBytes)}`);
      } else fs.rmSync(p, { force: true });
    }
  };
  walk(dir);
}
