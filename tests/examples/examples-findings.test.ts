/**
 * The shipped examples are part of the product: saas-reference keeps every promise of the reference
 * TOM, saas-broken breaks each one at the line its README documents and keeps the rest.
 */
import * as path from 'node:path';
import { scan } from '../../src/engine/scan';
import { ALL_RULES } from '../../rules';

const repo = path.resolve(__dirname, '..', '..');

async function reportOf(example: string) {
  const report = await scan([`examples/${example}`], { rules: ALL_RULES, cwd: repo, env: {}, today: '2026-01-01' });
  expect(report.errors).toEqual([]);
  const line = (f: (typeof report.findings)[number]) => `${f.ruleId} ${f.status} ${f.resource} ${f.file?.replace(`examples/${example}/`, '')}:${f.startLine}`;
  return { report, line };
}

it('saas-reference: every claim holds and every result passes', async () => {
  const { report, line } = await reportOf('saas-reference');
  expect(report.claims.map((c) => `${c.id} ${c.status}`)).toEqual([
    'transit-tls12 holds',
    'rest-kms holds',
    'network-private holds',
    'network-monitoring holds',
    'iam-least-privilege holds',
    'authentication holds',
    'audit-logging holds',
    'threat-detection holds',
    'backup-recovery holds',
    'patching holds',
    'retention holds',
    'organisational-1 out-of-scope',
    'organisational-2 out-of-scope',
    'organisational-3 out-of-scope',
    'organisational-4 out-of-scope',
  ]);
  expect(report.findings.filter((f) => f.status !== 'pass').map(line)).toEqual([]);
  // 33 of the 45 rules apply to this stack (no EC2, DynamoDB, ElastiCache, OpenSearch, API Gateway, IAM users);
  // TG-ENC-010 passes on the ECS task definition.
  expect(new Set(report.findings.map((f) => f.ruleId)).size).toBe(33);
  expect(report.findings.map(line)).toEqual(
    expect.arrayContaining([
      'TG-TLS-001 pass aws_lb_listener.https edge.tf:74',
      'TG-ENC-001 pass aws_db_instance.main database.tf:26',
      'TG-NET-001 pass aws_db_instance.main database.tf:16',
      'TG-LOG-001 pass aws_cloudtrail.main logging.tf:113',
      'TG-LOG-002 pass aws_guardduty_detector.main monitoring.tf:4',
      'TG-IAM-004 pass aws_iam_account_password_policy.this account.tf:5',
      'TG-NET-007 pass module.network.aws_vpc.this modules/network/main.tf:6',
    ]),
  );
});

it('saas-broken: each documented mistake fails at its line, everything else passes', async () => {
  const { report, line } = await reportOf('saas-broken');
  expect(report.findings.filter((f) => f.status !== 'pass').map(line)).toEqual([
    'TG-ENC-001 fail aws_db_instance.main database.tf:28',
    'TG-NET-001 fail aws_db_instance.main database.tf:40',
    'TG-ENC-002 fail aws_rds_cluster.reporting database.tf:70',
    'TG-TLS-002 fail aws_cloudfront_distribution.app edge.tf:38',
    'TG-TLS-001 fail aws_lb_listener.https edge.tf:88',
    'TG-TLS-001 fail aws_lb_listener.http edge.tf:105',
    'TG-NET-002 fail aws_security_group_rule.app_ssh security.tf:61',
    'TG-NET-002 fail aws_security_group.db security.tf:100',
    'TG-NET-003 fail aws_db_instance.main security.tf:100',
    'TG-NET-003 fail aws_rds_cluster.reporting security.tf:100',
    'TG-IAM-001 fail aws_iam_role_policy.task_debug security.tf:151',
    'TG-IAM-002 fail aws_iam_role_policy.task_debug security.tf:151',
  ]);
  expect(report.claims.filter((c) => c.status === 'broken').map((c) => c.id)).toEqual(['transit-tls12', 'rest-kms', 'network-private', 'iam-least-privilege']);
});

it('saas-broken: TG-NET-001 names the tfvars value and the public subnet', async () => {
  const report = await scan(['examples/saas-broken'], { rules: ALL_RULES.filter((r) => r.meta.id === 'TG-NET-001'), cwd: repo, env: {} });
  const db = report.findings.find((f) => f.resource === 'aws_db_instance.main')!;
  expect(db.message).toContain('publicly_accessible = true (var.db_public)');
  expect(db.message).toContain('module.network.aws_subnet.public["eu-north-1a"]');
  // The message is kept short for text output; where the value was set is in the details.
  expect(db.message.length).toBeLessThanOrEqual(200);
  expect(db.details?.origins).toEqual(['var.db_public (set in examples/saas-broken/terraform.tfvars:3)']);
  expect(db.details?.message).toContain('publicly_accessible = true (var.db_public (set in examples/saas-broken/terraform.tfvars:3))');
});
