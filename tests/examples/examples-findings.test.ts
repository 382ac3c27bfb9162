/**
 * The shipped examples are part of the product: saas-reference keeps every promise the implemented
 * rules check, saas-broken breaks each one at the line its README documents.
 */
import * as path from 'node:path';
import { scan } from '../../src/engine/scan';
import { ALL_RULES } from '../../rules';

const repo = path.resolve(__dirname, '..', '..');

async function findings(example: string): Promise<string[]> {
  const report = await scan([`examples/${example}`], { rules: ALL_RULES, cwd: repo, env: {}, today: '2026-01-01' });
  expect(report.errors).toEqual([]);
  return report.findings.map((f) => `${f.ruleId} ${f.status} ${f.resource} ${f.file?.replace(`examples/${example}/`, '')}:${f.startLine}`);
}

it('saas-reference: every result passes', async () => {
  expect(await findings('saas-reference')).toEqual([
    'TG-NET-001 pass aws_db_instance.main database.tf:16',
    'TG-ENC-001 pass aws_db_instance.main database.tf:26',
    'TG-ENC-002 pass aws_db_instance.main database.tf:27',
    'TG-NET-003 pass aws_db_instance.main database.tf:35',
    'TG-TLS-002 pass aws_cloudfront_distribution.app edge.tf:3',
    'TG-TLS-001 pass aws_lb_listener.https edge.tf:74',
    'TG-TLS-001 pass aws_lb_listener.http edge.tf:93',
    'TG-NET-002 pass aws_security_group.alb security.tf:22',
    'TG-NET-002 pass aws_security_group.app security.tf:39',
    'TG-NET-002 pass aws_vpc_security_group_ingress_rule.app_from_alb security.tf:45',
    'TG-NET-002 pass aws_security_group.db security.tf:75',
    'TG-IAM-001 pass data.aws_iam_policy_document.task_assume security.tf:86',
    'TG-IAM-001 pass data.aws_iam_policy_document.task security.tf:97',
  ]);
});

it('saas-broken: each documented mistake fails at its line, everything else passes', async () => {
  expect(await findings('saas-broken')).toEqual([
    'TG-ENC-001 fail aws_db_instance.main database.tf:28',
    'TG-ENC-002 pass aws_db_instance.main database.tf:29',
    'TG-NET-001 fail aws_db_instance.main database.tf:40',
    'TG-ENC-002 fail aws_rds_cluster.reporting database.tf:70',
    'TG-NET-001 pass aws_rds_cluster.reporting database.tf:70',
    'TG-ENC-001 pass aws_rds_cluster.reporting database.tf:74',
    'TG-NET-001 pass aws_rds_cluster_instance.reporting database.tf:90',
    'TG-TLS-002 fail aws_cloudfront_distribution.app edge.tf:38',
    'TG-TLS-001 fail aws_lb_listener.https edge.tf:88',
    'TG-TLS-001 fail aws_lb_listener.http edge.tf:105',
    'TG-NET-002 pass aws_security_group.alb security.tf:22',
    'TG-NET-002 pass aws_security_group.app security.tf:39',
    'TG-NET-002 pass aws_vpc_security_group_ingress_rule.app_from_alb security.tf:45',
    'TG-NET-002 fail aws_security_group_rule.app_ssh security.tf:61',
    'TG-NET-002 fail aws_security_group.db security.tf:100',
    'TG-NET-003 fail aws_db_instance.main security.tf:100',
    'TG-NET-003 fail aws_rds_cluster.reporting security.tf:100',
    'TG-IAM-001 pass data.aws_iam_policy_document.task_assume security.tf:106',
    'TG-IAM-001 pass data.aws_iam_policy_document.task security.tf:117',
    'TG-IAM-001 fail aws_iam_role_policy.task_debug security.tf:151',
  ]);
});

it('saas-broken: TG-NET-001 names the tfvars value and the public subnet', async () => {
  const report = await scan(['examples/saas-broken'], { rules: ALL_RULES.filter((r) => r.meta.id === 'TG-NET-001'), cwd: repo, env: {} });
  const db = report.findings.find((f) => f.resource === 'aws_db_instance.main')!;
  expect(db.message).toContain('publicly_accessible = true');
  expect(db.message).toContain('examples/saas-broken/terraform.tfvars:3');
  expect(db.message).toContain('module.network.aws_subnet.public["eu-north-1a"]');
});
