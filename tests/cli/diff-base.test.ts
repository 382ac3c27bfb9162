import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { writeTree } from '../helpers/tmp-tree';
import { HAS_GIT, commitAll, git, gitRepo } from '../helpers/git-repo';

const db = (name: string, extra = '') => `resource "aws_db_instance" "${name}" {\n  storage_encrypted = false\n${extra}}\n`;
const RULES = ['--rules', 'TG-ENC-001'];

interface F {
  resource?: string;
  ruleId: string;
  status: string;
  file?: string;
  startLine?: number;
  new?: boolean;
}
interface R {
  findings: F[];
  summary: Record<string, unknown>;
  diffBase?: { ref: string; commit: string };
}

async function json(cwd: string, args: string[]) {
  const r = await runCli(['scan', '--format', 'json', ...args], cwd);
  return { code: r.code, err: r.err, report: JSON.parse(r.out) as R };
}
const rows = (report: R) => report.findings.map((f) => [f.resource ?? f.ruleId, f.file, f.startLine, f.new]);
const annotations = (out: string) => out.split('\n').filter((l) => l.startsWith('::'));

const maybe = HAS_GIT ? describe : describe.skip;

maybe('--diff-base: PR mode', () => {
  /**
   * Commit 1: infra/main.tf with failing a and b, infra/legacy.tf with failing c.
   * Commit 2: b gets a tags line, a new failing d is added, legacy.tf is renamed unchanged.
   */
  function twoCommits() {
    const root = gitRepo({ 'infra/main.tf': `${db('a')}\n${db('b')}`, 'infra/legacy.tf': db('c'), 'README.md': 'x\n' });
    const first = commitAll(root, 'one');
    fs.writeFileSync(path.join(root, 'infra/main.tf'), `${db('a')}\n${db('b', '  tags = { team = "x" }\n')}\n${db('d')}`);
    git(root, 'mv', 'infra/legacy.tf', 'infra/legacy_db.tf');
    const second = commitAll(root, 'two');
    return { root, first, second };
  }

  it('results whose blocks changed (b) or that are new (d) are new; untouched (a) and renamed (c) ones are not', async () => {
    const { root, first } = twoCommits();
    const { code, report } = await json(root, ['infra', ...RULES, '--diff-base', first]);
    expect(rows(report)).toEqual([
      ['aws_db_instance.c', 'infra/legacy_db.tf', 2, false],
      ['aws_db_instance.a', 'infra/main.tf', 2, false],
      // b's finding points at storage_encrypted, which did not change: its block did.
      ['aws_db_instance.b', 'infra/main.tf', 6, true],
      ['aws_db_instance.d', 'infra/main.tf', 11, true],
    ]);
    expect(report.summary).toEqual({ pass: 0, fail: 4, unknown: 0, suppressed: 0, new: { fail: 2, unknown: 0 } });
    expect(report.diffBase).toEqual({ ref: first, commit: first });
    expect(code).toBe(1);
  });

  it('GitHub annotations only for new results; the summary counts both', async () => {
    const { root, first } = twoCommits();
    const r = await runCli(['scan', 'infra', '--format', 'github', ...RULES, '--diff-base', first], root);
    expect(annotations(r.out)).toEqual([
      '::error file=infra/main.tf,line=6,endLine=6,title=TG-ENC-001 aws_db_instance.b::Storage is not encrypted: storage_encrypted = false%0AFix: set storage_encrypted = true',
      '::error file=infra/main.tf,line=11,endLine=11,title=TG-ENC-001 aws_db_instance.d::Storage is not encrypted: storage_encrypted = false%0AFix: set storage_encrypted = true',
    ]);
    expect(r.out).toContain(`\ntomguard: 4 failed (2 new since ${first}), 0 unknown (0 new), 0 passed, 0 suppressed\n`);
    expect(r.code).toBe(1);
  });

  it('nothing changed since the base: every failure is pre-existing, nothing annotated, exit 0', async () => {
    const { root } = twoCommits();
    const r = await runCli(['scan', 'infra', '--format', 'github', ...RULES, '--diff-base', 'HEAD'], root);
    expect(annotations(r.out)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('text marks pre-existing results and keeps the fix for new ones', async () => {
    const { root, first } = twoCommits();
    const r = await runCli(['scan', 'infra', ...RULES, '--diff-base', first], root);
    const lines = r.out.split('\n').filter((l) => l.includes('TG-ENC-001'));
    expect(lines).toEqual([
      '  ✗ infra/legacy_db.tf:2  aws_db_instance.c  TG-ENC-001  Storage is not encrypted: storage_encrypted = false  (pre-existing)',
      '  ✗ infra/main.tf:2  aws_db_instance.a  TG-ENC-001  Storage is not encrypted: storage_encrypted = false  (pre-existing)',
      '  ✗ infra/main.tf:6  aws_db_instance.b  TG-ENC-001  Storage is not encrypted: storage_encrypted = false  → fix: set storage_encrypted = true',
      '  ✗ infra/main.tf:11  aws_db_instance.d  TG-ENC-001  Storage is not encrypted: storage_encrypted = false  → fix: set storage_encrypted = true',
    ]);
    expect(r.out).toContain(`Results: 4 failed (2 new since ${first}), 0 unknown (0 new), 0 passed, 0 suppressed`);
  });

  it('SARIF keeps every result, new ones with baselineState new, the others unchanged', async () => {
    const { root, first } = twoCommits();
    const r = await runCli(['scan', 'infra', '--format', 'sarif', ...RULES, '--diff-base', first], root);
    const run = JSON.parse(r.out).runs[0];
    expect(run.automationDetails).toEqual({ id: 'tomguard/infra/' });
    expect(run.results.map((x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>; baselineState: string }) => [x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine, x.baselineState])).toEqual([
      ['infra/legacy_db.tf', 2, 'unchanged'],
      ['infra/main.tf', 2, 'unchanged'],
      ['infra/main.tf', 6, 'new'],
      ['infra/main.tf', 11, 'new'],
    ]);
  });

  it('paths stay right when the working directory is a subdirectory of the work tree', async () => {
    const { root, first } = twoCommits();
    const { report } = await json(path.join(root, 'infra'), [...RULES, '--diff-base', first]);
    expect(rows(report).map(([address, file, , fresh]) => [address, file, fresh])).toEqual([
      ['aws_db_instance.c', 'legacy_db.tf', false],
      ['aws_db_instance.a', 'main.tf', false],
      ['aws_db_instance.b', 'main.tf', true],
      ['aws_db_instance.d', 'main.tf', true],
    ]);
  });

  it('a renamed file with an edit inside a block: that block is new, the file\'s others are not', async () => {
    const body = ['e', 'f', 'g', 'h'].map((n) => db(n)).join('\n');
    const root = gitRepo({ 'old.tf': body });
    const first = commitAll(root, 'one');
    git(root, 'mv', 'old.tf', 'moved.tf');
    fs.writeFileSync(path.join(root, 'moved.tf'), body.replace('resource "aws_db_instance" "g" {\n  storage_encrypted = false\n', 'resource "aws_db_instance" "g" {\n  storage_encrypted = false\n  port = 5432\n'));
    commitAll(root, 'rename and edit');
    const { report } = await json(root, [...RULES, '--diff-base', first]);
    expect(rows(report).map(([address, file, , fresh]) => [address, file, fresh])).toEqual([
      ['aws_db_instance.e', 'moved.tf', false],
      ['aws_db_instance.f', 'moved.tf', false],
      ['aws_db_instance.g', 'moved.tf', true],
      ['aws_db_instance.h', 'moved.tf', false],
    ]);
  });

  it('edits not committed yet and untracked files count as changed', async () => {
    const { root } = twoCommits();
    fs.writeFileSync(path.join(root, 'infra/main.tf'), fs.readFileSync(path.join(root, 'infra/main.tf'), 'utf8').replace('"a" {\n', '"a" {\n  port = 5432\n'));
    fs.writeFileSync(path.join(root, 'infra/extra.tf'), db('x'));
    const { code, report } = await json(root, ['infra', ...RULES, '--diff-base', 'HEAD']);
    expect(rows(report).map(([address, , , fresh]) => [address, fresh])).toEqual([
      ['aws_db_instance.x', true],
      ['aws_db_instance.c', false],
      ['aws_db_instance.a', true],
      ['aws_db_instance.b', false],
      ['aws_db_instance.d', false],
    ]);
    expect(code).toBe(1);
  });

  it('a changed module block makes every result inside that module new; an untouched call does not', async () => {
    const root = gitRepo({
      'main.tf': 'module "db" {\n  source = "./modules/db"\n}\n\nmodule "other" {\n  source = "./modules/db"\n}\n',
      'modules/db/main.tf': db('m'),
    });
    const first = commitAll(root, 'one');
    fs.writeFileSync(path.join(root, 'main.tf'), 'module "db" {\n  source = "./modules/db"\n  # owner: data team\n}\n\nmodule "other" {\n  source = "./modules/db"\n}\n');
    commitAll(root, 'two');
    const { report } = await json(root, [...RULES, '--diff-base', first]);
    expect(rows(report)).toEqual([
      ['module.db.aws_db_instance.m', 'modules/db/main.tf', 2, true],
      ['module.other.aws_db_instance.m', 'modules/db/main.tf', 2, false],
    ]);
  });

  it('a result is new when the line its value came from changed (a tfvars setting)', async () => {
    const root = gitRepo({
      'main.tf': 'variable "enc" {\n  default = true\n}\n\nresource "aws_db_instance" "v" {\n  storage_encrypted = var.enc\n}\n',
      'terraform.tfvars': 'enc = true\n',
    });
    const first = commitAll(root, 'one');
    fs.writeFileSync(path.join(root, 'terraform.tfvars'), 'enc = false\n');
    const { code, report } = await json(root, [...RULES, '--diff-base', first]);
    expect(rows(report)).toEqual([['aws_db_instance.v', 'main.tf', 6, true]]);
    expect(code).toBe(1);
  });

  describe('not-evidenced results (an existence claim nothing shows)', () => {
    const DETECTOR = 'resource "aws_guardduty_detector" "main" {\n  enable = true\n}\n';
    const LOG = ['--rules', 'TG-LOG-002', '--format', 'github'];

    it('are new when the change deleted a block of a type the rule looks for', async () => {
      const root = gitRepo({ 'main.tf': db('a'), 'detector.tf': DETECTOR });
      const first = commitAll(root, 'one');
      git(root, 'rm', '-q', 'detector.tf');
      commitAll(root, 'remove the detector');
      const r = await runCli(['scan', ...LOG, '--diff-base', first], root);
      expect(annotations(r.out)).toEqual([expect.stringMatching(/^::notice title=TG-LOG-002 \(not-evidenced\)::/)]);
    });

    it('are pre-existing when the evidence was missing at the base already', async () => {
      const root = gitRepo({ 'main.tf': db('a') });
      const first = commitAll(root, 'one');
      fs.writeFileSync(path.join(root, 'main.tf'), db('b'));
      const r = await runCli(['scan', ...LOG, '--diff-base', first], root);
      expect(annotations(r.out)).toEqual([]);
      const { report } = await json(root, ['--rules', 'TG-LOG-002', '--diff-base', first]);
      expect(report.findings.map((f) => [f.ruleId, f.status, f.new])).toEqual([['TG-LOG-002', 'not-evidenced', false]]);
    });

    it('are new in a root that did not exist at the base', async () => {
      const root = gitRepo({ 'envs/prod/main.tf': db('a') });
      const first = commitAll(root, 'one');
      fs.mkdirSync(path.join(root, 'envs/staging'));
      fs.writeFileSync(path.join(root, 'envs/staging/main.tf'), db('b'));
      const { report } = await json(root, ['envs/staging', '--rules', 'TG-LOG-002', '--diff-base', first]);
      expect(report.findings.map((f) => [f.ruleId, f.status, f.new])).toEqual([['TG-LOG-002', 'not-evidenced', true]]);
      const old = await json(root, ['envs/prod', '--rules', 'TG-LOG-002', '--diff-base', first]);
      expect(old.report.findings.map((f) => f.new)).toEqual([false]);
    });
  });

  it('--fail-on-unknown counts only new unknown results', async () => {
    const unknown = (name: string) => `resource "aws_db_instance" "${name}" {\n  storage_encrypted = local.missing\n}\n`;
    const root = gitRepo({ 'main.tf': unknown('u') });
    const first = commitAll(root, 'one');
    expect((await runCli(['scan', ...RULES, '--fail-on-unknown', '--diff-base', first], root)).code).toBe(0);
    fs.writeFileSync(path.join(root, 'more.tf'), unknown('w'));
    const r = await runCli(['scan', ...RULES, '--fail-on-unknown', '--diff-base', first, '--format', 'json'], root);
    expect(JSON.parse(r.out).summary.new).toEqual({ fail: 0, unknown: 1 });
    expect(r.code).toBe(1);
  });

  it('.tomguard.yml may set diff-base', async () => {
    const { root, first } = twoCommits();
    fs.writeFileSync(path.join(root, '.tomguard.yml'), `diff-base: ${first}\n`);
    const { report } = await json(root, ['infra', ...RULES]);
    expect(report.findings.map((f) => f.new)).toEqual([false, false, true, true]);
  });

  describe('usage errors (exit 2)', () => {
    it('an unknown revision', async () => {
      const { root } = twoCommits();
      const r = await runCli(['scan', 'infra', ...RULES, '--diff-base', 'no-such-branch'], root);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`tomguard: --diff-base no-such-branch: no such commit in the git repository at ${fs.realpathSync(root)} (in a shallow CI clone, fetch it first, e.g. actions/checkout with fetch-depth: 0).`);
    });

    it('a revision that would read as an option', async () => {
      const { root } = twoCommits();
      const r = await runCli(['scan', 'infra', ...RULES, '--diff-base=--output=x'], root);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--diff-base needs a git revision (a branch, tag or commit), got "--output=x".');
    });

    it('a root outside any git work tree', async () => {
      const root = writeTree({ 'main.tf': db('a') });
      const r = await runCli(['scan', ...RULES, '--diff-base', 'main'], root);
      expect(r.code).toBe(2);
      expect(r.err).toContain('tomguard: --diff-base compares with git history, but . is not in a git work tree.');
    });
  });
});
