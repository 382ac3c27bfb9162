/** `--format compact` (one line per failure) and `scan --changed`, the pair the pre-commit hook runs. */
import * as path from 'node:path';
import { Finding, Report } from '../../src/report/findings';
import { renderCompact } from '../../src/report/renderers/compact-reporter';
import { runCli } from '../helpers/cli';
import { writeTree } from '../helpers/tmp-tree';

const monorepo = path.resolve(__dirname, '..', 'fixtures', 'monorepo');

function finding(over: Partial<Finding>): Finding {
  return { ruleId: 'TG-NET-002', claim: 'network-private', status: 'fail', severity: 'high', suppressed: false, message: 'tcp port 22 is open to 0.0.0.0/0', ...over };
}

function report(findings: Finding[], extra: Partial<Report> = {}): Report {
  return {
    schemaVersion: 2,
    tool: { name: 'tomguard', version: '0.0.0' },
    profile: { name: 'reference', source: '(built in)' },
    inputs: [{ kind: 'hcl', path: 'envs/prod' }, { kind: 'hcl', path: 'envs/staging' }],
    claims: [],
    findings,
    errors: [],
    warnings: [],
    summary: { pass: 0, fail: 0, unknown: 0, suppressed: 0 },
    ...extra,
  };
}

describe('--format compact', () => {
  it('prints file:line: RULE message per unsuppressed failure, sorted, a shared module line once, then a summary', () => {
    const text = renderCompact(
      report([
        finding({ file: 'modules/db/main.tf', startLine: 27, ruleId: 'TG-ENC-001', message: 'Storage is not encrypted: storage_encrypted = false', root: 'envs/staging' }),
        finding({ file: 'envs/prod/sg.tf', startLine: 4, root: 'envs/prod' }),
        finding({ file: 'modules/db/main.tf', startLine: 27, ruleId: 'TG-ENC-001', message: 'Storage is not encrypted: storage_encrypted = false', root: 'envs/prod' }),
        finding({ file: 'envs/prod/sg.tf', startLine: 9, suppressed: true }),
        finding({ file: 'envs/prod/sg.tf', startLine: 12, status: 'pass' }),
        finding({ file: 'envs/prod/db.tf', startLine: 3, status: 'unknown' }),
        finding({ ruleId: 'TG-LOG-001', message: 'no CloudTrail trail', root: 'envs/prod' }),
      ]),
    );
    expect(text).toBe(
      [
        'envs/prod/sg.tf:4: TG-NET-002 tcp port 22 is open to 0.0.0.0/0',
        'modules/db/main.tf:27: TG-ENC-001 Storage is not encrypted: storage_encrypted = false',
        'envs/prod: TG-LOG-001 no CloudTrail trail',
        'tomguard: 3 failures (4 results) in 2 roots (envs/prod, envs/staging)',
        '',
      ].join('\n'),
    );
  });

  it('says so in one line when nothing fails', () => {
    expect(renderCompact(report([finding({ status: 'pass', file: 'envs/prod/sg.tf', startLine: 4 })]))).toBe('tomguard: no failures in 2 roots (envs/prod, envs/staging)\n');
  });

  it('prints errors (exit code 2) as lines too, but not warnings', () => {
    const text = renderCompact(
      report([], {
        inputs: [{ kind: 'hcl', path: 'envs/prod' }],
        errors: [{ file: 'envs/prod/main.tf', line: 3, column: 7, message: 'Unclosed block', severity: 'error' }],
        warnings: [{ file: 'envs/prod/main.tf', line: 1, message: 'module.vpc was not read', severity: 'warning' }],
      }),
    );
    expect(text).toBe('envs/prod/main.tf:3: error: Unclosed block\ntomguard: 1 error in 1 root (envs/prod)\n');
  });
});

describe('scan --changed (fixture monorepo)', () => {
  it('a changed shared module scans both callers as one estate and prints each failing line once', async () => {
    const r = await runCli(['scan', '--changed', '--format', 'compact', 'modules/db/main.tf'], monorepo);
    expect(r.out).toBe(
      [
        'envs/staging/main.tf:1: TG-NET-007 no aws_flow_log names aws_vpc.main in vpc_id: its traffic is not logged',
        'modules/db/main.tf:19: TG-ENC-002 No customer-managed key: kms_key_id is not set, so AWS uses the AWS-managed key (alias/aws/rds)',
        'modules/db/main.tf:27: TG-ENC-001 Storage is not encrypted: storage_encrypted = false (var.storage_encrypted (set by module.db in envs/staging/main.tf:14))',
        'modules/db/main.tf:30: TG-BAK-001 backup_retention_period = 3: automated backups are kept only 3 days; at least 7 days are required',
        'tomguard: 4 failures (6 results) in 2 roots (envs/prod, envs/staging)',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(1);
  });

  it('a changed parent terragrunt.hcl scans the unit that includes it', async () => {
    const r = await runCli(['scan', '--changed', '--format', 'compact', 'live/terragrunt.hcl'], monorepo);
    expect(r.out.trim().split('\n').pop()).toBe('tomguard: 1 failure in 1 root (live/cache)');
    expect(r.code).toBe(1);
  });

  it('files in no root: nothing to check, exit 0', async () => {
    const r = await runCli(['scan', '--changed', '--format', 'compact', 'README.md'], monorepo);
    expect(r).toEqual({ code: 0, out: '', err: 'tomguard: no Terraform root contains the 1 changed file; nothing to check\n' });
  });

  it('recursive: true in .tomguard.yml does not change what --changed scans', async () => {
    const tree = writeTree({ '.tomguard.yml': 'recursive: true\n', 'a/main.tf': 'variable "x" {}\n', 'b/main.tf': 'variable "y" {}\n' });
    // The config is read: a plain scan takes both roots.
    expect((await runCli(['scan', '--format', 'compact'], tree)).out).toBe('tomguard: no failures in 2 roots (a, b)\n');
    const r = await runCli(['scan', '--changed', '--format', 'compact', 'a/main.tf'], tree);
    expect(r).toEqual({ code: 0, out: 'tomguard: no failures in 1 root (a)\n', err: '' });
  });

  it('--recursive on the command line is a usage error with --changed', async () => {
    for (const flag of ['--recursive', '--recursive=true']) {
      const r = await runCli(['scan', '--changed', flag, 'envs/prod/main.tf'], monorepo);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--changed and --recursive exclude each other');
    }
  });
});
