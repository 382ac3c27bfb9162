import { rule } from '../../../rules/backup/TG-BAK-001';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

ruleTester(rule, {
  valid: [
    {
      name: 'a read replica whose source comes from a required variable is exempt',
      files: { 'main.tf': 'variable "source_db" {}\nresource "aws_db_instance" "db" {\n  replicate_source_db = var.source_db\n}\n' },
      expect: [],
    },
    {
      name: 'plan: 14 days',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_db_instance.db', values: { backup_retention_period: 14 } }]) },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', message: 'backup_retention_period = 14' }],
    },
    {
      name: 'exactly the minimum (7 days) on an RDS instance',
      files: { 'main.tf': 'resource "aws_db_instance" "db" {\n  engine                  = "postgres"\n  backup_retention_period = 7\n}\n' },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', line: 3, message: 'kept 7 days' }],
    },
    {
      name: 'Aurora and DocumentDB clusters with 35 days',
      files: {
        'main.tf':
          'resource "aws_rds_cluster" "c" {\n  backup_retention_period = 35\n}\nresource "aws_docdb_cluster" "d" {\n  backup_retention_period = 35\n}\n',
      },
      expect: [
        { status: 'pass', address: 'aws_rds_cluster.c', line: 2 },
        { status: 'pass', address: 'aws_docdb_cluster.d', line: 5 },
      ],
    },
    {
      name: 'the profile lowers backup_min_days',
      params: { backupMinDays: 3 },
      files: { 'main.tf': 'resource "aws_rds_cluster" "c" {\n  backup_retention_period = 5\n}\n' },
      expect: [{ status: 'pass', address: 'aws_rds_cluster.c', line: 2, message: 'at least 3 days' }],
    },
    {
      name: 'read replicas are exempt (no result): instance replica and Aurora replica cluster',
      files: {
        'main.tf': [
          'resource "aws_db_instance" "src" {',
          '  backup_retention_period = 14',
          '}',
          'resource "aws_db_instance" "replica" {',
          '  replicate_source_db = aws_db_instance.src.identifier',
          '}',
          'resource "aws_rds_cluster" "replica" {',
          '  replication_source_identifier = "arn:aws:rds:eu-west-1:123456789012:cluster:primary"',
          '  backup_retention_period       = 1',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'aws_db_instance.src', line: 2 }],
    },
    {
      name: 'plan: a replica whose source identifier is known only after apply is still exempt (configuration reference)',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_db_instance.src', values: { backup_retention_period: 7 } },
          { address: 'aws_db_instance.replica', values: {}, refs: { replicate_source_db: ['aws_db_instance.src.identifier', 'aws_db_instance.src'] } },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_db_instance.src' }],
    },
    {
      name: 'value through a variable of a local module',
      files: {
        'main.tf': 'module "db" {\n  source = "./db"\n  days   = 10\n}\n',
        'db/main.tf': 'variable "days" { default = 1 }\nresource "aws_db_instance" "this" {\n  backup_retention_period = var.days\n}\n',
      },
      expect: [{ status: 'pass', address: 'module.db.aws_db_instance.this', line: 3, file: 'db/main.tf', message: 'var.days (set by module.db in main.tf:3)' }],
    },
    {
      name: 'a numeric string from a string-typed variable counts as a number',
      files: { 'main.tf': 'variable "days" {\n  type    = string\n  default = "14"\n}\nresource "aws_docdb_cluster" "d" {\n  backup_retention_period = var.days\n}\n' },
      expect: [{ status: 'pass', address: 'aws_docdb_cluster.d', line: 6 }],
    },
  ],
  invalid: [
    {
      name: 'plan: backups turned off, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_db_instance.db', values: { backup_retention_period: 0 } }]),
        'main.tf': 'resource "aws_db_instance" "db" {\n  backup_retention_period = 0\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', line: 2, message: ['backup_retention_period = 0', 'turned off'] }],
    },
    {
      name: 'plan: a value known only after apply gives unknown',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'module.db.aws_rds_cluster.c[0]', values: {}, unknown: ['backup_retention_period'] }]) },
      expect: [{ status: 'unknown', address: 'module.db.aws_rds_cluster.c[0]', message: 'known after apply' }],
    },
    {
      name: 'omitted: the AWS default of 1 day fails, pointing at the block',
      files: { 'main.tf': '\nresource "aws_db_instance" "db" {\n  engine = "mysql"\n}\n' },
      expect: [
        {
          status: 'fail',
          address: 'aws_db_instance.db',
          line: 2,
          message: ['backup_retention_period = 1 (provider default when omitted)', 'AWS keeps automated backups for 1 day', 'at least 7 days'],
        },
      ],
    },
    {
      name: 'omitted on Aurora and DocumentDB clusters',
      files: { 'main.tf': 'resource "aws_rds_cluster" "c" {\n  engine = "aurora-postgresql"\n}\nresource "aws_docdb_cluster" "d" {\n  engine = "docdb"\n}\n' },
      expect: [
        { status: 'fail', address: 'aws_rds_cluster.c', line: 1, message: 'provider default when omitted' },
        { status: 'fail', address: 'aws_docdb_cluster.d', line: 4, message: 'provider default when omitted' },
      ],
    },
    {
      name: 'explicitly 5 days is below the minimum',
      files: { 'main.tf': 'resource "aws_rds_cluster" "c" {\n  engine                  = "aurora-mysql"\n  backup_retention_period = 5\n}\n' },
      expect: [{ status: 'fail', address: 'aws_rds_cluster.c', line: 3, message: ['backup_retention_period = 5', 'only 5 days'] }],
    },
    {
      name: 'the profile raises backup_min_days',
      params: { backupMinDays: 30 },
      files: { 'main.tf': 'resource "aws_db_instance" "db" {\n  backup_retention_period = 14\n}\n' },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', line: 2, message: 'at least 30 days' }],
    },
    {
      name: 'counted instances from tfvars',
      files: {
        'main.tf': 'variable "days" {}\nresource "aws_db_instance" "db" {\n  count                   = 2\n  backup_retention_period = var.days\n}\n',
        'terraform.tfvars': 'days = 3\n',
      },
      expect: [
        { status: 'fail', address: 'aws_db_instance.db[0]', line: 4, message: 'var.days (set in terraform.tfvars:1)' },
        { status: 'fail', address: 'aws_db_instance.db[1]', line: 4 },
      ],
    },
    {
      name: 'unknown value gives unknown, never pass',
      files: { 'main.tf': 'variable "days" {}\nresource "aws_docdb_cluster" "d" {\n  backup_retention_period = var.days\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_docdb_cluster.d', line: 3, message: ['not known statically', 'var.days'] }],
    },
    {
      name: 'short retention on a database that may be a replica (source chosen by a variable) is unknown',
      files: { 'main.tf': 'variable "source_db" {}\nvariable "replica" {}\nresource "aws_db_instance" "db" {\n  replicate_source_db = var.replica ? var.source_db : null\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_db_instance.db', line: 4, message: 'a read replica would be exempt' }],
    },
  ],
});
