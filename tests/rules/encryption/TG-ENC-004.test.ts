import { rule } from '../../../rules/encryption/TG-ENC-004';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const BUCKET = 'resource "aws_s3_bucket" "data" {\n  bucket = "acme-data"\n}\n';

/** An `aws_s3_bucket_server_side_encryption_configuration` for `bucket` (an expression) with `algorithm`. */
function sse(bucket: string, algorithm: string): string {
  return [
    'resource "aws_s3_bucket_server_side_encryption_configuration" "data" {',
    `  bucket = ${bucket}`,
    '  rule {',
    '    apply_server_side_encryption_by_default {',
    `      sse_algorithm = ${algorithm}`,
    '    }',
    '  }',
    '}',
    '',
  ].join('\n');
}

ruleTester(rule, {
  valid: [
    {
      name: 'no configuration at all: the AWS default SSE-S3 since 2023-01',
      files: { 'main.tf': BUCKET },
      expect: [{ status: 'pass', address: 'aws_s3_bucket.data', line: 1, message: 'AWS default SSE-S3 (AES-256) since 2023-01' }],
    },
    {
      name: 'separate configuration with aws:kms, pointing at its sse_algorithm',
      files: { 'main.tf': BUCKET + sse('aws_s3_bucket.data.id', '"aws:kms"') },
      expect: [{ status: 'pass', address: 'aws_s3_bucket.data', line: 8, message: 'aws_s3_bucket_server_side_encryption_configuration.data (main.tf:4): sse_algorithm = "aws:kms" (SSE-KMS)' }],
    },
    {
      name: 'inline v3 block with AES256',
      files: {
        'main.tf': [
          'resource "aws_s3_bucket" "data" {',
          '  server_side_encryption_configuration {',
          '    rule {',
          '      apply_server_side_encryption_by_default {',
          '        sse_algorithm = "AES256"',
          '      }',
          '    }',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'aws_s3_bucket.data', line: 5, message: 'sse_algorithm = "AES256" (SSE-S3, AES-256)' }],
    },
    {
      name: 'a literal bucket name equal to the bucket attribute links the configuration',
      params: { s3RequireKms: true },
      files: { 'main.tf': BUCKET + sse('"acme-data"', '"aws:kms:dsse"') },
      expect: [{ status: 'pass', address: 'aws_s3_bucket.data', line: 8, message: 'aws:kms:dsse' }],
    },
    {
      name: 'for_each buckets, each with its own KMS configuration through a local module',
      params: { s3RequireKms: true },
      files: {
        'main.tf': 'module "store" {\n  source    = "./store"\n  algorithm = "aws:kms"\n}\n',
        'store/main.tf': [
          'variable "algorithm" {}',
          'resource "aws_s3_bucket" "b" {',
          '  for_each = toset(["a", "b"])',
          '  bucket   = "acme-${each.key}"',
          '}',
          sse('aws_s3_bucket.b[each.key].id', 'var.algorithm').replace('"data" {', '"b" {\n  for_each = aws_s3_bucket.b'),
        ].join('\n'),
      },
      expect: [
        { status: 'pass', address: 'module.store.aws_s3_bucket.b["a"]', line: 11, file: 'store/main.tf', message: 'var.algorithm (set by module.store in main.tf:3)' },
        { status: 'pass', address: 'module.store.aws_s3_bucket.b["b"]', line: 11, file: 'store/main.tf' },
      ],
    },
    {
      name: 'a rule without apply_server_side_encryption_by_default keeps the SSE-S3 default',
      files: {
        'main.tf': `${BUCKET}resource "aws_s3_bucket_server_side_encryption_configuration" "data" {\n  bucket = aws_s3_bucket.data.id\n  rule {\n    bucket_key_enabled = true\n  }\n}\n`,
      },
      expect: [{ status: 'pass', address: 'aws_s3_bucket.data', line: 6, message: 'its rule has no apply_server_side_encryption_by_default: AWS default SSE-S3' }],
    },
    {
      name: 'plan: the configuration is linked through configuration references',
      input: 'plan.json',
      params: { s3RequireKms: true },
      files: {
        'plan.json': planJson([
          { address: 'aws_s3_bucket.data', values: { bucket: 'acme-data' } },
          {
            address: 'aws_s3_bucket_server_side_encryption_configuration.data',
            values: { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] }] },
            refs: { bucket: ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'] },
          },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_s3_bucket.data', message: 'sse_algorithm = "aws:kms"' }],
    },
  ],
  invalid: [
    {
      name: 's3_require_kms: no configuration fails',
      params: { s3RequireKms: true },
      files: { 'main.tf': BUCKET },
      expect: [{ status: 'fail', address: 'aws_s3_bucket.data', line: 1, message: ['AWS default SSE-S3 (AES-256) since 2023-01', 's3_require_kms'] }],
    },
    {
      name: 's3_require_kms: SSE-S3 fails, pointing at the configuration',
      params: { s3RequireKms: true },
      files: { 'main.tf': BUCKET + sse('aws_s3_bucket.data.id', '"AES256"') },
      expect: [{ status: 'fail', address: 'aws_s3_bucket.data', line: 8, message: 'sse_algorithm = "AES256" is SSE-S3, and the profile requires SSE-KMS' }],
    },
    {
      name: 'an invalid algorithm cannot be applied',
      files: { 'main.tf': BUCKET + sse('aws_s3_bucket.data.bucket', '"AES128"') },
      expect: [{ status: 'fail', address: 'aws_s3_bucket.data', line: 8, message: 'sse_algorithm = "AES128" is not a server-side encryption algorithm' }],
    },
    {
      name: 'algorithm from a variable without value: unknown',
      files: { 'main.tf': `variable "alg" {}\n${BUCKET}${sse('aws_s3_bucket.data.id', 'var.alg')}` },
      expect: [{ status: 'unknown', address: 'aws_s3_bucket.data', line: 9, message: 'var.alg' }],
    },
    {
      name: 's3_require_kms: a configuration whose bucket is not known may apply: unknown',
      params: { s3RequireKms: true },
      files: { 'main.tf': `variable "name" {}\n${BUCKET}${sse('var.name', '"aws:kms"')}` },
      expect: [{ status: 'unknown', address: 'aws_s3_bucket.data', line: 2, message: 'has a bucket that is not known statically' }],
    },
    {
      name: 'rule from a dynamic block on an unknown condition: unknown',
      files: {
        'main.tf': [
          'variable "on" {}',
          BUCKET.trimEnd(),
          'resource "aws_s3_bucket_server_side_encryption_configuration" "data" {',
          '  bucket = aws_s3_bucket.data.id',
          '  dynamic "rule" {',
          '    for_each = var.on ? [1] : []',
          '    content {',
          '      apply_server_side_encryption_by_default {',
          '        sse_algorithm = "bogus"',
          '      }',
          '    }',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'unknown', address: 'aws_s3_bucket.data', message: 'rule blocks are not known statically' }],
    },
    {
      name: 's3_require_kms: counted buckets, only the first configured',
      params: { s3RequireKms: true },
      files: { 'main.tf': `resource "aws_s3_bucket" "b" {\n  count = 2\n}\n${sse('aws_s3_bucket.b[0].id', '"aws:kms"')}` },
      expect: [
        { status: 'pass', address: 'aws_s3_bucket.b[0]', line: 8 },
        { status: 'fail', address: 'aws_s3_bucket.b[1]', line: 1, message: 'No server-side encryption configuration' },
      ],
    },
    {
      name: 'plan: SSE-S3 with s3_require_kms fails',
      input: 'plan.json',
      params: { s3RequireKms: true },
      files: {
        'plan.json': planJson([
          { address: 'aws_s3_bucket.data', values: { bucket: 'acme-data' } },
          {
            address: 'aws_s3_bucket_server_side_encryption_configuration.data',
            values: { bucket: 'acme-data', rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] }] },
            refs: { bucket: ['aws_s3_bucket.data.bucket', 'aws_s3_bucket.data'] },
          },
        ]),
      },
      expect: [{ status: 'fail', address: 'aws_s3_bucket.data', message: 'AES256' }],
    },
  ],
});
