import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../helpers/cli';
import { writeTree } from '../helpers/tmp-tree';
import { accountsOf, rootGlob, UNLISTED_ACCOUNT } from '../../src/engine/estate';
import { sharedRoots } from '../../src/report/renderers/text-reporter';

interface F {
  ruleId: string;
  status: string;
  root?: string;
  account?: string;
  resource?: string;
  file?: string;
  startLine?: number;
  message: string;
  suppressed: boolean;
}

const DETECTOR = 'resource "aws_guardduty_detector" "main" {\n  enable = true\n}\n';
const SSH_SG = 'resource "aws_security_group" "ssh" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n';
const VOLUME = 'resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-north-1a"\n  size              = 10\n}\n';

/** Three roots: `account` holds the detector, `app` and `batch` share a local module with an open SSH group. */
function monorepo(extra: Record<string, string> = {}) {
  return writeTree({
    'account/main.tf': DETECTOR,
    'app/main.tf': 'module "sg" {\n  source = "../modules/sg"\n}\n',
    'batch/main.tf': 'module "sg" {\n  source = "../modules/sg"\n}\n',
    'modules/sg/main.tf': SSH_SG,
    ...extra,
  });
}

const scanJson = async (cwd: string, args: string[]) => {
  const r = await runCli(['scan', '--format', 'json', ...args], cwd);
  return { code: r.code, report: JSON.parse(r.out) as { findings: F[]; claims: Array<{ id: string; status: string }>; errors: unknown[]; warnings: unknown[] } };
};

describe('estate scans: several roots, one report', () => {
  it('evidence of an existence claim in one root counts for every root of the account', async () => {
    const root = monorepo();
    const { report } = await scanJson(root, ['--recursive', '.', '--rules', 'TG-LOG-002']);
    expect(report.findings.map((f) => [f.ruleId, f.status, f.root, f.file, f.startLine])).toEqual([['TG-LOG-002', 'pass', 'account', 'account/main.tf', 2]]);
    expect(report.claims.find((c) => c.id === 'threat-detection')!.status).toBe('holds');
  });

  it('without evidence anywhere, one not-evidenced result stands for the whole estate (no root)', async () => {
    const root = monorepo({ 'account/main.tf': '# nothing here yet\n' });
    const { report } = await scanJson(root, ['--recursive', '.', '--rules', 'TG-LOG-002']);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0].status).toBe('not-evidenced');
    expect(report.findings[0].root).toBeUndefined();
    expect(report.findings[0].message).toMatch(/; checked across any of the 3 roots scanned$/);
  });

  it('every result carries its root; a shared module gives one result per root in JSON', async () => {
    const root = monorepo();
    const { report } = await scanJson(root, ['--recursive', '.', '--rules', 'TG-NET-002']);
    expect(report.findings.map((f) => [f.root, f.resource, f.file, f.startLine, f.status])).toEqual([
      ['app', 'module.sg.aws_security_group.ssh', 'modules/sg/main.tf', 6, 'fail'],
      ['batch', 'module.sg.aws_security_group.ssh', 'modules/sg/main.tf', 6, 'fail'],
    ]);
  });

  it('text shows a shared module finding once, under the roots it stands in', async () => {
    const root = monorepo();
    const r = await runCli(['scan', '--recursive', '.', '--format', 'text', '--rules', 'TG-NET-002', '--only-failures'], root);
    const lines = r.out.split('\n');
    const at = lines.findIndex((l) => l.includes('app, batch (shared)'));
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^ {4}✗ modules\/sg\/main\.tf:6 {2}module\.sg\.aws_security_group\.ssh {2}TG-NET-002 /);
    expect(lines.filter((l) => l.includes('TG-NET-002'))).toHaveLength(1);
  });

  it('GitHub annotations group a shared finding into one, naming the roots', async () => {
    const root = monorepo();
    const r = await runCli(['scan', '--recursive', '.', '--format', 'github', '--rules', 'TG-NET-002'], root);
    const annotations = r.out.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(/^::error file=modules\/sg\/main\.tf,line=6,endLine=6,title=TG-NET-002 module\.sg\.aws_security_group\.ssh \[app%2C batch\]::/);
  });

  it('SARIF: one run per root with its own category; each result has properties.root, fingerprints differ per root', async () => {
    const root = monorepo();
    const r = await runCli(['scan', '--recursive', '.', '--format', 'sarif', '--rules', 'TG-NET-002'], root);
    const runs = JSON.parse(r.out).runs as Array<{ automationDetails: { id: string }; properties: { roots: string[] }; results: Array<{ properties: { root: string }; partialFingerprints: Record<string, string> }> }>;
    expect(runs.map((run) => [run.automationDetails.id, run.properties.roots, run.results.map((x) => x.properties.root)])).toEqual([
      ['tomguard/account/', ['account'], []],
      ['tomguard/app/', ['app'], ['app']],
      ['tomguard/batch/', ['batch'], ['batch']],
    ]);
    const prints = runs.flatMap((run) => run.results.map((x) => x.partialFingerprints['tomguard/v1']));
    expect(new Set(prints).size).toBe(2);
    // Paths are relative to the working directory, which %SRCROOT% names.
    expect(JSON.parse(r.out).runs[1].originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(root).href}/` } });
  });

  it('SARIF --sarif-category: one run for the whole estate with that category', async () => {
    const root = monorepo();
    const r = await runCli(['scan', '--recursive', '.', '--format', 'sarif', '--rules', 'TG-NET-002', '--sarif-category', 'infra/shard-1'], root);
    const runs = JSON.parse(r.out).runs;
    expect(runs).toHaveLength(1);
    expect(runs[0].automationDetails).toEqual({ id: 'infra/shard-1/' });
    expect(runs[0].properties.roots).toEqual(['account', 'app', 'batch']);
    expect(runs[0].results.map((x: { properties: { root: string } }) => x.properties.root)).toEqual(['app', 'batch']);
  });

  it('EBS encryption by default in one root of the account covers volumes of the others, naming where', async () => {
    const root = writeTree({
      'account/main.tf': 'resource "aws_ebs_encryption_by_default" "on" {\n  enabled = true\n}\n',
      'app/main.tf': VOLUME,
    });
    const { report } = await scanJson(root, ['--recursive', '.', '--rules', 'TG-ENC-003']);
    expect(report.findings.map((f) => [f.root, f.resource, f.status])).toEqual([['app', 'aws_ebs_volume.data', 'pass']]);
    expect(report.findings[0].message).toContain('aws_ebs_encryption_by_default.on (root account, account/main.tf:1) sets enabled = true');
  });
});

describe('profile accounts', () => {
  const profile = (accounts: string) => `name: estate\nextends: reference\naccounts:\n${accounts}`;

  it('existence claims are judged per account: evidence in one account does not cover another', async () => {
    const root = monorepo({
      'profile.yml': profile('  - name: security\n    roots: [account]\n  - name: workloads\n    roots: [app, batch]\n'),
    });
    const { report } = await scanJson(root, ['--recursive', '.', '--rules', 'TG-LOG-002', '--profile', 'profile.yml']);
    expect(report.findings.map((f) => [f.status, f.root, f.account])).toEqual([
      ['pass', 'account', undefined],
      ['not-evidenced', undefined, 'workloads'],
    ]);
    expect(report.findings[1].message).toMatch(/; checked across account workloads \(2 roots\)$/);
    expect(report.claims.find((c) => c.id === 'threat-detection')!.status).toBe('not-evidenced');
  });

  it('root globs: * within a folder, ** across folders; unlisted roots form one account', () => {
    expect(rootGlob('live/*/prod').test('live/eu/prod')).toBe(true);
    expect(rootGlob('live/*/prod').test('live/eu/x/prod')).toBe(false);
    expect(rootGlob('live/**').test('live/eu/x/prod')).toBe(true);
    expect(rootGlob('**/prod').test('prod')).toBe(true);
    expect(rootGlob('./envs/prod/').test('envs/prod')).toBe(true);
    const accounts = accountsOf(['envs/prod', './envs/dev', 'tools'], [
      { name: 'prod', roots: ['envs/prod'] },
      { name: 'dev', roots: ['envs/d*'] },
    ]);
    expect([...accounts]).toEqual([
      ['envs/prod', 'prod'],
      ['./envs/dev', 'dev'],
      ['tools', UNLISTED_ACCOUNT],
    ]);
  });

  it('a profile with the same account name twice is rejected', async () => {
    const root = monorepo({ 'profile.yml': profile('  - name: a\n    roots: [app]\n  - name: a\n    roots: [batch]\n') });
    const r = await runCli(['profile', 'validate', 'profile.yml'], root);
    expect(r.code).toBe(2);
    expect(r.out + r.err).toContain('the account name "a" is used twice');
  });
});

describe('baselines in an estate', () => {
  it('an entry for one root never hides the same address in another root or file', async () => {
    const root = monorepo({ 'web/main.tf': SSH_SG });
    expect((await runCli(['scan', 'app', '--format', 'json', '--rules', 'TG-NET-002', '--write-baseline', 'base.json'], root)).code).toBe(1);
    const written = JSON.parse(fs.readFileSync(path.join(root, 'base.json'), 'utf8'));
    expect(written).toEqual({
      tomguardBaseline: 2,
      findings: [{ ruleId: 'TG-NET-002', resource: 'module.sg.aws_security_group.ssh', root: 'app', file: 'modules/sg/main.tf' }],
    });
    const { code, report } = await scanJson(root, ['--recursive', '.', '--rules', 'TG-NET-002', '--baseline', 'base.json']);
    expect(report.findings.map((f) => [f.root, f.suppressed])).toEqual([
      ['app', true],
      ['batch', false],
      ['web', false],
    ]);
    expect(code).toBe(1);
  });

  it('an old baseline (rule and address only) still loads, with a warning, and matches as before', async () => {
    const root = monorepo({ 'old.json': JSON.stringify({ tomguardBaseline: 1, findings: [{ ruleId: 'TG-NET-002', resource: 'module.sg.aws_security_group.ssh' }] }) });
    const { code, report } = await scanJson(root, ['--recursive', '.', '--rules', 'TG-NET-002', '--baseline', 'old.json']);
    expect(report.findings.map((f) => f.suppressed)).toEqual([true, true]);
    expect(report.warnings).toEqual([
      {
        file: 'old.json',
        message: 'old.json was written by an older tomguard: its 1 entry matches by rule and address in every root and file. Write it again with --write-baseline to match per root and file.',
        severity: 'warning',
      },
    ]);
    expect(code).toBe(0);
  });
});

describe('text headings of shared results', () => {
  it('say the common folder once and count roots past five', () => {
    expect(sharedRoots(['envs/prod', 'envs/staging'])).toBe('envs/{prod, staging}');
    expect(sharedRoots(['app', 'batch'])).toBe('app, batch');
    expect(sharedRoots(['a/x/1', 'a/x/2', 'a/x/3', 'a/x/4', 'a/x/5', 'a/x/6', 'a/x/7'])).toBe('a/x/{1, 2, 3, 4, 5, … (2 more)}');
    expect(sharedRoots(['a/b', 'a/b/c'])).toBe('a/{b, b/c}');
  });
});
