import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DownloadOptions, fetchModule } from '../../src/modules/download';
import { TestServer, listTree } from './fixtures';

const HAS_GIT = spawnSync('git', ['--version']).status === 0;
const gitIt = HAS_GIT ? it : it.skip;
const SKIPPED = HAS_GIT ? '' : ' (skipped: the git program is not installed)';

let server: TestServer;
let base: string;
let options: DownloadOptions;
let firstCommit = '';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' }).trim();
}

/** A hook that would leave a marker file if git ever ran it. */
function writeHook(dir: string, name: string, marker: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), `#!/bin/sh\necho ran > "${marker}"\n`, { mode: 0o755 });
}

beforeAll(async () => {
  server = await TestServer.start();
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-git-'));
  options = {
    env: { XDG_CACHE_HOME: path.join(base, 'cache'), HOME: path.join(base, 'home'), PATH: process.env.PATH },
    insecureLoopbackHttp: true,
  };
  if (!HAS_GIT) return;
  const work = path.join(base, 'work');
  fs.mkdirSync(path.join(work, 'modules', 'sg'), { recursive: true });
  git(base, 'init', '-q', work);
  fs.writeFileSync(path.join(work, 'main.tf'), 'resource "aws_s3_bucket" "v1" {}\n');
  fs.writeFileSync(path.join(work, 'modules', 'sg', 'main.tf'), 'resource "aws_security_group" "x" {}\n');
  fs.symlinkSync('/etc/passwd', path.join(work, 'passwd.tf'));
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'v1');
  git(work, 'tag', 'v1.0.0');
  firstCommit = git(work, 'rev-parse', 'HEAD');
  fs.writeFileSync(path.join(work, 'main.tf'), 'resource "aws_s3_bucket" "v2" {}\n');
  git(work, 'commit', '-q', '-am', 'v2');
  const bare = path.join(base, 'repo.git');
  git(base, 'clone', '-q', '--bare', work, bare);
  // Hooks in the served repository (never transferred by git) and in the user's own git setup
  // (which tomguard overrides): none may run.
  writeHook(path.join(bare, 'hooks'), 'post-checkout', path.join(base, 'ran-server-hook'));
  writeHook(path.join(base, 'home', 'hooks'), 'post-checkout', path.join(base, 'ran-user-hook'));
  writeHook(path.join(base, 'home', 'template', 'hooks'), 'post-checkout', path.join(base, 'ran-template-hook'));
  fs.writeFileSync(path.join(base, 'home', '.gitconfig'), `[core]\n\thooksPath = ${path.join(base, 'home', 'hooks')}\n[init]\n\ttemplateDir = ${path.join(base, 'home', 'template')}\n`);
  git(bare, 'update-server-info'); // git's "dumb" HTTP protocol: static files are enough
  server.staticDir('/repo.git', bare);
});

afterAll(async () => {
  await server.close();
  fs.rmSync(base, { recursive: true, force: true });
});

const dirOf = (r: Awaited<ReturnType<typeof fetchModule>>) => {
  if ('reason' in r) throw new Error(r.reason);
  return r.dir;
};

describe('git sources', () => {
  gitIt(`clones a tag over http from a loopback server, without running any hook${SKIPPED}`, async () => {
    const dir = dirOf(await fetchModule(`git::${server.url}/repo.git?ref=v1.0.0`, undefined, options));
    expect(fs.readFileSync(path.join(dir, 'main.tf'), 'utf8')).toBe('resource "aws_s3_bucket" "v1" {}\n');
    // No history, and the link is a plain file holding its target's name, not a way out.
    expect(listTree(dir)).toEqual(['main.tf', 'modules', 'modules/sg', 'modules/sg/main.tf', 'passwd.tf']);
    expect(fs.lstatSync(path.join(dir, 'passwd.tf')).isSymbolicLink()).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'passwd.tf'), 'utf8')).toBe('/etc/passwd');
    expect(['ran-server-hook', 'ran-user-hook', 'ran-template-hook'].filter((m) => fs.existsSync(path.join(base, m)))).toEqual([]);
  });

  gitIt(`checks out a commit id and a //subdir${SKIPPED}`, async () => {
    const dir = dirOf(await fetchModule(`git::${server.url}/repo.git//modules/sg?ref=${firstCommit}`, undefined, options));
    expect(fs.readFileSync(path.join(dir, 'main.tf'), 'utf8')).toBe('resource "aws_security_group" "x" {}\n');
  });

  gitIt(`gives git's reason for a missing tag, naming the source${SKIPPED}`, async () => {
    const source = `git::${server.url}/repo.git?ref=v9.9.9`;
    const result = await fetchModule(source, undefined, options);
    expect(result).toEqual({ reason: expect.stringMatching(new RegExp(`^could not download module "${source.replace(/[.?]/g, '\\$&')}": git: .*v9\\.9\\.9`)) });
    expect(fs.readdirSync(path.join(base, 'cache', 'tomguard', 'modules'))).not.toContain(expect.stringMatching(/^[0-9a-f]{32}$/));
  });

  gitIt(`follows a registry whose download location is a git address, with the module's //subdir${SKIPPED}`, async () => {
    server.json('/.well-known/terraform.json', { 'modules.v1': `${server.url}/registry/` });
    server.json('/registry/acme/net/aws/versions', { modules: [{ versions: [{ version: '1.0.0' }] }] });
    server.route('/registry/acme/net/aws/1.0.0/download', { status: 204, headers: { 'x-terraform-get': `git::${server.url}/repo.git?ref=v1.0.0` } });
    const dir = dirOf(await fetchModule(`${server.host}/acme/net/aws//modules/sg`, '~> 1.0', options));
    expect(fs.readFileSync(path.join(dir, 'main.tf'), 'utf8')).toBe('resource "aws_security_group" "x" {}\n');
  });

  it('refuses plain http git URLs unless the test-only loopback switch is on', async () => {
    const source = `git::${server.url}/repo.git?ref=main`;
    const before = server.requests.length;
    expect(await fetchModule(source, undefined, { ...options, insecureLoopbackHttp: false })).toEqual({
      reason: `could not download module "${source}": refusing plain http for ${server.host} (only https is downloaded)`,
    });
    expect(server.requests.length).toBe(before);
  });
});
