import { rule } from '../../../rules/iam/TG-IAM-004';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const strict = (overrides: Record<string, string> = {}) => {
  const attrs: Record<string, string> = {
    minimum_password_length: '14',
    require_lowercase_characters: 'true',
    require_uppercase_characters: 'true',
    require_numbers: 'true',
    require_symbols: 'true',
    password_reuse_prevention: '24',
    max_password_age: '90',
    ...overrides,
  };
  const lines = Object.entries(attrs)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `  ${k} = ${v}`);
  return `resource "aws_iam_account_password_policy" "p" {\n${lines.join('\n')}\n}\n`;
};

const planValues = {
  minimum_password_length: 16,
  require_lowercase_characters: true,
  require_uppercase_characters: true,
  require_numbers: true,
  require_symbols: true,
  password_reuse_prevention: 24,
  max_password_age: 60,
};

ruleTester(rule, {
  valid: [
    {
      name: 'every part at the reference thresholds',
      files: { 'main.tf': strict() },
      expect: [
        {
          status: 'pass',
          address: 'aws_iam_account_password_policy.p',
          line: 1,
          message: 'password policy meets the profile: minimum_password_length = 14, require_lowercase_characters = true, require_uppercase_characters = true, require_numbers = true, require_symbols = true, password_reuse_prevention = 24, max_password_age = 90',
        },
      ],
    },
    {
      name: 'profile thresholds: shorter rotation and reuse accepted',
      params: { passwordMinLength: 12, passwordReusePrevention: 5, passwordMaxAgeDays: 365 },
      files: { 'main.tf': strict({ minimum_password_length: '12', password_reuse_prevention: '5', max_password_age: '180' }) },
      expect: [{ status: 'pass', address: 'aws_iam_account_password_policy.p', line: 1, message: 'max_password_age = 180' }],
    },
    {
      name: 'values through a variable of a local module',
      files: {
        'main.tf': 'module "pw" {\n  source     = "./pw"\n  min_length = 20\n}\n',
        'pw/main.tf': [
          'variable "min_length" {}',
          'resource "aws_iam_account_password_policy" "this" {',
          '  minimum_password_length      = var.min_length',
          '  require_lowercase_characters = true',
          '  require_uppercase_characters = true',
          '  require_numbers              = true',
          '  require_symbols              = true',
          '  password_reuse_prevention    = 24',
          '  max_password_age             = 30',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'module.pw.aws_iam_account_password_policy.this', line: 2, file: 'pw/main.tf', message: 'minimum_password_length = 20 (var.min_length (set by module.pw in main.tf:3))' }],
    },
    {
      name: 'plan: a strict policy',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_iam_account_password_policy.p', values: planValues }]) },
      expect: [{ status: 'pass', address: 'aws_iam_account_password_policy.p', message: 'minimum_password_length = 16' }],
    },
  ],
  invalid: [
    {
      name: 'no password policy in scope: one not-evidenced result without a resource',
      files: { 'main.tf': 'resource "aws_iam_user" "u" {\n  name = "u"\n}\n' },
      expect: [{ status: 'not-evidenced', message: 'No aws_iam_account_password_policy in scope' }],
    },
    {
      name: 'an empty policy block: every part fails with its provider default',
      files: { 'main.tf': 'resource "aws_iam_account_password_policy" "p" {\n}\n' },
      expect: [
        {
          status: 'fail',
          address: 'aws_iam_account_password_policy.p',
          line: 1,
          message: [
            'minimum_password_length = 6 (provider default when omitted): at least 14 is required',
            'require_lowercase_characters = false (provider default when omitted): true is required',
            'require_uppercase_characters = false (provider default when omitted)',
            'require_numbers = false (provider default when omitted)',
            'require_symbols = false (provider default when omitted)',
            'password_reuse_prevention = 0 (provider default when omitted): at least 24 is required',
            'max_password_age = 0 (provider default when omitted) (passwords never expire): between 1 and 90 days is required',
          ],
        },
      ],
    },
    {
      name: 'only the failing parts are named, pointing at the first',
      files: { 'main.tf': strict({ require_symbols: 'false', max_password_age: '365' }) },
      expect: [{ status: 'fail', address: 'aws_iam_account_password_policy.p', line: 6, message: 'require_symbols = false: true is required; max_password_age = 365: between 1 and 90 days is required' }],
    },
    {
      name: 'a policy without reuse prevention (omitted) fails on that part only',
      files: { 'main.tf': strict({ password_reuse_prevention: '' }) },
      expect: [{ status: 'fail', address: 'aws_iam_account_password_policy.p', line: 1, message: 'password_reuse_prevention = 0 (provider default when omitted): at least 24 is required' }],
    },
    {
      name: 'a length from tfvars below the threshold; counted policies give one result each',
      files: {
        'main.tf': 'variable "len" {}\n' + strict({ minimum_password_length: 'var.len' }).replace('"p" {\n', '"p" {\n  count = 2\n'),
        'terraform.tfvars': 'len = 8\n',
      },
      expect: [
        { status: 'fail', address: 'aws_iam_account_password_policy.p[0]', line: 4, message: 'minimum_password_length = 8 (var.len (set in terraform.tfvars:1)): at least 14 is required' },
        { status: 'fail', address: 'aws_iam_account_password_policy.p[1]', line: 4 },
      ],
    },
    {
      name: 'an unknown value gives unknown, never pass',
      files: { 'main.tf': 'variable "age" {}\n' + strict({ max_password_age: 'var.age' }) },
      expect: [{ status: 'unknown', address: 'aws_iam_account_password_policy.p', line: 9, message: ['max_password_age = unknown (var.age', 'not known statically'] }],
    },
    {
      name: 'plan: passwords never expire',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_iam_account_password_policy.p', values: { ...planValues, max_password_age: 0 } }]),
        'main.tf': strict({ max_password_age: '0' }),
      },
      expect: [{ status: 'fail', address: 'aws_iam_account_password_policy.p', line: 8, message: 'max_password_age = 0 (passwords never expire): between 1 and 90 days is required' }],
    },
  ],
});
