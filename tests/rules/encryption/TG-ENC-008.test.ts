import { rule } from '../../../rules/encryption/TG-ENC-008';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const KEY = 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n';

ruleTester(rule, {
  valid: [
    {
      name: 'EFS and Redshift with encrypted = true, Redshift from tfvars',
      files: {
        'main.tf': 'variable "enc" {}\nresource "aws_efs_file_system" "fs" {\n  encrypted = true\n}\nresource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "dw"\n  encrypted          = var.enc\n}\n',
        'terraform.tfvars': 'enc = true\n',
      },
      expect: [
        { status: 'pass', address: 'aws_efs_file_system.fs', line: 3, message: 'encrypted = true' },
        { status: 'pass', address: 'aws_redshift_cluster.dw', line: 7, message: 'var.enc (set in terraform.tfvars:1)' },
      ],
    },
    {
      name: 'DynamoDB without server_side_encryption: AWS-owned key, passes by default',
      files: { 'main.tf': 'resource "aws_dynamodb_table" "t" {\n  name     = "t"\n  hash_key = "id"\n}\n' },
      expect: [
        {
          status: 'pass',
          address: 'aws_dynamodb_table.t',
          line: 1,
          message: ['server_side_encryption.enabled = false (provider default when omitted)', 'AWS-owned key'],
        },
      ],
    },
    {
      name: 'dynamodb_require_kms: server_side_encryption.enabled = true passes',
      params: { dynamodbRequireKms: true },
      files: { 'main.tf': 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n  server_side_encryption {\n    enabled = true\n  }\n}\n' },
      expect: [{ status: 'pass', address: 'aws_dynamodb_table.t', line: 4, message: 'encrypted with a KMS key' }],
    },
    {
      name: 'SQS: omitted settings mean SSE-SQS; a KMS key in the graph passes',
      files: { 'main.tf': `${KEY}resource "aws_sqs_queue" "plain" {\n  name = "plain"\n}\nresource "aws_sqs_queue" "kms" {\n  kms_master_key_id = aws_kms_key.k.id\n}\n` },
      expect: [
        { status: 'pass', address: 'aws_sqs_queue.plain', line: 4, message: 'SQS encrypts new queues with SSE-SQS by default' },
        { status: 'pass', address: 'aws_sqs_queue.kms', line: 8, message: 'kms_master_key_id = aws_kms_key.k.id' },
      ],
    },
    {
      name: 'keys set from required variables are present: in the root, through a local, through module inputs',
      files: {
        'main.tf': [
          'variable "kms_key_cloudwatch_arn" {}',
          'variable "topic_key" {',
          '  type     = string',
          '  nullable = false',
          '}',
          'variable "use_kms" {}',
          'locals {',
          '  queue_key = var.topic_key',
          '}',
          'resource "aws_cloudwatch_log_group" "g" {',
          '  kms_key_id = var.kms_key_cloudwatch_arn',
          '}',
          'resource "aws_sns_topic" "t" {',
          '  kms_master_key_id = var.topic_key',
          '}',
          'resource "aws_sqs_queue" "q" {',
          '  kms_master_key_id       = local.queue_key',
          '  sqs_managed_sse_enabled = false',
          '}',
          'module "logs" {',
          '  source     = "./logs"',
          '  kms_key_id = var.kms_key_cloudwatch_arn',
          '}',
          'module "chosen" {',
          '  source     = "./logs"',
          '  kms_key_id = var.use_kms ? var.topic_key : "alias/logs"',
          '}',
          '',
        ].join('\n'),
        'logs/main.tf': 'variable "kms_key_id" {}\nresource "aws_cloudwatch_log_group" "this" {\n  kms_key_id = var.kms_key_id\n}\n',
      },
      expect: [
        { status: 'pass', address: 'aws_cloudwatch_log_group.g', line: 11, message: 'kms_key_id is set from var.kms_key_cloudwatch_arn, a required variable' },
        { status: 'pass', address: 'aws_sns_topic.t', line: 14, message: 'kms_master_key_id is set from var.topic_key, a required variable' },
        { status: 'pass', address: 'aws_sqs_queue.q', line: 17, message: ['kms_master_key_id is set from var.topic_key, a required variable', 'SSE-KMS'] },
        {
          status: 'pass',
          address: 'module.logs.aws_cloudwatch_log_group.this',
          line: 3,
          file: 'logs/main.tf',
          message: 'kms_key_id is set from module.logs.var.kms_key_id, a required variable (module.logs passes var.kms_key_cloudwatch_arn, a required variable)',
        },
        { status: 'pass', address: 'module.chosen.aws_cloudwatch_log_group.this', line: 3, file: 'logs/main.tf', message: 'kms_key_id is set from module.chosen.var.kms_key_id, a required variable' },
      ],
    },
    {
      name: 'SNS with an alias, log group with a key from a local module',
      files: {
        'main.tf':
          'module "keys" {\n  source = "./keys"\n}\nresource "aws_sns_topic" "t" {\n  kms_master_key_id = "alias/aws/sns"\n}\nresource "aws_cloudwatch_log_group" "g" {\n  kms_key_id = module.keys.arn\n}\n',
        'keys/main.tf': `${KEY}output "arn" { value = aws_kms_key.k.arn }\n`,
      },
      expect: [
        { status: 'pass', address: 'aws_sns_topic.t', line: 5, message: 'kms_master_key_id = "alias/aws/sns"' },
        { status: 'pass', address: 'aws_cloudwatch_log_group.g', line: 8, message: 'module.keys.aws_kms_key.k.arn' },
      ],
    },
    {
      name: 'OpenSearch and Elasticsearch with encrypt_at_rest enabled',
      files: {
        'main.tf':
          'resource "aws_opensearch_domain" "o" {\n  encrypt_at_rest {\n    enabled = true\n  }\n}\nresource "aws_elasticsearch_domain" "e" {\n  encrypt_at_rest {\n    enabled = true\n  }\n}\n',
      },
      expect: [
        { status: 'pass', address: 'aws_opensearch_domain.o', line: 3 },
        { status: 'pass', address: 'aws_elasticsearch_domain.e', line: 8 },
      ],
    },
    {
      name: 'plan: SSE-SQS on, SNS key linked by configuration references',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_sqs_queue.q', values: { sqs_managed_sse_enabled: true } },
          { address: 'aws_kms_key.k', values: { enable_key_rotation: true } },
          { address: 'aws_sns_topic.t', values: {}, refs: { kms_master_key_id: ['aws_kms_key.k.id', 'aws_kms_key.k'] } },
        ]),
      },
      expect: [
        { status: 'pass', address: 'aws_sqs_queue.q', message: 'sqs_managed_sse_enabled = true' },
        { status: 'pass', address: 'aws_sns_topic.t', message: 'kms_master_key_id refers to aws_kms_key.k' },
      ],
    },
  ],
  invalid: [
    {
      name: 'EFS omitted: the provider default is unencrypted, pointing at the block',
      files: { 'main.tf': 'resource "aws_efs_file_system" "fs" {\n  creation_token = "fs"\n}\n' },
      expect: [{ status: 'fail', address: 'aws_efs_file_system.fs', line: 1, message: 'encrypted = false (provider default when omitted)' }],
    },
    {
      name: 'dynamodb_require_kms: an AWS-owned key fails',
      params: { dynamodbRequireKms: true },
      files: { 'main.tf': 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n  server_side_encryption {\n    enabled = false\n  }\n}\n' },
      expect: [{ status: 'fail', address: 'aws_dynamodb_table.t', line: 4, message: ['AWS-owned key', 'dynamodb_require_kms'] }],
    },
    {
      name: 'SQS with SSE-SQS turned off and an empty key',
      files: { 'main.tf': 'resource "aws_sqs_queue" "q" {\n  kms_master_key_id       = ""\n  sqs_managed_sse_enabled = false\n}\n' },
      expect: [{ status: 'fail', address: 'aws_sqs_queue.q', line: 3, message: 'sqs_managed_sse_enabled = false and kms_master_key_id = "" (empty: not set)' }],
    },
    {
      name: 'SNS topic and log group without a key',
      files: { 'main.tf': 'resource "aws_sns_topic" "t" {\n  name = "t"\n}\nresource "aws_cloudwatch_log_group" "g" {\n  name = "g"\n}\n' },
      expect: [
        { status: 'fail', address: 'aws_sns_topic.t', line: 1, message: 'kms_master_key_id is not set' },
        { status: 'fail', address: 'aws_cloudwatch_log_group.g', line: 4, message: 'kms_key_id is not set' },
      ],
    },
    {
      name: 'OpenSearch without encrypt_at_rest and Elasticsearch with it disabled',
      files: {
        'main.tf': 'resource "aws_opensearch_domain" "o" {\n  domain_name = "o"\n}\nresource "aws_elasticsearch_domain" "e" {\n  encrypt_at_rest {\n    enabled = false\n  }\n}\n',
      },
      expect: [
        { status: 'fail', address: 'aws_opensearch_domain.o', line: 1, message: 'encrypt_at_rest.enabled = false (provider default when omitted)' },
        { status: 'fail', address: 'aws_elasticsearch_domain.e', line: 6, message: 'encrypt_at_rest.enabled = false:' },
      ],
    },
    {
      name: 'values not known statically give unknown, never pass (a required variable decides presence, not a value or a choice)',
      files: {
        'main.tf':
          'variable "enc" {}\nvariable "key" {}\nvariable "use_kms" {}\nresource "aws_redshift_cluster" "dw" {\n  encrypted = var.enc\n}\nresource "aws_sqs_queue" "q" {\n  kms_master_key_id       = var.use_kms ? var.key : null\n  sqs_managed_sse_enabled = false\n}\n',
      },
      expect: [
        { status: 'unknown', address: 'aws_redshift_cluster.dw', line: 5, message: 'var.enc' },
        { status: 'unknown', address: 'aws_sqs_queue.q', line: 8, message: 'var.use_kms' },
      ],
    },
    {
      name: 'a variable whose default is null may be absent: not set',
      files: { 'main.tf': 'variable "key" {\n  default = null\n}\nresource "aws_cloudwatch_log_group" "g" {\n  kms_key_id = var.key\n}\n' },
      expect: [{ status: 'fail', address: 'aws_cloudwatch_log_group.g', line: 4, message: 'kms_key_id is not set' }],
    },
    {
      name: 'counted file systems',
      files: { 'main.tf': 'resource "aws_efs_file_system" "fs" {\n  count     = 2\n  encrypted = count.index > 0\n}\n' },
      expect: [
        { status: 'fail', address: 'aws_efs_file_system.fs[0]', line: 3, message: 'encrypted = false:' },
        { status: 'pass', address: 'aws_efs_file_system.fs[1]', line: 3 },
      ],
    },
    {
      name: 'plan: OpenSearch encryption disabled, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_opensearch_domain.o', values: { encrypt_at_rest: [{ enabled: false }] } }]),
        'main.tf': 'resource "aws_opensearch_domain" "o" {\n  encrypt_at_rest {\n    enabled = false\n  }\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_opensearch_domain.o', line: 3, message: 'enabled = false' }],
    },
  ],
});
