import { rule } from '../../../rules/transit/TG-TLS-003';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

/** One line per argument, so the line numbers in expectations can be read off the array index + 1. */
const tf = (...lines: string[]) => lines.join('\n') + '\n';

/** A distribution whose only origin is a custom origin with the given policy and protocols lines. */
const customOrigin = (name: string, ...config: string[]) =>
  tf(
    `resource "aws_cloudfront_distribution" "${name}" {`,
    '  origin {',
    '    domain_name = "app.example.com"',
    '    origin_id   = "app"',
    '    custom_origin_config {',
    '      http_port  = 80',
    '      https_port = 443',
    ...config.map((l) => `      ${l}`),
    '    }',
    '  }',
    '}',
  );

ruleTester(rule, {
  valid: [
    {
      name: 'custom origin with https-only and TLSv1.2, next to an S3 origin',
      files: {
        'main.tf': tf(
          'resource "aws_cloudfront_distribution" "site" {',
          '  origin {',
          '    domain_name = "assets.s3.eu-north-1.amazonaws.com"',
          '    origin_id   = "assets"',
          '    s3_origin_config {',
          '      origin_access_identity = "origin-access-identity/cloudfront/ABC"',
          '    }',
          '  }',
          '  origin {',
          '    domain_name = "app.example.com"',
          '    origin_id   = "app"',
          '    custom_origin_config {',
          '      http_port              = 80',
          '      https_port             = 443',
          '      origin_protocol_policy = "https-only"',
          '      origin_ssl_protocols   = ["TLSv1.2"]',
          '    }',
          '  }',
          '}',
        ),
      },
      expect: [
        {
          status: 'pass',
          address: 'aws_cloudfront_distribution.site',
          line: 1,
          message: ['origin[1] ("app"): origin_protocol_policy = "https-only"', 'origin_ssl_protocols = ["TLSv1.2"]'],
        },
      ],
    },
    {
      name: 'only S3 origins (no custom_origin_config) pass',
      files: {
        'main.tf': tf(
          'resource "aws_cloudfront_distribution" "s3" {',
          '  origin {',
          '    domain_name              = "assets.s3.eu-north-1.amazonaws.com"',
          '    origin_id                = "assets"',
          '    origin_access_control_id = "E2QWRUHAPOMQZL"',
          '  }',
          '}',
        ),
      },
      expect: [{ status: 'pass', address: 'aws_cloudfront_distribution.s3', line: 2, message: 'no custom origins' }],
    },
    {
      name: 'protocols through a variable of a local module',
      files: {
        'main.tf': tf('module "cdn" {', '  source    = "./cdn"', '  protocols = ["TLSv1.2"]', '}'),
        'cdn/main.tf': tf(
          'variable "protocols" {',
          '  default = ["TLSv1", "TLSv1.2"]',
          '}',
          'resource "aws_cloudfront_distribution" "this" {',
          '  origin {',
          '    domain_name = "app.example.com"',
          '    origin_id   = "app"',
          '    custom_origin_config {',
          '      http_port              = 80',
          '      https_port             = 443',
          '      origin_protocol_policy = "https-only"',
          '      origin_ssl_protocols   = var.protocols',
          '    }',
          '  }',
          '}',
        ),
      },
      expect: [
        {
          status: 'pass',
          address: 'module.cdn.aws_cloudfront_distribution.this',
          file: 'cdn/main.tf',
          line: 4,
          message: 'origin_ssl_protocols = ["TLSv1.2"] (var.protocols (set by module.cdn in main.tf:3))',
        },
      ],
    },
    {
      name: 'a protocol the profile accepts',
      params: { acceptedTlsPolicies: ['TLSv1.3'] },
      files: { 'main.tf': customOrigin('site', 'origin_protocol_policy = "https-only"', 'origin_ssl_protocols   = ["TLSv1.2", "TLSv1.3"]') },
      expect: [{ status: 'pass', address: 'aws_cloudfront_distribution.site', line: 1 }],
    },
    {
      name: 'plan: https-only with TLSv1.2',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          {
            address: 'aws_cloudfront_distribution.site',
            values: {
              origin: [
                {
                  domain_name: 'app.example.com',
                  origin_id: 'app',
                  custom_origin_config: [{ http_port: 80, https_port: 443, origin_protocol_policy: 'https-only', origin_ssl_protocols: ['TLSv1.2'] }],
                  s3_origin_config: [],
                },
              ],
            },
          },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_cloudfront_distribution.site', message: 'origin_ssl_protocols = ["TLSv1.2"]' }],
    },
  ],
  invalid: [
    {
      name: 'a distribution without origin is not valid Terraform: unknown, saying so',
      files: { 'main.tf': tf('resource "aws_cloudfront_distribution" "d" {', '  enabled = true', '}') },
      expect: [{ status: 'unknown', address: 'aws_cloudfront_distribution.d', line: 1, message: 'origin is required by the provider and is not set: the configuration is not valid Terraform' }],
    },
    {
      name: 'match-viewer sends plain HTTP to the origin when the viewer uses HTTP',
      files: { 'main.tf': customOrigin('site', 'origin_protocol_policy = "match-viewer"', 'origin_ssl_protocols   = ["TLSv1.2"]') },
      expect: [{ status: 'fail', address: 'aws_cloudfront_distribution.site', line: 8, message: 'origin_protocol_policy = "match-viewer" uses plain HTTP' }],
    },
    {
      name: 'http-only',
      files: { 'main.tf': customOrigin('site', 'origin_protocol_policy = "http-only"', 'origin_ssl_protocols   = ["TLSv1.2"]') },
      expect: [{ status: 'fail', address: 'aws_cloudfront_distribution.site', line: 8, message: 'origin_protocol_policy = "http-only"' }],
    },
    {
      name: 'https-only but TLSv1 and TLSv1.1 allowed, naming each',
      files: { 'main.tf': customOrigin('site', 'origin_protocol_policy = "https-only"', 'origin_ssl_protocols   = ["TLSv1", "TLSv1.1", "TLSv1.2"]') },
      expect: [{ status: 'fail', address: 'aws_cloudfront_distribution.site', line: 9, message: ['"TLSv1" (TLS 1.0)', '"TLSv1.1" (TLS 1.1)', 'only TLSv1.2 is allowed'] }],
    },
    {
      name: 'both parts failing are both named; SSLv3 on a second origin',
      files: {
        'main.tf': tf(
          'resource "aws_cloudfront_distribution" "site" {',
          '  origin {',
          '    domain_name = "a.example.com"',
          '    origin_id   = "a"',
          '    custom_origin_config {',
          '      http_port              = 80',
          '      https_port             = 443',
          '      origin_protocol_policy = "https-only"',
          '      origin_ssl_protocols   = ["TLSv1.2"]',
          '    }',
          '  }',
          '  origin {',
          '    domain_name = "b.example.com"',
          '    origin_id   = "b"',
          '    custom_origin_config {',
          '      http_port              = 80',
          '      https_port             = 443',
          '      origin_protocol_policy = "match-viewer"',
          '      origin_ssl_protocols   = ["SSLv3"]',
          '    }',
          '  }',
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_cloudfront_distribution.site', line: 18, message: ['origin[1] ("b")', 'match-viewer', 'allows "SSLv3"'] }],
    },
    {
      name: 'custom_origin_config without the required origin_protocol_policy',
      files: { 'main.tf': customOrigin('site', 'origin_ssl_protocols = ["TLSv1.2"]') },
      expect: [{ status: 'fail', address: 'aws_cloudfront_distribution.site', line: 5, message: 'has no origin_protocol_policy (the provider requires one)' }],
    },
    {
      name: 'unknown origin protocol policy (variable without value) gives unknown',
      files: {
        'main.tf': 'variable "policy" {}\n' + customOrigin('site', 'origin_protocol_policy = var.policy', 'origin_ssl_protocols   = ["TLSv1.2"]'),
      },
      expect: [{ status: 'unknown', address: 'aws_cloudfront_distribution.site', line: 9, message: 'var.policy' }],
    },
    {
      name: 'a protocol name nobody knows gives unknown',
      files: { 'main.tf': customOrigin('site', 'origin_protocol_policy = "https-only"', 'origin_ssl_protocols   = ["TLSv1.2", "TLSv9"]') },
      expect: [{ status: 'unknown', address: 'aws_cloudfront_distribution.site', line: 9, message: '"TLSv9" is not a known origin protocol' }],
    },
    {
      name: 'dynamic origins from tfvars: the bad one is named',
      files: {
        'main.tf': tf(
          'variable "origins" {}',
          'resource "aws_cloudfront_distribution" "site" {',
          '  dynamic "origin" {',
          '    for_each = var.origins',
          '    content {',
          '      domain_name = origin.value.domain',
          '      origin_id   = origin.key',
          '      custom_origin_config {',
          '        http_port              = 80',
          '        https_port             = 443',
          '        origin_protocol_policy = origin.value.policy',
          '        origin_ssl_protocols   = ["TLSv1.2"]',
          '      }',
          '    }',
          '  }',
          '}',
        ),
        'terraform.tfvars': tf(
          'origins = {',
          '  api = { domain = "api.example.com", policy = "https-only" }',
          '  web = { domain = "web.example.com", policy = "http-only" }',
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_cloudfront_distribution.site', message: ['origin[1] ("web")', 'origin_protocol_policy = "http-only"'] }],
    },
    {
      name: 'counted distributions each get a result',
      files: {
        'main.tf': tf(
          'resource "aws_cloudfront_distribution" "site" {',
          '  count = 2',
          '  origin {',
          '    domain_name = "app${count.index}.example.com"',
          '    origin_id   = "app"',
          '    custom_origin_config {',
          '      http_port              = 80',
          '      https_port             = 443',
          '      origin_protocol_policy = "https-only"',
          '      origin_ssl_protocols   = ["TLSv1.1"]',
          '    }',
          '  }',
          '}',
        ),
      },
      expect: [
        { status: 'fail', address: 'aws_cloudfront_distribution.site[0]', line: 10, message: '"TLSv1.1" (TLS 1.1)' },
        { status: 'fail', address: 'aws_cloudfront_distribution.site[1]', line: 10 },
      ],
    },
    {
      name: 'plan: match-viewer, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          {
            address: 'aws_cloudfront_distribution.site',
            values: {
              origin: [
                {
                  domain_name: 'app.example.com',
                  origin_id: 'app',
                  custom_origin_config: [{ http_port: 80, https_port: 443, origin_protocol_policy: 'match-viewer', origin_ssl_protocols: ['TLSv1.2'] }],
                },
              ],
            },
          },
        ]),
        'main.tf': customOrigin('site', 'origin_protocol_policy = "match-viewer"', 'origin_ssl_protocols   = ["TLSv1.2"]'),
      },
      expect: [{ status: 'fail', address: 'aws_cloudfront_distribution.site', line: 8, message: 'origin_protocol_policy = "match-viewer"' }],
    },
  ],
});
