import { rule } from '../../../rules/encryption/TG-ENC-002';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const KEY = 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n';

ruleTester(rule, {
  valid: [
    {
      name: 'plan: a key referenced through configuration while its ARN is unknown',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_kms_key.k', values: { enable_key_rotation: true }, unknown: ['arn'] },
          { address: 'aws_db_instance.db', values: { storage_encrypted: true }, refs: { kms_key_id: ['aws_kms_key.k.arn', 'aws_kms_key.k'] } },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', message: 'aws_kms_key.k, a customer-managed key' }],
    },
    {
      name: 'customer key in the graph',
      files: { 'main.tf': `${KEY}resource "aws_db_instance" "db" {\n  storage_encrypted = true\n  kms_key_id = aws_kms_key.k.arn\n}\n` },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', line: 6, message: 'refers to aws_kms_key.k, a customer-managed key' }],
    },
    {
      name: 'customer alias in the graph',
      files: { 'main.tf': `${KEY}resource "aws_kms_alias" "a" {\n  name = "alias/rds"\n  target_key_id = aws_kms_key.k.key_id\n}\nresource "aws_rds_cluster" "c" {\n  kms_key_id = aws_kms_alias.a.arn\n}\n` },
      expect: [{ status: 'pass', address: 'aws_rds_cluster.c', line: 9 }],
    },
    {
      name: 'key ARN literal',
      files: { 'main.tf': 'resource "aws_docdb_cluster" "d" {\n  kms_key_id = "arn:aws:kms:eu-north-1:123456789012:key/0000"\n}\n' },
      expect: [{ status: 'pass', address: 'aws_docdb_cluster.d', line: 2 }],
    },
    {
      name: 'Neptune uses kms_key_arn; the key comes through a local module output',
      files: {
        'main.tf': 'module "keys" {\n  source = "./keys"\n}\nresource "aws_neptune_cluster" "n" {\n  kms_key_arn = module.keys.arn\n}\n',
        'keys/main.tf': `${KEY}output "arn" { value = aws_kms_key.k.arn }\n`,
      },
      expect: [{ status: 'pass', address: 'aws_neptune_cluster.n', line: 5, message: 'module.keys.aws_kms_key.k' }],
    },
    {
      name: 'data source lookup of a customer alias',
      files: { 'main.tf': 'data "aws_kms_key" "k" {\n  key_id = "alias/myAlias"\n}\nresource "aws_docdb_cluster" "d" {\n  kms_key_id = data.aws_kms_key.k.arn\n}\n' },
      expect: [{ status: 'pass', address: 'aws_docdb_cluster.d', line: 5, message: 'data.aws_kms_key.k (alias/myAlias), not an AWS-managed alias' }],
    },
    {
      name: 'a key resource declared outside the scanned file is customer-managed by its type',
      files: { 'main.tf': 'resource "aws_rds_cluster" "c" {\n  kms_key_id = aws_kms_key.elsewhere.arn\n}\n' },
      expect: [{ status: 'pass', address: 'aws_rds_cluster.c', line: 2, message: 'refers to aws_kms_key.elsewhere, an aws_kms_key (declared outside the scanned files)' }],
    },
  ],
  invalid: [
    {
      name: 'plan: no key set',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_rds_cluster.c', values: { storage_encrypted: true } }]) },
      expect: [{ status: 'fail', address: 'aws_rds_cluster.c', message: 'kms_key_id is not set' }],
    },
    {
      name: 'no key: the AWS-managed key',
      files: { 'main.tf': 'resource "aws_db_instance" "db" {\n  storage_encrypted = true\n}\n' },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', line: 1, message: 'kms_key_id is not set' }],
    },
    {
      name: 'AWS-managed alias literal',
      files: { 'main.tf': 'resource "aws_db_instance" "db" {\n  kms_key_id = "alias/aws/rds"\n}\n' },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', line: 2, message: 'AWS-managed' }],
    },
    {
      name: 'data source looking up the AWS-managed alias',
      files: { 'main.tf': 'data "aws_kms_alias" "rds" {\n  name = "alias/aws/rds"\n}\nresource "aws_rds_cluster" "c" {\n  kms_key_id = data.aws_kms_alias.rds.target_key_arn\n}\n' },
      expect: [{ status: 'fail', address: 'aws_rds_cluster.c', line: 5, message: 'data.aws_kms_alias.rds (alias/aws/rds)' }],
    },
    {
      name: 'key from a variable without value: unknown',
      files: { 'main.tf': 'variable "key" {}\nresource "aws_db_instance" "db" {\n  kms_key_id = var.key\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_db_instance.db', line: 3, message: 'var.key' }],
    },
    {
      name: 'counted clusters, one with a key from tfvars',
      files: {
        'main.tf': 'variable "keys" {}\nresource "aws_rds_cluster" "c" {\n  count      = 2\n  kms_key_id = var.keys[count.index]\n}\n',
        'terraform.tfvars': 'keys = ["alias/aws/rds", "arn:aws:kms:eu-north-1:123456789012:key/1"]\n',
      },
      expect: [
        { status: 'fail', address: 'aws_rds_cluster.c[0]', line: 4 },
        { status: 'pass', address: 'aws_rds_cluster.c[1]', line: 4 },
      ],
    },
  ],
});
