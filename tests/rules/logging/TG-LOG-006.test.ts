import { rule } from '../../../rules/logging/TG-LOG-006';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

ruleTester(rule, {
  valid: [
    {
      name: 'log types from a required variable are set',
      files: { 'main.tf': 'variable "logs" {}\nresource "aws_db_instance" "db" {\n  enabled_cloudwatch_logs_exports = var.logs\n}\n' },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', line: 3, message: 'enabled_cloudwatch_logs_exports is set from var.logs, a required variable' }],
    },
    {
      name: 'PostgreSQL instance exporting its logs',
      files: { 'main.tf': 'resource "aws_db_instance" "db" {\n  engine                          = "postgres"\n  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]\n}\n' },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', line: 3, message: 'enabled_cloudwatch_logs_exports = ["postgresql","upgrade"]' }],
    },
    {
      name: 'Aurora cluster exporting audit logs',
      files: { 'main.tf': 'resource "aws_rds_cluster" "c" {\n  engine                          = "aurora-mysql"\n  enabled_cloudwatch_logs_exports = ["audit"]\n}\n' },
      expect: [{ status: 'pass', address: 'aws_rds_cluster.c', line: 3 }],
    },
    {
      name: 'value through a variable of a local module',
      files: {
        'main.tf': 'module "db" {\n  source = "./db"\n  logs   = ["postgresql"]\n}\n',
        'db/main.tf': 'variable "logs" { default = [] }\nresource "aws_db_instance" "this" {\n  enabled_cloudwatch_logs_exports = var.logs\n}\n',
      },
      expect: [{ status: 'pass', address: 'module.db.aws_db_instance.this', line: 3, file: 'db/main.tf', message: 'var.logs (set by module.db in main.tf:3)' }],
    },
    {
      name: 'plan: logs exported',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_rds_cluster.c', values: { enabled_cloudwatch_logs_exports: ['postgresql'] } }]) },
      expect: [{ status: 'pass', address: 'aws_rds_cluster.c', message: 'enabled_cloudwatch_logs_exports = ["postgresql"]' }],
    },
  ],
  invalid: [
    {
      name: 'omitted: nothing is exported, pointing at the block',
      files: { 'main.tf': '\nresource "aws_db_instance" "db" {\n  engine = "mysql"\n}\n' },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', line: 2, message: 'enabled_cloudwatch_logs_exports is not set (provider default: none)' }],
    },
    {
      name: 'empty list',
      files: { 'main.tf': 'resource "aws_rds_cluster" "c" {\n  engine                          = "aurora-postgresql"\n  enabled_cloudwatch_logs_exports = []\n}\n' },
      expect: [{ status: 'fail', address: 'aws_rds_cluster.c', line: 3, message: 'enabled_cloudwatch_logs_exports = []' }],
    },
    {
      name: 'a list chosen by a variable that is not known statically: unknown, never pass',
      files: { 'main.tf': 'variable "logs" {}\nvariable "on" {}\nresource "aws_db_instance" "db" {\n  enabled_cloudwatch_logs_exports = var.on ? var.logs : []\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_db_instance.db', line: 4, message: 'var.on' }],
    },
    {
      name: 'counted instances with the list from tfvars',
      files: {
        'main.tf': 'variable "logs" {}\nresource "aws_db_instance" "db" {\n  count                           = 2\n  enabled_cloudwatch_logs_exports = var.logs\n}\n',
        'terraform.tfvars': 'logs = []\n',
      },
      expect: [
        { status: 'fail', address: 'aws_db_instance.db[0]', line: 4, message: 'var.logs (set in terraform.tfvars:1)' },
        { status: 'fail', address: 'aws_db_instance.db[1]', line: 4 },
      ],
    },
    {
      name: 'plan: empty list, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_db_instance.db', values: { engine: 'postgres', enabled_cloudwatch_logs_exports: [] } }]),
        'main.tf': 'resource "aws_db_instance" "db" {\n  engine                          = "postgres"\n  enabled_cloudwatch_logs_exports = []\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', line: 3, message: 'enabled_cloudwatch_logs_exports = []' }],
    },
    {
      name: 'plan: list known only after apply',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_db_instance.db', values: {}, unknown: ['enabled_cloudwatch_logs_exports'] }]) },
      expect: [{ status: 'unknown', address: 'aws_db_instance.db', message: 'known after apply' }],
    },
  ],
});
