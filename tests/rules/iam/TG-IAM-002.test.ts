import { rule } from '../../../rules/iam/TG-IAM-002';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const heredoc = (resource: string, statements: string) =>
  `resource "${resource}" "p" {\n  name   = "p"\n  policy = <<EOF\n{\n  "Version": "2012-10-17",\n  "Statement": ${statements}\n}\nEOF\n}\n`;

/** A policy document granting s3:* on "*"; its `actions` are its 3rd line. */
const s3Document = (name: string) => `data "aws_iam_policy_document" "${name}" {\n  statement {\n    actions   = ["s3:*"]\n    resources = ["*"]\n  }\n}\n`;

/** A resource whose policy attribute is the json of a policy document. */
const usedBy = (type: string, name: string, attr: string, doc: string, extra = '') =>
  `resource "${type}" "${name}" {\n${extra}  ${attr} = data.aws_iam_policy_document.${doc}.json\n}\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'specific actions on "*", and a service wildcard on one resource',
      files: { 'main.tf': heredoc('aws_iam_policy', '[{"Effect": "Allow", "Action": ["ec2:Describe*", "s3:GetObject"], "Resource": "*"}, {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]') },
      expect: [{ status: 'pass', address: 'aws_iam_policy.p', line: 3, message: 'no Allow statement in policy grants a whole-service wildcard or a privilege-escalation action on Resource "*" without a narrowing condition (2 statements)' }],
    },
    {
      name: 'iam:PassRole (written in lower case) on a specific role',
      files: {
        'main.tf': 'resource "aws_iam_role_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:passrole", Resource = "arn:aws:iam::123456789012:role/task" }] })\n}\n',
      },
      expect: [{ status: 'pass', address: 'aws_iam_role_policy.p', line: 2 }],
    },
    {
      name: 'iam:PassRole on "*" narrowed by aws:PrincipalAccount from a variable, and by aws:SourceIp from a template',
      files: {
        'main.tf': [
          'variable "account" {}',
          'variable "cidr_prefix" {}',
          'resource "aws_iam_policy" "p" {',
          '  policy = jsonencode({ Statement = [',
          '    { Effect = "Allow", Action = "iam:PassRole", Resource = "*", Condition = { StringEquals = { "aws:PrincipalAccount" = [var.account] } } },',
          '    { Effect = "Allow", Action = "s3:*", Resource = "*", Condition = { IpAddress = { "aws:SourceIp" = "${var.cidr_prefix}.0.0/16" } } },',
          '  ] })',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'aws_iam_policy.p', line: 4 }],
    },
    {
      name: 'a Deny of iam:*, and an action that only contains "iam" in its service name',
      files: { 'main.tf': heredoc('aws_iam_group_policy', '[{"Effect": "Deny", "Action": "iam:*", "Resource": "*"}, {"Effect": "Allow", "Action": "xsiam:Get*", "Resource": "*"}]') },
      expect: [{ status: 'pass', address: 'aws_iam_group_policy.p', line: 3 }],
    },
    {
      name: 'sts:AssumeRole on "*" narrowed by aws:PrincipalOrgID',
      files: {
        'main.tf': [
          'data "aws_iam_policy_document" "d" {',
          '  statement {',
          '    actions   = ["sts:AssumeRole"]',
          '    resources = ["*"]',
          '    condition {',
          '      test     = "StringEquals"',
          '      variable = "aws:PrincipalOrgID"',
          '      values   = ["o-abc123"]',
          '    }',
          '  }',
          '}',
          'resource "aws_iam_policy" "p" {',
          '  policy = data.aws_iam_policy_document.d.json',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'data.aws_iam_policy_document.d', line: 1, message: '1 statement' }],
    },
    {
      name: 'a policy document used only as a KMS key policy (kms:* to the account) is left to TG-IAM-007',
      files: {
        'main.tf': [
          'data "aws_iam_policy_document" "key" {',
          '  statement {',
          '    actions   = ["kms:*"]',
          '    resources = ["*"]',
          '    principals {',
          '      type        = "AWS"',
          '      identifiers = ["arn:aws:iam::123456789012:root"]',
          '    }',
          '  }',
          '}',
          'resource "aws_kms_key" "k" {',
          '  policy = data.aws_iam_policy_document.key.json',
          '}',
          'resource "aws_iam_policy" "p" {',
          '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "kms:Decrypt", Resource = aws_kms_key.k.arn }] })',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'aws_iam_policy.p', line: 15 }],
    },
    {
      name: 'a policy document no identity policy uses is not judged: used by nobody, by a bucket policy, by an Elasticsearch domain policy',
      files: {
        'main.tf':
          s3Document('unused') +
          s3Document('bucket') +
          usedBy('aws_s3_bucket_policy', 'b', 'policy', 'bucket', '  bucket = "b"\n') +
          s3Document('search') +
          usedBy('aws_elasticsearch_domain_policy', 'search', 'access_policies', 'search', '  domain_name = "search"\n'),
      },
      expect: [],
    },
    {
      name: 'a heredoc policy with an interpolated bucket ARN: s3:* on that bucket',
      files: {
        'main.tf': 'resource "aws_s3_bucket" "b" {}\n' + heredoc('aws_iam_policy', '[{"Effect": "Allow", "Action": "s3:*", "Resource": ["${aws_s3_bucket.b.arn}", "${aws_s3_bucket.b.arn}/*"]}]'),
      },
      expect: [{ status: 'pass', address: 'aws_iam_policy.p', line: 4, message: '(1 statement)' }],
    },
    {
      name: 'plan: a specific policy',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_iam_policy.p', values: { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }] }) } },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_iam_policy.p' }],
    },
  ],
  invalid: [
    {
      name: 'whole-service wildcards, also without the colon ("s3*")',
      files: { 'main.tf': heredoc('aws_iam_policy', '[{"Effect": "Allow", "Action": ["ec2:Describe*", "iam:*", "s3*"], "Resource": "*"}]') },
      expect: [{ status: 'fail', address: 'aws_iam_policy.p', line: 3, message: 'Statement[0] allows "iam:*" (whole-service wildcard), "s3*" (whole-service wildcard) on Resource "*" without a narrowing condition' }],
    },
    {
      name: 'a privilege-escalation action written as a pattern, with a non-narrowing condition',
      files: {
        'main.tf': [
          'resource "aws_iam_user_policy" "u" {',
          '  policy = jsonencode({',
          '    Statement = [{',
          '      Effect    = "Allow"',
          '      Action    = ["iam:Attach*", "iam:GetRole"]',
          '      Resource  = "*"',
          '      Condition = { StringEquals = { "aws:RequestedRegion" = "eu-north-1" } }',
          '    }]',
          '  })',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'fail', address: 'aws_iam_user_policy.u', line: 5, message: 'Statement[0] allows "iam:Attach*" (privilege escalation: iam:AttachRolePolicy, iam:Attach*Policy) on Resource "*" (its Condition does not narrow' }],
    },
    {
      name: 'kics: iam:passrole in lower case on "*"',
      files: { 'main.tf': heredoc('aws_iam_role_policy', '[{"Effect": "Allow", "Action": ["iam:passrole"], "Resource": "*"}]') },
      expect: [{ status: 'fail', address: 'aws_iam_role_policy.p', line: 3, message: 'Statement[0] allows "iam:passrole" (privilege escalation) on Resource "*" without a narrowing condition' }],
    },
    {
      name: 'NotAction on "*" grants every service it does not list',
      files: { 'main.tf': heredoc('aws_iam_policy', '[{"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"}]') },
      expect: [{ status: 'fail', address: 'aws_iam_policy.p', line: 3, message: 'every action except NotAction "iam:*"' }],
    },
    {
      name: 'policy document with s3:* on "*": judged once, on the data source, at its actions',
      files: {
        'main.tf': [
          'resource "aws_iam_role_policy" "p" {',
          '  role   = "r"',
          '  policy = data.aws_iam_policy_document.d.json',
          '}',
          'data "aws_iam_policy_document" "d" {',
          '  statement {',
          '    actions   = ["s3:*"]',
          '    resources = ["*"]',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'fail', address: 'data.aws_iam_policy_document.d', line: 7, message: 'statement.0 allows "s3:*" (whole-service wildcard) on Resource "*"' }],
    },
    {
      name: 'a policy document a group policy and a bucket policy both use is judged once, on the document',
      files: {
        'main.tf': s3Document('both') + usedBy('aws_s3_bucket_policy', 'b', 'policy', 'both', '  bucket = "b"\n') + usedBy('aws_iam_group_policy', 'g', 'policy', 'both', '  group = "g"\n'),
      },
      expect: [{ status: 'fail', address: 'data.aws_iam_policy_document.both', line: 3, message: '"s3:*" (whole-service wildcard)' }],
    },
    {
      name: 'an inline role policy through a variable of a local module',
      files: {
        'main.tf': 'module "role" {\n  source  = "./role"\n  actions = ["sts:AssumeRole"]\n}\n',
        'role/main.tf': [
          'variable "actions" {}',
          'resource "aws_iam_role" "this" {',
          '  assume_role_policy = "{}"',
          '  inline_policy {',
          '    name   = "assume"',
          '    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'fail', address: 'module.role.aws_iam_role.this', line: 6, file: 'role/main.tf', message: '"sts:AssumeRole" (privilege escalation)' }],
    },
    {
      name: 'counted policies from tfvars: one result per instance',
      files: {
        'main.tf': 'variable "action" {}\nresource "aws_iam_group_policy" "g" {\n  count  = 2\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = var.action, Resource = "*" }] })\n}\n',
        'terraform.tfvars': 'action = "kms:*"\n',
      },
      expect: [
        { status: 'fail', address: 'aws_iam_group_policy.g[0]', line: 4, message: '"kms:*" (whole-service wildcard)' },
        { status: 'fail', address: 'aws_iam_group_policy.g[1]', line: 4 },
      ],
    },
    {
      name: 'unknown actions give unknown, never pass',
      files: { 'main.tf': 'variable "actions" {}\nresource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_iam_policy.p', line: 3, message: 'Cannot tell whether policy grants a whole service or a privilege-escalation action on all resources: Statement[0]: var.actions (no value given' }],
    },
    {
      name: 'a statement without Effect is invalid IAM: unknown',
      files: { 'main.tf': heredoc('aws_iam_policy', '[{"Action": "iam:PassRole", "Resource": "*"}]') },
      expect: [{ status: 'unknown', address: 'aws_iam_policy.p', line: 3, message: 'Statement[0] has no Effect (invalid IAM)' }],
    },
    {
      name: 'plan: iam:UpdateLoginProfile on "*"',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_iam_policy.escalation', values: { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'iam:UpdateLoginProfile', Resource: '*' }] }) } },
        ]),
      },
      expect: [{ status: 'fail', address: 'aws_iam_policy.escalation', message: '"iam:UpdateLoginProfile" (privilege escalation)' }],
    },
  ],
});
