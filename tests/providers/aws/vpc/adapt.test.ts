import { loadModels } from '../../../helpers/models';
/**
 * The VPC adapter, one Terraform shape per case: the model it builds and where its key leaves are
 * (line and column). Rule tests (tests/rules/network) judge the same shapes end to end.
 */
import type { VpcModel } from '../../../../src/providers/aws/vpc/model';
import { planJson } from '../../../helpers/plan-builder';

const lines = (...l: string[]) => l.join('\n') + '\n';

async function vpcModel(files: Record<string, string>, input?: string): Promise<VpcModel> {
  return (await loadModels(files, input)).vpc;
}

const SG = ['resource "aws_security_group" "web" {', '  vpc_id = aws_vpc.main.id', '}'];
const VPC = ['resource "aws_vpc" "main" {', '  cidr_block = "10.0.0.0/16"', '}'];

describe('security group ingress in its three forms', () => {
  const cases: Array<{ name: string; body: string[]; label: string; cidrAt: [number, number]; fromPortAt: [number, number]; internet: string[]; privateCidrs?: string[] }> = [
    {
      name: 'inline ingress block',
      body: ['resource "aws_security_group" "web" {', '  vpc_id = aws_vpc.main.id', '  ingress {', '    from_port   = 22', '    to_port     = 22', '    protocol    = "tcp"', '    cidr_blocks = ["0.0.0.0/0", "10.1.0.0/24"]', '  }', '}'],
      label: 'aws_security_group.web ingress.0',
      cidrAt: [10, 5],
      fromPortAt: [7, 5],
      internet: ['"0.0.0.0/0"'],
      privateCidrs: ['10.1.0.0/24'],
    },
    {
      name: 'aws_security_group_rule of type ingress',
      body: [...SG, 'resource "aws_security_group_rule" "ssh" {', '  type              = "ingress"', '  security_group_id = aws_security_group.web.id', '  from_port         = 22', '  to_port           = 22', '  protocol          = "tcp"', '  cidr_blocks       = ["0.0.0.0/0"]', '}'],
      label: 'aws_security_group_rule.ssh',
      cidrAt: [13, 3],
      fromPortAt: [10, 3],
      internet: ['"0.0.0.0/0"'],
    },
    {
      name: 'aws_vpc_security_group_ingress_rule (v5 form, ip_protocol and cidr_ipv6)',
      body: [...SG, 'resource "aws_vpc_security_group_ingress_rule" "ssh" {', '  security_group_id = aws_security_group.web.id', '  from_port         = 22', '  to_port           = 22', '  ip_protocol       = "tcp"', '  cidr_ipv6         = "::/0"', '}'],
      label: 'aws_vpc_security_group_ingress_rule.ssh',
      cidrAt: [12, 3],
      fromPortAt: [9, 3],
      internet: ['"::/0"'],
    },
  ];
  it.each(cases)('$name', async (c) => {
    const model = await vpcModel({ 'main.tf': lines(...VPC, ...c.body) });
    const web = model.securityGroups.find((g) => g.address === 'aws_security_group.web')!;
    expect(web.ingress.map((r) => r.label)).toEqual([c.label]);
    const rule = web.ingress[0];
    expect(rule.fromPort.value).toBe(22);
    expect(rule.protocol.value).toBe('tcp');
    expect(rule.cidrs.internet.map((s) => JSON.stringify(s.value))).toEqual(c.internet);
    expect(rule.cidrs.private.map((s) => s.value)).toEqual(c.privateCidrs ?? []);
    const internetAt = rule.locationOf(rule.cidrs.internet[0].path)!;
    expect([internetAt.startLine, internetAt.startColumn]).toEqual(c.cidrAt);
    expect([rule.fromPort.location?.startLine, rule.fromPort.location?.startColumn]).toEqual(c.fromPortAt);
    expect(rule.ports([443]).label).toBe('tcp port 22');
  });

  it('a CIDR of the group\'s own VPC is private, one outside it is public', async () => {
    const model = await vpcModel({
      'main.tf': lines(...VPC, 'resource "aws_security_group" "db" {', '  vpc_id = aws_vpc.main.id', '  ingress {', '    from_port   = 5432', '    to_port     = 5432', '    protocol    = "tcp"', '    cidr_blocks = [aws_vpc.main.cidr_block, "198.51.100.0/24"]', '  }', '}'),
    });
    const [rule] = model.securityGroups[0].ingress;
    expect(rule.cidrs.private.map((s) => s.value)).toEqual(['10.0.0.0/16']);
    expect(rule.cidrs.public.map((s) => s.value)).toEqual(['198.51.100.0/24']);
  });

  it('an ingress rule resource is a SecurityGroupRule with its ingress; an egress aws_security_group_rule has none', async () => {
    const model = await vpcModel({
      'main.tf': lines(...VPC, ...SG, 'resource "aws_security_group_rule" "out" {', '  type              = "egress"', '  security_group_id = aws_security_group.web.id', '  from_port         = 0', '  to_port           = 0', '  protocol          = "-1"', '  cidr_blocks       = ["0.0.0.0/0"]', '}'),
    });
    expect(model.securityGroupRules.map((r) => [r.address, r.ingress?.label])).toEqual([['aws_security_group_rule.out', undefined]]);
    expect(model.securityGroups[0].ingress).toEqual([]);
  });

  it('a dynamic ingress block over an unknown collection is an unknown rule', async () => {
    const model = await vpcModel({
      'main.tf': lines('variable "ports" {}', ...VPC, 'resource "aws_security_group" "web" {', '  vpc_id = aws_vpc.main.id', '  dynamic "ingress" {', '    for_each = var.ports', '    content {', '      from_port = ingress.value', '    }', '  }', '}'),
    });
    const [rule] = model.securityGroups[0].inlineIngress;
    expect(rule.unknown).toContain('var.ports');
  });
});

describe('VPCs: default security groups and flow logs', () => {
  it('links the default security group and the flow log to their VPC, with traffic_type located', async () => {
    const model = await vpcModel({
      'main.tf': lines(
        ...VPC,
        'resource "aws_default_security_group" "d" {',
        '  vpc_id = aws_vpc.main.id',
        '  ingress {',
        '    protocol  = -1',
        '    self      = true',
        '    from_port = 0',
        '    to_port   = 0',
        '  }',
        '}',
        'resource "aws_flow_log" "all" {',
        '  vpc_id       = aws_vpc.main.id',
        '  traffic_type = "REJECT"',
        '}',
      ),
    });
    const [vpc] = model.vpcs;
    expect(vpc.defaultSecurityGroups.map((g) => g.address)).toEqual(['aws_default_security_group.d']);
    const [group] = vpc.defaultSecurityGroups;
    expect(group.vpc).toBe(vpc);
    expect(group.vpcReason).toBe('vpc_id names aws_vpc.main');
    expect(group.rules.map((r) => [r.label, r.direction, r.location?.startLine, r.location?.startColumn])).toEqual([['aws_default_security_group.d ingress.0', 'ingress', 6, 3]]);
    const [log] = vpc.flowLogs;
    expect(log.trafficType.value).toBe('REJECT');
    expect([log.trafficType.location?.startLine, log.trafficType.location?.startColumn]).toEqual([15, 3]);
    expect(model.unplacedFlowLogs).toEqual([]);
  });

  it('a default security group without vpc_id manages the managed default VPC', async () => {
    const model = await vpcModel({ 'main.tf': lines('resource "aws_default_vpc" "default" {}', 'resource "aws_default_security_group" "d" {}') });
    expect(model.vpcs[0].defaultSecurityGroups.map((g) => g.address)).toEqual(['aws_default_security_group.d']);
    expect(model.defaultSecurityGroups[0].vpcReason).toBe('no vpc_id: it manages the default VPC (aws_default_vpc.default)');
  });

  it('a flow log whose vpc_id is an unset variable may name any VPC; a subnet flow log is narrower', async () => {
    const model = await vpcModel({
      'main.tf': lines(
        'variable "vpc" {}',
        ...VPC,
        'resource "aws_subnet" "a" {',
        '  vpc_id     = aws_vpc.main.id',
        '  cidr_block = "10.0.1.0/24"',
        '}',
        'resource "aws_flow_log" "maybe" {',
        '  vpc_id       = var.vpc',
        '  traffic_type = "ALL"',
        '}',
        'resource "aws_flow_log" "subnet" {',
        '  subnet_id    = aws_subnet.a.id',
        '  traffic_type = "ALL"',
        '}',
      ),
    });
    expect(model.unplacedFlowLogs.map((l) => [l.address, l.vpcIdShown])).toEqual([['aws_flow_log.maybe', expect.stringContaining('var.vpc (no value given')]]);
    expect(model.vpcs[0].flowLogs).toEqual([]);
    expect(model.vpcs[0].narrowerFlowLogs).toEqual(['aws_flow_log.subnet (subnet aws_subnet.a)']);
  });

  it('plan JSON: a flow log linked by a configuration reference', async () => {
    const model = await vpcModel(
      {
        'plan.json': planJson([
          { address: 'aws_vpc.main', values: { cidr_block: '10.0.0.0/16' } },
          { address: 'aws_flow_log.vpc', values: { traffic_type: 'ALL' }, refs: { vpc_id: ['aws_vpc.main.id', 'aws_vpc.main'] } },
        ]),
      },
      'plan.json',
    );
    expect(model.vpcs[0].flowLogs.map((l) => [l.address, l.trafficType.value])).toEqual([['aws_flow_log.vpc', 'ALL']]);
  });
});

describe('data-store placement', () => {
  const NETWORK = [
    ...VPC,
    'resource "aws_internet_gateway" "igw" {',
    '  vpc_id = aws_vpc.main.id',
    '}',
    'resource "aws_route_table" "public" {',
    '  vpc_id = aws_vpc.main.id',
    '  route {',
    '    cidr_block = "0.0.0.0/0"',
    '    gateway_id = aws_internet_gateway.igw.id',
    '  }',
    '}',
    'resource "aws_subnet" "pub" {',
    '  vpc_id     = aws_vpc.main.id',
    '  cidr_block = "10.0.1.0/24"',
    '}',
    'resource "aws_route_table_association" "pub" {',
    '  subnet_id      = aws_subnet.pub.id',
    '  route_table_id = aws_route_table.public.id',
    '}',
    'resource "aws_db_subnet_group" "g" {',
    '  subnet_ids = [aws_subnet.pub.id]',
    '}',
  ];
  const cases: Array<{ name: string; store: string[]; address: string; placement: Record<string, unknown>; switchAt?: [number, number] | 'default' }> = [
    {
      name: 'RDS instance with a subnet group of a public subnet (by reference)',
      store: ['resource "aws_db_instance" "db" {', '  db_subnet_group_name = aws_db_subnet_group.g.name', '  publicly_accessible  = true', '}'],
      address: 'aws_db_instance.db',
      placement: { kind: 'subnets', attribute: 'db_subnet_group_name' },
      switchAt: [27, 3],
    },
    {
      name: 'cluster instance inherits the cluster\'s subnet group',
      store: ['resource "aws_rds_cluster" "c" {', '  db_subnet_group_name = aws_db_subnet_group.g.name', '}', 'resource "aws_rds_cluster_instance" "i" {', '  cluster_identifier = aws_rds_cluster.c.id', '}'],
      address: 'aws_rds_cluster_instance.i',
      placement: { kind: 'subnets', attribute: 'cluster_identifier', via: 'aws_rds_cluster.c' },
      switchAt: 'default',
    },
    {
      name: 'no subnet group: the default VPC',
      store: ['resource "aws_db_instance" "db" {', '}'],
      address: 'aws_db_instance.db',
      placement: { kind: 'default-vpc', missing: 'no subnet group (db_subnet_group_name is not set)' },
    },
    {
      name: 'OpenSearch domain without vpc_options: a public endpoint',
      store: ['resource "aws_opensearch_domain" "os" {', '  domain_name = "x"', '}'],
      address: 'aws_opensearch_domain.os',
      placement: { kind: 'public-endpoint' },
    },
  ];
  it.each(cases)('$name', async (c) => {
    const model = await vpcModel({ 'main.tf': lines(...NETWORK, ...c.store) });
    const store = model.dataStores.find((s) => s.address === c.address)!;
    expect(store.placement).toMatchObject(c.placement);
    if (store.placement?.kind === 'subnets') expect(store.placement.exposure.status).toBe('public');
    if (c.switchAt === 'default') expect([store.publiclyAccessible?.isDefault, store.publiclyAccessible?.value]).toEqual([true, false]);
    else if (c.switchAt) expect([store.publiclyAccessible?.location?.startLine, store.publiclyAccessible?.location?.startColumn]).toEqual(c.switchAt);
  });

  it('Redshift: publicly_accessible defaults to true (provider v5)', async () => {
    const model = await vpcModel({ 'main.tf': lines('resource "aws_redshift_cluster" "r" {', '  cluster_identifier = "r"', '}') });
    const [store] = model.dataStores;
    expect([store.publiclyAccessible?.value, store.publiclyAccessible?.describe()]).toEqual([true, 'publicly_accessible = true (provider default when omitted)']);
  });

  it('guards: the groups listed, and a cache cluster runs with its replication group\'s', async () => {
    const model = await vpcModel({
      'main.tf': lines(
        ...VPC,
        ...SG,
        'resource "aws_elasticache_replication_group" "rg" {',
        '  replication_group_id = "rg"',
        '  description          = "x"',
        '  security_group_ids   = [aws_security_group.web.id, "sg-123"]',
        '}',
        'resource "aws_elasticache_cluster" "c" {',
        '  cluster_id           = "c"',
        '  replication_group_id = aws_elasticache_replication_group.rg.id',
        '}',
      ),
    });
    const cluster = model.dataStores.find((s) => s.address === 'aws_elasticache_cluster.c')!;
    expect(cluster.guards).toMatchObject({ via: { attribute: 'replication_group_id', holder: 'aws_elasticache_replication_group.rg' }, path: 'security_group_ids' });
    expect(cluster.guards?.groups.map((g) => g.address)).toEqual(['aws_security_group.web']);
    expect(cluster.guards?.unresolved).toEqual(['security group "sg-123" is not in the configuration, so its rules are not known']);
  });
});
