import { rule } from '../../../rules/encryption/TG-ENC-005';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

ruleTester(rule, {
  valid: [
    {
      name: 'encryption at rest enabled',
      files: { 'main.tf': 'resource "aws_elasticache_replication_group" "r" {\n  description                = "cache"\n  at_rest_encryption_enabled = true\n}\n' },
      expect: [{ status: 'pass', address: 'aws_elasticache_replication_group.r', line: 3, message: 'at_rest_encryption_enabled = true' }],
    },
    {
      name: 'serverless caches are always encrypted',
      files: { 'main.tf': 'resource "aws_elasticache_serverless_cache" "s" {\n  engine = "redis"\n  name   = "s"\n}\n' },
      expect: [{ status: 'pass', address: 'aws_elasticache_serverless_cache.s', line: 1, message: 'always encrypted at rest' }],
    },
    {
      name: 'omitted with engine valkey: the provider default is true',
      files: { 'main.tf': 'resource "aws_elasticache_replication_group" "r" {\n  description = "cache"\n  engine      = "valkey"\n}\n' },
      expect: [{ status: 'pass', address: 'aws_elasticache_replication_group.r', line: 3, message: 'at_rest_encryption_enabled = true (provider default when omitted, with engine = "valkey")' }],
    },
    {
      name: 'value through a variable of a local module',
      files: {
        'main.tf': 'module "cache" {\n  source    = "./cache"\n  encrypted = true\n}\n',
        'cache/main.tf': 'variable "encrypted" { default = false }\nresource "aws_elasticache_replication_group" "this" {\n  description                = "cache"\n  at_rest_encryption_enabled = var.encrypted\n}\n',
      },
      expect: [
        { status: 'pass', address: 'module.cache.aws_elasticache_replication_group.this', line: 4, file: 'cache/main.tf', message: 'var.encrypted (set by module.cache in main.tf:3)' },
      ],
    },
    {
      name: 'a Global Datastore secondary inherits the encryption of the primary',
      files: {
        'main.tf': [
          'resource "aws_elasticache_replication_group" "primary" {',
          '  description                = "primary"',
          '  at_rest_encryption_enabled = true',
          '}',
          'resource "aws_elasticache_global_replication_group" "g" {',
          '  global_replication_group_id_suffix = "app"',
          '  primary_replication_group_id       = aws_elasticache_replication_group.primary.id',
          '}',
          'resource "aws_elasticache_replication_group" "secondary" {',
          '  description                 = "secondary"',
          '  global_replication_group_id = aws_elasticache_global_replication_group.g.global_replication_group_id',
          '}',
          '',
        ].join('\n'),
      },
      expect: [
        { status: 'pass', address: 'aws_elasticache_replication_group.primary', line: 3 },
        { status: 'pass', address: 'aws_elasticache_replication_group.secondary', line: 11, message: 'inherits at-rest encryption from aws_elasticache_replication_group.primary' },
      ],
    },
    {
      name: 'plan: encrypted',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_elasticache_replication_group.r', values: { description: 'cache', at_rest_encryption_enabled: true } }]) },
      expect: [{ status: 'pass', address: 'aws_elasticache_replication_group.r', message: 'at_rest_encryption_enabled = true' }],
    },
  ],
  invalid: [
    {
      name: 'omitted with the default engine redis: the provider default is false, pointing at the block',
      files: { 'main.tf': 'resource "aws_elasticache_replication_group" "r" {\n  description = "cache"\n}\n' },
      expect: [
        {
          status: 'fail',
          address: 'aws_elasticache_replication_group.r',
          line: 1,
          message: 'at_rest_encryption_enabled = false (provider default when omitted, for the default engine "redis")',
        },
      ],
    },
    {
      name: 'explicitly disabled',
      files: { 'main.tf': 'resource "aws_elasticache_replication_group" "r" {\n  description                = "cache"\n  at_rest_encryption_enabled = false\n}\n' },
      expect: [{ status: 'fail', address: 'aws_elasticache_replication_group.r', line: 3, message: 'at_rest_encryption_enabled = false:' }],
    },
    {
      name: 'unknown value gives unknown, never pass',
      files: { 'main.tf': 'variable "enc" {}\nresource "aws_elasticache_replication_group" "r" {\n  description                = "cache"\n  at_rest_encryption_enabled = var.enc\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_elasticache_replication_group.r', line: 4, message: 'var.enc' }],
    },
    {
      name: 'omitted with an engine not known statically: unknown',
      files: { 'main.tf': 'variable "engine" {}\nresource "aws_elasticache_replication_group" "r" {\n  description = "cache"\n  engine      = var.engine\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_elasticache_replication_group.r', line: 4, message: 'depends on the engine' }],
    },
    {
      name: 'counted groups from tfvars',
      files: {
        'main.tf': 'variable "enc" {}\nresource "aws_elasticache_replication_group" "r" {\n  count                      = 2\n  description                = "cache"\n  at_rest_encryption_enabled = var.enc[count.index]\n}\n',
        'terraform.tfvars': 'enc = [true, false]\n',
      },
      expect: [
        { status: 'pass', address: 'aws_elasticache_replication_group.r[0]', line: 5 },
        { status: 'fail', address: 'aws_elasticache_replication_group.r[1]', line: 5, message: 'var.enc (set in terraform.tfvars:1)' },
      ],
    },
    {
      name: 'a Global Datastore secondary whose primary is not in the scanned configuration: unknown',
      files: { 'main.tf': 'resource "aws_elasticache_replication_group" "secondary" {\n  description                 = "secondary"\n  global_replication_group_id = "ldgnf-app"\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_elasticache_replication_group.secondary', line: 3, message: 'inherited from the Global Datastore' }],
    },
    {
      name: 'plan: disabled, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_elasticache_replication_group.r', values: { description: 'cache', at_rest_encryption_enabled: false } }]),
        'main.tf': 'resource "aws_elasticache_replication_group" "r" {\n  description                = "cache"\n  at_rest_encryption_enabled = false\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_elasticache_replication_group.r', line: 3, message: 'at_rest_encryption_enabled = false' }],
    },
    {
      name: 'plan: a value known only after apply gives unknown',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_elasticache_replication_group.r', values: { description: 'cache' }, unknown: ['at_rest_encryption_enabled'] }]) },
      expect: [{ status: 'unknown', address: 'aws_elasticache_replication_group.r', message: 'known after apply' }],
    },
  ],
});
