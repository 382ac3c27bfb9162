import { rule } from '../../../rules/backup/TG-BAK-003';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const table = (body: string) => `resource "aws_dynamodb_table" "t" {\n  name     = "tickets"\n  hash_key = "id"\n${body}}\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'plan: point-in-time recovery enabled',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_dynamodb_table.t', values: { point_in_time_recovery: [{ enabled: true }] } }]) },
      expect: [{ status: 'pass', address: 'aws_dynamodb_table.t', message: 'point_in_time_recovery.enabled = true' }],
    },
    {
      name: 'point-in-time recovery enabled, pointing at enabled',
      files: { 'main.tf': table('  point_in_time_recovery {\n    enabled = true\n  }\n') },
      expect: [{ status: 'pass', address: 'aws_dynamodb_table.t', line: 5 }],
    },
    {
      name: 'value through a variable of a local module',
      files: {
        'main.tf': 'module "tables" {\n  source = "./tables"\n  pitr   = true\n}\n',
        'tables/main.tf': 'variable "pitr" { default = false }\nresource "aws_dynamodb_table" "this" {\n  name = "x"\n  point_in_time_recovery {\n    enabled = var.pitr\n  }\n}\n',
      },
      expect: [{ status: 'pass', address: 'module.tables.aws_dynamodb_table.this', line: 5, file: 'tables/main.tf', message: 'var.pitr (set by module.tables in main.tf:3)' }],
    },
    {
      name: 'a dynamic block with a known for_each',
      files: { 'main.tf': table('  dynamic "point_in_time_recovery" {\n    for_each = [true]\n    content {\n      enabled = point_in_time_recovery.value\n    }\n  }\n') },
      expect: [{ status: 'pass', address: 'aws_dynamodb_table.t' }],
    },
  ],
  invalid: [
    {
      name: 'plan: disabled, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_dynamodb_table.t', values: { name: 'tickets', hash_key: 'id', point_in_time_recovery: [{ enabled: false }] } }]),
        'main.tf': table('  point_in_time_recovery {\n    enabled = false\n  }\n'),
      },
      expect: [{ status: 'fail', address: 'aws_dynamodb_table.t', line: 5, message: 'point_in_time_recovery.enabled = false' }],
    },
    {
      name: 'plan: the block is known only after apply: unknown',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_dynamodb_table.t', values: {}, unknown: ['point_in_time_recovery'] }]) },
      expect: [{ status: 'unknown', address: 'aws_dynamodb_table.t', message: 'known after apply' }],
    },
    {
      name: 'omitted block: point-in-time recovery is off by default, pointing at the resource',
      files: { 'main.tf': '\n' + table('') },
      expect: [{ status: 'fail', address: 'aws_dynamodb_table.t', line: 2, message: 'provider default when omitted' }],
    },
    {
      name: 'explicitly disabled',
      files: { 'main.tf': table('  point_in_time_recovery {\n    enabled = false\n  }\n') },
      expect: [{ status: 'fail', address: 'aws_dynamodb_table.t', line: 5, message: ['enabled = false', 'cannot be restored'] }],
    },
    {
      name: 'counted tables from tfvars',
      files: {
        'main.tf': 'variable "pitr" {}\nresource "aws_dynamodb_table" "t" {\n  count = 2\n  name  = "t${count.index}"\n  point_in_time_recovery {\n    enabled = var.pitr\n  }\n}\n',
        'terraform.tfvars': 'pitr = false\n',
      },
      expect: [
        { status: 'fail', address: 'aws_dynamodb_table.t[0]', line: 6, message: 'var.pitr (set in terraform.tfvars:1)' },
        { status: 'fail', address: 'aws_dynamodb_table.t[1]', line: 6 },
      ],
    },
    {
      name: 'unknown value gives unknown, never pass',
      files: { 'main.tf': 'variable "pitr" {}\n' + table('  point_in_time_recovery {\n    enabled = var.pitr\n  }\n') },
      expect: [{ status: 'unknown', address: 'aws_dynamodb_table.t', line: 6, message: ['not known statically', 'var.pitr'] }],
    },
    {
      name: 'a dynamic block over an unknown collection gives unknown',
      files: { 'main.tf': 'variable "pitr" {}\n' + table('  dynamic "point_in_time_recovery" {\n    for_each = var.pitr\n    content {\n      enabled = true\n    }\n  }\n') },
      expect: [{ status: 'unknown', address: 'aws_dynamodb_table.t', message: 'var.pitr' }],
    },
  ],
});
