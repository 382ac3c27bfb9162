import { rule } from '../../../rules/iam/TG-IAM-003';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const user = 'resource "aws_iam_user" "alice" {\n  name = "alice"\n}\n';

ruleTester(rule, {
  valid: [
    {
      name: 'aws_iam_policy_attachment to roles and groups only',
      files: {
        'main.tf': 'resource "aws_iam_policy_attachment" "a" {\n  name       = "a"\n  roles      = ["app"]\n  groups     = ["ops"]\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n',
      },
      expect: [{ status: 'pass', address: 'aws_iam_policy_attachment.a', line: 1, message: 'users is not set: no user gets the policy directly; the policy is attached through roles and groups' }],
    },
    {
      name: 'users = [] and users = null attach to no user',
      files: {
        'main.tf': [
          'resource "aws_iam_policy_attachment" "empty" {',
          '  name       = "e"',
          '  users      = []',
          '  roles      = ["app"]',
          '  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"',
          '}',
          'resource "aws_iam_policy_attachment" "null" {',
          '  name       = "n"',
          '  users      = null',
          '  groups     = ["ops"]',
          '  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"',
          '}',
          '',
        ].join('\n'),
      },
      expect: [
        { status: 'pass', address: 'aws_iam_policy_attachment.empty', line: 3, message: 'users = []' },
        { status: 'pass', address: 'aws_iam_policy_attachment.null', line: 7, message: 'users is not set' },
      ],
    },
    {
      name: 'an exclusive resource that pins the user to no managed policies',
      files: { 'main.tf': user + 'resource "aws_iam_user_policy_attachments_exclusive" "x" {\n  user_name   = aws_iam_user.alice.name\n  policy_arns = []\n}\n' },
      expect: [{ status: 'pass', address: 'aws_iam_user_policy_attachments_exclusive.x', line: 6, message: 'policy_arns = []: the user holds no managed policies' }],
    },
    {
      name: 'plan: attachment to a group through aws_iam_policy_attachment',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_iam_policy_attachment.a', values: { name: 'a', groups: ['ops'], users: [], policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } }]),
      },
      expect: [{ status: 'pass', address: 'aws_iam_policy_attachment.a', message: 'users = []' }],
    },
  ],
  invalid: [
    {
      name: 'an inline user policy names the user it references',
      files: {
        'main.tf': user + 'resource "aws_iam_user_policy" "p" {\n  user   = aws_iam_user.alice.name\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_iam_user_policy.p', line: 5, message: 'Inline policy on IAM user aws_iam_user.alice (user = "alice"); grant it through a group or a role instead' }],
    },
    {
      name: 'a user policy attachment',
      files: { 'main.tf': 'resource "aws_iam_user_policy_attachment" "a" {\n  user       = "bob"\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n' },
      expect: [{ status: 'fail', address: 'aws_iam_user_policy_attachment.a', line: 2, message: 'Policy attached directly to IAM user user = "bob"' }],
    },
    {
      name: 'aws_iam_policy_attachment with users, through a variable of a local module',
      files: {
        'main.tf': 'module "attach" {\n  source = "./attach"\n  users  = ["carol"]\n}\n',
        'attach/main.tf': 'variable "users" {}\nresource "aws_iam_policy_attachment" "this" {\n  name       = "this"\n  users      = var.users\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n',
      },
      expect: [{ status: 'fail', address: 'module.attach.aws_iam_policy_attachment.this', line: 4, file: 'attach/main.tf', message: 'users = ["carol"] (var.users (set by module.attach in main.tf:3))' }],
    },
    {
      name: 'counted user policy attachments from tfvars: one result per instance',
      files: {
        'main.tf': 'variable "names" {}\nresource "aws_iam_user_policy_attachment" "a" {\n  count      = length(var.names)\n  user       = var.names[count.index]\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n',
        'terraform.tfvars': 'names = ["dave", "erin"]\n',
      },
      expect: [
        { status: 'fail', address: 'aws_iam_user_policy_attachment.a[0]', line: 4, message: 'user = "dave"' },
        { status: 'fail', address: 'aws_iam_user_policy_attachment.a[1]', line: 4, message: 'user = "erin"' },
      ],
    },
    {
      name: 'users not known statically gives unknown',
      files: { 'main.tf': 'variable "users" {}\nresource "aws_iam_policy_attachment" "a" {\n  name       = "a"\n  users      = var.users\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_iam_policy_attachment.a', line: 4, message: 'users is not known statically: var.users' }],
    },
    {
      name: 'exclusive inline policies on a user',
      files: { 'main.tf': user + 'resource "aws_iam_user_policies_exclusive" "x" {\n  user_name    = aws_iam_user.alice.name\n  policy_names = ["inline-admin"]\n}\n' },
      expect: [{ status: 'fail', address: 'aws_iam_user_policies_exclusive.x', line: 6, message: 'Inline policies attached directly to IAM user aws_iam_user.alice' }],
    },
    {
      name: 'plan: a user policy attachment and an attachment with users',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_iam_user_policy_attachment.a', values: { user: 'bob', policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } },
          { address: 'aws_iam_policy_attachment.b', values: { name: 'b', users: ['bob'], policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } },
        ]),
      },
      expect: [
        { status: 'fail', address: 'aws_iam_user_policy_attachment.a', message: 'user = "bob"' },
        { status: 'fail', address: 'aws_iam_policy_attachment.b', message: 'users = ["bob"]' },
      ],
    },
  ],
});
