import { rule } from '../../../rules/network/TG-NET-003';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

/** main.tf: an RDS instance using aws_security_group.db (vpc_security_group_ids on line 2). */
const DB = lines('resource "aws_db_instance" "db" {', '  vpc_security_group_ids = [aws_security_group.db.id]', '}');

/** sg.tf: aws_security_group.db in aws_vpc.main with one inline ingress block; `source` is on line 10. */
const sg = (source: string, port = 5432) =>
  lines(
    'resource "aws_vpc" "main" {',
    '  cidr_block = "10.0.0.0/16"',
    '}',
    'resource "aws_security_group" "db" {',
    '  vpc_id = aws_vpc.main.id',
    '  ingress {',
    `    from_port   = ${port}`,
    `    to_port     = ${port}`,
    '    protocol    = "tcp"',
    `    ${source}`,
    '  }',
    '}',
  );

ruleTester(rule, {
  valid: [
    {
      name: 'plan: the database group admits only the app group, linked by configuration references',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_security_group.app', values: { ingress: [] }, unknown: ['id'] },
          { address: 'aws_security_group.db', values: { ingress: [{ from_port: 5432, to_port: 5432, protocol: 'tcp', cidr_blocks: [], ipv6_cidr_blocks: [], prefix_list_ids: [], self: false }] }, unknown: ['id'], refs: { ingress: ['aws_security_group.app.id'] } },
          { address: 'aws_db_instance.db', values: {}, refs: { vpc_security_group_ids: ['aws_security_group.db.id'] } },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_db_instance.db' }],
    },
    {
      name: 'ingress only from the application security group',
      files: { 'main.tf': DB, 'sg.tf': sg('security_groups = [aws_security_group.app.id]') + 'resource "aws_security_group" "app" {\n}\n' },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', line: 2, message: 'aws_security_group.db: ingress only from security groups, prefix lists or private ranges' }],
    },
    {
      name: 'RFC 1918 and RFC 6598 ranges',
      files: { 'main.tf': DB, 'sg.tf': sg('cidr_blocks = ["172.16.4.0/22", "192.168.0.0/16", "100.64.0.0/10"]') },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', line: 2 }],
    },
    {
      name: 'the VPC\'s own (non-RFC 1918) CIDR, known and as an unknown reference',
      files: {
        'main.tf': DB,
        'sg.tf': sg('cidr_blocks = [aws_vpc.main.cidr_block, aws_vpc.other.cidr_block]').replace('"10.0.0.0/16"', '"198.18.0.0/16"') + 'resource "aws_vpc" "other" {\n  cidr_block = var.other\n}\nvariable "other" {}\n',
      },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', line: 2 }],
    },
    {
      name: 'prefix list and self sources (aws_security_group_rule and aws_vpc_security_group_ingress_rule)',
      files: {
        'main.tf': DB,
        'sg.tf': lines(
          'resource "aws_security_group" "db" {',
          '}',
          'resource "aws_security_group_rule" "self" {',
          '  type              = "ingress"',
          '  security_group_id = aws_security_group.db.id',
          '  protocol          = "-1"',
          '  from_port         = 0',
          '  to_port           = 0',
          '  self              = true',
          '}',
          'resource "aws_vpc_security_group_ingress_rule" "pl" {',
          '  security_group_id = aws_security_group.db.id',
          '  prefix_list_id    = "pl-0123"',
          '  ip_protocol       = "tcp"',
          '  from_port         = 5432',
          '  to_port           = 5432',
          '}',
        ),
      },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', line: 2 }],
    },
    {
      name: 'a security group with internet ingress that no data store uses is out of scope',
      files: {
        'main.tf': lines('resource "aws_elasticache_replication_group" "cache" {', '  security_group_ids = [aws_security_group.db.id]', '}'),
        'sg.tf': sg('security_groups = [aws_security_group.web.id]') + lines('resource "aws_security_group" "web" {', '  ingress {', '    from_port   = 443', '    to_port     = 443', '    protocol    = "tcp"', '    cidr_blocks = ["0.0.0.0/0"]', '  }', '}'),
      },
      expect: [{ status: 'pass', address: 'aws_elasticache_replication_group.cache', line: 2 }],
    },
    {
      name: 'no security groups: the VPC default group (AWS default: members only)',
      files: { 'main.tf': lines('resource "aws_redshift_cluster" "r" {', '}') },
      expect: [{ status: 'pass', address: 'aws_redshift_cluster.r', line: 1, message: "vpc_security_group_ids is not set: the VPC's default security group applies" }],
    },
    {
      name: 'an empty security group list means the VPC default group',
      files: { 'main.tf': lines('resource "aws_neptune_cluster" "n" {', '  vpc_security_group_ids = []', '}') },
      expect: [{ status: 'pass', address: 'aws_neptune_cluster.n', line: 1, message: 'vpc_security_group_ids is empty' }],
    },
  ],
  invalid: [
    {
      name: 'plan: the database group admits the internet',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_security_group.db', values: { ingress: [{ from_port: 5432, to_port: 5432, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false }] }, unknown: ['id'] },
          { address: 'aws_db_instance.db', values: {}, refs: { vpc_security_group_ids: ['aws_security_group.db.id'] } },
        ]),
      },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', message: '0.0.0.0/0' }],
    },
    {
      name: 'internet ingress fails even on an allow-listed port, located at the CIDR in the group',
      files: { 'main.tf': DB, 'sg.tf': sg('cidr_blocks = ["0.0.0.0/0"]', 443) },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', file: 'sg.tf', line: 10, message: 'aws_security_group.db ingress.0 admits the internet: tcp port 443 from 0.0.0.0/0' }],
    },
    {
      name: 'a shared group fails every data store that uses it',
      files: {
        'main.tf': DB + lines('resource "aws_rds_cluster" "c" {', '  vpc_security_group_ids = [aws_security_group.db.id]', '}'),
        'sg.tf': sg('cidr_blocks = ["0.0.0.0/0"]'),
      },
      expect: [
        { status: 'fail', address: 'aws_db_instance.db', file: 'sg.tf', line: 10 },
        { status: 'fail', address: 'aws_rds_cluster.c', file: 'sg.tf', line: 10 },
      ],
    },
    {
      name: 'aws_vpc_security_group_ingress_rule with cidr_ipv6 ::/0',
      files: {
        'main.tf': DB,
        'sg.tf': lines(
          'resource "aws_security_group" "db" {',
          '}',
          'resource "aws_vpc_security_group_ingress_rule" "v6" {',
          '  security_group_id = aws_security_group.db.id',
          '  cidr_ipv6         = "::/0"',
          '  ip_protocol       = "tcp"',
          '  from_port         = 5432',
          '  to_port           = 5432',
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', file: 'sg.tf', line: 5, message: 'aws_vpc_security_group_ingress_rule.v6 admits the internet: tcp port 5432 from ::/0' }],
    },
    {
      name: 'aws_security_group_rule from a public /32 (not the internet, but not private)',
      files: {
        'main.tf': DB,
        'sg.tf': lines(
          'resource "aws_security_group" "db" {',
          '}',
          'resource "aws_security_group_rule" "vendor" {',
          '  type              = "ingress"',
          '  security_group_id = aws_security_group.db.id',
          '  protocol          = "tcp"',
          '  from_port         = 5432',
          '  to_port           = 5432',
          '  cidr_blocks       = ["203.0.113.10/32"]',
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', file: 'sg.tf', line: 9, message: 'aws_security_group_rule.vendor admits public addresses: tcp port 5432 from 203.0.113.10/32' }],
    },
    {
      name: 'self = true does not excuse 0.0.0.0/0 (protocol -1)',
      files: {
        'main.tf': DB,
        'sg.tf': lines(
          'resource "aws_security_group" "db" {',
          '  ingress {',
          '    from_port   = 0',
          '    to_port     = 0',
          '    protocol    = "-1"',
          '    self        = true',
          '    cidr_blocks = ["0.0.0.0/0"]',
          '  }',
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', file: 'sg.tf', line: 7, message: 'all protocols and ports' }],
    },
    {
      name: 'OpenSearch vpc_options.security_group_ids',
      files: {
        'main.tf': lines('resource "aws_opensearch_domain" "s" {', '  vpc_options {', '    security_group_ids = [aws_security_group.db.id]', '  }', '}'),
        'sg.tf': sg('cidr_blocks = ["0.0.0.0/0"]', 443),
      },
      expect: [{ status: 'fail', address: 'aws_opensearch_domain.s', file: 'sg.tf', line: 10 }],
    },
    {
      name: 'a managed default security group with internet ingress applies to a data store without groups',
      files: {
        'main.tf': lines(
          'resource "aws_vpc" "main" {',
          '  cidr_block = "10.0.0.0/16"',
          '}',
          'resource "aws_subnet" "a" {',
          '  vpc_id = aws_vpc.main.id',
          '}',
          'resource "aws_default_security_group" "d" {',
          '  vpc_id = aws_vpc.main.id',
          '  ingress {',
          '    from_port   = 0',
          '    to_port     = 0',
          '    protocol    = "-1"',
          '    cidr_blocks = ["0.0.0.0/0"]',
          '  }',
          '}',
          'resource "aws_elasticache_subnet_group" "g" {',
          '  name       = "g"',
          '  subnet_ids = [aws_subnet.a.id]',
          '}',
          'resource "aws_elasticache_cluster" "c" {',
          '  subnet_group_name = aws_elasticache_subnet_group.g.name',
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_elasticache_cluster.c', line: 13, message: 'the default security group aws_default_security_group.d applies' }],
    },
    {
      name: 'a group through a local module output, located in the module',
      files: {
        'main.tf': lines('module "sg" {', '  source = "./sg"', '}', 'resource "aws_docdb_cluster" "d" {', '  vpc_security_group_ids = [module.sg.id]', '}'),
        'sg/main.tf': lines('resource "aws_security_group" "this" {', '  ingress {', '    from_port   = 27017', '    to_port     = 27017', '    protocol    = "tcp"', '    cidr_blocks = ["0.0.0.0/0"]', '  }', '}', 'output "id" {', '  value = aws_security_group.this.id', '}'),
      },
      expect: [{ status: 'fail', address: 'aws_docdb_cluster.d', file: 'sg/main.tf', line: 6, message: 'module.sg.aws_security_group.this ingress.0 admits the internet' }],
    },
    {
      name: 'an ElastiCache cluster in a replication group is judged by the group\'s security groups',
      files: {
        'main.tf': lines(
          'resource "aws_elasticache_replication_group" "rg" {',
          '  security_group_ids = [aws_security_group.db.id]',
          '}',
          'resource "aws_elasticache_cluster" "replica" {',
          '  replication_group_id = aws_elasticache_replication_group.rg.id',
          '}',
        ),
        'sg.tf': sg('cidr_blocks = ["0.0.0.0/0"]', 6379),
      },
      expect: [
        { status: 'fail', address: 'aws_elasticache_replication_group.rg', file: 'sg.tf', line: 10 },
        { status: 'fail', address: 'aws_elasticache_cluster.replica', file: 'sg.tf', line: 10, message: ['security groups of aws_elasticache_replication_group.rg', 'tcp port 6379 from 0.0.0.0/0'] },
      ],
    },
    {
      name: 'a security group id from a variable is unknown',
      files: { 'main.tf': lines('variable "sg" {}', 'resource "aws_db_instance" "db" {', '  vpc_security_group_ids = [var.sg]', '}') },
      expect: [{ status: 'unknown', address: 'aws_db_instance.db', line: 3, message: 'security group var.sg' }],
    },
    {
      name: 'a literal security group id is unknown',
      files: { 'main.tf': lines('resource "aws_db_instance" "db" {', '  vpc_security_group_ids = ["sg-0123"]', '}') },
      expect: [{ status: 'unknown', address: 'aws_db_instance.db', line: 2, message: 'security group "sg-0123" is not in the configuration' }],
    },
    {
      name: 'a CIDR from a variable is unknown',
      files: { 'main.tf': `${DB}variable "cidr" {}\n`, 'sg.tf': sg('cidr_blocks = [var.cidr]') },
      expect: [{ status: 'unknown', address: 'aws_db_instance.db', file: 'sg.tf', line: 10, message: 'from a CIDR that is not known statically: var.cidr' }],
    },
  ],
});
