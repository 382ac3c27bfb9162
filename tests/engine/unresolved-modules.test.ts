import { runCli } from '../helpers/cli';
import { writeTree } from '../helpers/tmp-tree';

const ROOT = {
  'main.tf': [
    'resource "aws_db_instance" "db" {',
    '  storage_encrypted = true',
    '  kms_key_id        = "arn:aws:kms:eu-north-1:123456789012:key/abc"',
    '}',
    '',
    'module "vpc" {',
    '  source  = "terraform-aws-modules/vpc/aws"',
    '  version = "~> 5.0"',
    '}',
    '',
    'module "edge" {',
    '  source = "./modules/missing"',
    '}',
    '',
  ].join('\n'),
};

interface Claim {
  id: string;
  status: string;
  reason?: string;
}

describe('module calls that cannot be read', () => {
  const root = writeTree(ROOT);

  it('are one warning per call at its line, listed in the report with the root', async () => {
    const r = await runCli(['scan', '.', '--format', 'json', '--rules', 'TG-ENC-001'], root);
    const report = JSON.parse(r.out);
    // Warnings have their own array (schema version 2): errors are only what could not be read.
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([
      {
        file: 'main.tf',
        line: 6,
        column: 1,
        message: 'module.vpc was not read: remote module "terraform-aws-modules/vpc/aws" is not on disk: run "terraform init -backend=false" in . or scan with --download-modules.',
        severity: 'warning',
      },
      {
        file: 'main.tf',
        line: 11,
        column: 1,
        message: 'module.edge (source "./modules/missing") was not read: the directory modules/missing does not exist (check the source path).',
        severity: 'warning',
      },
    ]);
    expect(report.unresolvedModules.map((m: { call: string; source: string; root: string; line: number }) => [m.call, m.source, m.root, m.line])).toEqual([
      ['module.vpc', 'terraform-aws-modules/vpc/aws', '.', 6],
      ['module.edge', './modules/missing', '.', 11],
    ]);
  });

  it('turn claims that would hold, be not applicable or not evidenced into unknown, naming the modules; broken stays broken', async () => {
    const r = await runCli(['scan', '.', '--format', 'json', '--rules', 'TG-ENC-001,TG-NET-002,TG-LOG-002'], root);
    const claims = JSON.parse(r.out).claims as Claim[];
    const reason = 'module.vpc (source terraform-aws-modules/vpc/aws), module.edge (source ./modules/missing) were not read';
    // rest-kms: the database passes, but the modules may hold more data stores.
    expect(claims.find((c) => c.id === 'rest-kms')).toMatchObject({ status: 'unknown', reason });
    // network-private: nothing in scope here, yet the VPC module may have security groups.
    expect(claims.find((c) => c.id === 'network-private')).toMatchObject({ status: 'unknown', reason });
    // threat-detection: no detector here, but one may be in the modules.
    expect(claims.find((c) => c.id === 'threat-detection')).toMatchObject({ status: 'unknown', reason });
    expect(r.code).toBe(0);
  });

  it('--fail-on-unknown makes an unknown claim fail the run; text names how many modules were not read', async () => {
    const r = await runCli(['scan', '.', '--format', 'text', '--rules', 'TG-ENC-001', '--fail-on-unknown'], root);
    expect(r.code).toBe(1);
    expect(r.out).toContain('[rest-kms]  UNKNOWN  (2 modules were not read: see the warnings)');
    expect(r.out).toContain('main.tf:6:1: warning: module.vpc was not read: remote module "terraform-aws-modules/vpc/aws" is not on disk');
  });

  it('a broken claim stays broken', async () => {
    const broken = writeTree({ 'main.tf': ROOT['main.tf'].replace('storage_encrypted = true', 'storage_encrypted = false') });
    const r = await runCli(['scan', '.', '--format', 'json', '--rules', 'TG-ENC-001'], broken);
    const rest = (JSON.parse(r.out).claims as Claim[]).find((c) => c.id === 'rest-kms')!;
    expect(rest.status).toBe('broken');
    expect(rest.reason).toBeUndefined();
    expect(r.code).toBe(1);
  });

  it('a root whose modules all resolve has no unknown claims from it', async () => {
    const ok = writeTree({ 'main.tf': 'module "db" {\n  source = "./db"\n}\n', 'db/main.tf': ROOT['main.tf'].split('\n').slice(0, 4).join('\n') + '\n' });
    const report = JSON.parse((await runCli(['scan', '.', '--format', 'json', '--rules', 'TG-ENC-001'], ok)).out);
    expect(report.unresolvedModules).toBeUndefined();
    expect((report.claims as Claim[]).find((c) => c.id === 'rest-kms')!.status).toBe('holds');
  });
});
