import { rule } from '../../../rules/backup/TG-BAK-002';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

ruleTester(rule, {
  valid: [
    {
      name: 'plan: deletion protection on, final snapshot kept',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_rds_cluster.c', values: { deletion_protection: true, skip_final_snapshot: false } }]) },
      expect: [{ status: 'pass', address: 'aws_rds_cluster.c', message: ['deletion_protection = true', 'skip_final_snapshot = false'] }],
    },
    {
      name: 'deletion protection on, skip_final_snapshot omitted (default false)',
      files: { 'main.tf': 'resource "aws_db_instance" "db" {\n  deletion_protection       = true\n  final_snapshot_identifier = "db-final"\n}\n' },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', line: 1, message: 'skip_final_snapshot = false (provider default when omitted)' }],
    },
    {
      name: 'an instance read replica cannot have a final snapshot: that part passes',
      files: {
        'main.tf': [
          'resource "aws_db_instance" "src" {',
          '  deletion_protection = true',
          '}',
          'resource "aws_db_instance" "replica" {',
          '  replicate_source_db = aws_db_instance.src.identifier',
          '  deletion_protection = true',
          '  skip_final_snapshot = true',
          '}',
          '',
        ].join('\n'),
      },
      expect: [
        { status: 'pass', address: 'aws_db_instance.src', line: 1 },
        { status: 'pass', address: 'aws_db_instance.replica', line: 4, message: 'AWS takes no final snapshot of a read replica' },
      ],
    },
    {
      name: 'values through a variable of a local module',
      files: {
        'main.tf': 'module "db" {\n  source  = "./db"\n  protect = true\n}\n',
        'db/main.tf': 'variable "protect" { default = false }\nresource "aws_rds_cluster" "this" {\n  deletion_protection = var.protect\n  skip_final_snapshot = !var.protect\n}\n',
      },
      expect: [{ status: 'pass', address: 'module.db.aws_rds_cluster.this', line: 2, file: 'db/main.tf', message: 'var.protect (set by module.db in main.tf:3)' }],
    },
  ],
  invalid: [
    {
      name: 'plan: both parts fail, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_db_instance.db', values: { deletion_protection: false, skip_final_snapshot: true } }]),
        'main.tf': 'resource "aws_db_instance" "db" {\n  deletion_protection = false\n  skip_final_snapshot = true\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', line: 2, message: ['deletion_protection = false', 'skip_final_snapshot = true: no final snapshot'] }],
    },
    {
      name: 'plan: deletion protection known only after apply, final snapshot kept: unknown',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_rds_cluster.c[0]', values: { skip_final_snapshot: false }, unknown: ['deletion_protection'] }]) },
      expect: [{ status: 'unknown', address: 'aws_rds_cluster.c[0]', message: 'known after apply' }],
    },
    {
      name: 'omitted: deletion_protection defaults to false, pointing at the block',
      files: { 'main.tf': '\nresource "aws_rds_cluster" "c" {\n  engine = "aurora-postgresql"\n}\n' },
      expect: [{ status: 'fail', address: 'aws_rds_cluster.c', line: 2, message: 'deletion_protection = false (provider default when omitted)' }],
    },
    {
      name: 'deletion protection on but the final snapshot is skipped',
      files: { 'main.tf': 'resource "aws_db_instance" "db" {\n  deletion_protection = true\n  skip_final_snapshot = true\n}\n' },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', line: 3, message: 'skip_final_snapshot = true' }],
    },
    {
      name: 'both parts fail: one result naming both, pointing at the first',
      files: { 'main.tf': 'resource "aws_rds_cluster" "c" {\n  deletion_protection = false\n  skip_final_snapshot = true\n}\n' },
      expect: [{ status: 'fail', address: 'aws_rds_cluster.c', line: 2, message: ['deletion_protection = false', 'skip_final_snapshot = true'] }],
    },
    {
      name: 'for_each instances from tfvars',
      files: {
        'main.tf': 'variable "skip" {}\nresource "aws_db_instance" "db" {\n  for_each            = toset(["a", "b"])\n  deletion_protection = true\n  skip_final_snapshot = var.skip\n}\n',
        'terraform.tfvars': 'skip = true\n',
      },
      expect: [
        { status: 'fail', address: 'aws_db_instance.db["a"]', line: 5, message: 'var.skip (set in terraform.tfvars:1)' },
        { status: 'fail', address: 'aws_db_instance.db["b"]', line: 5 },
      ],
    },
    {
      name: 'unknown deletion protection gives unknown, never pass',
      files: { 'main.tf': 'variable "protect" {}\nresource "aws_db_instance" "db" {\n  deletion_protection = var.protect\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_db_instance.db', line: 3, message: ['deletion_protection is not known statically', 'var.protect'] }],
    },
    {
      name: 'a known failing part wins over an unknown one',
      files: { 'main.tf': 'variable "skip" {}\nresource "aws_db_instance" "db" {\n  skip_final_snapshot = var.skip\n}\n' },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', line: 2, message: 'deletion_protection = false (provider default when omitted)' }],
    },
  ],
});
