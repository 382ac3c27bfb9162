import { rule } from '../../../rules/system/TG-SYS-001';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

ruleTester(rule, {
  valid: [
    {
      name: 'plan: auto minor upgrades on, and the replication group\'s nullable boolean "true"',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_db_instance.db', values: { auto_minor_version_upgrade: true } },
          { address: 'aws_elasticache_replication_group.rg', values: { description: 'x', auto_minor_version_upgrade: 'true' } },
        ]),
      },
      expect: [
        { status: 'pass', address: 'aws_db_instance.db', message: 'auto_minor_version_upgrade = true' },
        { status: 'pass', address: 'aws_elasticache_replication_group.rg', message: 'auto_minor_version_upgrade = "true"' },
      ],
    },
    {
      name: 'omitted: the provider default is true for RDS, Aurora and ElastiCache',
      files: {
        'main.tf': [
          'resource "aws_db_instance" "db" {',
          '  engine = "postgres"',
          '}',
          'resource "aws_rds_cluster" "c" {',
          '  engine = "aurora-postgresql"',
          '}',
          'resource "aws_rds_cluster_instance" "i" {',
          '  cluster_identifier = aws_rds_cluster.c.id',
          '}',
          'resource "aws_elasticache_replication_group" "rg" {',
          '  description = "sessions"',
          '}',
          '',
        ].join('\n'),
      },
      expect: [
        { status: 'pass', address: 'aws_db_instance.db', line: 1, message: 'auto_minor_version_upgrade = true (provider default when omitted)' },
        { status: 'pass', address: 'aws_rds_cluster.c', line: 4, message: 'provider default when omitted' },
        { status: 'pass', address: 'aws_rds_cluster_instance.i', line: 7, message: 'provider default when omitted' },
        { status: 'pass', address: 'aws_elasticache_replication_group.rg', line: 10, message: 'provider default when omitted' },
      ],
    },
    {
      name: 'OpenSearch with automatic software updates',
      files: { 'main.tf': 'resource "aws_opensearch_domain" "s" {\n  domain_name = "search"\n  software_update_options {\n    auto_software_update_enabled = true\n  }\n}\n' },
      expect: [{ status: 'pass', address: 'aws_opensearch_domain.s', line: 4, message: 'software_update_options.auto_software_update_enabled = true' }],
    },
    {
      name: 'value through a variable of a local module',
      files: {
        'main.tf': 'module "db" {\n  source = "./db"\n  auto   = true\n}\n',
        'db/main.tf': 'variable "auto" { default = false }\nresource "aws_rds_cluster_instance" "this" {\n  auto_minor_version_upgrade = var.auto\n}\n',
      },
      expect: [{ status: 'pass', address: 'module.db.aws_rds_cluster_instance.this', line: 3, file: 'db/main.tf', message: 'var.auto (set by module.db in main.tf:3)' }],
    },
    {
      name: 'an empty nullable boolean on a replication group is the default (true)',
      files: { 'main.tf': 'resource "aws_elasticache_replication_group" "rg" {\n  description                = "x"\n  auto_minor_version_upgrade = ""\n}\n' },
      expect: [{ status: 'pass', address: 'aws_elasticache_replication_group.rg', message: 'provider default when omitted' }],
    },
  ],
  invalid: [
    {
      name: 'plan: turned off, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_db_instance.db', values: { auto_minor_version_upgrade: false } }]),
        'main.tf': 'resource "aws_db_instance" "db" {\n  auto_minor_version_upgrade = false\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', line: 2, message: 'auto_minor_version_upgrade = false' }],
    },
    {
      name: 'plan: a value known only after apply gives unknown',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_rds_cluster_instance.i[0]', values: {}, unknown: ['auto_minor_version_upgrade'] }]) },
      expect: [{ status: 'unknown', address: 'aws_rds_cluster_instance.i[0]', message: 'known after apply' }],
    },
    {
      name: 'turned off on a cluster instance and a replication group ("false" string)',
      files: {
        'main.tf':
          'resource "aws_rds_cluster_instance" "i" {\n  auto_minor_version_upgrade = false\n}\nresource "aws_elasticache_replication_group" "rg" {\n  description                = "x"\n  auto_minor_version_upgrade = "false"\n}\n',
      },
      expect: [
        { status: 'fail', address: 'aws_rds_cluster_instance.i', line: 2, message: 'minor engine upgrades are not applied automatically' },
        { status: 'fail', address: 'aws_elasticache_replication_group.rg', line: 6, message: 'auto_minor_version_upgrade = "false"' },
      ],
    },
    {
      name: 'OpenSearch without software_update_options: the provider default is false',
      files: { 'main.tf': '\nresource "aws_opensearch_domain" "s" {\n  domain_name = "search"\n}\n' },
      expect: [
        {
          status: 'fail',
          address: 'aws_opensearch_domain.s',
          line: 2,
          message: ['software_update_options.auto_software_update_enabled = false (provider default when omitted)', 'service software updates'],
        },
      ],
    },
    {
      name: 'OpenSearch with an empty software_update_options block points at the block',
      files: { 'main.tf': 'resource "aws_opensearch_domain" "s" {\n  domain_name = "search"\n  software_update_options {\n  }\n}\n' },
      expect: [{ status: 'fail', address: 'aws_opensearch_domain.s', line: 3, message: 'provider default when omitted' }],
    },
    {
      name: 'for_each instances from tfvars',
      files: {
        'main.tf': 'variable "auto" {}\nresource "aws_db_instance" "db" {\n  for_each                   = toset(["a", "b"])\n  auto_minor_version_upgrade = var.auto\n}\n',
        'terraform.tfvars': 'auto = false\n',
      },
      expect: [
        { status: 'fail', address: 'aws_db_instance.db["a"]', line: 4, message: 'var.auto (set in terraform.tfvars:1)' },
        { status: 'fail', address: 'aws_db_instance.db["b"]', line: 4 },
      ],
    },
    {
      name: 'unknown value gives unknown, never pass',
      files: { 'main.tf': 'variable "auto" {}\nresource "aws_rds_cluster" "c" {\n  auto_minor_version_upgrade = var.auto\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_rds_cluster.c', line: 3, message: ['not known statically', 'var.auto'] }],
    },
    {
      name: 'OpenSearch: unknown software update setting gives unknown',
      files: { 'main.tf': 'variable "auto" {}\nresource "aws_opensearch_domain" "s" {\n  software_update_options {\n    auto_software_update_enabled = var.auto\n  }\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_opensearch_domain.s', line: 4, message: 'var.auto' }],
    },
  ],
});
