import { rule } from '../../../rules/network/TG-NET-008';
import { planJson } from '../../helpers/plan-builder';
import { ruleTester } from '../../helpers/rule-tester';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

/** main.tf: an internet-facing ALB (security_groups at line 3); `extra` follows from line 5. */
const alb = (...extra: string[]) => lines('resource "aws_lb" "app" {', '  internal        = false', '  security_groups = [aws_security_group.alb.id]', '}', ...extra);

/** security.tf: the ALB group with one inline ingress block of `source` lines (from line 7). */
const sg = (...source: string[]) =>
  lines('resource "aws_security_group" "alb" {', '  ingress {', '    from_port = 443', '    to_port   = 443', '    protocol  = "tcp"', '    # source', ...source.map((s) => `    ${s}`), '  }', '}');

const CLOUDFRONT_LIST = ['data "aws_ec2_managed_prefix_list" "cloudfront" {', '  name = "com.amazonaws.global.cloudfront.origin-facing"', '}'];

const DISTRIBUTION = [
  'resource "aws_cloudfront_distribution" "cdn" {',
  '  origin {',
  '    origin_id   = "alb"',
  '    domain_name = aws_lb.app.dns_name',
  '  }',
  '}',
];

ruleTester(rule, {
  valid: [
    {
      name: 'ingress only from the CloudFront origin-facing prefix list (data source by name)',
      files: { 'main.tf': alb(...CLOUDFRONT_LIST), 'security.tf': sg('prefix_list_ids = [data.aws_ec2_managed_prefix_list.cloudfront.id]') },
      expect: [{ status: 'pass', address: 'aws_lb.app', line: 1, message: 'internet ingress only from the CloudFront origin-facing prefix list: aws_security_group.alb ingress.0 from data.aws_ec2_managed_prefix_list.cloudfront' }],
    },
    {
      name: 'data source looked up with a filter, referenced from aws_vpc_security_group_ingress_rule.prefix_list_id',
      files: {
        'main.tf': alb(
          'data "aws_ec2_managed_prefix_list" "cf" {',
          '  filter {',
          '    name   = "prefix-list-name"',
          '    values = ["com.amazonaws.global.cloudfront.origin-facing"]',
          '  }',
          '}',
          'resource "aws_security_group" "alb" {',
          '}',
          'resource "aws_vpc_security_group_ingress_rule" "cf" {',
          '  security_group_id = aws_security_group.alb.id',
          '  prefix_list_id    = data.aws_ec2_managed_prefix_list.cf.id',
          '  ip_protocol       = "tcp"',
          '  from_port         = 443',
          '  to_port           = 443',
          '}',
        ),
      },
      expect: [{ status: 'pass', address: 'aws_lb.app', line: 1, message: 'aws_vpc_security_group_ingress_rule.cf from data.aws_ec2_managed_prefix_list.cf' }],
    },
    {
      name: 'the published list ID of a region, given in tfvars',
      files: { 'main.tf': alb('variable "cf_list" {}'), 'security.tf': sg('prefix_list_ids = [var.cf_list]'), 'terraform.tfvars': 'cf_list = "pl-3b927c52"\n' },
      expect: [{ status: 'pass', address: 'aws_lb.app', line: 1, message: '"pl-3b927c52" (com.amazonaws.global.cloudfront.origin-facing in us-east-1)' }],
    },
    {
      name: 'open to the internet, but the origin of a CloudFront distribution and protected by a WAF web ACL',
      files: {
        'main.tf': alb(...DISTRIBUTION, 'resource "aws_wafv2_web_acl_association" "alb" {', '  resource_arn = aws_lb.app.arn', '  web_acl_arn  = "arn:aws:wafv2:eu-north-1:123456789012:regional/webacl/origin/1"', '}'),
        'security.tf': sg('cidr_blocks = ["0.0.0.0/0"]'),
      },
      expect: [{ status: 'pass', address: 'aws_lb.app', line: 1, message: 'aws_cloudfront_distribution.cdn uses it as origin and aws_wafv2_web_acl_association.alb protects it with a WAF web ACL' }],
    },
    {
      name: 'internal and gateway load balancers are not reachable from the internet; network load balancers get no result',
      files: {
        'main.tf': lines(
          'resource "aws_alb" "internal" {',
          '  internal = true',
          '}',
          'resource "aws_lb" "gwlb" {',
          '  load_balancer_type = "gateway"',
          '}',
          'resource "aws_lb" "nlb" {',
          '  load_balancer_type = "network"',
          '}',
        ),
      },
      expect: [
        { status: 'pass', address: 'aws_alb.internal', line: 2, message: 'internal = true: not reachable from the internet' },
        { status: 'pass', address: 'aws_lb.gwlb', line: 5, message: 'Gateway Load Balancer endpoints' },
      ],
    },
    {
      name: 'plan: the published eu-north-1 list ID in the security group',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_security_group.alb', values: { ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: [], ipv6_cidr_blocks: [], prefix_list_ids: ['pl-fab65393'], security_groups: [], self: false, description: '' }] } },
          { address: 'aws_lb.app', values: { internal: false, load_balancer_type: 'application' }, refs: { security_groups: ['aws_security_group.alb.id', 'aws_security_group.alb'] } },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_lb.app', message: 'com.amazonaws.global.cloudfront.origin-facing in eu-north-1' }],
    },
  ],
  invalid: [
    {
      name: 'HTTPS open to 0.0.0.0/0 and no CloudFront in front: the finding points at the CIDR',
      files: { 'main.tf': alb(), 'security.tf': sg('cidr_blocks = ["0.0.0.0/0"]') },
      expect: [
        {
          status: 'fail',
          address: 'aws_lb.app',
          line: 7,
          file: 'security.tf',
          message: ['ALB is reachable around CloudFront: its security groups admit the internet directly', 'aws_security_group.alb ingress.0 admits 0.0.0.0/0', 'no CloudFront distribution uses it as origin'],
        },
      ],
    },
    {
      name: 'the CloudFront list and ::/0 side by side, internal omitted (provider default internet-facing)',
      files: {
        'main.tf': lines('resource "aws_alb" "app" {', '  security_groups = [aws_security_group.alb.id]', '}', ...CLOUDFRONT_LIST),
        'security.tf': sg('prefix_list_ids  = [data.aws_ec2_managed_prefix_list.cloudfront.id]', 'ipv6_cidr_blocks = ["::/0"]'),
      },
      expect: [{ status: 'fail', address: 'aws_alb.app', line: 8, file: 'security.tf', message: ['internet-facing (internal = false (provider default when omitted))', 'admits ::/0'] }],
    },
    {
      name: 'CloudFront uses it as origin but no WAF association, and a public office range is admitted',
      files: { 'main.tf': alb(...DISTRIBUTION), 'security.tf': sg('cidr_blocks = ["203.0.113.0/24"]') },
      expect: [{ status: 'fail', address: 'aws_lb.app', line: 7, file: 'security.tf', message: ['admits public addresses 203.0.113.0/24', 'aws_cloudfront_distribution.cdn uses it as origin, but no aws_wafv2_web_acl_association names it'] }],
    },
    {
      name: 'counted ALBs behind a prefix list that is not known to be CloudFront\'s give unknown',
      files: {
        'main.tf': lines('resource "aws_lb" "app" {', '  count           = 2', '  security_groups = [aws_security_group.alb.id]', '}'),
        'security.tf': sg('prefix_list_ids = ["pl-00000000"]'),
      },
      expect: [
        { status: 'unknown', address: 'aws_lb.app[0]', line: 7, file: 'security.tf', message: '"pl-00000000", which is not known to be the CloudFront origin-facing list' },
        { status: 'unknown', address: 'aws_lb.app[1]', line: 7, file: 'security.tf' },
      ],
    },
    {
      name: 'a prefix list from an unset variable gives unknown',
      files: { 'main.tf': alb('variable "cf_list" {}'), 'security.tf': sg('prefix_list_ids = [var.cf_list]') },
      expect: [{ status: 'unknown', address: 'aws_lb.app', line: 7, file: 'security.tf', message: 'var.cf_list' }],
    },
    {
      name: 'open to the internet while internal comes from an unset variable gives unknown',
      files: {
        'main.tf': lines('variable "internal" {}', 'resource "aws_lb" "app" {', '  internal        = var.internal', '  security_groups = [aws_security_group.alb.id]', '}'),
        'security.tf': sg('cidr_blocks = ["0.0.0.0/0"]'),
      },
      expect: [{ status: 'unknown', address: 'aws_lb.app', line: 7, file: 'security.tf', message: 'it is not known whether it is internet-facing' }],
    },
    {
      name: 'plan: HTTPS open to 0.0.0.0/0',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_security_group.alb', values: { ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: '' }] } },
          { address: 'aws_lb.app', values: { internal: false, load_balancer_type: 'application' }, refs: { security_groups: ['aws_security_group.alb.id', 'aws_security_group.alb'] } },
        ]),
      },
      expect: [{ status: 'fail', address: 'aws_lb.app', message: 'admits 0.0.0.0/0' }],
    },
  ],
});
