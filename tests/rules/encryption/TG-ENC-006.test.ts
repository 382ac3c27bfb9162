import { rule } from '../../../rules/encryption/TG-ENC-006';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const KEY = 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n';

ruleTester(rule, {
  valid: [
    {
      name: 'a snapshot copy only needs kms_key_id set: a required variable sets it',
      files: {
        'main.tf': 'variable "copy_key" {}\nresource "aws_db_snapshot_copy" "c" {\n  source_db_snapshot_identifier = "arn:aws:rds:eu-north-1:123456789012:snapshot:s"\n  target_db_snapshot_identifier = "c"\n  kms_key_id                    = var.copy_key\n}\n',
      },
      expect: [{ status: 'pass', address: 'aws_db_snapshot_copy.c', line: 5, message: 'kms_key_id is set from var.copy_key, a required variable' }],
    },
    {
      name: 'backup vault with a customer-managed key in the graph',
      files: { 'main.tf': `${KEY}resource "aws_backup_vault" "v" {\n  name        = "main"\n  kms_key_arn = aws_kms_key.k.arn\n}\n` },
      expect: [{ status: 'pass', address: 'aws_backup_vault.v', line: 6, message: 'kms_key_arn refers to aws_kms_key.k, a customer-managed key' }],
    },
    {
      name: 'DB snapshot copy with a key ARN literal',
      files: {
        'main.tf':
          'resource "aws_db_snapshot_copy" "c" {\n  source_db_snapshot_identifier = "arn:aws:rds:eu-north-1:123456789012:snapshot:nightly"\n  target_db_snapshot_identifier = "nightly-copy"\n  kms_key_id                    = "arn:aws:kms:eu-north-1:123456789012:key/0000"\n}\n',
      },
      expect: [{ status: 'pass', address: 'aws_db_snapshot_copy.c', line: 4, message: 'not an AWS-managed alias' }],
    },
    {
      name: 'cluster snapshot copy with a key from a local module output',
      files: {
        'main.tf':
          'module "keys" {\n  source = "./keys"\n}\nresource "aws_rds_cluster_snapshot_copy" "c" {\n  source_db_cluster_snapshot_identifier = "snap"\n  target_db_cluster_snapshot_identifier = "snap-copy"\n  kms_key_id                            = module.keys.arn\n}\n',
        'keys/main.tf': `${KEY}output "arn" { value = aws_kms_key.k.arn }\n`,
      },
      expect: [{ status: 'pass', address: 'aws_rds_cluster_snapshot_copy.c', line: 7, message: 'module.keys.aws_kms_key.k' }],
    },
    {
      name: 'cluster snapshot of a cluster encrypted with a customer-managed key',
      files: {
        'main.tf': `${KEY}resource "aws_rds_cluster" "db" {\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.k.arn\n}\nresource "aws_db_cluster_snapshot" "s" {\n  db_cluster_identifier          = aws_rds_cluster.db.id\n  db_cluster_snapshot_identifier = "s1"\n}\n`,
      },
      expect: [{ status: 'pass', address: 'aws_db_cluster_snapshot.s', line: 9, message: 'encrypted with the key of aws_rds_cluster.db: kms_key_id refers to aws_kms_key.k' }],
    },
    {
      name: 'a key resource declared outside the scanned file is customer-managed by its type',
      files: { 'main.tf': 'resource "aws_backup_vault" "v" {\n  name        = "main"\n  kms_key_arn = aws_kms_key.example.arn\n}\n' },
      expect: [{ status: 'pass', address: 'aws_backup_vault.v', line: 3, message: 'declared outside the scanned files' }],
    },
    {
      name: 'plan: vault key linked by configuration references',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_kms_key.k', values: { enable_key_rotation: true } },
          { address: 'aws_backup_vault.v', values: { name: 'main' }, refs: { kms_key_arn: ['aws_kms_key.k.arn', 'aws_kms_key.k'] } },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_backup_vault.v', message: 'aws_kms_key.k, a customer-managed key' }],
    },
  ],
  invalid: [
    {
      name: 'a cluster snapshot without db_cluster_identifier is not valid Terraform: unknown, saying so',
      files: { 'main.tf': 'resource "aws_db_cluster_snapshot" "s" {\n  db_cluster_snapshot_identifier = "s1"\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_db_cluster_snapshot.s', line: 1, message: 'db_cluster_identifier is required by the provider and is not set: the configuration is not valid Terraform' }],
    },
    {
      name: 'vault without kms_key_arn: the AWS-managed backup key, pointing at the block',
      files: { 'main.tf': 'resource "aws_backup_vault" "v" {\n  name = "main"\n}\n' },
      expect: [{ status: 'fail', address: 'aws_backup_vault.v', line: 1, message: 'kms_key_arn is not set, so AWS Backup encrypts the vault with the AWS-managed key (alias/aws/backup)' }],
    },
    {
      name: 'vault with the AWS-managed alias',
      files: { 'main.tf': 'resource "aws_backup_vault" "v" {\n  name        = "main"\n  kms_key_arn = "arn:aws:kms:eu-north-1:123456789012:alias/aws/backup"\n}\n' },
      expect: [{ status: 'fail', address: 'aws_backup_vault.v', line: 3, message: 'an AWS-managed key' }],
    },
    {
      name: 'snapshot copy without kms_key_id',
      files: { 'main.tf': 'resource "aws_db_snapshot_copy" "c" {\n  source_db_snapshot_identifier = "nightly"\n  target_db_snapshot_identifier = "nightly-copy"\n}\n' },
      expect: [{ status: 'fail', address: 'aws_db_snapshot_copy.c', line: 1, message: 'kms_key_id is not set' }],
    },
    {
      name: 'cluster snapshot of an unencrypted cluster (storage_encrypted omitted)',
      files: {
        'main.tf': 'resource "aws_rds_cluster" "db" {\n  engine = "aurora-postgresql"\n}\nresource "aws_db_cluster_snapshot" "s" {\n  db_cluster_identifier          = aws_rds_cluster.db.id\n  db_cluster_snapshot_identifier = "s1"\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_db_cluster_snapshot.s', line: 5, message: 'storage_encrypted = false (provider default when omitted)' }],
    },
    {
      name: 'cluster snapshot of a cluster encrypted with the AWS-managed key, found by its literal identifier',
      files: {
        'main.tf':
          'resource "aws_rds_cluster" "db" {\n  cluster_identifier = "app"\n  storage_encrypted  = true\n}\nresource "aws_db_cluster_snapshot" "s" {\n  db_cluster_identifier          = "app"\n  db_cluster_snapshot_identifier = "s1"\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_db_cluster_snapshot.s', line: 6, message: 'aws_rds_cluster.db, which has no kms_key_id: the AWS-managed key (alias/aws/rds)' }],
    },
    {
      name: 'cluster snapshot of a cluster outside the scanned configuration: unknown',
      files: { 'main.tf': 'resource "aws_db_cluster_snapshot" "s" {\n  db_cluster_identifier          = "elsewhere"\n  db_cluster_snapshot_identifier = "s1"\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_db_cluster_snapshot.s', line: 2, message: 'not in the scanned configuration' }],
    },
    {
      name: 'a vault key from a required variable: present, but which key it is stays unknown',
      files: { 'main.tf': 'variable "key" {}\nresource "aws_backup_vault" "v" {\n  name        = "main"\n  kms_key_arn = var.key\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_backup_vault.v', line: 4, message: 'var.key' }],
    },
    {
      name: 'for_each vaults with keys from tfvars',
      files: {
        'main.tf': 'variable "keys" {}\nresource "aws_backup_vault" "v" {\n  for_each    = var.keys\n  name        = each.key\n  kms_key_arn = each.value\n}\n',
        'terraform.tfvars': 'keys = {\n  a = "alias/aws/backup"\n  b = "arn:aws:kms:eu-north-1:123456789012:key/1"\n}\n',
      },
      expect: [
        { status: 'fail', address: 'aws_backup_vault.v["a"]', line: 5, message: 'AWS-managed' },
        { status: 'pass', address: 'aws_backup_vault.v["b"]', line: 5 },
      ],
    },
    {
      name: 'plan: vault without a key',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_backup_vault.v', values: { name: 'main' } }]) },
      expect: [{ status: 'fail', address: 'aws_backup_vault.v', message: 'alias/aws/backup' }],
    },
  ],
});
