import { rule } from '../../../rules/logging/TG-LOG-003';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const CF_V2_SOURCE = [
  'resource "aws_cloudfront_distribution" "cdn" {',
  '  enabled = true',
  '}',
  'resource "aws_cloudwatch_log_delivery_source" "cdn" {',
  '  name         = "cdn-access"',
  '  log_type     = "ACCESS_LOGS"',
  '  resource_arn = aws_cloudfront_distribution.cdn.arn',
  '}',
  '',
].join('\n');

/** A classic load balancer with the given access_logs lines (none: no block). */
const classic = (...accessLogs: string[]) =>
  [
    'resource "aws_elb" "web" {',
    '  availability_zones = ["eu-north-1a"]',
    ...(accessLogs.length > 0 ? ['  access_logs {', ...accessLogs.map((l) => `    ${l}`), '  }'] : []),
    '  listener {',
    '    instance_port     = 8080',
    '    instance_protocol = "http"',
    '    lb_port           = 443',
    '    lb_protocol       = "https"',
    '  }',
    '}',
    '',
  ].join('\n');

ruleTester(rule, {
  valid: [
    {
      name: 'ALB (type omitted = application) with access logs on',
      files: {
        'main.tf': [
          'resource "aws_s3_bucket" "logs" {}',
          'resource "aws_lb" "app" {',
          '  access_logs {',
          '    bucket  = aws_s3_bucket.logs.id',
          '    enabled = true',
          '  }',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'aws_lb.app', line: 5, message: ['access_logs.enabled = true', 'access_logs.bucket = aws_s3_bucket.logs.id'] }],
    },
    {
      name: 'aws_alb alias, network type, bucket from a required variable is present',
      files: {
        'main.tf': 'variable "bucket" {}\nresource "aws_alb" "nlb" {\n  load_balancer_type = "network"\n  access_logs {\n    bucket  = var.bucket\n    enabled = true\n  }\n}\n',
      },
      expect: [{ status: 'pass', address: 'aws_alb.nlb', line: 6, message: 'access_logs.bucket is set from var.bucket, a required variable' }],
    },
    {
      name: 'classic ELB: access_logs with a bucket is on (enabled defaults to true), also with enabled = true',
      files: {
        'main.tf': classic('bucket = "elb-logs"', 'interval = 60') + classic('bucket  = "elb-logs"', 'enabled = true').replace('"web"', '"api"'),
      },
      expect: [
        { status: 'pass', address: 'aws_elb.web', line: 3, message: ['access_logs.enabled = true (not set in the access_logs block: provider default)', 'access_logs.bucket = "elb-logs"'] },
        { status: 'pass', address: 'aws_elb.api', line: 18, message: 'access_logs.enabled = true,' },
      ],
    },
    {
      name: 'classic ELB: a bucket from a variable without a value is present, so the logs are on',
      files: { 'main.tf': 'variable "log_bucket" {}\n' + classic('bucket = var.log_bucket') },
      expect: [{ status: 'pass', address: 'aws_elb.web', line: 4, message: 'access_logs.bucket is set from var.log_bucket, a required variable' }],
    },
    {
      name: 'plan: classic ELB with access logs',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_elb.web', values: { access_logs: [{ bucket: 'elb-logs', bucket_prefix: '', enabled: true, interval: 60 }] } }]) },
      expect: [{ status: 'pass', address: 'aws_elb.web', message: 'access_logs.bucket = "elb-logs"' }],
    },
    {
      name: 'Gateway Load Balancers are not applicable',
      files: { 'main.tf': 'resource "aws_lb" "gwlb" {\n  load_balancer_type = "gateway"\n}\n' },
      expect: [],
    },
    {
      name: 'CloudFront with logging_config',
      files: {
        'main.tf': 'resource "aws_cloudfront_distribution" "cdn" {\n  logging_config {\n    bucket          = "cf-logs.s3.amazonaws.com"\n    include_cookies = false\n  }\n}\n',
      },
      expect: [{ status: 'pass', address: 'aws_cloudfront_distribution.cdn', line: 3, message: 'logging_config.bucket = "cf-logs.s3.amazonaws.com"' }],
    },
    {
      name: 'CloudFront standard logging v2: delivery source for the distribution and a delivery',
      files: {
        'main.tf': `${CF_V2_SOURCE}resource "aws_cloudwatch_log_delivery" "cdn" {\n  delivery_source_name     = aws_cloudwatch_log_delivery_source.cdn.name\n  delivery_destination_arn = "arn:aws:logs:us-east-1:123456789012:delivery-destination:s3"\n}\n`,
      },
      expect: [
        {
          status: 'pass',
          address: 'aws_cloudfront_distribution.cdn',
          line: 1,
          message: 'aws_cloudwatch_log_delivery_source.cdn (log_type = "ACCESS_LOGS") through aws_cloudwatch_log_delivery.cdn',
        },
      ],
    },
    {
      name: 'enabled through a variable of a local module',
      files: {
        'main.tf': 'module "edge" {\n  source = "./edge"\n  logs   = true\n}\n',
        'edge/main.tf': 'variable "logs" { default = false }\nresource "aws_lb" "this" {\n  access_logs {\n    bucket  = "lb-logs"\n    enabled = var.logs\n  }\n}\n',
      },
      expect: [{ status: 'pass', address: 'module.edge.aws_lb.this', line: 5, file: 'edge/main.tf', message: 'var.logs (set by module.edge in main.tf:3)' }],
    },
    {
      name: 'plan: v2 delivery linked only through configuration references',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_cloudfront_distribution.cdn', values: { enabled: true, logging_config: [] } },
          { address: 'aws_cloudwatch_log_delivery_source.cdn', values: { log_type: 'ACCESS_LOGS' }, refs: { resource_arn: ['aws_cloudfront_distribution.cdn.arn', 'aws_cloudfront_distribution.cdn'], name: [] } },
          { address: 'aws_cloudwatch_log_delivery.cdn', values: {}, refs: { delivery_source_name: ['aws_cloudwatch_log_delivery_source.cdn.name', 'aws_cloudwatch_log_delivery_source.cdn'] } },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_cloudfront_distribution.cdn', message: 'through aws_cloudwatch_log_delivery.cdn' }],
    },
  ],
  invalid: [
    {
      name: 'no access_logs block',
      files: { 'main.tf': '\nresource "aws_lb" "app" {\n  internal = false\n}\n' },
      expect: [{ status: 'fail', address: 'aws_lb.app', line: 2, message: 'no access_logs block' }],
    },
    {
      name: 'bucket only: enabled defaults to false, pointing at the block',
      files: { 'main.tf': 'resource "aws_lb" "app" {\n  access_logs {\n    bucket = "lb-logs"\n  }\n}\n' },
      expect: [{ status: 'fail', address: 'aws_lb.app', line: 2, message: 'access_logs.enabled = false (not set in the access_logs block: provider default), even when a bucket is given' }],
    },
    {
      name: 'explicitly disabled',
      files: { 'main.tf': 'resource "aws_alb" "app" {\n  load_balancer_type = "application"\n  access_logs {\n    bucket  = "lb-logs"\n    enabled = false\n  }\n}\n' },
      expect: [{ status: 'fail', address: 'aws_alb.app', line: 5, message: 'access_logs.enabled = false' }],
    },
    {
      name: 'enabled with an empty bucket',
      files: { 'main.tf': 'resource "aws_lb" "app" {\n  access_logs {\n    bucket  = ""\n    enabled = true\n  }\n}\n' },
      expect: [{ status: 'fail', address: 'aws_lb.app', line: 3, message: 'access_logs.bucket = ""' }],
    },
    {
      name: 'unset variable for enabled: unknown, never pass',
      files: { 'main.tf': 'variable "on" {}\nresource "aws_lb" "app" {\n  access_logs {\n    bucket  = "lb-logs"\n    enabled = var.on\n  }\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_lb.app', line: 5, message: 'var.on' }],
    },
    {
      name: 'unknown load balancer type without logs: unknown (it may be a Gateway Load Balancer)',
      files: { 'main.tf': 'variable "type" {}\nresource "aws_lb" "x" {\n  load_balancer_type = var.type\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_lb.x', line: 2, message: ['no access_logs block', 'Gateway Load Balancers are not applicable'] }],
    },
    {
      name: 'counted load balancers with enabled from tfvars',
      files: {
        'main.tf': 'variable "logs" {}\nresource "aws_lb" "app" {\n  count = 2\n  access_logs {\n    bucket  = "lb-logs"\n    enabled = var.logs\n  }\n}\n',
        'terraform.tfvars': 'logs = false\n',
      },
      expect: [
        { status: 'fail', address: 'aws_lb.app[0]', line: 6, message: 'var.logs (set in terraform.tfvars:1)' },
        { status: 'fail', address: 'aws_lb.app[1]', line: 6 },
      ],
    },
    {
      name: 'classic ELB without access_logs',
      files: { 'main.tf': classic() },
      expect: [{ status: 'fail', address: 'aws_elb.web', line: 1, message: 'no access_logs block' }],
    },
    {
      name: 'classic ELB with access logs turned off',
      files: { 'main.tf': classic('bucket  = "elb-logs"', 'enabled = false') },
      expect: [{ status: 'fail', address: 'aws_elb.web', line: 5, message: 'access logs are off: access_logs.enabled = false' }],
    },
    {
      name: 'classic ELB: enabled from an unset variable is unknown, an empty bucket fails',
      files: {
        'main.tf': 'variable "on" {}\n' + classic('bucket  = "elb-logs"', 'enabled = var.on') + classic('bucket = ""').replace('"web"', '"api"'),
      },
      expect: [
        { status: 'unknown', address: 'aws_elb.web', line: 6, message: 'var.on' },
        { status: 'fail', address: 'aws_elb.api', line: 18, message: 'access_logs.bucket = ""' },
      ],
    },
    {
      name: 'plan: classic ELB without access logs',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_elb.web', values: { access_logs: [] } }]) },
      expect: [{ status: 'fail', address: 'aws_elb.web', message: 'no access_logs block' }],
    },
    {
      name: 'CloudFront without any logging',
      files: { 'main.tf': 'resource "aws_cloudfront_distribution" "cdn" {\n  enabled = true\n}\n' },
      expect: [{ status: 'fail', address: 'aws_cloudfront_distribution.cdn', line: 1, message: 'no logging_config block and no aws_cloudwatch_log_delivery_source' }],
    },
    {
      name: 'CloudFront v2 delivery source without a delivery delivers nothing',
      files: { 'main.tf': CF_V2_SOURCE },
      expect: [{ status: 'fail', address: 'aws_cloudfront_distribution.cdn', line: 1, message: 'aws_cloudwatch_log_delivery_source.cdn (v2 delivery source for the distribution) has no aws_cloudwatch_log_delivery' }],
    },
    {
      name: 'a delivery source of another distribution does not count',
      files: {
        'main.tf': `${CF_V2_SOURCE}resource "aws_cloudfront_distribution" "other" {\n  enabled = true\n}\nresource "aws_cloudwatch_log_delivery" "cdn" {\n  delivery_source_name     = "cdn-access"\n  delivery_destination_arn = "arn:aws:logs:us-east-1:123456789012:delivery-destination:s3"\n}\n`,
      },
      expect: [
        { status: 'pass', address: 'aws_cloudfront_distribution.cdn', line: 1, message: 'through aws_cloudwatch_log_delivery.cdn' },
        { status: 'fail', address: 'aws_cloudfront_distribution.other', line: 9 },
      ],
    },
    {
      name: 'plan: access logs disabled, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_lb.app', values: { load_balancer_type: 'application', access_logs: [{ bucket: 'lb-logs', enabled: false, prefix: '' }] } }]),
        'main.tf': 'resource "aws_lb" "app" {\n  access_logs {\n    bucket  = "lb-logs"\n    enabled = false\n  }\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_lb.app', line: 4, message: 'access_logs.enabled = false' }],
    },
    {
      name: 'plan: CloudFront without logging_config',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_cloudfront_distribution.cdn', values: { enabled: true, logging_config: [] } }]) },
      expect: [{ status: 'fail', address: 'aws_cloudfront_distribution.cdn', message: 'CloudFront access logs are off' }],
    },
  ],
});
