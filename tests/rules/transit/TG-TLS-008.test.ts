import { rule } from '../../../rules/transit/TG-TLS-008';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

/** One line per argument, so the line numbers in expectations can be read off the array index + 1. */
const tf = (...lines: string[]) => lines.join('\n') + '\n';

/** An aws_s3_bucket_policy "tls" for `bucketExpr` whose jsonencode statement has the given lines. */
const policy = (bucketExpr: string, ...statement: string[]) =>
  tf(
    'resource "aws_s3_bucket_policy" "tls" {',
    `  bucket = ${bucketExpr}`,
    '  policy = jsonencode({',
    '    Version = "2012-10-17"',
    '    Statement = [{',
    ...statement.map((l) => `      ${l}`),
    '    }]',
    '  })',
    '}',
  );

const DENY_HTTP = [
  'Effect    = "Deny"',
  'Principal = "*"',
  'Action    = "s3:*"',
  'Resource  = ["arn:aws:s3:::app-data", "arn:aws:s3:::app-data/*"]',
  'Condition = { Bool = { "aws:SecureTransport" = "false" } }',
];

const BUCKET = tf('resource "aws_s3_bucket" "data" {', '  bucket = "app-data"', '}');

ruleTester(rule, {
  valid: [
    {
      name: 'jsonencode around the bucket ARN (known after apply) is read statement by statement',
      files: { 'main.tf': BUCKET + policy('aws_s3_bucket.data.id', ...DENY_HTTP.slice(0, 3), 'Resource  = "${aws_s3_bucket.data.arn}/*"', DENY_HTTP[4]) },
      expect: [{ status: 'pass', address: 'aws_s3_bucket.data', line: 1, message: 'Statement[0] denies every principal when aws:SecureTransport is false' }],
    },
    {
      name: 'aws_s3_bucket_policy with a Deny on aws:SecureTransport = false (jsonencode)',
      files: { 'main.tf': BUCKET + policy('aws_s3_bucket.data.id', ...DENY_HTTP) },
      expect: [{ status: 'pass', address: 'aws_s3_bucket.data', line: 1, message: 'aws_s3_bucket_policy.tls (main.tf:4): Statement[0] denies every principal when aws:SecureTransport is false' }],
    },
    {
      name: 'policy from an aws_iam_policy_document with a boolean false and literal ARNs',
      files: {
        'main.tf':
          BUCKET +
          tf(
            'data "aws_iam_policy_document" "tls" {',
            '  statement {',
            '    sid       = "DenyInsecureTransport"',
            '    effect    = "Deny"',
            '    actions   = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]',
            '    resources = ["arn:aws:s3:::app-data", "arn:aws:s3:::app-data/*"]',
            '    principals {',
            '      type        = "AWS"',
            '      identifiers = ["*"]',
            '    }',
            '    condition {',
            '      test     = "Bool"',
            '      variable = "aws:SecureTransport"',
            '      values   = [false]',
            '    }',
            '  }',
            '}',
            'resource "aws_s3_bucket_policy" "tls" {',
            '  bucket = aws_s3_bucket.data.id',
            '  policy = data.aws_iam_policy_document.tls.json',
            '}',
          ),
      },
      expect: [{ status: 'pass', address: 'aws_s3_bucket.data', line: 1, message: 'data.aws_iam_policy_document.tls statement.0 (Sid "DenyInsecureTransport") denies every principal' }],
    },
    {
      name: 'inline policy of the bucket (provider v3 style), pointing at it',
      files: {
        'main.tf': tf(
          'resource "aws_s3_bucket" "data" {',
          '  bucket = "app-data"',
          '  policy = <<EOF',
          '{"Statement": {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:*",',
          ' "Resource": "arn:aws:s3:::app-data/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}}',
          'EOF',
          '}',
        ),
      },
      expect: [{ status: 'pass', address: 'aws_s3_bucket.data', line: 3, message: 'policy: Statement denies every principal' }],
    },
    {
      name: 'bucket policy naming the bucket by its literal name',
      files: { 'main.tf': BUCKET + policy('"app-data"', ...DENY_HTTP.slice(0, 3), 'Resource  = "arn:aws:s3:::app-data/*"', DENY_HTTP[4]) },
      expect: [{ status: 'pass', address: 'aws_s3_bucket.data', line: 1 }],
    },
    {
      name: 'bucket and policy in a local module, the bucket name from the caller',
      files: {
        'main.tf': tf('module "store" {', '  source = "./store"', '  name   = "app-data"', '}'),
        'store/main.tf':
          'variable "name" {}\n' +
          tf('resource "aws_s3_bucket" "data" {', '  bucket = var.name', '}') +
          policy('aws_s3_bucket.data.id', ...DENY_HTTP.slice(0, 3), 'Resource  = "arn:aws:s3:::${var.name}/*"', DENY_HTTP[4]),
      },
      expect: [{ status: 'pass', address: 'module.store.aws_s3_bucket.data', file: 'store/main.tf', line: 2, message: 'module.store.aws_s3_bucket_policy.tls (store/main.tf:5)' }],
    },
    {
      name: 'personal data tag in the profile: only tagged buckets are checked',
      params: { personalDataTag: { key: 'DataClass', value: 'personal' } },
      files: {
        'main.tf':
          tf('resource "aws_s3_bucket" "data" {', '  bucket = "app-data"', '  tags = {', '    DataClass = "personal"', '  }', '}') +
          tf('resource "aws_s3_bucket" "assets" {', '  bucket = "app-assets"', '  tags = {', '    DataClass = "public"', '  }', '}') +
          policy('aws_s3_bucket.data.id', ...DENY_HTTP),
      },
      expect: [{ status: 'pass', address: 'aws_s3_bucket.data', line: 1 }],
    },
    {
      name: 'plan: the policy JSON is known and linked by a configuration reference',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_s3_bucket.data', values: { bucket: 'app-data' } },
          {
            address: 'aws_s3_bucket_policy.tls',
            values: {
              policy: JSON.stringify({
                Version: '2012-10-17',
                Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::app-data', 'arn:aws:s3:::app-data/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
              }),
            },
            refs: { bucket: ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'] },
          },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_s3_bucket.data', message: 'aws_s3_bucket_policy.tls' }],
    },
  ],
  invalid: [
    {
      name: 'no bucket policy at all, pointing at the bucket',
      files: { 'main.tf': tf('', 'resource "aws_s3_bucket" "data" {', '  bucket = "app-data"', '}') },
      expect: [{ status: 'fail', address: 'aws_s3_bucket.data', line: 2, message: 'No bucket policy' }],
    },
    {
      name: 'an Allow on aws:SecureTransport = "true" is not a Deny',
      files: {
        'main.tf':
          BUCKET +
          policy('aws_s3_bucket.data.id', 'Effect    = "Allow"', 'Principal = "*"', 'Action    = "s3:GetObject"', 'Resource  = "arn:aws:s3:::app-data/*"', 'Condition = { Bool = { "aws:SecureTransport" = "true" } }'),
      },
      expect: [{ status: 'fail', address: 'aws_s3_bucket.data', line: 1, message: 'aws_s3_bucket_policy.tls (main.tf:4) has no Deny statement for aws:SecureTransport = false' }],
    },
    {
      name: 'a Deny that only covers the bucket ARN, not its objects',
      files: { 'main.tf': BUCKET + policy('aws_s3_bucket.data.id', ...DENY_HTTP.slice(0, 3), 'Resource  = "arn:aws:s3:::app-data"', DENY_HTTP[4]) },
      expect: [{ status: 'fail', address: 'aws_s3_bucket.data', line: 1, message: 'only covers the bucket itself, not its objects' }],
    },
    {
      name: 'a Deny for one principal only',
      files: { 'main.tf': BUCKET + policy('aws_s3_bucket.data.id', DENY_HTTP[0], 'Principal = { AWS = "arn:aws:iam::123456789012:role/app" }', ...DENY_HTTP.slice(2)) },
      expect: [{ status: 'fail', address: 'aws_s3_bucket.data', line: 1, message: 'does not apply to every principal' }],
    },
    {
      name: 'counted buckets: only the first one has a policy',
      files: {
        'main.tf': tf(
          'resource "aws_s3_bucket" "data" {',
          '  count  = 2',
          '  bucket = "app-data-${count.index}"',
          '}',
          'resource "aws_s3_bucket_policy" "tls" {',
          '  bucket = aws_s3_bucket.data[0].id',
          '  policy = jsonencode({',
          '    Statement = [{',
          '      Effect    = "Deny"',
          '      Principal = "*"',
          '      Action    = "s3:*"',
          '      Resource  = "arn:aws:s3:::app-data-0/*"',
          '      Condition = { Bool = { "aws:SecureTransport" = "false" } }',
          '    }]',
          '  })',
          '}',
        ),
      },
      expect: [
        { status: 'pass', address: 'aws_s3_bucket.data[0]', line: 1 },
        { status: 'fail', address: 'aws_s3_bucket.data[1]', line: 1, message: 'No bucket policy' },
      ],
    },
    {
      name: 'personal data tag in the profile: a tagged bucket without policy fails, an untagged one is skipped',
      params: { personalDataTag: { key: 'personal-data' } },
      files: {
        'main.tf':
          tf('resource "aws_s3_bucket" "data" {', '  bucket = "app-data"', '  tags = {', '    "personal-data" = "yes"', '  }', '}') +
          tf('resource "aws_s3_bucket" "assets" {', '  bucket = "app-assets"', '}'),
      },
      expect: [{ status: 'fail', address: 'aws_s3_bucket.data', line: 1, message: 'No bucket policy' }],
    },
    {
      name: 'condition value from tfvars ("true" inverts the Deny)',
      files: {
        'main.tf':
          'variable "secure" {}\n' +
          BUCKET +
          policy('aws_s3_bucket.data.id', ...DENY_HTTP.slice(0, 4), 'Condition = { Bool = { "aws:SecureTransport" = var.secure } }'),
        'terraform.tfvars': 'secure = "true"\n',
      },
      expect: [{ status: 'fail', address: 'aws_s3_bucket.data', line: 2, message: 'has no Deny statement' }],
    },
    {
      name: 'an unknown condition value in a policy document (variable without value) gives unknown',
      files: {
        'main.tf':
          'variable "secure" {}\n' +
          BUCKET +
          tf(
            'data "aws_iam_policy_document" "tls" {',
            '  statement {',
            '    effect    = "Deny"',
            '    actions   = ["s3:*"]',
            '    resources = ["arn:aws:s3:::app-data/*"]',
            '    principals {',
            '      type        = "*"',
            '      identifiers = ["*"]',
            '    }',
            '    condition {',
            '      test     = "Bool"',
            '      variable = "aws:SecureTransport"',
            '      values   = [var.secure]',
            '    }',
            '  }',
            '}',
            'resource "aws_s3_bucket_policy" "tls" {',
            '  bucket = aws_s3_bucket.data.id',
            '  policy = data.aws_iam_policy_document.tls.json',
            '}',
          ),
      },
      expect: [{ status: 'unknown', address: 'aws_s3_bucket.data', line: 2, message: ['statement.0', 'var.secure'] }],
    },
    {
      name: 'a bucket policy whose bucket is not known keeps an unprotected bucket unknown',
      files: { 'main.tf': 'variable "bucket" {}\n' + BUCKET + policy('var.bucket', ...DENY_HTTP) },
      expect: [{ status: 'unknown', address: 'aws_s3_bucket.data', line: 2, message: 'has a bucket that is not known statically' }],
    },
    {
      name: 'plan: the only policy allows HTTPS instead of denying HTTP',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_s3_bucket.data', values: { bucket: 'app-data' } },
          {
            address: 'aws_s3_bucket_policy.tls',
            values: {
              policy: JSON.stringify({
                Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-data/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }],
              }),
            },
            refs: { bucket: ['aws_s3_bucket.data.id', 'aws_s3_bucket.data'] },
          },
        ]),
        'main.tf': BUCKET,
      },
      expect: [{ status: 'fail', address: 'aws_s3_bucket.data', line: 1, message: 'has no Deny statement' }],
    },
  ],
});
