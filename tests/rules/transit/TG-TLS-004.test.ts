import { rule } from '../../../rules/transit/TG-TLS-004';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

/** One line per argument, so the line numbers in expectations can be read off the array index + 1. */
const tf = (...lines: string[]) => lines.join('\n') + '\n';

const v2 = (name: string, policyLine: string) =>
  tf(
    `resource "aws_apigatewayv2_domain_name" "${name}" {`,
    '  domain_name = "ws.example.com"',
    '  domain_name_configuration {',
    '    certificate_arn = "arn:aws:acm:eu-north-1:123456789012:certificate/abc"',
    '    endpoint_type   = "REGIONAL"',
    `    ${policyLine}`,
    '  }',
    '}',
  );

ruleTester(rule, {
  valid: [
    {
      name: 'REST domain name with TLS_1_2',
      files: { 'main.tf': tf('resource "aws_api_gateway_domain_name" "api" {', '  domain_name     = "api.example.com"', '  security_policy = "TLS_1_2"', '}') },
      expect: [{ status: 'pass', address: 'aws_api_gateway_domain_name.api', line: 3, message: 'security_policy = "TLS_1_2", which accepts TLS 1.2 or newer only' }],
    },
    {
      name: 'REST domain name with an enhanced TLS 1.3 policy',
      files: {
        'main.tf': tf('resource "aws_api_gateway_domain_name" "api" {', '  domain_name     = "api.example.com"', '  security_policy = "SecurityPolicy_TLS13_1_3_2025_09"', '}'),
      },
      expect: [{ status: 'pass', address: 'aws_api_gateway_domain_name.api', line: 3, message: 'TLS 1.3 or newer only' }],
    },
    {
      name: 'v2 domain name with TLS_1_2',
      files: { 'main.tf': v2('ws', 'security_policy = "TLS_1_2"') },
      expect: [{ status: 'pass', address: 'aws_apigatewayv2_domain_name.ws', line: 6, message: 'domain_name_configuration.security_policy = "TLS_1_2"' }],
    },
    {
      name: 'policy through a variable of a local module',
      files: {
        'main.tf': tf('module "api" {', '  source = "./api"', '  policy = "SecurityPolicy_TLS13_1_2_2021_06"', '}'),
        'api/main.tf': tf(
          'variable "policy" {',
          '  default = "TLS_1_0"',
          '}',
          'resource "aws_api_gateway_domain_name" "this" {',
          '  domain_name     = "api.example.com"',
          '  security_policy = var.policy',
          '}',
        ),
      },
      expect: [
        {
          status: 'pass',
          address: 'module.api.aws_api_gateway_domain_name.this',
          file: 'api/main.tf',
          line: 6,
          message: 'security_policy = "SecurityPolicy_TLS13_1_2_2021_06" (var.policy (set by module.api in main.tf:3))',
        },
      ],
    },
    {
      name: 'a custom name the profile accepts',
      params: { acceptedTlsPolicies: ['SecurityPolicy_Custom_TLS13'] },
      files: { 'main.tf': tf('resource "aws_api_gateway_domain_name" "api" {', '  security_policy = "SecurityPolicy_Custom_TLS13"', '}') },
      expect: [{ status: 'pass', address: 'aws_api_gateway_domain_name.api', line: 2, message: 'the profile accepts' }],
    },
    {
      name: 'plan: TLS_1_2 on both kinds',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_api_gateway_domain_name.api', values: { domain_name: 'api.example.com', security_policy: 'TLS_1_2' } },
          { address: 'aws_apigatewayv2_domain_name.ws', values: { domain_name: 'ws.example.com', domain_name_configuration: [{ endpoint_type: 'REGIONAL', security_policy: 'TLS_1_2' }] } },
        ]),
      },
      expect: [
        { status: 'pass', address: 'aws_api_gateway_domain_name.api' },
        { status: 'pass', address: 'aws_apigatewayv2_domain_name.ws' },
      ],
    },
  ],
  invalid: [
    {
      name: 'v2 without domain_name_configuration is not valid Terraform: unknown, saying so',
      files: { 'main.tf': tf('resource "aws_apigatewayv2_domain_name" "bare" {', '  domain_name = "ws.example.com"', '}') },
      expect: [{ status: 'unknown', address: 'aws_apigatewayv2_domain_name.bare', line: 1, message: 'domain_name_configuration is required by the provider and is not set: the configuration is not valid Terraform' }],
    },
    {
      name: 'REST domain name without security_policy: TLS_1_0 from the provider default, pointing at the block',
      files: { 'main.tf': tf('', 'resource "aws_api_gateway_domain_name" "api" {', '  domain_name = "api.example.com"', '}') },
      expect: [{ status: 'fail', address: 'aws_api_gateway_domain_name.api', line: 2, message: 'security_policy = "TLS_1_0" (provider default when omitted), which accepts TLS 1.0' }],
    },
    {
      name: 'REST domain name with TLS_1_0',
      files: { 'main.tf': tf('resource "aws_api_gateway_domain_name" "api" {', '  domain_name     = "api.example.com"', '  security_policy = "TLS_1_0"', '}') },
      expect: [{ status: 'fail', address: 'aws_api_gateway_domain_name.api', line: 3, message: 'security_policy = "TLS_1_0", which accepts TLS 1.0' }],
    },
    {
      name: 'v2 domain name with TLS_1_0 set through tfvars, counted',
      files: {
        'main.tf': tf(
          'variable "policy" {}',
          'resource "aws_apigatewayv2_domain_name" "ws" {',
          '  count       = 2',
          '  domain_name = "ws${count.index}.example.com"',
          '  domain_name_configuration {',
          '    endpoint_type   = "REGIONAL"',
          '    security_policy = var.policy',
          '  }',
          '}',
        ),
        'terraform.tfvars': 'policy = "TLS_1_0"\n',
      },
      expect: [
        { status: 'fail', address: 'aws_apigatewayv2_domain_name.ws[0]', line: 7, message: 'var.policy (set in terraform.tfvars:1)' },
        { status: 'fail', address: 'aws_apigatewayv2_domain_name.ws[1]', line: 7 },
      ],
    },
    {
      name: 'unknown policy (variable without value) gives unknown',
      files: { 'main.tf': tf('variable "policy" {}', 'resource "aws_api_gateway_domain_name" "api" {', '  security_policy = var.policy', '}') },
      expect: [{ status: 'unknown', address: 'aws_api_gateway_domain_name.api', line: 3, message: 'var.policy' }],
    },
    {
      name: 'a policy name nobody knows gives unknown',
      files: { 'main.tf': tf('resource "aws_api_gateway_domain_name" "api" {', '  security_policy = "TLS_9_9"', '}') },
      expect: [{ status: 'unknown', address: 'aws_api_gateway_domain_name.api', line: 2, message: 'not a known API Gateway security policy' }],
    },
    {
      name: 'v2 without the required security_policy gives unknown',
      files: { 'main.tf': v2('ws', 'ip_address_type = "ipv4"') },
      expect: [{ status: 'unknown', address: 'aws_apigatewayv2_domain_name.ws', line: 3, message: 'domain_name_configuration.security_policy is required by the provider and is not set: the configuration is not valid Terraform' }],
    },
    {
      name: 'plan: REST domain name with TLS_1_0, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_api_gateway_domain_name.api', values: { domain_name: 'api.example.com', security_policy: 'TLS_1_0' } }]),
        'main.tf': tf('resource "aws_api_gateway_domain_name" "api" {', '  domain_name     = "api.example.com"', '  security_policy = "TLS_1_0"', '}'),
      },
      expect: [{ status: 'fail', address: 'aws_api_gateway_domain_name.api', line: 3, message: 'TLS_1_0' }],
    },
    {
      name: 'plan: a policy known only after apply gives unknown',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_api_gateway_domain_name.api', values: { domain_name: 'api.example.com' }, unknown: ['security_policy'] }]) },
      expect: [{ status: 'unknown', address: 'aws_api_gateway_domain_name.api', message: 'known after apply' }],
    },
  ],
});
