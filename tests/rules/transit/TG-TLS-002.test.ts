import { rule } from '../../../rules/transit/TG-TLS-002';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

/** One line per argument, so the line numbers in expectations can be read off the array index + 1. */
const tf = (...lines: string[]) => lines.join('\n') + '\n';

const ACM = '    acm_certificate_arn      = "arn:aws:acm:us-east-1:123456789012:certificate/abc"';

ruleTester(rule, {
  valid: [
    {
      name: 'plan: redirect to HTTPS with TLSv1.2_2021',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          {
            address: 'aws_cloudfront_distribution.d',
            values: {
              default_cache_behavior: [{ viewer_protocol_policy: 'redirect-to-https' }],
              ordered_cache_behavior: [],
              viewer_certificate: [{ cloudfront_default_certificate: false, acm_certificate_arn: 'arn:aws:acm:us-east-1:123456789012:certificate/x', minimum_protocol_version: 'TLSv1.2_2021', ssl_support_method: 'sni-only' }],
            },
          },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_cloudfront_distribution.d' }],
    },
    {
      name: 'HTTPS on every cache behavior and a custom certificate with TLSv1.2_2021',
      files: {
        'main.tf': tf(
          'resource "aws_cloudfront_distribution" "site" {',
          '  default_cache_behavior {',
          '    viewer_protocol_policy = "redirect-to-https"',
          '  }',
          '  ordered_cache_behavior {',
          '    path_pattern           = "/api/*"',
          '    viewer_protocol_policy = "https-only"',
          '  }',
          '  viewer_certificate {',
          ACM,
          '    ssl_support_method       = "sni-only"',
          '    minimum_protocol_version = "TLSv1.2_2021"',
          '  }',
          '}',
        ),
      },
      expect: [
        {
          status: 'pass',
          address: 'aws_cloudfront_distribution.site',
          line: 1,
          message: ['default_cache_behavior.0.viewer_protocol_policy = "redirect-to-https"', 'ordered_cache_behavior.0.viewer_protocol_policy = "https-only"', 'minimum_protocol_version = "TLSv1.2_2021"'],
        },
      ],
    },
    {
      name: 'minimum protocol version through a variable of a local module (TLSv1.3_2025)',
      files: {
        'main.tf': tf('module "cdn" {', '  source      = "./cdn"', '  min_version = "TLSv1.3_2025"', '}'),
        'cdn/main.tf': tf(
          'variable "min_version" {',
          '  default = "TLSv1"',
          '}',
          'resource "aws_cloudfront_distribution" "this" {',
          '  default_cache_behavior {',
          '    viewer_protocol_policy = "https-only"',
          '  }',
          '  viewer_certificate {',
          ACM,
          '    minimum_protocol_version = var.min_version',
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
          message: ['minimum_protocol_version = "TLSv1.3_2025" (var.min_version (set by module.cdn in main.tf:3))', 'TLS 1.3'],
        },
      ],
    },
    {
      name: 'dynamic ordered_cache_behavior blocks with a known for_each are each checked',
      files: {
        'main.tf': tf(
          'variable "paths" {',
          '  default = ["/a/*", "/b/*"]',
          '}',
          'resource "aws_cloudfront_distribution" "site" {',
          '  default_cache_behavior {',
          '    viewer_protocol_policy = "redirect-to-https"',
          '  }',
          '  dynamic "ordered_cache_behavior" {',
          '    for_each = var.paths',
          '    content {',
          '      path_pattern           = ordered_cache_behavior.value',
          '      viewer_protocol_policy = "https-only"',
          '    }',
          '  }',
          '  viewer_certificate {',
          ACM,
          '    minimum_protocol_version = "TLSv1.2_2018"',
          '  }',
          '}',
        ),
      },
      expect: [
        {
          status: 'pass',
          address: 'aws_cloudfront_distribution.site',
          line: 4,
          message: ['ordered_cache_behavior.0.viewer_protocol_policy = "https-only"', 'ordered_cache_behavior.1.viewer_protocol_policy = "https-only"'],
        },
      ],
    },
    {
      name: 'a minimum protocol version the profile accepts',
      params: { acceptedTlsPolicies: ['TLSv1.2_2030'] },
      files: {
        'main.tf': tf(
          'resource "aws_cloudfront_distribution" "site" {',
          '  default_cache_behavior {',
          '    viewer_protocol_policy = "https-only"',
          '  }',
          '  viewer_certificate {',
          ACM,
          '    minimum_protocol_version = "TLSv1.2_2030"',
          '  }',
          '}',
        ),
      },
      expect: [{ status: 'pass', address: 'aws_cloudfront_distribution.site', line: 1, message: 'accepted by the profile' }],
    },
  ],
  invalid: [
    {
      name: 'plan: the default certificate allows TLSv1',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_cloudfront_distribution.d', values: { default_cache_behavior: [{ viewer_protocol_policy: 'https-only' }], ordered_cache_behavior: [], viewer_certificate: [{ cloudfront_default_certificate: true }] } },
        ]),
      },
      expect: [{ status: 'fail', address: 'aws_cloudfront_distribution.d', message: 'cloudfront_default_certificate' }],
    },
    {
      name: 'the default cache behavior allows plain HTTP',
      files: {
        'main.tf': tf(
          'resource "aws_cloudfront_distribution" "site" {',
          '  default_cache_behavior {',
          '    viewer_protocol_policy = "allow-all"',
          '  }',
          '  viewer_certificate {',
          ACM,
          '    minimum_protocol_version = "TLSv1.2_2019"',
          '  }',
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_cloudfront_distribution.site', line: 3, message: 'default_cache_behavior.0.viewer_protocol_policy = "allow-all" lets viewers use plain HTTP' }],
    },
    {
      name: 'the second ordered cache behavior allows plain HTTP',
      files: {
        'main.tf': tf(
          'resource "aws_cloudfront_distribution" "site" {',
          '  default_cache_behavior {',
          '    viewer_protocol_policy = "redirect-to-https"',
          '  }',
          '  ordered_cache_behavior {',
          '    path_pattern           = "/static/*"',
          '    viewer_protocol_policy = "https-only"',
          '  }',
          '  ordered_cache_behavior {',
          '    path_pattern           = "/legacy/*"',
          '    viewer_protocol_policy = "allow-all"',
          '  }',
          '  viewer_certificate {',
          ACM,
          '    minimum_protocol_version = "TLSv1.2_2021"',
          '  }',
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_cloudfront_distribution.site', line: 11, message: 'ordered_cache_behavior.1.viewer_protocol_policy = "allow-all"' }],
    },
    {
      name: 'the CloudFront default certificate allows TLSv1 whatever minimum_protocol_version says',
      files: {
        'main.tf': tf(
          'resource "aws_cloudfront_distribution" "site" {',
          '  default_cache_behavior {',
          '    viewer_protocol_policy = "redirect-to-https"',
          '  }',
          '  viewer_certificate {',
          '    cloudfront_default_certificate = true',
          '    minimum_protocol_version       = "TLSv1.2_2021"',
          '  }',
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_cloudfront_distribution.site', line: 6, message: ['cloudfront_default_certificate = true', 'security policy TLSv1'] }],
    },
    {
      name: 'omitted minimum_protocol_version is the provider default TLSv1, pointing at the block',
      files: {
        'main.tf': tf(
          'resource "aws_cloudfront_distribution" "site" {',
          '  default_cache_behavior {',
          '    viewer_protocol_policy = "https-only"',
          '  }',
          '',
          '  viewer_certificate {',
          ACM,
          '    ssl_support_method       = "sni-only"',
          '  }',
          '}',
        ),
      },
      expect: [
        {
          status: 'fail',
          address: 'aws_cloudfront_distribution.site',
          line: 6,
          message: ['minimum_protocol_version = "TLSv1" (not set in the viewer_certificate block: provider default) accepts TLS 1.0', 'TLSv1.2_2018 or newer is required'],
        },
      ],
    },
    {
      name: 'one result naming every failing part',
      files: {
        'main.tf': tf(
          'resource "aws_cloudfront_distribution" "site" {',
          '  default_cache_behavior {',
          '    viewer_protocol_policy = "allow-all"',
          '  }',
          '  viewer_certificate {',
          ACM,
          '    minimum_protocol_version = "TLSv1.1_2016"',
          '  }',
          '}',
        ),
      },
      expect: [
        {
          status: 'fail',
          address: 'aws_cloudfront_distribution.site',
          line: 3,
          message: ['viewer_protocol_policy = "allow-all"', 'minimum_protocol_version = "TLSv1.1_2016" accepts TLS 1.1'],
        },
      ],
    },
    {
      name: 'counted distributions with the minimum version from terraform.tfvars',
      files: {
        'main.tf': tf(
          'variable "min_version" {}',
          'resource "aws_cloudfront_distribution" "site" {',
          '  count = 2',
          '  default_cache_behavior {',
          '    viewer_protocol_policy = "https-only"',
          '  }',
          '  viewer_certificate {',
          ACM,
          '    minimum_protocol_version = var.min_version',
          '  }',
          '}',
        ),
        'terraform.tfvars': 'min_version = "TLSv1_2016"\n',
      },
      expect: [
        { status: 'fail', address: 'aws_cloudfront_distribution.site[0]', line: 9, message: ['var.min_version (set in terraform.tfvars:1)', 'accepts TLS 1.0'] },
        { status: 'fail', address: 'aws_cloudfront_distribution.site[1]', line: 9, message: 'var.min_version (set in terraform.tfvars:1)' },
      ],
    },
    {
      name: 'a dynamic ordered_cache_behavior with a known for_each that allows HTTP',
      files: {
        'main.tf': tf(
          'variable "behaviors" {',
          '  default = { "/a/*" = "https-only", "/b/*" = "allow-all" }',
          '}',
          'resource "aws_cloudfront_distribution" "site" {',
          '  default_cache_behavior {',
          '    viewer_protocol_policy = "https-only"',
          '  }',
          '  dynamic "ordered_cache_behavior" {',
          '    for_each = var.behaviors',
          '    content {',
          '      path_pattern           = ordered_cache_behavior.key',
          '      viewer_protocol_policy = ordered_cache_behavior.value',
          '    }',
          '  }',
          '  viewer_certificate {',
          ACM,
          '    minimum_protocol_version = "TLSv1.2_2021"',
          '  }',
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_cloudfront_distribution.site', line: 12, message: ['ordered_cache_behavior.1.viewer_protocol_policy = "allow-all"'] }],
    },
    {
      name: 'a dynamic ordered_cache_behavior with an unknown for_each is unknown',
      files: {
        'main.tf': tf(
          'variable "behaviors" {}',
          'resource "aws_cloudfront_distribution" "site" {',
          '  default_cache_behavior {',
          '    viewer_protocol_policy = "https-only"',
          '  }',
          '  dynamic "ordered_cache_behavior" {',
          '    for_each = var.behaviors',
          '    content {',
          '      viewer_protocol_policy = ordered_cache_behavior.value',
          '    }',
          '  }',
          '  viewer_certificate {',
          ACM,
          '    minimum_protocol_version = "TLSv1.2_2021"',
          '  }',
          '}',
        ),
      },
      expect: [{ status: 'unknown', address: 'aws_cloudfront_distribution.site', line: 6, message: ['ordered_cache_behavior blocks are not known statically', 'var.behaviors'] }],
    },
    {
      name: 'a minimum protocol version from a variable without a value is unknown',
      files: {
        'main.tf': tf(
          'variable "min_version" {}',
          'resource "aws_cloudfront_distribution" "site" {',
          '  default_cache_behavior {',
          '    viewer_protocol_policy = "https-only"',
          '  }',
          '  viewer_certificate {',
          ACM,
          '    minimum_protocol_version = var.min_version',
          '  }',
          '}',
        ),
      },
      expect: [{ status: 'unknown', address: 'aws_cloudfront_distribution.site', line: 8, message: ['minimum_protocol_version = unknown', 'var.min_version'] }],
    },
    {
      name: 'a security policy name CloudFront does not have is unknown',
      files: {
        'main.tf': tf(
          'resource "aws_cloudfront_distribution" "site" {',
          '  default_cache_behavior {',
          '    viewer_protocol_policy = "https-only"',
          '  }',
          '  viewer_certificate {',
          ACM,
          '    minimum_protocol_version = "TLSv1.0"',
          '  }',
          '}',
        ),
      },
      expect: [{ status: 'unknown', address: 'aws_cloudfront_distribution.site', line: 7, message: ['"TLSv1.0" is not a known CloudFront security policy'] }],
    },
    {
      name: 'no viewer_certificate and no viewer_protocol_policy',
      files: {
        'main.tf': tf('resource "aws_cloudfront_distribution" "bare" {', '  default_cache_behavior {', '    target_origin_id = "s3"', '  }', '}'),
      },
      expect: [
        {
          status: 'fail',
          address: 'aws_cloudfront_distribution.bare',
          line: 2,
          message: ['default_cache_behavior has no viewer_protocol_policy', 'viewer_certificate is not set: the CloudFront default certificate applies'],
        },
      ],
    },
  ],
});
