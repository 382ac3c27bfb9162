import { rule } from '../../../rules/logging/TG-LOG-002';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

ruleTester(rule, {
  valid: [
    {
      name: 'enabled detector',
      files: { 'main.tf': 'resource "aws_guardduty_detector" "main" {\n  enable = true\n}\n' },
      expect: [{ status: 'pass', address: 'aws_guardduty_detector.main', line: 2, message: 'enable = true' }],
    },
    {
      name: 'omitted enable: the provider default is enabled, pointing at the block',
      files: { 'main.tf': 'resource "aws_guardduty_detector" "main" {\n  finding_publishing_frequency = "FIFTEEN_MINUTES"\n}\n' },
      expect: [{ status: 'pass', address: 'aws_guardduty_detector.main', line: 1, message: 'enable = true (provider default when omitted)' }],
    },
    {
      name: 'value through a variable of a local module',
      files: {
        'main.tf': 'module "gd" {\n  source  = "./gd"\n  enabled = true\n}\n',
        'gd/main.tf': 'variable "enabled" { default = false }\nresource "aws_guardduty_detector" "this" {\n  enable = var.enabled\n}\n',
      },
      expect: [{ status: 'pass', address: 'module.gd.aws_guardduty_detector.this', line: 3, file: 'gd/main.tf', message: 'var.enabled (set by module.gd in main.tf:3)' }],
    },
    {
      name: 'plan: enabled detector',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_guardduty_detector.main', values: { enable: true } }]) },
      expect: [{ status: 'pass', address: 'aws_guardduty_detector.main', message: 'enable = true' }],
    },
  ],
  invalid: [
    {
      name: 'no detector in scope: not evidenced',
      files: { 'main.tf': 'resource "aws_cloudtrail" "t" {}\n' },
      expect: [{ status: 'not-evidenced', message: 'No aws_guardduty_detector in the scanned configuration' }],
    },
    {
      name: 'a detector with count = 0 is no detector',
      files: { 'main.tf': 'resource "aws_guardduty_detector" "main" {\n  count = 0\n}\n' },
      expect: [{ status: 'not-evidenced' }],
    },
    {
      name: 'suspended detector',
      files: { 'main.tf': 'resource "aws_guardduty_detector" "main" {\n  finding_publishing_frequency = "SIX_HOURS"\n  enable = false\n}\n' },
      expect: [{ status: 'fail', address: 'aws_guardduty_detector.main', line: 3, message: ['GuardDuty is suspended', 'enable = false'] }],
    },
    {
      name: 'unset variable: unknown, never pass',
      files: { 'main.tf': 'variable "gd" {}\nresource "aws_guardduty_detector" "main" {\n  enable = var.gd\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_guardduty_detector.main', line: 3, message: 'var.gd' }],
    },
    {
      name: 'for_each detectors from tfvars: one result each',
      files: {
        'main.tf': 'variable "regions" {}\nresource "aws_guardduty_detector" "d" {\n  for_each = var.regions\n  enable   = each.value\n}\n',
        'terraform.tfvars': 'regions = { "eu-north-1" = true, "eu-west-1" = false }\n',
      },
      expect: [
        { status: 'pass', address: 'aws_guardduty_detector.d["eu-north-1"]', line: 4 },
        { status: 'fail', address: 'aws_guardduty_detector.d["eu-west-1"]', line: 4, message: 'enable = false' },
      ],
    },
    {
      name: 'plan: suspended detector, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_guardduty_detector.main', values: { enable: false } }]),
        'main.tf': 'resource "aws_guardduty_detector" "main" {\n  enable = false\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_guardduty_detector.main', line: 2, message: 'enable = false' }],
    },
    {
      name: 'plan: enable known only after apply',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_guardduty_detector.main', values: {}, unknown: ['enable'] }]) },
      expect: [{ status: 'unknown', address: 'aws_guardduty_detector.main', message: 'known after apply' }],
    },
  ],
});
