import { rule } from '../../../rules/iam/TG-IAM-006';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const user = 'resource "aws_iam_user" "ci" {\n  name = "ci"\n}\n';

ruleTester(rule, {
  valid: [
    {
      name: 'no access key: no result (users and roles are out of scope)',
      files: { 'main.tf': user },
      expect: [],
    },
    {
      name: 'plan: a user without keys',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_iam_user.ci', values: { name: 'ci' } }]) },
      expect: [],
    },
  ],
  invalid: [
    {
      name: 'an access key names its user and where the secret lands',
      files: { 'main.tf': `${user}resource "aws_iam_access_key" "k" {\n  user = aws_iam_user.ci.name\n}\n` },
      expect: [{ status: 'fail', address: 'aws_iam_access_key.k', line: 5, message: 'Long-lived access key for IAM user aws_iam_user.ci (user = "ci"): its secret is stored in plain text in the Terraform state, and the key does not expire' }],
    },
    {
      name: 'a PGP-encrypted, inactive key still fails',
      files: { 'main.tf': 'resource "aws_iam_access_key" "k" {\n  user    = "ci"\n  pgp_key = "keybase:someone"\n  status  = "Inactive"\n}\n' },
      expect: [{ status: 'fail', address: 'aws_iam_access_key.k', line: 2, message: 'user = "ci" (created with status = "Inactive", but it can be activated at any time): its secret is stored PGP-encrypted in the Terraform state' }],
    },
    {
      name: 'a key in a local module, its user through a variable',
      files: {
        'main.tf': 'module "key" {\n  source = "./key"\n  user   = "deploy"\n}\n',
        'key/main.tf': 'variable "user" {}\nresource "aws_iam_access_key" "this" {\n  user = var.user\n}\n',
      },
      expect: [{ status: 'fail', address: 'module.key.aws_iam_access_key.this', line: 3, file: 'key/main.tf', message: 'user = "deploy" (var.user (set by module.key in main.tf:3))' }],
    },
    {
      name: 'for_each keys from tfvars: one result per key',
      files: {
        'main.tf': 'variable "users" {}\nresource "aws_iam_access_key" "k" {\n  for_each = toset(var.users)\n  user     = each.value\n}\n',
        'terraform.tfvars': 'users = ["a", "b"]\n',
      },
      expect: [
        { status: 'fail', address: 'aws_iam_access_key.k["a"]', line: 4, message: 'user = "a"' },
        { status: 'fail', address: 'aws_iam_access_key.k["b"]', line: 4, message: 'user = "b"' },
      ],
    },
    {
      name: 'an unknown user still fails: the key exists whoever it belongs to',
      files: { 'main.tf': 'variable "user" {}\nresource "aws_iam_access_key" "k" {\n  user = var.user\n}\n' },
      expect: [{ status: 'fail', address: 'aws_iam_access_key.k', line: 3, message: 'user = unknown (var.user' }],
    },
    {
      name: 'plan: an access key for a user known after apply',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_iam_user.ci', values: { name: 'ci' } },
          { address: 'aws_iam_access_key.k', values: {}, refs: { user: ['aws_iam_user.ci.name', 'aws_iam_user.ci'] } },
        ]),
      },
      expect: [{ status: 'fail', address: 'aws_iam_access_key.k', message: 'Long-lived access key for IAM user aws_iam_user.ci' }],
    },
  ],
});
