/**
 * The fixture monorepo scanned as one estate (tests/fixtures/monorepo/README.md): its whole JSON
 * report is the expectation. When a change alters it on purpose, regenerate it with
 *   (cd tests/fixtures/monorepo && node ../../../bin/tomguard.js scan --recursive . --format json) > tmp.json
 * read the difference, and copy it over expected-report.json with tool.version set to "(version)".
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';

const fixture = path.resolve(__dirname, '..', 'fixtures', 'monorepo');
const expected = JSON.parse(fs.readFileSync(path.join(fixture, 'expected-report.json'), 'utf8'));

describe('fixture monorepo: three Terraform roots, a shared local module, a registry module not on disk, a Terragrunt unit', () => {
  let report: typeof expected;
  let code: number;
  beforeAll(async () => {
    const r = await runCli(['scan', '--recursive', '.', '--format', 'json'], fixture);
    code = r.code;
    report = JSON.parse(r.out);
    report.tool.version = '(version)';
  });

  it('gives exactly the expected report', () => {
    expect(report).toEqual(expected);
    expect(code).toBe(1);
  });

  it('finds the roots: the Terragrunt unit, not its parent configuration or the modules', () => {
    expect(report.inputs.map((i: { path: string }) => i.path)).toEqual(['account', 'envs/prod', 'envs/staging', 'live/cache']);
  });

  it('judges CloudTrail, GuardDuty, alerting and the password policy once, in the account root', () => {
    const existence = report.findings.filter((f: { ruleId: string }) => ['TG-LOG-001', 'TG-LOG-002', 'TG-LOG-005', 'TG-IAM-004'].includes(f.ruleId));
    expect(existence.map((f: { ruleId: string; status: string; root: string }) => `${f.ruleId} ${f.status} ${f.root}`)).toEqual([
      'TG-LOG-001 pass account',
      'TG-LOG-002 pass account',
      'TG-LOG-005 pass account',
      'TG-IAM-004 pass account',
    ]);
  });

  it('reports the registry module once, at its call, and the claims it could bear on as unknown', () => {
    expect(report.warnings.map((w: { file: string; line: number }) => `${w.file}:${w.line}`)).toEqual(['envs/prod/main.tf:1']);
    expect(report.claims.find((c: { id: string }) => c.id === 'threat-detection')).toMatchObject({ status: 'unknown', reason: 'module.vpc (source terraform-aws-modules/vpc/aws) was not read' });
  });

  it('evaluates the Terragrunt unit with its inputs: the cache fails TLS with the value set in terragrunt.hcl', () => {
    const tls = report.findings.find((f: { ruleId: string }) => f.ruleId === 'TG-TLS-005');
    expect(tls).toMatchObject({ status: 'fail', root: 'live/cache', file: 'modules/cache/main.tf', startLine: 22 });
    expect(tls.message).toContain('var.transit_encryption_enabled (set in live/cache/terragrunt.hcl:11)');
  });
});
