/**
 * TG-NET-001/002/003 on the example roots: saas-reference passes every network rule, and saas-broken
 * fails exactly as its README's table says (file:line is part of that contract).
 */
import * as path from 'node:path';
import { loadInput } from '../../../src/load-input';
import { CliVariable } from '../../../src/config/variables';
import { DEFAULT_PARAMETERS } from '../../../src/rules/parameters';
import { Rule } from '../../../src/rules/types';
import { ruleContext } from '../../../src/rules/context';
import { rule as net001 } from '../../../rules/network/TG-NET-001';
import { rule as net002 } from '../../../rules/network/TG-NET-002';
import { rule as net003 } from '../../../rules/network/TG-NET-003';

const REPO = path.resolve(__dirname, '../../..');

async function results(example: string, rule: Rule, variables: CliVariable[] = []) {
  const input = await loadInput(path.join('examples', example), { cwd: REPO, env: {}, variables });
  expect(input.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return rule
    .check(ruleContext(rule, { graph: input.graph, params: DEFAULT_PARAMETERS }))
    .map((r) => ({ status: r.status, address: r.node?.address, at: `${r.location?.file}:${r.location?.startLine}`, message: r.message }))
    .sort((a, b) => (`${a.address}` < `${b.address}` ? -1 : 1));
}

const brief = (list: Awaited<ReturnType<typeof results>>) => list.map(({ status, address, at }) => ({ status, address, at }));

describe('saas-reference', () => {
  it('TG-NET-001 passes the database', async () => {
    expect(brief(await results('saas-reference', net001))).toEqual([{ status: 'pass', address: 'aws_db_instance.main', at: 'examples/saas-reference/database.tf:16' }]);
  });

  it('TG-NET-002 passes every security group and ingress rule', async () => {
    expect(brief(await results('saas-reference', net002))).toEqual([
      { status: 'pass', address: 'aws_security_group.alb', at: 'examples/saas-reference/security.tf:22' },
      { status: 'pass', address: 'aws_security_group.app', at: 'examples/saas-reference/security.tf:39' },
      { status: 'pass', address: 'aws_security_group.db', at: 'examples/saas-reference/security.tf:75' },
      { status: 'pass', address: 'aws_vpc_security_group_ingress_rule.app_from_alb', at: 'examples/saas-reference/security.tf:45' },
    ]);
  });

  it('TG-NET-003 passes the database security group', async () => {
    expect(brief(await results('saas-reference', net003))).toEqual([{ status: 'pass', address: 'aws_db_instance.main', at: 'examples/saas-reference/database.tf:35' }]);
  });
});

describe('saas-broken', () => {
  it('TG-NET-001 fails aws_db_instance.main at database.tf:40, naming terraform.tfvars:3 and the public subnet of database.tf:4', async () => {
    const list = await results('saas-broken', net001);
    expect(brief(list)).toEqual([
      { status: 'fail', address: 'aws_db_instance.main', at: 'examples/saas-broken/database.tf:40' },
      { status: 'pass', address: 'aws_rds_cluster.reporting', at: 'examples/saas-broken/database.tf:70' },
      { status: 'pass', address: 'aws_rds_cluster_instance.reporting', at: 'examples/saas-broken/database.tf:90' },
    ]);
    const message = list[0].message;
    expect(message).toContain('publicly_accessible = true (var.db_public (set in examples/saas-broken/terraform.tfvars:3))');
    expect(message).toContain('subnet group aws_db_subnet_group.main (examples/saas-broken/database.tf:4) includes a public subnet');
    expect(message).toContain(
      'module.network.aws_subnet.public["eu-north-1a"] routes 0.0.0.0/0 to module.network.aws_internet_gateway.this via module.network.aws_route_table.public',
    );
  });

  it('TG-NET-001 still fails for the public subnet when db_public is false', async () => {
    const list = await results('saas-broken', net001, [{ kind: 'var', name: 'db_public', value: 'false' }]);
    const main = list.find((r) => r.address === 'aws_db_instance.main')!;
    expect(main.status).toBe('fail');
    expect(main.at).toBe('examples/saas-broken/database.tf:36');
    expect(main.message).toContain('(examples/saas-broken/database.tf:4) includes a public subnet');
    expect(main.message).not.toContain('publicly accessible');
  });

  it('TG-NET-002 fails the SSH rule (security.tf:61) and the database group (security.tf:100)', async () => {
    const list = await results('saas-broken', net002);
    expect(brief(list)).toEqual([
      { status: 'pass', address: 'aws_security_group.alb', at: 'examples/saas-broken/security.tf:22' },
      { status: 'pass', address: 'aws_security_group.app', at: 'examples/saas-broken/security.tf:39' },
      { status: 'fail', address: 'aws_security_group.db', at: 'examples/saas-broken/security.tf:100' },
      { status: 'fail', address: 'aws_security_group_rule.app_ssh', at: 'examples/saas-broken/security.tf:61' },
      { status: 'pass', address: 'aws_vpc_security_group_ingress_rule.app_from_alb', at: 'examples/saas-broken/security.tf:45' },
    ]);
    expect(list[2].message).toContain('ingress.1: tcp port 5432 is open to 0.0.0.0/0');
    expect(list[3].message).toContain('tcp port 22 is open to 0.0.0.0/0');
  });

  it('TG-NET-003 fails both data stores that use aws_security_group.db at security.tf:100', async () => {
    const list = await results('saas-broken', net003);
    expect(brief(list)).toEqual([
      { status: 'fail', address: 'aws_db_instance.main', at: 'examples/saas-broken/security.tf:100' },
      { status: 'fail', address: 'aws_rds_cluster.reporting', at: 'examples/saas-broken/security.tf:100' },
    ]);
    for (const r of list) expect(r.message).toContain('aws_security_group.db ingress.1 admits the internet: tcp port 5432 from 0.0.0.0/0');
  });
});
