import { rule } from '../../../rules/logging/TG-LOG-004';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

ruleTester(rule, {
  valid: [
    {
      name: 'retention set',
      files: { 'main.tf': 'resource "aws_cloudwatch_log_group" "app" {\n  name              = "/ecs/app"\n  retention_in_days = 90\n}\n' },
      expect: [{ status: 'pass', address: 'aws_cloudwatch_log_group.app', line: 3, message: ['expire after 90 days', 'retention_in_days = 90'] }],
    },
    {
      name: 'retention as a numeric string',
      files: { 'main.tf': 'resource "aws_cloudwatch_log_group" "app" {\n  retention_in_days = "1"\n}\n' },
      expect: [{ status: 'pass', address: 'aws_cloudwatch_log_group.app', line: 2, message: 'expire after 1 day:' }],
    },
    {
      name: 'value through a variable of a local module',
      files: {
        'main.tf': 'module "logs" {\n  source = "./logs"\n  days   = 30\n}\n',
        'logs/main.tf': 'variable "days" { default = 0 }\nresource "aws_cloudwatch_log_group" "this" {\n  retention_in_days = var.days\n}\n',
      },
      expect: [{ status: 'pass', address: 'module.logs.aws_cloudwatch_log_group.this', line: 3, file: 'logs/main.tf', message: 'var.days (set by module.logs in main.tf:3)' }],
    },
    {
      name: 'plan: retention set',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_cloudwatch_log_group.app', values: { name: '/ecs/app', retention_in_days: 14 } }]) },
      expect: [{ status: 'pass', address: 'aws_cloudwatch_log_group.app', message: 'retention_in_days = 14' }],
    },
  ],
  invalid: [
    {
      name: 'omitted: the provider default never expires, pointing at the block',
      files: { 'main.tf': '\nresource "aws_cloudwatch_log_group" "app" {\n  name = "/ecs/app"\n}\n' },
      expect: [{ status: 'fail', address: 'aws_cloudwatch_log_group.app', line: 2, message: ['never expire', 'retention_in_days = 0 (provider default when omitted)'] }],
    },
    {
      name: 'explicit 0',
      files: { 'main.tf': 'resource "aws_cloudwatch_log_group" "app" {\n  name              = "/ecs/app"\n  retention_in_days = 0\n}\n' },
      expect: [{ status: 'fail', address: 'aws_cloudwatch_log_group.app', line: 3, message: 'retention_in_days = 0' }],
    },
    {
      name: 'unset variable: unknown, never pass',
      files: { 'main.tf': 'variable "days" {}\nresource "aws_cloudwatch_log_group" "app" {\n  retention_in_days = var.days\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_cloudwatch_log_group.app', line: 3, message: 'var.days' }],
    },
    {
      name: 'for_each log groups with retention from tfvars',
      files: {
        'main.tf': 'variable "groups" {}\nresource "aws_cloudwatch_log_group" "g" {\n  for_each          = var.groups\n  name              = each.key\n  retention_in_days = each.value\n}\n',
        'terraform.tfvars': 'groups = { "/app" = 30, "/audit" = 0 }\n',
      },
      expect: [
        { status: 'pass', address: 'aws_cloudwatch_log_group.g["/app"]', line: 5 },
        { status: 'fail', address: 'aws_cloudwatch_log_group.g["/audit"]', line: 5, message: 'retention_in_days = 0' },
      ],
    },
    {
      name: 'plan: never expires (the plan shows the default 0), with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_cloudwatch_log_group.app', values: { name: '/ecs/app', retention_in_days: 0 } }]),
        'main.tf': 'resource "aws_cloudwatch_log_group" "app" {\n  name = "/ecs/app"\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_cloudwatch_log_group.app', line: 1, message: 'retention_in_days = 0' }],
    },
    {
      name: 'plan: retention known only after apply',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_cloudwatch_log_group.app', values: {}, unknown: ['retention_in_days'] }]) },
      expect: [{ status: 'unknown', address: 'aws_cloudwatch_log_group.app', message: 'known after apply' }],
    },
  ],
});
