import { rule } from '../../../rules/encryption/TG-ENC-001';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

ruleTester(rule, {
  valid: [
    {
      name: 'plan: encrypted',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_db_instance.db', values: { storage_encrypted: true } }]) },
      expect: [{ status: 'pass', address: 'aws_db_instance.db' }],
    },
    { name: 'encrypted RDS instance', files: { 'main.tf': 'resource "aws_db_instance" "db" {\n  storage_encrypted = true\n}\n' } },
    {
      name: 'Aurora Serverless v1 is always encrypted',
      files: { 'main.tf': 'resource "aws_rds_cluster" "c" {\n  engine_mode = "serverless"\n}\n' },
      expect: [{ status: 'pass', address: 'aws_rds_cluster.c', line: 2, message: 'serverless' }],
    },
    {
      name: 'value through a variable of a local module',
      files: {
        'main.tf': 'module "db" {\n  source    = "./db"\n  encrypted = true\n}\n',
        'db/main.tf': 'variable "encrypted" { default = false }\nresource "aws_docdb_cluster" "this" {\n  storage_encrypted = var.encrypted\n}\n',
      },
      expect: [{ status: 'pass', address: 'module.db.aws_docdb_cluster.this', line: 3, file: 'db/main.tf', message: 'var.encrypted (set by module.db in main.tf:3)' }],
    },
    {
      name: 'read replica of an encrypted source in the graph',
      files: {
        'main.tf': 'resource "aws_db_instance" "src" {\n  storage_encrypted = true\n}\nresource "aws_db_instance" "replica" {\n  replicate_source_db = aws_db_instance.src.identifier\n}\n',
      },
      expect: [
        { status: 'pass', address: 'aws_db_instance.src', line: 2 },
        { status: 'pass', address: 'aws_db_instance.replica', line: 5, message: 'inherits encryption from aws_db_instance.src' },
      ],
    },
  ],
  invalid: [
    {
      name: 'plan: unencrypted, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_db_instance.db', values: { storage_encrypted: false } }]),
        'main.tf': 'resource "aws_db_instance" "db" {\n  storage_encrypted = false\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', line: 2, message: 'storage_encrypted = false' }],
    },
    {
      name: 'plan: a value known only after apply gives unknown',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'module.db.aws_rds_cluster.c[0]', values: {}, unknown: ['storage_encrypted'] }]) },
      expect: [{ status: 'unknown', address: 'module.db.aws_rds_cluster.c[0]', message: 'known after apply' }],
    },
    {
      name: 'explicitly unencrypted',
      files: { 'main.tf': 'resource "aws_db_instance" "db" {\n  engine            = "postgres"\n  storage_encrypted = false\n}\n' },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', line: 3, message: 'storage_encrypted = false' }],
    },
    {
      name: 'omitted: the provider default is unencrypted, pointing at the block',
      files: { 'main.tf': '\nresource "aws_rds_cluster" "c" {\n  engine = "aurora-postgresql"\n}\n' },
      expect: [{ status: 'fail', address: 'aws_rds_cluster.c', line: 2, message: 'storage_encrypted = false (provider default when omitted)' }],
    },
    {
      name: 'counted instances from tfvars',
      files: {
        'main.tf': 'variable "enc" {}\nresource "aws_neptune_cluster" "n" {\n  count             = 2\n  storage_encrypted = var.enc\n}\n',
        'terraform.tfvars': 'enc = false\n',
      },
      expect: [
        { status: 'fail', address: 'aws_neptune_cluster.n[0]', line: 4, message: 'var.enc (set in terraform.tfvars:1)' },
        { status: 'fail', address: 'aws_neptune_cluster.n[1]', line: 4 },
      ],
    },
    {
      name: 'unknown value gives unknown, never pass',
      files: { 'main.tf': 'variable "enc" {}\nresource "aws_db_instance" "db" {\n  storage_encrypted = var.enc\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_db_instance.db', line: 3, message: 'var.enc' }],
    },
    {
      name: 'replica whose source is not in the graph',
      files: { 'main.tf': 'resource "aws_db_instance" "r" {\n  replicate_source_db = "arn:aws:rds:eu-north-1:123456789012:db:src"\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_db_instance.r', line: 2, message: 'inherited' }],
    },
  ],
});
