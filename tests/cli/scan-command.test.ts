import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli as runCliAll } from '../helpers/cli';
import { writeTree } from '../helpers/tmp-tree';

/** These tests are about the command, not the rules: only the two encryption rules run unless a test selects others. */
const ENC_RULES = ['--rules', 'TG-ENC-001,TG-ENC-002'];
function runCli(args: string[], cwd: string, options?: Parameters<typeof runCliAll>[2]) {
  const selects = args.includes('--rules') || args.includes('--skip-rules') || args[0] !== 'scan';
  return runCliAll(selects ? args : [...args, ...ENC_RULES], cwd, options);
}

const DB = (name: string, encrypted: string, extra = '') => `resource "aws_db_instance" "${name}" {\n  storage_encrypted = ${encrypted}\n  kms_key_id        = "arn:aws:kms:eu-north-1:123456789012:key/abc"\n${extra}}\n`;

describe('tomguard scan: JSON report', () => {
  const root = writeTree({ 'main.tf': DB('good', 'true') + DB('bad', 'false') });

  it('follows the contract: schema, tool, profile, inputs, claims, findings sorted by file/line/rule, summary', async () => {
    const r = await runCli(['scan', '.', '--format', 'json'], root);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'profile', 'inputs', 'claims', 'findings', 'errors', 'warnings', 'exposure', 'summary']);
    expect(report.schemaVersion).toBe(2);
    expect(report.profile).toEqual({ name: 'reference-tom', source: 'builtin' });
    expect(report.inputs).toEqual([{ kind: 'hcl', path: '.' }]);
    expect(report.findings.map((f: { ruleId: string; resource: string; status: string; startLine: number }) => [f.startLine, f.ruleId, f.resource, f.status])).toEqual([
      [2, 'TG-ENC-001', 'aws_db_instance.good', 'pass'],
      [3, 'TG-ENC-002', 'aws_db_instance.good', 'pass'],
      [6, 'TG-ENC-001', 'aws_db_instance.bad', 'fail'],
      [7, 'TG-ENC-002', 'aws_db_instance.bad', 'pass'],
    ]);
    expect(report.findings[2]).toEqual({
      ruleId: 'TG-ENC-001',
      claim: 'rest-kms',
      status: 'fail',
      severity: 'high',
      resource: 'aws_db_instance.bad',
      resourceType: 'aws_db_instance',
      root: '.',
      file: 'main.tf',
      startLine: 6,
      endLine: 6,
      attribute: 'storage_encrypted',
      message: 'Storage is not encrypted: storage_encrypted = false',
      suppressed: false,
      fix: 'set storage_encrypted = true',
    });
    const rest = report.claims.find((c: { id: string }) => c.id === 'rest-kms');
    expect(rest).toMatchObject({ section: '2.1', status: 'broken', counts: { pass: 3, fail: 1, unknown: 0, suppressed: 0 } });
    expect(report.summary).toEqual({ pass: 3, fail: 1, unknown: 0, suppressed: 0 });
  });

  it('--only-failures drops pass and unknown findings', async () => {
    const r = await runCli(['scan', '--format', 'json', '--only-failures'], root);
    expect(JSON.parse(r.out).findings.map((f: { resource: string }) => f.resource)).toEqual(['aws_db_instance.bad']);
  });

  it('--rules and --skip-rules select rules; an unknown ID is a usage error', async () => {
    const only = JSON.parse((await runCli(['scan', '--format', 'json', '--rules', 'TG-ENC-002'], root)).out);
    expect(new Set(only.findings.map((f: { ruleId: string }) => f.ruleId))).toEqual(new Set(['TG-ENC-002']));
    const skip = JSON.parse((await runCli(['scan', '--format', 'json', ...ENC_RULES, '--skip-rules', 'tg-enc-002'], root)).out);
    expect(new Set(skip.findings.map((f: { ruleId: string }) => f.ruleId))).toEqual(new Set(['TG-ENC-001']));
    const bad = await runCli(['scan', '--rules', 'TG-NOPE-001'], root);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Unknown rule TG-NOPE-001');
  });

  it('repeatable options do not swallow the paths after them', async () => {
    const r = await runCli(['scan', '--format', 'json', '--rules', 'TG-ENC-001', '.', '--skip-rules', 'TG-ENC-002'], root);
    expect(JSON.parse(r.out).inputs).toEqual([{ kind: 'hcl', path: '.' }]);
  });

  it('--fail-on sets the severity that fails the run', async () => {
    expect((await runCli(['scan', '--format', 'json', '--fail-on', 'high'], root)).code).toBe(1);
    expect((await runCli(['scan', '--format', 'json', '--fail-on', 'critical'], root)).code).toBe(0);
    expect((await runCli(['scan', '--format', 'json', '--fail-on', 'none'], root)).code).toBe(0);
    const bad = await runCli(['scan', '--fail-on', 'severe'], root);
    expect(bad.code).toBe(2);
  });

  it('--output and FORMAT=FILE write files', async () => {
    const r = await runCli(['scan', '--format', 'json=out/report.json', '--format', 'text', '--no-color'], root);
    expect(r.out).toContain('✗ main.tf:6  aws_db_instance.bad  TG-ENC-001');
    expect(JSON.parse(fs.readFileSync(path.join(root, 'out/report.json'), 'utf8')).summary.fail).toBe(1);
    await runCli(['scan', '--format', 'json', '--output', 'o.json'], root);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'o.json'), 'utf8')).summary.fail).toBe(1);
    const clash = await runCli(['scan', '--format', 'json', '--format', 'text'], root);
    expect(clash.code).toBe(2);
  });
});

describe('tomguard scan: text report', () => {
  const root = writeTree({ 'main.tf': DB('bad', 'false') + DB('unk', 'var.x') + 'variable "x" {}\n' });

  it('groups by claim, shows failures with file:line, address, message and fix, ends with a summary', async () => {
    const r = await runCli(['scan', '--format', 'text'], root);
    expect(r.out).toBe(
      [
        '2.1 Personal data in databases and backups is encrypted at rest with AWS KMS (AES-256) [rest-kms]  BROKEN',
        '  ✗ main.tf:2  aws_db_instance.bad  TG-ENC-001  Storage is not encrypted: storage_encrypted = false  → fix: set storage_encrypted = true',
        '  ? main.tf:6  aws_db_instance.unk  TG-ENC-001  storage_encrypted is not known statically: storage_encrypted = unknown (var.x (no value given: set it with --var x=..., a .tfvars file or TF_VAR_x))',
        '  ✓ 2 passing results',
        '',
        'Claims: 0 hold, 1 broken, 0 unknown, 0 not evidenced, 10 not applicable, 4 out of scope',
        'Results: 1 failed, 1 unknown, 2 passed, 0 suppressed',
        '',
      ].join('\n'),
    );
  });

  it('colours only on a terminal and never with --no-color or NO_COLOR', async () => {
    expect((await runCli(['scan'], root, { isTTY: true })).out).toContain('\u001b[31m');
    expect((await runCli(['scan', '--no-color'], root, { isTTY: true })).out).not.toContain('\u001b[');
    expect((await runCli(['scan'], root, { isTTY: true, env: { NO_COLOR: '1' } })).out).not.toContain('\u001b[');
  });

  it('defaults to text on a terminal and in a pipe (no colours there); JSON only when asked for', async () => {
    expect((await runCli(['scan'], root, { isTTY: true })).out).toContain('Claims:');
    const piped = (await runCli(['scan'], root)).out;
    expect(piped).toContain('Claims:');
    expect(piped).not.toContain('\u001b[');
    expect(JSON.parse((await runCli(['scan', '--format', 'json'], root)).out).schemaVersion).toBe(2);
  });

  it('--quiet prints only failures and the summary', async () => {
    const r = await runCli(['scan', '--format', 'text', '--quiet'], root);
    expect(r.out).not.toContain('?');
    expect(r.out).toContain('✗ main.tf:2');
    expect(r.out).not.toContain('passing');
  });
});

describe('tomguard scan: errors and exit codes', () => {
  it('exits 0 when nothing fails', async () => {
    const root = writeTree({ 'main.tf': DB('good', 'true') });
    expect((await runCli(['scan', '--format', 'json'], root)).code).toBe(0);
  });

  it('exits 2 on a parse error but still reports the other files', async () => {
    const root = writeTree({ 'main.tf': DB('bad', 'false'), 'broken.tf': 'resource "x" "y" {\n' });
    const r = await runCli(['scan', '--format', 'json'], root);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.out);
    expect(report.findings.filter((f: { status: string }) => f.status === 'fail').map((f: { resource: string }) => f.resource)).toEqual(['aws_db_instance.bad']);
    expect(report.errors).toEqual([expect.objectContaining({ file: 'broken.tf', line: 1, column: 18, severity: 'error' })]);
  });

  it('a directory without Terraform files is an error, not a clean pass', async () => {
    const root = writeTree({ 'README.md': '# nothing here\n' });
    const r = await runCli(['scan', '.', '--format', 'json'], root);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).errors).toEqual([
      { file: '.', message: 'No .tf or .tf.json files in .: point tomguard at a Terraform root directory, a plan JSON file, or use --recursive.', severity: 'error' },
    ]);
  });

  it('merges several paths into one report', async () => {
    const root = writeTree({ 'a/main.tf': DB('a', 'false'), 'b/main.tf': DB('b', 'true') });
    const report = JSON.parse((await runCli(['scan', 'a', 'b', '--format', 'json'], root)).out);
    expect(report.inputs).toEqual([
      { kind: 'hcl', path: 'a' },
      { kind: 'hcl', path: 'b' },
    ]);
    expect(report.findings.map((f: { file: string; resource: string }) => `${f.file} ${f.resource}`)).toEqual([
      'a/main.tf aws_db_instance.a',
      'a/main.tf aws_db_instance.a',
      'b/main.tf aws_db_instance.b',
      'b/main.tf aws_db_instance.b',
    ]);
  });

  it('loads an explicitly named .tf file alone', async () => {
    const root = writeTree({ 'one.tf': DB('one', 'false'), 'other.tf': DB('other', 'false') });
    const report = JSON.parse((await runCli(['scan', 'one.tf', '--format', 'json'], root)).out);
    expect([...new Set(report.findings.map((f: { resource: string }) => f.resource))]).toEqual(['aws_db_instance.one']);
  });
});

describe('.tomguard.yml', () => {
  it('is found upward from the first path and loses to the command line', async () => {
    const root = writeTree({
      '.tomguard.yml': 'fail-on: critical\nskip-rules: [TG-ENC-002]\nformat: json\nvar: ["enc=false"]\n',
      'stack/main.tf': 'variable "enc" {}\n' + DB('db', 'var.enc'),
    });
    const r = await runCli(['scan', 'stack'], root);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.findings.map((f: { ruleId: string; status: string }) => `${f.ruleId} ${f.status}`)).toEqual(['TG-ENC-001 fail']);
    expect((await runCli(['scan', 'stack', '--fail-on', 'low'], root)).code).toBe(1);
    const overridden = JSON.parse((await runCli(['scan', 'stack', '--var', 'enc=true'], root)).out);
    expect(overridden.findings[0].status).toBe('pass');
  });

  it('reports an unknown option in the config file as a usage error', async () => {
    const root = writeTree({ '.tomguard.yml': 'fail_on_everything: true\n', 'main.tf': DB('db', 'true') });
    const r = await runCli(['scan'], root);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown option "fail_on_everything"');
  });
});

describe('--recursive, --baseline, --write-baseline', () => {
  it('--recursive scans every root below the path, but not directories only called as local modules', async () => {
    const root = writeTree({
      'envs/prod/main.tf': 'module "db" {\n  source = "../../modules/db"\n}\n',
      'envs/staging/main.tf': DB('staging', 'false'),
      'modules/db/main.tf': DB('shared', 'false'),
      '.terraform/modules/x/main.tf': DB('ignored', 'false'),
    });
    const report = JSON.parse((await runCli(['scan', '.', '--recursive', '--format', 'json', '--rules', 'TG-ENC-001'], root)).out);
    expect(report.inputs.map((i: { path: string }) => i.path)).toEqual(['envs/prod', 'envs/staging']);
    expect(report.findings.map((f: { resource: string; file: string }) => `${f.file} ${f.resource}`)).toEqual([
      'envs/staging/main.tf aws_db_instance.staging',
      'modules/db/main.tf module.db.aws_db_instance.shared',
    ]);
  });

  it('a baseline accepts existing failures; new ones still fail the run', async () => {
    const root = writeTree({ 'main.tf': DB('old', 'false') });
    expect((await runCli(['scan', '--format', 'json', '--write-baseline', 'tomguard-baseline.json'], root)).code).toBe(1);
    const accepted = await runCli(['scan', '--format', 'json', '--baseline', 'tomguard-baseline.json'], root);
    expect(accepted.code).toBe(0);
    const f = JSON.parse(accepted.out).findings.find((x: { status: string }) => x.status === 'fail');
    expect(f.suppression).toEqual({ reason: 'accepted in baseline tomguard-baseline.json', at: 'tomguard-baseline.json' });
    fs.appendFileSync(path.join(root, 'main.tf'), DB('new', 'false'));
    const withNew = await runCli(['scan', '--format', 'json', '--baseline', 'tomguard-baseline.json', '--only-failures'], root);
    expect(withNew.code).toBe(1);
    expect(JSON.parse(withNew.out).findings.filter((x: { suppressed: boolean }) => !x.suppressed).map((x: { resource: string }) => x.resource)).toEqual(['aws_db_instance.new']);
  });

  it('a missing baseline file is a usage error', async () => {
    const root = writeTree({ 'main.tf': DB('a', 'true') });
    const r = await runCli(['scan', '--baseline', 'nope.json'], root);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Cannot read baseline');
  });
});
