import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { writeTree } from '../helpers/tmp-tree';

/** A failure, a pass, an unknown result and a warning (an undeclared reference). */
const root = writeTree({
  'main.tf': [
    'resource "aws_db_instance" "bad" {',
    '  storage_encrypted = false',
    '}',
    'resource "aws_db_instance" "good" {',
    '  storage_encrypted = true',
    '}',
    'resource "aws_db_instance" "unknown" {',
    '  storage_encrypted = local.missing',
    '}',
    '',
  ].join('\n'),
});
const RULES = ['--rules', 'TG-ENC-001'];

describe('--only-failures and --quiet apply to every format and to warnings', () => {
  it('without them: every result and the warning', async () => {
    const report = JSON.parse((await runCli(['scan', '--format', 'json', ...RULES], root)).out);
    expect(report.findings.map((f: { status: string }) => f.status)).toEqual(['fail', 'pass', 'unknown']);
    expect(report.warnings).toHaveLength(1);
  });

  it('JSON --only-failures: failures only, no warnings; claims and summary stay whole', async () => {
    const report = JSON.parse((await runCli(['scan', '--format', 'json', '--only-failures', ...RULES], root)).out);
    expect(report.findings.map((f: { resource: string }) => f.resource)).toEqual(['aws_db_instance.bad']);
    expect(report.warnings).toEqual([]);
    expect(report.warningsHidden).toBeUndefined();
    expect(report.summary).toEqual({ pass: 1, fail: 1, unknown: 1, suppressed: 0 });
  });

  it('JSON --quiet: failures only, warnings counted', async () => {
    const report = JSON.parse((await runCli(['scan', '--format', 'json', '--quiet', ...RULES], root)).out);
    expect(report.findings).toHaveLength(1);
    expect(report.warnings).toEqual([]);
    expect(report.warningsHidden).toBe(1);
  });

  it('SARIF --only-failures has no unknown results and no warning notifications', async () => {
    const run = JSON.parse((await runCli(['scan', '--format', 'sarif', '--only-failures', ...RULES], root)).out).runs[0];
    expect(run.results.map((r: { kind: string }) => r.kind)).toEqual(['fail']);
    expect(run.invocations[0].toolExecutionNotifications.filter((n: { level: string }) => n.level === 'warning')).toEqual([]);
  });

  it('text --only-failures prints no warnings; --quiet prints their count', async () => {
    const only = (await runCli(['scan', '--only-failures', ...RULES], root)).out;
    expect(only).not.toContain('warning');
    const quiet = (await runCli(['scan', '--quiet', ...RULES], root)).out;
    expect(quiet).not.toContain('local.missing');
    expect(quiet).toContain('1 warning not shown (--quiet)');
  });

  it('GitHub --quiet: failure annotations only', async () => {
    const out = (await runCli(['scan', '--format', 'github', '--quiet', ...RULES], root)).out;
    expect(out.split('\n').filter((l) => l.startsWith('::'))).toEqual([expect.stringMatching(/^::error file=main\.tf,line=2,endLine=2,title=TG-ENC-001 aws_db_instance\.bad::/)]);
  });
});

describe('long messages: short in text, whole in JSON details and explain --finding', () => {
  const long = writeTree({
    'terraform.tfvars': 'public = true\n',
    'main.tf': [
      'variable "public" {',
      '  type = bool',
      '}',
      'resource "aws_db_subnet_group" "db" {',
      '  subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1", "subnet-0123456789abcdef2"]',
      '}',
      'resource "aws_db_instance" "db" {',
      '  db_subnet_group_name = aws_db_subnet_group.db.name',
      '  publicly_accessible  = var.public',
      '}',
      '',
    ].join('\n'),
  });

  it('text keeps each message within about 200 characters and says how to see it whole', async () => {
    const repo = path.resolve(__dirname, '..', '..');
    const r = await runCli(['scan', 'examples/saas-broken', '--rules', 'TG-NET-001'], repo);
    const line = r.out.split('\n').find((l) => l.includes('aws_db_instance.main  TG-NET-001'))!;
    const message = line.slice(line.indexOf('TG-NET-001  ') + 12, line.indexOf('  → fix'));
    expect(message.length).toBeLessThanOrEqual(200);
    expect(message).toMatch(/^the data store is publicly accessible: publicly_accessible = true \(var\.db_public\); subnet group aws_db_subnet_group\.main includes a public subnet: /);
    expect(r.out).toContain('"tomguard explain TG-NET-001 --finding examples/saas-broken/database.tf:40" shows one whole.');
  });

  it('explain --finding prints the whole message, the parts and where the value came from', async () => {
    const r = await runCli(['explain', 'TG-NET-001', '--finding', 'main.tf:9'], long);
    expect(r.code).toBe(0);
    expect(r.out).toContain('TG-NET-001 fail  aws_db_instance.db  (root .)\n  at main.tf:9 (publicly_accessible)\n');
    expect(r.out).toContain('    ✗ publicly_accessible: the data store is publicly accessible: publicly_accessible = true (var.public (set in terraform.tfvars:1))');
    expect(r.out).toContain('  the value came through: var.public (set in terraform.tfvars:1)');
    expect(r.out).toContain('  fix: ');
  });

  it('explain --finding at a line without a result says so', async () => {
    const r = await runCli(['explain', 'TG-NET-001', '--finding', 'main.tf:2'], long);
    expect(r.code).toBe(1);
    expect(r.err).toContain('No TG-NET-001 result at main.tf:2 when scanning .');
  });
});
