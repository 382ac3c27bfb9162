import { rule } from '../../../rules/iam/TG-IAM-005';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** A role whose trust policy lets the account's IAM principals assume it, with an optional Condition (HCL object). */
const role = (name: string, condition = '') =>
  [
    `resource "aws_iam_role" "${name}" {`,
    `  name = "${name}"`,
    '  assume_role_policy = jsonencode({',
    '    Version = "2012-10-17"',
    `    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::123456789012:root" }${condition ? `, Condition = ${condition}` : ''} }]`,
    '  })',
    '}',
  ].join('\n');

const attach = (name: string, roleName: string, arn = ADMIN) =>
  [`resource "aws_iam_role_policy_attachment" "${name}" {`, `  role       = aws_iam_role.${roleName}.name`, `  policy_arn = "${arn}"`, '}'].join('\n');

const MFA_GUARD = [
  '{',
  '  "Version": "2012-10-17",',
  '  "Statement": [',
  '    { "Effect": "Allow", "Action": "*", "Resource": "*" },',
  '    {',
  '      "Sid": "DenyWithoutMFA",',
  '      "Effect": "Deny",',
  '      "NotAction": ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "sts:GetSessionToken"],',
  '      "Resource": "*",',
  '      "Condition": { "BoolIfExists": { "aws:MultiFactorAuthPresent": "false" } }',
  '    }',
  '  ]',
  '}',
].join('\n');

ruleTester(rule, {
  valid: [
    {
      name: 'AdministratorAccess role whose trust policy requires MFA (Bool aws:MultiFactorAuthPresent = true)',
      files: { 'main.tf': `${role('admin', '{ Bool = { "aws:MultiFactorAuthPresent" = "true" } }')}\n${attach('a', 'admin')}\n` },
      expect: [
        {
          status: 'pass',
          address: 'aws_iam_role.admin',
          line: 3,
          message: 'grants administrative access (aws_iam_role_policy_attachment.a (policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess") attaches the AWS managed policy AdministratorAccess), and every trust statement that lets IAM principals assume it requires MFA (Statement[0])',
        },
      ],
    },
    {
      name: 'managed_policy_arns with AdministratorAccess, trust narrowed by aws:MultiFactorAuthAge',
      files: {
        'main.tf': [
          'resource "aws_iam_role" "admin" {',
          `  managed_policy_arns = ["${ADMIN}"]`,
          '  assume_role_policy = <<EOF',
          '{"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "*"},',
          ' "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}, "StringEquals": {"aws:PrincipalOrgID": "o-1"}}}}',
          'EOF',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'aws_iam_role.admin', line: 3, message: 'managed_policy_arns' }],
    },
    {
      name: 'out of scope: an admin role only a service assumes, a non-admin role, a role linked only by a name literal',
      files: {
        'main.tf': [
          'resource "aws_iam_role" "service" {',
          '  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] })',
          '}',
          attach('service', 'service'),
          role('reader'),
          attach('reader', 'reader', 'arn:aws:iam::aws:policy/ReadOnlyAccess'),
          role('named'),
          'resource "aws_iam_role_policy_attachment" "by_name" {',
          '  role       = "named"',
          `  policy_arn = "${ADMIN}"`,
          '}',
          role('guarded', '{ Bool = { "aws:MultiFactorAuthPresent" = true } }'),
          attach('guarded', 'guarded'),
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'aws_iam_role.guarded', line: 32 }],
    },
    {
      name: 'admin group with an MFA-deny guard statement',
      files: {
        'main.tf': `resource "aws_iam_group" "admins" {\n  name = "admins"\n}\nresource "aws_iam_group_policy" "admin" {\n  group  = aws_iam_group.admins.name\n  policy = <<EOF\n${MFA_GUARD}\nEOF\n}\n`,
      },
      expect: [{ status: 'pass', address: 'aws_iam_group.admins', line: 1, message: 'and denies it without MFA (aws_iam_group_policy.admin: Statement[1] (Sid "DenyWithoutMFA"))' }],
    },
    {
      name: 'groups that are not administrative: an MFA-conditioned iam:*, and a policy document whose override replaces iam:*',
      files: {
        'main.tf': [
          'resource "aws_iam_group" "support" {',
          '  name = "support"',
          '}',
          'resource "aws_iam_group_policy" "mfa" {',
          '  group  = aws_iam_group.support.name',
          '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*", Condition = { Bool = { "aws:MultiFactorAuthPresent" = ["true"] } } }] })',
          '}',
          'resource "aws_iam_group" "ops" {',
          '  name = "ops"',
          '}',
          'resource "aws_iam_group_policy" "ops" {',
          '  group  = aws_iam_group.ops.name',
          '  policy = data.aws_iam_policy_document.combined.json',
          '}',
          'data "aws_iam_policy_document" "source" {',
          '  statement {',
          '    sid       = "main"',
          '    actions   = ["iam:*"]',
          '    resources = ["*"]',
          '  }',
          '}',
          'data "aws_iam_policy_document" "combined" {',
          '  source_policy_documents   = [data.aws_iam_policy_document.source.json]',
          '  override_policy_documents = [jsonencode({ Statement = [{ Sid = "main", Effect = "Allow", Action = "s3:*", Resource = "*" }] })]',
          '}',
          role('guarded', '{ Bool = { "aws:MultiFactorAuthPresent" = "true" } }'),
          attach('guarded', 'guarded'),
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'aws_iam_role.guarded', line: 28 }],
    },
    {
      name: 'plan: admin role attached through references, trust with MFA',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          {
            address: 'aws_iam_role.admin',
            values: {
              assume_role_policy: JSON.stringify({
                Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }],
              }),
            },
            unknown: ['name'],
          },
          { address: 'aws_iam_role_policy_attachment.a', values: { policy_arn: ADMIN }, refs: { role: ['aws_iam_role.admin.name', 'aws_iam_role.admin'] } },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_iam_role.admin', message: 'AdministratorAccess' }],
    },
  ],
  invalid: [
    {
      name: 'an admin role without assume_role_policy is not valid Terraform: unknown, saying so',
      files: { 'main.tf': ['resource "aws_iam_role" "admin" {', '  name = "admin"', '}', attach('a', 'admin')].join('\n') + '\n' },
      expect: [{ status: 'unknown', address: 'aws_iam_role.admin', message: 'assume_role_policy is required by the provider and is not set: the configuration is not valid Terraform' }],
    },
    {
      name: 'AdministratorAccess role that the account can assume without MFA',
      files: { 'main.tf': `${role('admin')}\n${attach('a', 'admin')}\n` },
      expect: [
        {
          status: 'fail',
          address: 'aws_iam_role.admin',
          line: 5,
          message: 'Administrative role assumable without MFA: it grants administrative access (aws_iam_role_policy_attachment.a (policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess") attaches the AWS managed policy AdministratorAccess); Statement[0] lets Principal {"AWS": "arn:aws:iam::123456789012:root"} assume it without an aws:MultiFactorAuthPresent = true (Bool) or aws:MultiFactorAuthAge condition',
        },
      ],
    },
    {
      name: '"*" through an aws_iam_role_policy from a policy document; BoolIfExists in the trust does not require MFA',
      files: {
        'main.tf': [
          role('ops', '{ BoolIfExists = { "aws:MultiFactorAuthPresent" = "true" } }'),
          'data "aws_iam_policy_document" "all" {',
          '  statement {',
          '    actions   = ["*"]',
          '    resources = ["*"]',
          '  }',
          '}',
          'resource "aws_iam_role_policy" "all" {',
          '  role   = aws_iam_role.ops.id',
          '  policy = data.aws_iam_policy_document.all.json',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'fail', address: 'aws_iam_role.ops', line: 5, message: 'aws_iam_role_policy.all: data.aws_iam_policy_document.all statement.0 allows "*" on all resources' }],
    },
    {
      name: 'iam:* in an aws_iam_policy attached with aws_iam_policy_attachment (roles), trust from a policy document',
      files: {
        'main.tf': [
          'data "aws_iam_policy_document" "trust" {',
          '  statement {',
          '    actions = ["sts:AssumeRole"]',
          '    principals {',
          '      type        = "AWS"',
          '      identifiers = ["arn:aws:iam::123456789012:role/ci"]',
          '    }',
          '  }',
          '}',
          'resource "aws_iam_role" "iam_admin" {',
          '  assume_role_policy = data.aws_iam_policy_document.trust.json',
          '}',
          'resource "aws_iam_policy" "iam" {',
          '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["iam:*"], Resource = "*" }] })',
          '}',
          'resource "aws_iam_policy_attachment" "iam" {',
          '  name       = "iam"',
          '  roles      = [aws_iam_role.iam_admin.name]',
          '  policy_arn = aws_iam_policy.iam.arn',
          '}',
          '',
        ].join('\n'),
      },
      expect: [
        {
          status: 'fail',
          address: 'aws_iam_role.iam_admin',
          line: 11,
          message: ['aws_iam_policy_attachment.iam (policy_arn = aws_iam_policy.iam): Statement[0] allows "iam:*" on all resources', 'data.aws_iam_policy_document.trust statement.0 lets Principal {"AWS": "arn:aws:iam::123456789012:role/ci"}'],
        },
      ],
    },
    {
      name: 'AdministratorAccess group without an MFA guard',
      files: {
        'main.tf': `resource "aws_iam_group" "admins" {\n  name = "admins"\n}\nresource "aws_iam_group_policy_attachment" "a" {\n  group      = aws_iam_group.admins.name\n  policy_arn = "${ADMIN}"\n}\n`,
      },
      expect: [
        {
          status: 'fail',
          address: 'aws_iam_group.admins',
          line: 1,
          message: 'Administrative group without MFA enforcement: it grants administrative access (aws_iam_group_policy_attachment.a (policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess") attaches the AWS managed policy AdministratorAccess), and no policy of the group has an MFA guard',
        },
      ],
    },
    {
      name: 'an admin group with another policy that is not known: unknown (it may hold the guard)',
      files: {
        'main.tf': `variable "extra" {}\nresource "aws_iam_group" "admins" {\n  name = "admins"\n}\nresource "aws_iam_group_policy_attachment" "a" {\n  group      = aws_iam_group.admins.name\n  policy_arn = "${ADMIN}"\n}\nresource "aws_iam_group_policy_attachment" "b" {\n  group      = aws_iam_group.admins.name\n  policy_arn = var.extra\n}\n`,
      },
      expect: [{ status: 'unknown', address: 'aws_iam_group.admins', line: 2, message: ['cannot tell whether a policy of the group holds an MFA guard', 'var.extra'] }],
    },
    {
      name: 'an admin role whose trust policy is not known statically: unknown',
      files: {
        'main.tf': `variable "trust" {}\nresource "aws_iam_role" "admin" {\n  assume_role_policy = var.trust\n}\n${attach('a', 'admin')}\n`,
      },
      expect: [{ status: 'unknown', address: 'aws_iam_role.admin', line: 3, message: 'its assume_role_policy is not known statically: var.trust' }],
    },
    {
      name: 'the admin policy ARN through a variable of a local module',
      files: {
        'main.tf': `module "attach" {\n  source = "./attach"\n  role   = aws_iam_role.admin.name\n  policy = "${ADMIN}"\n}\n${role('admin')}\n`,
        'attach/main.tf': 'variable "role" {}\nvariable "policy" {}\nresource "aws_iam_role_policy_attachment" "this" {\n  role       = var.role\n  policy_arn = var.policy\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_iam_role.admin', line: 10, message: 'module.attach.aws_iam_role_policy_attachment.this (policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess")' }],
    },
    {
      name: 'counted roles, each with its own attachment: one result per role',
      files: {
        'main.tf': [
          'resource "aws_iam_role" "r" {',
          '  count              = 2',
          '  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" } }] })',
          '}',
          'resource "aws_iam_role_policy_attachment" "a" {',
          '  count      = 2',
          '  role       = aws_iam_role.r[count.index].name',
          `  policy_arn = "${ADMIN}"`,
          '}',
          '',
        ].join('\n'),
      },
      expect: [
        { status: 'fail', address: 'aws_iam_role.r[0]', line: 3, message: 'aws_iam_role_policy_attachment.a[0]' },
        { status: 'fail', address: 'aws_iam_role.r[1]', line: 3, message: 'aws_iam_role_policy_attachment.a[1]' },
      ],
    },
    {
      name: 'plan: admin policy attached through references, trust without MFA',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_iam_role.admin', values: { assume_role_policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::123456789012:root' } }] }) }, unknown: ['name'] },
          { address: 'aws_iam_policy.all', values: { policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }, unknown: ['arn'] },
          { address: 'aws_iam_role_policy_attachment.a', values: {}, refs: { role: ['aws_iam_role.admin.name', 'aws_iam_role.admin'], policy_arn: ['aws_iam_policy.all.arn', 'aws_iam_policy.all'] } },
        ]),
      },
      expect: [{ status: 'fail', address: 'aws_iam_role.admin', message: 'aws_iam_role_policy_attachment.a (policy_arn = aws_iam_policy.all): Statement[0] allows "*" on all resources' }],
    },
  ],
});
