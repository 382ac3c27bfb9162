/**
 * The pre-commit hook as declared in .pre-commit-hooks.yaml. The last test runs the real pre-commit
 * (when it is on PATH) with the hook's own `files`, `pass_filenames`, `require_serial` and entry
 * arguments, against the CLI built in dist/ — without the npm install that `try-repo` does (about two
 * minutes, needs the registry): scripts/precommit-check.sh, run by .ci/run, covers that part.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import YAML from 'yaml';

const repo = path.resolve(__dirname, '..', '..');
const hooks = YAML.parse(fs.readFileSync(path.join(repo, '.pre-commit-hooks.yaml'), 'utf8'));
const hook = hooks[0];

function newestSource(): number {
  let newest = 0;
  for (const dir of ['src', 'rules']) {
    for (const rel of fs.readdirSync(path.join(repo, dir), { recursive: true }) as string[]) {
      if (rel.endsWith('.ts')) newest = Math.max(newest, fs.statSync(path.join(repo, dir, rel)).mtimeMs);
    }
  }
  return newest;
}

/** The hook runs bin/tomguard.js, which runs dist/: rebuild it when the sources are newer (after an edit). */
function ensureBuilt(): void {
  const main = path.join(repo, 'dist', 'src', 'cli', 'main.js');
  if (!fs.existsSync(main) || fs.statSync(main).mtimeMs < newestSource()) execFileSync('npm', ['run', 'build', '--silent'], { cwd: repo, stdio: 'ignore' });
}

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  it('passes the changed files to one scan --changed process with compact output', () => {
    expect(hooks).toHaveLength(1);
    expect(hook).toMatchObject({ id: 'tomguard', language: 'node', entry: 'tomguard scan --changed --format compact', pass_filenames: true, require_serial: true });
  });

  it('takes .tf, .tf.json, .tfvars, .tfvars.json and terragrunt.hcl files, nothing else', () => {
    // pre-commit applies `files` with Python's re.search; this pattern means the same in JavaScript.
    const files = new RegExp(hook.files);
    const taken = ['main.tf', 'envs/prod/main.tf.json', 'terraform.tfvars', 'envs/prod/prod.tfvars.json', 'terragrunt.hcl', 'live/cache/terragrunt.hcl'];
    const left = ['README.md', 'main.tf.bak', 'root.hcl', 'myterragrunt.hcl', '.terraform.lock.hcl', 'plan.json'];
    expect(taken.filter((f) => !files.test(f))).toEqual([]);
    expect(left.filter((f) => files.test(f))).toEqual([]);
  });

  it('under the real pre-commit: a violating root fails with its finding, a compliant root passes, other files skip', () => {
    const which = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
    if (which.error || which.status !== 0) {
      console.warn('pre-commit is not on PATH: the real pre-commit run of the hook is skipped (apt-get install -y pre-commit to run it)');
      return;
    }
    ensureBuilt();
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-precommit-'));
    try {
      const target = path.join(work, 'repo');
      fs.cpSync(path.join(repo, 'examples', 'saas-broken'), path.join(target, 'bad'), { recursive: true });
      fs.cpSync(path.join(repo, 'examples', 'saas-reference'), path.join(target, 'good'), { recursive: true });
      fs.writeFileSync(path.join(target, 'README.md'), 'not Terraform\n');
      execFileSync('git', ['init', '-q'], { cwd: target });
      execFileSync('git', ['add', '-A'], { cwd: target });
      // The manifest's hook as a local one: the same filters and arguments, the CLI from this checkout.
      const entry = hook.entry.replace(/^tomguard /, `node '${path.join(repo, 'bin', 'tomguard.js')}' `);
      const config = { repos: [{ repo: 'local', hooks: [{ id: hook.id, name: hook.name, entry, language: 'system', files: hook.files, pass_filenames: hook.pass_filenames, require_serial: hook.require_serial }] }] };
      const configFile = path.join(work, 'pre-commit-config.yaml');
      fs.writeFileSync(configFile, YAML.stringify(config));
      const env = { ...process.env, PRE_COMMIT_HOME: path.join(work, 'store') };
      const run = (...files: string[]) => spawnSync('pre-commit', ['run', '--config', configFile, '--color', 'never', '--files', ...files], { cwd: target, env, encoding: 'utf8' });
      const lsFiles = (dir: string) => execFileSync('git', ['ls-files', dir], { cwd: target, encoding: 'utf8' }).trim().split('\n');

      const bad = run(...lsFiles('bad'));
      expect(bad.stdout).toMatch(/^tomguard \(TOM claims in Terraform\)\.+Failed$/m);
      expect(bad.stdout.split('\n')).toContain('bad/security.tf:61: TG-NET-002 tcp port 22 is open to 0.0.0.0/0 (ports allowed from the internet: 80, 443)');
      expect(bad.status).toBe(1);

      const good = run(...lsFiles('good'));
      expect(good.stdout).toMatch(/^tomguard \(TOM claims in Terraform\)\.+Passed$/m);
      expect(good.status).toBe(0);

      const other = run('README.md');
      expect(other.stdout).toMatch(/^tomguard \(TOM claims in Terraform\)\.+\(no files to check\)Skipped$/m);
      expect(other.status).toBe(0);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 180_000);
});
