import { rule } from '../../../rules/backup/TG-BAK-004';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

ruleTester(rule, {
  valid: [
    {
      name: 'plan: replication group keeps snapshots 7 days',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_elasticache_replication_group.rg', values: { description: 'x', snapshot_retention_limit: 7 } }]) },
      expect: [{ status: 'pass', address: 'aws_elasticache_replication_group.rg', message: 'snapshot_retention_limit = 7' }],
    },
    {
      name: 'replication group (engine omitted: redis) with 1 day, the minimum',
      files: { 'main.tf': 'resource "aws_elasticache_replication_group" "rg" {\n  description              = "sessions"\n  snapshot_retention_limit = 1\n}\n' },
      expect: [{ status: 'pass', address: 'aws_elasticache_replication_group.rg', line: 3, message: 'kept 1 day' }],
    },
    {
      name: 'Valkey cluster with snapshots',
      files: { 'main.tf': 'resource "aws_elasticache_cluster" "c" {\n  engine                   = "valkey"\n  snapshot_retention_limit = 5\n}\n' },
      expect: [{ status: 'pass', address: 'aws_elasticache_cluster.c', line: 3 }],
    },
    {
      name: 'Memcached clusters and clusters inside a replication group are not evaluated',
      files: {
        'main.tf': [
          'resource "aws_elasticache_cluster" "memcached" {',
          '  engine = "memcached"',
          '}',
          'resource "aws_elasticache_replication_group" "rg" {',
          '  description              = "sessions"',
          '  snapshot_retention_limit = 3',
          '}',
          'resource "aws_elasticache_cluster" "replica" {',
          '  replication_group_id = aws_elasticache_replication_group.rg.id',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'aws_elasticache_replication_group.rg', line: 6 }],
    },
    {
      name: 'value through a variable of a local module',
      files: {
        'main.tf': 'module "cache" {\n  source = "./cache"\n  days   = 3\n}\n',
        'cache/main.tf': 'variable "days" { default = 0 }\nresource "aws_elasticache_replication_group" "this" {\n  description              = "x"\n  snapshot_retention_limit = var.days\n}\n',
      },
      expect: [{ status: 'pass', address: 'module.cache.aws_elasticache_replication_group.this', line: 4, file: 'cache/main.tf', message: 'var.days (set by module.cache in main.tf:3)' }],
    },
  ],
  invalid: [
    {
      name: 'a cluster without engine or replication group cannot be applied: unknown, saying so',
      files: { 'main.tf': 'resource "aws_elasticache_cluster" "c" {\n  cluster_id = "c"\n}\n' },
      expect: [
        {
          status: 'unknown',
          address: 'aws_elasticache_cluster.c',
          line: 1,
          message: 'engine is required by the provider unless replication_group_id is set, and it is not: the configuration cannot be applied; whether the cluster is Redis/Valkey is not known',
        },
      ],
    },
    {
      name: 'plan: snapshots off, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_elasticache_cluster.c', values: { engine: 'redis', snapshot_retention_limit: 0 } }]),
        'main.tf': 'resource "aws_elasticache_cluster" "c" {\n  engine                   = "redis"\n  snapshot_retention_limit = 0\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_elasticache_cluster.c', line: 3, message: ['snapshot_retention_limit = 0', 'turned off'] }],
    },
    {
      name: 'plan: a value known only after apply gives unknown',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_elasticache_replication_group.rg', values: { description: 'x' }, unknown: ['snapshot_retention_limit'] }]) },
      expect: [{ status: 'unknown', address: 'aws_elasticache_replication_group.rg', message: 'known after apply' }],
    },
    {
      name: 'omitted on a replication group: default 0 fails, pointing at the block',
      files: { 'main.tf': '\nresource "aws_elasticache_replication_group" "rg" {\n  description = "sessions"\n  engine      = "redis"\n}\n' },
      expect: [{ status: 'fail', address: 'aws_elasticache_replication_group.rg', line: 2, message: 'snapshot_retention_limit = 0 (provider default when omitted)' }],
    },
    {
      name: 'omitted on a Redis cluster (engine in upper case)',
      files: { 'main.tf': 'resource "aws_elasticache_cluster" "c" {\n  engine = "Redis"\n}\n' },
      expect: [{ status: 'fail', address: 'aws_elasticache_cluster.c', line: 1, message: 'provider default when omitted' }],
    },
    {
      name: 'counted clusters from tfvars',
      files: {
        'main.tf': 'variable "days" {}\nresource "aws_elasticache_cluster" "c" {\n  count                    = 2\n  engine                   = "redis"\n  snapshot_retention_limit = var.days\n}\n',
        'terraform.tfvars': 'days = 0\n',
      },
      expect: [
        { status: 'fail', address: 'aws_elasticache_cluster.c[0]', line: 5, message: 'var.days (set in terraform.tfvars:1)' },
        { status: 'fail', address: 'aws_elasticache_cluster.c[1]', line: 5 },
      ],
    },
    {
      name: 'unknown value gives unknown, never pass',
      files: { 'main.tf': 'variable "days" {}\nresource "aws_elasticache_replication_group" "rg" {\n  description              = "x"\n  snapshot_retention_limit = var.days\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_elasticache_replication_group.rg', line: 4, message: ['not known statically', 'var.days'] }],
    },
    {
      name: 'a cluster whose engine is unknown and without snapshots gives unknown (it may be Memcached)',
      files: { 'main.tf': 'variable "engine" {}\nresource "aws_elasticache_cluster" "c" {\n  engine = var.engine\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_elasticache_cluster.c', line: 3, message: ['snapshot_retention_limit = 0', 'Memcached'] }],
    },
    {
      name: 'a Redis cluster that may or may not join a replication group gives unknown; one that certainly joins (a required variable) is not evaluated',
      files: {
        'main.tf': [
          'variable "group" {}',
          'variable "join" {}',
          'resource "aws_elasticache_cluster" "maybe" {',
          '  engine               = "redis"',
          '  replication_group_id = var.join ? var.group : null',
          '}',
          'resource "aws_elasticache_cluster" "member" {',
          '  replication_group_id = var.group',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'unknown', address: 'aws_elasticache_cluster.maybe', line: 5, message: ['snapshot_retention_limit = 0', 'replication_group_id = unknown (condition var.join'] }],
    },
  ],
});
