import { rule } from '../../../rules/iam/TG-IAM-007';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

/** A resource with a heredoc `policy` holding the given statements. */
const heredoc = (resource: string, name: string, statements: string, extra = '') =>
  `resource "${resource}" "${name}" {\n${extra}  policy = <<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": ${statements}\n}\nEOF\n}\n`;

/** A policy document that lets everyone read a bucket's objects; its `principals` block is its 5th line. */
const publicDocument = (name: string) =>
  [
    `data "aws_iam_policy_document" "${name}" {`,
    '  statement {',
    '    actions   = ["s3:GetObject"]',
    '    resources = ["arn:aws:s3:::site/*"]',
    '    principals {',
    '      type        = "*"',
    '      identifiers = ["*"]',
    '    }',
    '  }',
    '}',
  ].join('\n') + '\n';

/** A resource whose policy attribute is the json of a policy document. */
const usedBy = (type: string, name: string, attr: string, doc: string, extra = '') =>
  `resource "${type}" "${name}" {\n${extra}  ${attr} = data.aws_iam_policy_document.${doc}.json\n}\n`;

const publicRead = '[{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"}]';

ruleTester(rule, {
  valid: [
    {
      name: 'a KMS key without policy gets the default key policy; a standalone key policy is judged on its own',
      files: {
        'main.tf': [
          'resource "aws_kms_key" "default" {}',
          'resource "aws_kms_key" "managed" {}',
          'resource "aws_kms_key_policy" "managed" {',
          '  key_id = aws_kms_key.managed.id',
          '  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::123456789012:root" }, Action = "kms:*", Resource = "*" }] })',
          '}',
          '',
        ].join('\n'),
      },
      expect: [
        { status: 'pass', address: 'aws_kms_key.default', line: 1, message: 'policy is not set: AWS applies the default key policy' },
        { status: 'pass', address: 'aws_kms_key_policy.managed', line: 5, message: 'no Allow statement in policy is open to everyone without a narrowing condition (1 statement)' },
      ],
    },
    {
      name: 'Principal "*" narrowed by aws:SourceVpce (condition keys are case-insensitive)',
      files: {
        'main.tf': heredoc(
          'aws_s3_bucket_policy',
          'p',
          '[{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:sourceVpce": "vpce-1a2b3c"}}}]',
          '  bucket = "b"\n',
        ),
      },
      expect: [{ status: 'pass', address: 'aws_s3_bucket_policy.p', line: 3 }],
    },
    {
      name: 'trust policies: a service principal, and an empty policy that allows no one',
      files: {
        'main.tf': [
          'resource "aws_iam_role" "ecs" {',
          '  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }] })',
          '}',
          'resource "aws_iam_role" "empty" {',
          '  assume_role_policy = ""',
          '}',
          '',
        ].join('\n'),
      },
      expect: [
        { status: 'pass', address: 'aws_iam_role.ecs', line: 2 },
        { status: 'pass', address: 'aws_iam_role.empty', line: 5, message: 'assume_role_policy is empty: it allows no one' },
      ],
    },
    {
      name: 'SNS topic inline policy: "*" in a principal list narrowed by aws:SourceAccount',
      files: {
        'main.tf': heredoc(
          'aws_sns_topic',
          't',
          '[{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:role/app", "*"]}, "Action": "sns:Publish", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}}]',
        ),
      },
      expect: [{ status: 'pass', address: 'aws_sns_topic.t', line: 2 }],
    },
    {
      name: 'a policy document used as a bucket policy: judged once, on the data source',
      files: {
        'main.tf': [
          'data "aws_iam_policy_document" "bucket" {',
          '  statement {',
          '    actions   = ["s3:GetObject"]',
          '    resources = ["arn:aws:s3:::b/*"]',
          '    principals {',
          '      type        = "*"',
          '      identifiers = ["*"]',
          '    }',
          '    condition {',
          '      test     = "StringEquals"',
          '      variable = "aws:PrincipalOrgID"',
          '      values   = ["o-abc123"]',
          '    }',
          '  }',
          '}',
          'resource "aws_s3_bucket_policy" "b" {',
          '  bucket = "b"',
          '  policy = data.aws_iam_policy_document.bucket.json',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'data.aws_iam_policy_document.bucket', line: 1, message: 'no Allow statement in the policy document is open to everyone' }],
    },
    {
      name: 'a policy document nothing uses, or that only a resource outside this rule uses (an Elasticsearch domain policy), is not judged',
      files: {
        'main.tf':
          publicDocument('unused') +
          publicDocument('search') +
          usedBy('aws_elasticsearch_domain_policy', 'search', 'access_policies', 'search', '  domain_name = "search"\n'),
      },
      expect: [],
    },
    {
      name: 'a policy document that only identity policies use is left to TG-IAM-001/002',
      files: { 'main.tf': publicDocument('identity') + usedBy('aws_iam_policy', 'p', 'policy', 'identity') + usedBy('aws_iam_role_policy', 'r', 'policy', 'identity', '  role = "r"\n') },
      expect: [],
    },
    {
      name: 'plan: a policy document that only an Elasticsearch domain policy uses is not judged',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'data.aws_iam_policy_document.search', values: { json: JSON.stringify({ Statement: JSON.parse(publicRead) }), statement: [{ effect: 'Allow', actions: ['es:*'], resources: ['*'], principals: [{ type: '*', identifiers: ['*'] }] }] } },
          { address: 'aws_elasticsearch_domain_policy.search', values: { domain_name: 'search', access_policies: JSON.stringify({ Statement: JSON.parse(publicRead) }) }, refs: { access_policies: ['data.aws_iam_policy_document.search.json', 'data.aws_iam_policy_document.search'] } },
        ]),
      },
      expect: [],
    },
    {
      name: 'jsonencode with an unknown account in a principal ARN of a concrete reference: not everyone',
      files: {
        'main.tf': [
          'data "aws_caller_identity" "current" {}',
          'resource "aws_sns_topic" "t" {',
          '  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }, Action = "sns:Publish", Resource = "*" }] })',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'aws_sns_topic.t', line: 3 }],
    },
    {
      name: 'narrowing conditions whose values are not known statically still narrow: jsonencode, a policy document, a heredoc',
      files: {
        'main.tf': [
          'variable "org_id" {}',
          'variable "source_account" {}',
          'resource "aws_s3_bucket_policy" "json" {',
          '  bucket = "b"',
          '  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*", Condition = { StringEquals = { "aws:PrincipalOrgID" = var.org_id } } }] })',
          '}',
          'data "aws_iam_policy_document" "queue" {',
          '  statement {',
          '    actions   = ["sqs:SendMessage"]',
          '    resources = ["*"]',
          '    principals {',
          '      type        = "AWS"',
          '      identifiers = ["*"]',
          '    }',
          '    condition {',
          '      test     = "ArnLike"',
          '      variable = "aws:SourceArn"',
          '      values   = [aws_sns_topic.t.arn, var.org_id]',
          '    }',
          '  }',
          '}',
          'resource "aws_sns_topic" "t" {}',
          'resource "aws_sqs_queue_policy" "q" {',
          '  queue_url = "https://sqs/q"',
          '  policy    = data.aws_iam_policy_document.queue.json',
          '}',
          'resource "aws_sns_topic_policy" "heredoc" {',
          '  arn    = aws_sns_topic.t.arn',
          '  policy = <<EOF',
          '{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sns:Publish", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceOwner": "${var.source_account}"}}}]}',
          'EOF',
          '}',
          '',
        ].join('\n'),
      },
      expect: [
        { status: 'pass', address: 'aws_s3_bucket_policy.json', line: 5 },
        { status: 'pass', address: 'data.aws_iam_policy_document.queue', line: 7 },
        { status: 'pass', address: 'aws_sns_topic_policy.heredoc', line: 29 },
      ],
    },
    {
      name: 'plan: an SQS queue policy for one role',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          {
            address: 'aws_sqs_queue_policy.q',
            values: { queue_url: 'https://sqs/q', policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Action: 'sqs:SendMessage', Resource: '*' }] }) },
          },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_sqs_queue_policy.q' }],
    },
  ],
  invalid: [
    {
      name: 'a role or a bucket policy without its policy is not valid Terraform: unknown, saying so',
      files: { 'main.tf': 'resource "aws_iam_role" "r" {\n  name = "r"\n}\nresource "aws_s3_bucket_policy" "b" {\n  bucket = "b"\n}\n' },
      expect: [
        { status: 'unknown', address: 'aws_iam_role.r', line: 1, message: 'assume_role_policy is required by the provider and is not set: the configuration is not valid Terraform' },
        { status: 'unknown', address: 'aws_s3_bucket_policy.b', line: 4, message: 'policy is required by the provider and is not set: the configuration is not valid Terraform' },
      ],
    },
    {
      name: 'a bucket policy open to everyone, located at the statement',
      files: {
        'main.tf': 'resource "aws_s3_bucket_policy" "site" {\n  bucket = "site"\n  policy = jsonencode({\n    Statement = [{\n      Effect    = "Allow"\n      Principal = "*"\n      Action    = "s3:GetObject"\n      Resource  = "arn:aws:s3:::site/*"\n    }]\n  })\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_s3_bucket_policy.site', line: 6, message: 'Open to everyone: Statement[0] allows Action "s3:GetObject" to Principal "*" (everyone) without a narrowing condition' }],
    },
    {
      name: 'v3 inline bucket policy and an SQS queue with "*" inside an AWS principal list',
      files: {
        'main.tf':
          heredoc('aws_s3_bucket', 'b', publicRead, '  bucket = "site"\n') +
          heredoc('aws_sqs_queue', 'q', '[{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:role/app", "*"]}, "Action": "sqs:SendMessage", "Resource": "*"}]'),
      },
      expect: [
        { status: 'fail', address: 'aws_s3_bucket.b', line: 3, message: 'Principal "*" (everyone)' },
        { status: 'fail', address: 'aws_sqs_queue.q', line: 11, message: 'Principal {"AWS": ["arn:aws:iam::123456789012:role/app", "*"]} (everyone)' },
      ],
    },
    {
      name: 'an SNS topic policy for a wildcard account; a NotPrincipal Allow; a negated condition',
      files: {
        'main.tf':
          heredoc('aws_sns_topic_policy', 'wild', '[{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::*:root"}, "Action": "sns:Publish", "Resource": "*"}]', '  arn = "arn:aws:sns:eu-north-1:1:t"\n') +
          heredoc('aws_sns_topic_policy', 'notp', '[{"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sns:Publish", "Resource": "*"}]', '  arn = "arn:aws:sns:eu-north-1:1:t"\n') +
          heredoc('aws_sns_topic_policy', 'negated', '[{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sns:Publish", "Resource": "*", "Condition": {"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::1:user/x"}}}]', '  arn = "arn:aws:sns:eu-north-1:1:t"\n'),
      },
      expect: [
        { status: 'fail', address: 'aws_sns_topic_policy.wild', line: 3, message: 'Principal {"AWS": "arn:aws:iam::*:root"} (everyone)' },
        { status: 'fail', address: 'aws_sns_topic_policy.notp', line: 12, message: 'to everyone except NotPrincipal {"AWS": "arn:aws:iam::123456789012:root"}' },
        { status: 'fail', address: 'aws_sns_topic_policy.negated', line: 21, message: '(its Condition does not narrow it: no positive operator on a narrowing key)' },
      ],
    },
    {
      name: 'a trust policy document for everyone: reported on the data source, not again on the role',
      files: {
        'main.tf': [
          'data "aws_iam_policy_document" "trust" {',
          '  statement {',
          '    actions = ["sts:AssumeRole"]',
          '    principals {',
          '      type        = "AWS"',
          '      identifiers = ["*"]',
          '    }',
          '  }',
          '}',
          'resource "aws_iam_role" "r" {',
          '  assume_role_policy = data.aws_iam_policy_document.trust.json',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'fail', address: 'data.aws_iam_policy_document.trust', line: 4, message: 'statement.0 allows Action "sts:AssumeRole" to Principal {"AWS": "*"} (everyone)' }],
    },
    {
      name: 'a policy document passed to a module is judged when a bucket policy there uses it, not when the module only passes it on',
      files: {
        'main.tf': [
          'data "aws_iam_policy_document" "public" {',
          '  statement {',
          '    actions   = ["s3:GetObject"]',
          '    resources = ["*"]',
          '    principals {',
          '      type        = "*"',
          '      identifiers = ["*"]',
          '    }',
          '  }',
          '}',
          'module "bucket" {',
          '  source = "./bucket"',
          '  policy = data.aws_iam_policy_document.public.json',
          '}',
          'data "aws_iam_policy_document" "identity" {',
          '  statement {',
          '    actions   = ["s3:GetObject"]',
          '    resources = ["*"]',
          '    principals {',
          '      type        = "AWS"',
          '      identifiers = ["*"]',
          '    }',
          '  }',
          '}',
          'resource "aws_iam_role_policy" "p" {',
          '  role   = "r"',
          '  policy = data.aws_iam_policy_document.identity.json',
          '}',
          '',
        ].join('\n'),
        'bucket/main.tf': 'variable "policy" {}\nresource "aws_s3_bucket_policy" "this" {\n  bucket = "site"\n  policy = var.policy\n}\n',
        'outputs.tf': `${publicDocument('passed_on')}module "echo" {\n  source = "./echo"\n  policy = data.aws_iam_policy_document.passed_on.json\n}\n`,
        'echo/main.tf': 'variable "policy" {}\noutput "policy" {\n  value = var.policy\n}\n',
      },
      expect: [{ status: 'fail', address: 'data.aws_iam_policy_document.public', line: 5, message: 'Principal "*" (everyone)' }],
    },
    {
      name: 'a policy document an S3 bucket policy uses is judged once, on the document\'s lines; also when an identity policy uses it too',
      files: {
        'main.tf':
          publicDocument('site') +
          usedBy('aws_s3_bucket_policy', 'site', 'policy', 'site', '  bucket = "site"\n') +
          publicDocument('both') +
          usedBy('aws_s3_bucket_policy', 'both', 'policy', 'both', '  bucket = "both"\n') +
          usedBy('aws_iam_policy', 'both', 'policy', 'both'),
      },
      expect: [
        { status: 'fail', address: 'data.aws_iam_policy_document.site', line: 5, message: 'statement.0 allows Action "s3:GetObject" to Principal "*" (everyone)' },
        { status: 'fail', address: 'data.aws_iam_policy_document.both', line: 19, message: 'Principal "*" (everyone)' },
      ],
    },
    {
      name: 'a policy document a queue policy of a local module uses, passed through a local and a module input',
      files: {
        'main.tf': publicDocument('queue') + 'locals {\n  queue_policy = data.aws_iam_policy_document.queue.json\n}\nmodule "queue" {\n  source = "./queue"\n  policy = local.queue_policy\n}\n',
        'queue/main.tf': 'variable "policy" {}\nresource "aws_sqs_queue_policy" "this" {\n  queue_url = "https://sqs/q"\n  policy    = var.policy\n}\n',
      },
      expect: [{ status: 'fail', address: 'data.aws_iam_policy_document.queue', line: 5, file: 'main.tf', message: 'Principal "*" (everyone)' }],
    },
    {
      name: 'plan: a policy document a bucket policy uses, linked through configuration references',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          {
            address: 'data.aws_iam_policy_document.site',
            values: { json: JSON.stringify({ Statement: JSON.parse(publicRead) }), statement: [{ effect: 'Allow', actions: ['s3:GetObject'], resources: ['arn:aws:s3:::site/*'], principals: [{ type: '*', identifiers: ['*'] }] }] },
          },
          { address: 'aws_s3_bucket_policy.site', values: { bucket: 'site', policy: JSON.stringify({ Statement: JSON.parse(publicRead) }) }, refs: { policy: ['data.aws_iam_policy_document.site.json', 'data.aws_iam_policy_document.site'] } },
        ]),
      },
      expect: [{ status: 'fail', address: 'data.aws_iam_policy_document.site', message: 'Principal "*" (everyone)' }],
    },
    {
      name: 'a heredoc policy with interpolated ARNs is read around them (also on the unknown queue it names)',
      files: {
        'main.tf': [
          'resource "aws_sqs_queue" "q" {}',
          'resource "aws_sqs_queue_policy" "q" {',
          '  queue_url = aws_sqs_queue.q.id',
          '  policy    = <<POLICY',
          '{',
          '  "Statement": [{',
          '    "Effect": "Allow",',
          '    "Principal": {"AWS": "*"},',
          '    "Action": "sqs:SendMessage",',
          '    "Resource": "${aws_sqs_queue.q.arn}"',
          '  }]',
          '}',
          'POLICY',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'fail', address: 'aws_sqs_queue_policy.q', line: 4, message: 'Statement[0] allows Action "sqs:SendMessage" to Principal {"AWS": "*"} (everyone)' }],
    },
    {
      name: 'a KMS key policy with "*" in a bare principal list',
      files: { 'main.tf': heredoc('aws_kms_key', 'k', '[{"Effect": "Allow", "Principal": ["foo", "*"], "Action": "kms:*", "Resource": "*"}]') },
      expect: [{ status: 'fail', address: 'aws_kms_key.k', line: 2, message: 'Principal {"AWS": ["foo", "*"]} (everyone)' }],
    },
    {
      name: 'a queue policy through a variable of a local module',
      files: {
        'main.tf': 'module "queue" {\n  source    = "./queue"\n  principal = "*"\n}\n',
        'queue/main.tf': [
          'variable "principal" {}',
          'resource "aws_sqs_queue_policy" "this" {',
          '  queue_url = "https://sqs/q"',
          '  policy    = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = var.principal }, Action = "sqs:*", Resource = "*" }] })',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'fail', address: 'module.queue.aws_sqs_queue_policy.this', line: 4, file: 'queue/main.tf', message: 'Principal {"AWS": "*"} (everyone)' }],
    },
    {
      name: 'counted queues with a principal from tfvars: one result per queue',
      files: {
        'main.tf': 'variable "who" {}\nresource "aws_sqs_queue" "q" {\n  count  = 2\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = var.who, Action = "sqs:SendMessage", Resource = "*" }] })\n}\n',
        'terraform.tfvars': 'who = "*"\n',
      },
      expect: [
        { status: 'fail', address: 'aws_sqs_queue.q[0]', line: 4, message: 'Principal "*" (everyone)' },
        { status: 'fail', address: 'aws_sqs_queue.q[1]', line: 4 },
      ],
    },
    {
      name: 'unknown principal, a statement without Effect, invalid JSON: unknown, never pass',
      files: {
        'main.tf':
          'variable "who" {}\nresource "aws_sqs_queue_policy" "u" {\n  queue_url = "q"\n  policy    = jsonencode({ Statement = [{ Effect = "Allow", Principal = var.who, Action = "sqs:*", Resource = "*" }] })\n}\n' +
          heredoc('aws_sqs_queue_policy', 'noeffect', '[{"Principal": "*", "Action": "sqs:*", "Resource": "*"}]', '  queue_url = "q"\n') +
          'resource "aws_sns_topic_policy" "bad" {\n  arn    = "t"\n  policy = "{\\"Statement\\": [}"\n}\n',
      },
      expect: [
        { status: 'unknown', address: 'aws_sqs_queue_policy.u', line: 4, message: 'Cannot tell whether policy allows everyone: Statement[0]: var.who (no value given' },
        { status: 'unknown', address: 'aws_sqs_queue_policy.noeffect', line: 8, message: 'Statement[0] has no Effect (invalid IAM)' },
        { status: 'unknown', address: 'aws_sns_topic_policy.bad', line: 17, message: 'policy cannot be read: the policy is not valid JSON' },
      ],
    },
    {
      name: 'plan: a public bucket policy, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_s3_bucket_policy.p', values: { bucket: 'site', policy: JSON.stringify({ Version: '2012-10-17', Statement: JSON.parse(publicRead) }) } }]),
        'main.tf': heredoc('aws_s3_bucket_policy', 'p', publicRead, '  bucket = "site"\n'),
      },
      expect: [{ status: 'fail', address: 'aws_s3_bucket_policy.p', line: 3, message: 'Principal "*" (everyone)' }],
    },
  ],
});
