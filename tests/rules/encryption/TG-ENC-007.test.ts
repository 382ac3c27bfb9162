import { rule } from '../../../rules/encryption/TG-ENC-007';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

ruleTester(rule, {
  valid: [
    {
      name: 'rotation enabled',
      files: { 'main.tf': 'resource "aws_kms_key" "k" {\n  description         = "data"\n  enable_key_rotation = true\n}\n' },
      expect: [{ status: 'pass', address: 'aws_kms_key.k', line: 3, message: 'enable_key_rotation = true' }],
    },
    {
      name: 'explicit SYMMETRIC_DEFAULT, rotation through a variable of a local module',
      files: {
        'main.tf': 'module "kms" {\n  source = "./kms"\n  rotate = true\n}\n',
        'kms/main.tf': 'variable "rotate" { default = false }\nresource "aws_kms_key" "this" {\n  customer_master_key_spec = "SYMMETRIC_DEFAULT"\n  enable_key_rotation      = var.rotate\n}\n',
      },
      expect: [{ status: 'pass', address: 'module.kms.aws_kms_key.this', line: 4, file: 'kms/main.tf', message: 'var.rotate (set by module.kms in main.tf:3)' }],
    },
    {
      name: 'asymmetric, HMAC and signing keys are not applicable: no result',
      files: {
        'main.tf': [
          'resource "aws_kms_key" "rsa" {',
          '  customer_master_key_spec = "RSA_4096"',
          '  key_usage                = "ENCRYPT_DECRYPT"',
          '}',
          'resource "aws_kms_key" "hmac" {',
          '  customer_master_key_spec = "HMAC_256"',
          '  key_usage                = "GENERATE_VERIFY_MAC"',
          '}',
          'resource "aws_kms_key" "sign" {',
          '  key_usage = "SIGN_VERIFY"',
          '}',
          '',
        ].join('\n'),
      },
      expect: [],
    },
    {
      name: 'keys in a custom key store cannot be rotated: no result',
      files: { 'main.tf': 'resource "aws_kms_key" "hsm" {\n  custom_key_store_id = "cks-1234567890abcdef0"\n}\n' },
      expect: [],
    },
    {
      name: 'plan: rotation enabled',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_kms_key.k', values: { enable_key_rotation: true, customer_master_key_spec: 'SYMMETRIC_DEFAULT', key_usage: 'ENCRYPT_DECRYPT' } }]) },
      expect: [{ status: 'pass', address: 'aws_kms_key.k', message: 'enable_key_rotation = true' }],
    },
  ],
  invalid: [
    {
      name: 'omitted: the provider default is no rotation, pointing at the block',
      files: { 'main.tf': '\nresource "aws_kms_key" "k" {\n  description = "data"\n}\n' },
      expect: [{ status: 'fail', address: 'aws_kms_key.k', line: 2, message: 'enable_key_rotation = false (provider default when omitted)' }],
    },
    {
      name: 'explicitly disabled on a SYMMETRIC_DEFAULT key',
      files: { 'main.tf': 'resource "aws_kms_key" "k" {\n  customer_master_key_spec = "SYMMETRIC_DEFAULT"\n  enable_key_rotation      = false\n}\n' },
      expect: [{ status: 'fail', address: 'aws_kms_key.k', line: 3, message: 'enable_key_rotation = false: the key material of this symmetric encryption key is never rotated' }],
    },
    {
      name: 'rotation from a variable without value: unknown',
      files: { 'main.tf': 'variable "rotate" {}\nresource "aws_kms_key" "k" {\n  enable_key_rotation = var.rotate\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_kms_key.k', line: 3, message: 'var.rotate' }],
    },
    {
      name: 'key spec not known statically and no rotation: unknown',
      files: { 'main.tf': 'variable "spec" {}\nresource "aws_kms_key" "k" {\n  customer_master_key_spec = var.spec\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_kms_key.k', line: 3, message: ['enable_key_rotation = false (provider default when omitted)', 'customer_master_key_spec is not known statically'] }],
    },
    {
      name: 'counted keys from tfvars',
      files: {
        'main.tf': 'variable "rotate" {}\nresource "aws_kms_key" "k" {\n  count               = 2\n  enable_key_rotation = var.rotate[count.index]\n}\n',
        'terraform.tfvars': 'rotate = [false, true]\n',
      },
      expect: [
        { status: 'fail', address: 'aws_kms_key.k[0]', line: 4, message: 'var.rotate (set in terraform.tfvars:1)' },
        { status: 'pass', address: 'aws_kms_key.k[1]', line: 4 },
      ],
    },
    {
      name: 'plan: rotation disabled, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_kms_key.k', values: { enable_key_rotation: false, customer_master_key_spec: 'SYMMETRIC_DEFAULT', key_usage: 'ENCRYPT_DECRYPT' } }]),
        'main.tf': 'resource "aws_kms_key" "k" {\n  enable_key_rotation = false\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_kms_key.k', line: 2, message: 'enable_key_rotation = false' }],
    },
    {
      name: 'plan: a value known only after apply gives unknown',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_kms_key.k', values: {}, unknown: ['enable_key_rotation'] }]) },
      expect: [{ status: 'unknown', address: 'aws_kms_key.k', message: 'known after apply' }],
    },
  ],
});
