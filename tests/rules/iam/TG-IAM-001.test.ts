import { rule } from '../../../rules/iam/TG-IAM-001';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const heredoc = (resource: string, statements: string) =>
  `resource "${resource}" "p" {\n  name   = "p"\n  policy = <<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": ${statements}\n}\nEOF\n}\n`;

/** A policy document granting "*" on "*"; its `actions` are its 3rd line. */
const adminDocument = (name: string) => `data "aws_iam_policy_document" "${name}" {\n  statement {\n    actions   = ["*"]\n    resources = ["*"]\n  }\n}\n`;

/** A resource whose policy attribute is the json of a policy document. */
const usedBy = (type: string, name: string, attr: string, doc: string, extra = '') =>
  `resource "${type}" "${name}" {\n${extra}  ${attr} = data.aws_iam_policy_document.${doc}.json\n}\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'plan: a scoped policy',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_iam_policy.p', values: { policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }) } }]) },
      expect: [{ status: 'pass', address: 'aws_iam_policy.p' }],
    },
    {
      name: 'JSON string literal with specific actions',
      files: {
        'main.tf': 'resource "aws_iam_policy" "p" {\n  policy = "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"s3:GetObject\\",\\"Resource\\":\\"*\\"}]}"\n}\n',
      },
      expect: [{ status: 'pass', address: 'aws_iam_policy.p', line: 2, message: 'no Allow statement in policy grants all actions on all resources (1 statement)' }],
    },
    {
      name: 'heredoc with "*" actions on one resource only',
      files: { 'main.tf': heredoc('aws_iam_user_policy', '[{"Effect": "Allow", "Action": ["*"], "Resource": "arn:aws:s3:::bucket"}]') },
      expect: [{ status: 'pass', address: 'aws_iam_user_policy.p', line: 3 }],
    },
    {
      name: 'jsonencode with service actions',
      files: {
        'main.tf': 'resource "aws_iam_group_policy" "p" {\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = ["ec2:Describe*", "s3:*"], Resource = "*" }]\n  })\n}\n',
      },
      expect: [{ status: 'pass', address: 'aws_iam_group_policy.p', line: 2 }],
    },
    {
      name: 'Deny statements are ignored',
      files: { 'main.tf': heredoc('aws_iam_policy', '[{"Effect": "Deny", "Action": "*", "Resource": "*"}, {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]') },
      expect: [{ status: 'pass', address: 'aws_iam_policy.p', line: 3, message: '2 statements' }],
    },
    {
      name: 'NotAction on specific resources',
      files: { 'main.tf': heredoc('aws_iam_policy', '[{"Effect": "Allow", "NotAction": "iam:*", "Resource": "arn:aws:s3:::bucket/*"}]') },
      expect: [{ status: 'pass', address: 'aws_iam_policy.p', line: 3 }],
    },
    {
      name: 'policy document: judged on the data source, not again on the policy using its json',
      files: {
        'main.tf': [
          'data "aws_iam_policy_document" "d" {',
          '  statement {',
          '    actions   = ["*"]',
          '    resources = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"]',
          '  }',
          '}',
          'resource "aws_s3_bucket" "b" {}',
          'resource "aws_iam_policy" "p" {',
          '  policy = data.aws_iam_policy_document.d.json',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'data.aws_iam_policy_document.d', line: 1, message: '1 statement' }],
    },
    {
      name: 'a policy document no identity policy uses is not judged: used by nobody, by a bucket policy, by an Elasticsearch domain policy',
      files: {
        'main.tf':
          adminDocument('unused') +
          adminDocument('bucket') +
          usedBy('aws_s3_bucket_policy', 'b', 'policy', 'bucket', '  bucket = "b"\n') +
          adminDocument('search') +
          usedBy('aws_elasticsearch_domain_policy', 'search', 'access_policies', 'search', '  domain_name = "search"\n'),
      },
      expect: [],
    },
    {
      name: 'override_policy_documents replaces an admin statement by Sid',
      files: {
        'main.tf': [
          'data "aws_iam_policy_document" "d" {',
          '  statement {',
          '    sid       = "Admin"',
          '    actions   = ["*"]',
          '    resources = ["*"]',
          '  }',
          '  override_policy_documents = [jsonencode({',
          '    Statement = [{ Sid = "Admin", Effect = "Allow", Action = "s3:GetObject", Resource = "*" }]',
          '  })]',
          '}',
          'resource "aws_iam_policy" "p" {',
          '  policy = data.aws_iam_policy_document.d.json',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'data.aws_iam_policy_document.d', line: 1 }],
    },
    {
      name: 'a role without inline policies (or with an empty one) is out of scope; one with a narrow inline policy passes',
      files: {
        'main.tf': [
          'resource "aws_iam_role" "plain" {',
          '  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*", Principal = { Service = "ec2.amazonaws.com" } }] })',
          '}',
          'resource "aws_iam_role" "emptied" {',
          '  assume_role_policy = "{}"',
          '  inline_policy {',
          '    name   = ""',
          '    policy = ""',
          '  }',
          '}',
          'resource "aws_iam_role" "inline" {',
          '  assume_role_policy = "{}"',
          '  inline_policy {',
          '    name   = "read"',
          '    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'aws_iam_role.inline', line: 15 }],
    },
  ],
  invalid: [
    {
      name: 'an identity policy without policy is not valid Terraform: unknown, saying so',
      files: { 'main.tf': 'resource "aws_iam_role_policy" "p" {\n  role = "r"\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_iam_role_policy.p', line: 1, message: 'policy is required by the provider and is not set: the configuration is not valid Terraform' }],
    },
    {
      name: 'plan: "*" on "*" in a module instance',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'module.iam[0].aws_iam_role_policy.admin', values: { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) } }]) },
      expect: [{ status: 'fail', address: 'module.iam[0].aws_iam_role_policy.admin', message: 'Action "*" on Resource "*"' }],
    },
    {
      name: 'JSON string literal granting * on *',
      files: {
        'main.tf': 'resource "aws_iam_policy" "p" {\n  name   = "admin"\n  policy = "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}"\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_iam_policy.p', line: 3, message: 'Full administrative access: Statement[0] allows Action "*" on Resource "*"' }],
    },
    {
      name: 'heredoc: the failing statement is named by Sid',
      files: { 'main.tf': heredoc('aws_iam_role_policy', '[{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}, {"Sid": "Admin", "Effect": "Allow", "Action": ["s3:GetObject", "*:*"], "Resource": ["arn:aws:s3:::b", "*"]}]') },
      expect: [{ status: 'fail', address: 'aws_iam_role_policy.p', line: 3, message: 'Statement[1] (Sid "Admin") allows Action "*:*" on Resource "*"' }],
    },
    {
      name: 'jsonencode with Statement as an object and Action as a string',
      files: {
        'main.tf': 'resource "aws_iam_group_policy" "g" {\n  policy = jsonencode({\n    Statement = { Effect = "Allow", Action = "*", Resource = "*" }\n  })\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_iam_group_policy.g', line: 3, message: 'Statement allows Action "*" on Resource "*"' }],
    },
    {
      name: 'lower-case element names are read too',
      files: { 'main.tf': heredoc('aws_iam_policy', '[{"effect": "allow", "action": "*", "resource": "*"}]') },
      expect: [{ status: 'fail', address: 'aws_iam_policy.p', line: 3 }],
    },
    {
      name: 'NotAction with Resource "*"',
      files: { 'main.tf': heredoc('aws_iam_user_policy', '[{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}]') },
      expect: [{ status: 'fail', address: 'aws_iam_user_policy.p', line: 3, message: 'Statement[0] allows every action except NotAction ["iam:*", "organizations:*"] on Resource "*"' }],
    },
    {
      name: 'policy document statement, located at its actions',
      files: {
        'main.tf': [
          'data "aws_iam_policy_document" "d" {',
          '  statement {',
          '    actions   = ["s3:GetObject"]',
          '    resources = ["*"]',
          '  }',
          '  statement {',
          '    sid       = "All"',
          '    actions   = ["*"]',
          '    resources = ["*"]',
          '  }',
          '}',
          'resource "aws_iam_policy" "p" {',
          '  policy = data.aws_iam_policy_document.d.json',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'fail', address: 'data.aws_iam_policy_document.d', line: 8, message: 'statement.1 (Sid "All") allows Action "*" on Resource "*"' }],
    },
    {
      name: 'a policy document an identity policy uses is judged once, on the document; also when a bucket policy uses it too',
      files: {
        'main.tf':
          adminDocument('admin') +
          usedBy('aws_iam_role', 'r', 'policy', 'admin', '  assume_role_policy = "{}"\n  inline_policy {\n    name = "admin"\n').replace('json\n}\n', 'json\n  }\n}\n') +
          adminDocument('both') +
          usedBy('aws_s3_bucket_policy', 'b', 'policy', 'both', '  bucket = "b"\n') +
          usedBy('aws_iam_user_policy', 'u', 'policy', 'both', '  user = "u"\n'),
      },
      expect: [
        { status: 'fail', address: 'data.aws_iam_policy_document.admin', line: 3, message: 'statement.0 allows Action "*" on Resource "*"' },
        { status: 'fail', address: 'data.aws_iam_policy_document.both', line: 16 },
      ],
    },
    {
      name: 'a policy document an identity policy of a local module uses, passed through a local and a module input',
      files: {
        'main.tf': adminDocument('admin') + 'locals {\n  admin = data.aws_iam_policy_document.admin.json\n}\nmodule "iam" {\n  source = "./iam"\n  policy = local.admin\n}\n',
        'iam/main.tf': 'variable "policy" {}\nresource "aws_iam_policy" "this" {\n  policy = var.policy\n}\n',
      },
      expect: [{ status: 'fail', address: 'data.aws_iam_policy_document.admin', line: 3, file: 'main.tf' }],
    },
    {
      name: 'plan: documents linked through configuration references: judged when an identity policy uses it, not when only a bucket policy does',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'data.aws_iam_policy_document.admin', values: { json: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', statement: [{ effect: 'Allow', actions: ['*'], resources: ['*'] }] } },
          { address: 'aws_iam_policy.admin', values: { policy: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' }, refs: { policy: ['data.aws_iam_policy_document.admin.json', 'data.aws_iam_policy_document.admin'] } },
          { address: 'data.aws_iam_policy_document.bucket', values: { json: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', statement: [{ effect: 'Allow', actions: ['*'], resources: ['*'] }] } },
          { address: 'aws_s3_bucket_policy.b', values: { bucket: 'b', policy: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' }, refs: { policy: ['data.aws_iam_policy_document.bucket.json', 'data.aws_iam_policy_document.bucket'] } },
        ]),
      },
      expect: [{ status: 'fail', address: 'data.aws_iam_policy_document.admin', message: 'allows Action "*" on Resource "*"' }],
    },
    {
      name: 'source_policy_documents merged first (from another policy document, judged as its includer is used)',
      files: {
        'main.tf': [
          'data "aws_iam_policy_document" "base" {',
          '  statement {',
          '    actions   = ["s3:GetObject"]',
          '    resources = ["*"]',
          '  }',
          '}',
          'data "aws_iam_policy_document" "d" {',
          '  source_policy_documents = [',
          '    data.aws_iam_policy_document.base.json,',
          '    jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] }),',
          '  ]',
          '  statement {',
          '    actions   = ["s3:PutObject"]',
          '    resources = ["*"]',
          '  }',
          '}',
          'resource "aws_iam_policy" "p" {',
          '  policy = data.aws_iam_policy_document.d.json',
          '}',
          '',
        ].join('\n'),
      },
      expect: [
        { status: 'pass', address: 'data.aws_iam_policy_document.base', line: 1 },
        { status: 'fail', address: 'data.aws_iam_policy_document.d', line: 10, message: 'source_policy_documents[1] Statement[0] allows Action "*" on Resource "*"' },
      ],
    },
    {
      name: 'override_policy_documents add an admin statement',
      files: {
        'main.tf': [
          'data "aws_iam_policy_document" "d" {',
          '  statement {',
          '    sid       = "Read"',
          '    actions   = ["s3:GetObject"]',
          '    resources = ["*"]',
          '  }',
          '  override_policy_documents = [<<EOF',
          '{"Statement": [{"Sid": "Read", "Effect": "Allow", "Action": "*", "Resource": "*"}]}',
          'EOF',
          '  ]',
          '}',
          'resource "aws_iam_policy" "p" {',
          '  policy = data.aws_iam_policy_document.d.json',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'fail', address: 'data.aws_iam_policy_document.d', line: 7, message: 'override_policy_documents[0] Statement[0] (Sid "Read") allows Action "*"' }],
    },
    {
      name: 'an unknown part inside a JSON policy gives unknown (an unknown ARN around s3:* does not)',
      files: {
        'main.tf':
          'variable "bucket" {}\nvariable "action" {}\n' +
          heredoc('aws_iam_policy', '[{"Effect": "Allow", "Action": "${var.action}", "Resource": "*"}]') +
          heredoc('aws_iam_user_policy', '[{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::${var.bucket}"}]'),
      },
      expect: [
        { status: 'unknown', address: 'aws_iam_policy.p', line: 5, message: 'Cannot tell whether policy grants all actions on all resources: Statement[0]: var.action' },
        { status: 'pass', address: 'aws_iam_user_policy.p', line: 14, message: '(1 statement)' },
      ],
    },
    {
      name: 'unknown actions in a policy document give unknown',
      files: {
        'main.tf': 'variable "actions" {}\ndata "aws_iam_policy_document" "d" {\n  statement {\n    actions   = var.actions\n    resources = ["*"]\n  }\n}\n' + usedBy('aws_iam_policy', 'p', 'policy', 'd'),
      },
      expect: [{ status: 'unknown', address: 'data.aws_iam_policy_document.d', line: 3, message: ['statement.0', 'var.actions'] }],
    },
    {
      name: 'unknown source document gives unknown, but a known admin statement still fails',
      files: {
        'main.tf': [
          'variable "base" {}',
          'data "aws_iam_policy_document" "u" {',
          '  source_policy_documents = [var.base]',
          '  statement {',
          '    actions   = ["s3:GetObject"]',
          '    resources = ["*"]',
          '  }',
          '}',
          'data "aws_iam_policy_document" "f" {',
          '  source_policy_documents = [var.base]',
          '  statement {',
          '    actions   = ["*"]',
          '    resources = ["*"]',
          '  }',
          '}',
          '',
        ].join('\n') + usedBy('aws_iam_policy', 'u', 'policy', 'u') + usedBy('aws_iam_policy', 'f', 'policy', 'f'),
      },
      expect: [
        { status: 'unknown', address: 'data.aws_iam_policy_document.u', line: 3, message: 'source_policy_documents[0] is not known: var.base' },
        { status: 'fail', address: 'data.aws_iam_policy_document.f', line: 12 },
      ],
    },
    {
      name: 'a statement without Effect is invalid IAM: unknown',
      files: { 'main.tf': heredoc('aws_iam_policy', '[{"Action": "*", "Resource": "*"}]') },
      expect: [{ status: 'unknown', address: 'aws_iam_policy.p', line: 3, message: 'Statement[0] has no Effect (invalid IAM)' }],
    },
    {
      name: 'a policy passed through a variable of a local module',
      files: {
        'main.tf': 'module "iam" {\n  source = "./iam"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n',
        'iam/main.tf': 'variable "policy" {}\nresource "aws_iam_policy" "this" {\n  policy = var.policy\n}\n',
      },
      expect: [{ status: 'fail', address: 'module.iam.aws_iam_policy.this', line: 3, file: 'iam/main.tf', message: 'Statement[0] allows Action "*"' }],
    },
    {
      name: 'a counted policy gives one result per instance',
      files: {
        'main.tf': 'resource "aws_iam_user_policy" "u" {\n  count  = 2\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n',
      },
      expect: [
        { status: 'fail', address: 'aws_iam_user_policy.u[0]', line: 3 },
        { status: 'fail', address: 'aws_iam_user_policy.u[1]', line: 3 },
      ],
    },
    {
      name: 'a role inline policy',
      files: {
        'main.tf': [
          'resource "aws_iam_role" "r" {',
          '  assume_role_policy = "{}"',
          '  inline_policy {',
          '    name   = "ok"',
          '    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })',
          '  }',
          '  inline_policy {',
          '    name   = "admin"',
          '    policy = jsonencode({ Statement = [{ Effect = "Allow", NotAction = "iam:*", NotResource = "arn:aws:iam::*:*" }] })',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'fail', address: 'aws_iam_role.r', line: 9, message: 'every action except NotAction "iam:*" on every resource except NotResource "arn:aws:iam::*:*"' }],
    },
    {
      name: 'a policy document whose count is not known: judged once, on the data source',
      files: {
        'main.tf': [
          'variable "create" {}',
          'data "aws_iam_policy_document" "d" {',
          '  count = var.create ? 1 : 0',
          '  statement {',
          '    actions   = ["*"]',
          '    resources = ["*"]',
          '  }',
          '}',
          'resource "aws_iam_policy" "p" {',
          '  count  = var.create ? 1 : 0',
          '  policy = data.aws_iam_policy_document.d[0].json',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'fail', address: 'data.aws_iam_policy_document.d', line: 5, message: 'statement.0 allows Action "*" on Resource "*"' }],
    },
    {
      name: 'an empty policy string: unknown',
      files: { 'main.tf': 'resource "aws_iam_policy" "p" {\n  policy = ""\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_iam_policy.p', line: 2, message: 'policy cannot be read: the policy is an empty string' }],
    },
    {
      name: 'policy not valid JSON: unknown',
      files: { 'main.tf': 'resource "aws_iam_policy" "p" {\n  policy = "{not json"\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_iam_policy.p', line: 2, message: 'policy cannot be read: the policy is not valid JSON' }],
    },
  ],
});
