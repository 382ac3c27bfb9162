import { rule } from '../../../rules/logging/TG-LOG-001';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const GOOD_TRAIL = [
  'resource "aws_kms_key" "trail" {}',
  'resource "aws_cloudwatch_log_group" "trail" {}',
  'resource "aws_cloudtrail" "main" {',
  '  name                       = "main"',
  '  s3_bucket_name             = "trail-logs"',
  '  is_multi_region_trail      = true',
  '  enable_log_file_validation = true',
  '  kms_key_id                 = aws_kms_key.trail.arn',
  '  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"',
  '}',
  '',
].join('\n');

ruleTester(rule, {
  valid: [
    {
      name: 'the key from a required variable is present: the caller must give it',
      files: { 'main.tf': GOOD_TRAIL.replace('aws_kms_key.trail.arn', 'var.trail_key').replace('resource "aws_kms_key" "trail" {}', 'variable "trail_key" {}') },
      expect: [{ status: 'pass', address: 'aws_cloudtrail.main', message: 'kms_key_id is set from var.trail_key, a required variable' }],
    },
    {
      name: 'compliant trail, key and log group by reference, defaults for global events and logging',
      files: { 'main.tf': GOOD_TRAIL },
      expect: [
        {
          status: 'pass',
          address: 'aws_cloudtrail.main',
          line: 3,
          message: [
            'is_multi_region_trail = true',
            'kms_key_id = aws_kms_key.trail.arn;',
            'a reference to aws_cloudwatch_log_group.trail',
            'include_global_service_events = true (provider default when omitted)',
            'enable_logging = true (provider default when omitted)',
          ],
        },
      ],
    },
    {
      name: 'everything explicit, literal ARNs',
      files: {
        'main.tf': [
          'resource "aws_cloudtrail" "main" {',
          '  is_multi_region_trail         = true',
          '  enable_log_file_validation    = true',
          '  include_global_service_events = true',
          '  enable_logging                = true',
          '  kms_key_id                    = "arn:aws:kms:eu-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"',
          '  cloud_watch_logs_group_arn    = "arn:aws:logs:eu-north-1:123456789012:log-group:trail:*"',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'aws_cloudtrail.main', line: 1, message: 'kms_key_id = "arn:aws:kms:' }],
    },
    {
      name: 'values through variables of a local module',
      files: {
        'main.tf': 'module "trail" {\n  source       = "./trail"\n  multi_region = true\n  kms_key_arn  = "arn:aws:kms:eu-north-1:123456789012:key/k"\n}\n',
        'trail/main.tf': [
          'variable "multi_region" { default = false }',
          'variable "kms_key_arn" {}',
          'resource "aws_cloudtrail" "this" {',
          '  is_multi_region_trail      = var.multi_region',
          '  enable_log_file_validation = true',
          '  kms_key_id                 = var.kms_key_arn',
          '  cloud_watch_logs_group_arn = "arn:aws:logs:eu-north-1:123456789012:log-group:trail:*"',
          '}',
          '',
        ].join('\n'),
      },
      expect: [
        {
          status: 'pass',
          address: 'module.trail.aws_cloudtrail.this',
          line: 3,
          file: 'trail/main.tf',
          message: ['is_multi_region_trail = true (var.multi_region (set by module.trail in main.tf:3))', 'var.kms_key_arn'],
        },
      ],
    },
    {
      name: 'plan: compliant trail whose key and log group are known after apply',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_kms_key.trail', values: {} },
          { address: 'aws_cloudwatch_log_group.trail', values: {} },
          {
            address: 'aws_cloudtrail.main',
            values: { is_multi_region_trail: true, enable_log_file_validation: true, include_global_service_events: true, enable_logging: true },
            refs: { kms_key_id: ['aws_kms_key.trail.arn', 'aws_kms_key.trail'], cloud_watch_logs_group_arn: ['aws_cloudwatch_log_group.trail.arn', 'aws_cloudwatch_log_group.trail'] },
          },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_cloudtrail.main', message: ['kms_key_id refers to aws_kms_key.trail (known after apply)', 'cloud_watch_logs_group_arn refers to aws_cloudwatch_log_group.trail'] }],
    },
  ],
  invalid: [
    {
      name: 'no trail in scope: not evidenced',
      files: { 'main.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n' },
      expect: [{ status: 'not-evidenced', message: 'No aws_cloudtrail in the scanned configuration' }],
    },
    {
      name: 'empty trail: every defaulted part is named, pointing at the block',
      files: { 'main.tf': '\nresource "aws_cloudtrail" "bare" {\n  name           = "bare"\n  s3_bucket_name = "trail-logs"\n}\n' },
      expect: [
        {
          status: 'fail',
          address: 'aws_cloudtrail.bare',
          line: 2,
          message: [
            'is_multi_region_trail = false (provider default when omitted)',
            'enable_log_file_validation = false (provider default when omitted)',
            'kms_key_id is not set',
            'cloud_watch_logs_group_arn is not set',
          ],
        },
      ],
    },
    {
      name: 'global service events off: points at the written attribute',
      files: { 'main.tf': GOOD_TRAIL.replace('  enable_log_file_validation = true\n', '  enable_log_file_validation = true\n  include_global_service_events = false\n') },
      expect: [{ status: 'fail', address: 'aws_cloudtrail.main', line: 8, message: 'include_global_service_events = false: events of global services' }],
    },
    {
      name: 'logging stopped',
      files: { 'main.tf': GOOD_TRAIL.replace('  name                       = "main"\n', '  name                       = "main"\n  enable_logging             = false\n') },
      expect: [{ status: 'fail', address: 'aws_cloudtrail.main', line: 5, message: 'enable_logging = false: the trail is stopped' }],
    },
    {
      name: 'a written failing attribute is preferred over an omitted one for the location',
      files: { 'main.tf': 'resource "aws_cloudtrail" "t" {\n  name                  = "t"\n  is_multi_region_trail = true\n  enable_log_file_validation = false\n}\n' },
      expect: [{ status: 'fail', address: 'aws_cloudtrail.t', line: 4, message: ['enable_log_file_validation = false', 'kms_key_id is not set'] }],
    },
    {
      name: 'a key chosen by a variable that is not known statically: unknown, never pass',
      files: {
        'main.tf': GOOD_TRAIL.replace('aws_kms_key.trail.arn', 'var.encrypt ? var.trail_key : null').replace('resource "aws_kms_key" "trail" {}', 'variable "trail_key" {}\nvariable "encrypt" {}'),
      },
      expect: [{ status: 'unknown', address: 'aws_cloudtrail.main', line: 9, message: ['kms_key_id = unknown (condition var.encrypt', 'not known statically'] }],
    },
    {
      name: 'counted trails with the region setting from tfvars',
      files: {
        'main.tf': [
          'variable "multi" {}',
          'resource "aws_cloudtrail" "t" {',
          '  count                      = 2',
          '  is_multi_region_trail      = var.multi',
          '  enable_log_file_validation = true',
          '  kms_key_id                 = "arn:aws:kms:eu-north-1:123456789012:key/k"',
          '  cloud_watch_logs_group_arn = "arn:aws:logs:eu-north-1:123456789012:log-group:trail:*"',
          '}',
          '',
        ].join('\n'),
        'terraform.tfvars': 'multi = false\n',
      },
      expect: [
        { status: 'fail', address: 'aws_cloudtrail.t[0]', line: 4, message: 'is_multi_region_trail = false (var.multi (set in terraform.tfvars:1)): the trail records API calls in its home region only' },
        { status: 'fail', address: 'aws_cloudtrail.t[1]', line: 4 },
      ],
    },
    {
      name: 'one good and one bad trail: each gets its result',
      files: { 'main.tf': `${GOOD_TRAIL}resource "aws_cloudtrail" "old" {\n  is_multi_region_trail = false\n}\n` },
      expect: [
        { status: 'pass', address: 'aws_cloudtrail.main', line: 3 },
        { status: 'fail', address: 'aws_cloudtrail.old', line: 12, message: 'is_multi_region_trail = false' },
      ],
    },
    {
      name: 'plan: single-region trail without a key, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          {
            address: 'aws_cloudtrail.main',
            values: { is_multi_region_trail: false, enable_log_file_validation: true, include_global_service_events: true, enable_logging: true, cloud_watch_logs_group_arn: 'arn:aws:logs:eu-north-1:123456789012:log-group:t:*' },
          },
        ]),
        'main.tf': 'resource "aws_cloudtrail" "main" {\n  is_multi_region_trail = false\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_cloudtrail.main', line: 2, message: ['is_multi_region_trail = false', 'kms_key_id is not set'] }],
    },
    {
      name: 'plan: a key known only after apply without a reference gives unknown',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          {
            address: 'module.audit.aws_cloudtrail.main',
            values: { is_multi_region_trail: true, enable_log_file_validation: true, cloud_watch_logs_group_arn: 'arn:aws:logs:eu-north-1:123456789012:log-group:t:*' },
            unknown: ['kms_key_id'],
          },
        ]),
      },
      expect: [{ status: 'unknown', address: 'module.audit.aws_cloudtrail.main', message: 'known after apply' }],
    },
  ],
});
