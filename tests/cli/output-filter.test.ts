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
