import { rule } from '../../../rules/transit/TG-TLS-005';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

/** One line per argument, so the line numbers in expectations can be read off the array index + 1. */
const tf = (...lines: string[]) => lines.join('\n') + '\n';

ruleTester(rule, {
  valid: [
    {
      name: 'transit encryption on',
      files: { 'main.tf': tf('resource "aws_elasticache_replication_group" "cache" {', '  description                = "cache"', '  transit_encryption_enabled = true', '}') },
      expect: [{ status: 'pass', address: 'aws_elasticache_replication_group.cache', line: 3, message: 'transit_encryption_enabled = true' }],
    },
    {
      name: 'transit encryption on and required',
      files: {
        'main.tf': tf(
          'resource "aws_elasticache_replication_group" "cache" {',
          '  transit_encryption_enabled = true',
          '  transit_encryption_mode    = "required"',
          '}',
        ),
      },
      expect: [{ status: 'pass', address: 'aws_elasticache_replication_group.cache', line: 2, message: 'transit_encryption_mode = "required"' }],
    },
    {
      name: 'value through a variable of a local module',
      files: {
        'main.tf': tf('module "cache" {', '  source  = "./cache"', '  transit = true', '}'),
        'cache/main.tf': tf('variable "transit" {', '  default = false', '}', 'resource "aws_elasticache_replication_group" "this" {', '  transit_encryption_enabled = var.transit', '}'),
      },
      expect: [
        { status: 'pass', address: 'module.cache.aws_elasticache_replication_group.this', file: 'cache/main.tf', line: 5, message: 'var.transit (set by module.cache in main.tf:3)' },
      ],
    },
    {
      name: 'secondary of a global datastore inherits from the primary in the graph',
      files: {
        'main.tf': tf(
          'resource "aws_elasticache_replication_group" "primary" {',
          '  transit_encryption_enabled = true',
          '}',
          'resource "aws_elasticache_global_replication_group" "global" {',
          '  global_replication_group_id_suffix = "app"',
          '  primary_replication_group_id       = aws_elasticache_replication_group.primary.id',
          '}',
          'resource "aws_elasticache_replication_group" "secondary" {',
          '  global_replication_group_id = aws_elasticache_global_replication_group.global.global_replication_group_id',
          '}',
        ),
      },
      expect: [
        { status: 'pass', address: 'aws_elasticache_replication_group.primary', line: 2 },
        { status: 'pass', address: 'aws_elasticache_replication_group.secondary', line: 9, message: "inherited from the global datastore's primary aws_elasticache_replication_group.primary (main.tf:1)" },
      ],
    },
    {
      name: 'plan: transit encryption on',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_elasticache_replication_group.cache', values: { transit_encryption_enabled: true } }]) },
      expect: [{ status: 'pass', address: 'aws_elasticache_replication_group.cache', message: 'transit_encryption_enabled = true' }],
    },
  ],
  invalid: [
    {
      name: 'omitted: the provider default is off, pointing at the block',
      files: { 'main.tf': tf('', 'resource "aws_elasticache_replication_group" "cache" {', '  description = "cache"', '}') },
      expect: [{ status: 'fail', address: 'aws_elasticache_replication_group.cache', line: 2, message: 'transit_encryption_enabled = false (provider default when omitted)' }],
    },
    {
      name: 'explicitly off',
      files: { 'main.tf': tf('resource "aws_elasticache_replication_group" "cache" {', '  transit_encryption_enabled = false', '}') },
      expect: [{ status: 'fail', address: 'aws_elasticache_replication_group.cache', line: 2, message: 'transit_encryption_enabled = false;' }],
    },
    {
      name: 'the "preferred" migration mode still accepts plaintext',
      files: {
        'main.tf': tf(
          'resource "aws_elasticache_replication_group" "cache" {',
          '  transit_encryption_enabled = true',
          '  transit_encryption_mode    = "preferred"',
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_elasticache_replication_group.cache', line: 3, message: 'transit_encryption_mode = "preferred" accepts unencrypted connections' }],
    },
    {
      name: 'for_each groups with the value from tfvars',
      files: {
        'main.tf': tf(
          'variable "transit" {}',
          'resource "aws_elasticache_replication_group" "cache" {',
          '  for_each                   = toset(["a", "b"])',
          '  description                = each.key',
          '  transit_encryption_enabled = var.transit',
          '}',
        ),
        'terraform.tfvars': 'transit = false\n',
      },
      expect: [
        { status: 'fail', address: 'aws_elasticache_replication_group.cache["a"]', line: 5, message: 'var.transit (set in terraform.tfvars:1)' },
        { status: 'fail', address: 'aws_elasticache_replication_group.cache["b"]', line: 5 },
      ],
    },
    {
      name: 'unknown value gives unknown, never pass',
      files: { 'main.tf': tf('variable "transit" {}', 'resource "aws_elasticache_replication_group" "cache" {', '  transit_encryption_enabled = var.transit', '}') },
      expect: [{ status: 'unknown', address: 'aws_elasticache_replication_group.cache', line: 3, message: 'var.transit' }],
    },
    {
      name: 'secondary of a global datastore whose primary is not in scope gives unknown',
      files: {
        'main.tf': tf('resource "aws_elasticache_replication_group" "secondary" {', '  global_replication_group_id = "ldgnf-app"', '}'),
      },
      expect: [{ status: 'unknown', address: 'aws_elasticache_replication_group.secondary', line: 2, message: 'inherited from a global datastore' }],
    },
    {
      name: 'plan: off, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_elasticache_replication_group.cache', values: { transit_encryption_enabled: false } }]),
        'main.tf': tf('resource "aws_elasticache_replication_group" "cache" {', '  transit_encryption_enabled = false', '}'),
      },
      expect: [{ status: 'fail', address: 'aws_elasticache_replication_group.cache', line: 2, message: 'transit_encryption_enabled = false' }],
    },
  ],
});
