import { rule } from '../../../rules/transit/TG-TLS-007';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

/** One line per argument, so the line numbers in expectations can be read off the array index + 1. */
const tf = (...lines: string[]) => lines.join('\n') + '\n';

/** A domain (lines 1-7) with the given lines inside domain_endpoint_options. */
const domain = (type: string, ...options: string[]) =>
  tf(`resource "${type}" "search" {`, '  domain_name = "search"', '  domain_endpoint_options {', ...options.map((l) => `    ${l}`), '  }', '}');

ruleTester(rule, {
  valid: [
    {
      name: 'OpenSearch with HTTPS enforced and a TLS 1.2 policy',
      files: { 'main.tf': domain('aws_opensearch_domain', 'enforce_https       = true', 'tls_security_policy = "Policy-Min-TLS-1-2-2019-07"') },
      expect: [
        { status: 'pass', address: 'aws_opensearch_domain.search', line: 1, message: ['enforce_https = true', 'tls_security_policy = "Policy-Min-TLS-1-2-2019-07", which accepts TLS 1.2 or newer only'] },
      ],
    },
    {
      name: 'Elasticsearch with the PFS policy; enforce_https omitted inside the block is the provider default true',
      files: { 'main.tf': domain('aws_elasticsearch_domain', 'tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"') },
      expect: [{ status: 'pass', address: 'aws_elasticsearch_domain.search', line: 1, message: 'enforce_https = true (not set in the domain_endpoint_options block: provider default)' }],
    },
    {
      name: 'policy through a variable of a local module',
      files: {
        'main.tf': tf('module "search" {', '  source = "./search"', '  policy = "Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08"', '}'),
        'search/main.tf':
          tf('variable "policy" {', '  default = "Policy-Min-TLS-1-0-2019-07"', '}') +
          domain('aws_opensearch_domain', 'enforce_https       = true', 'tls_security_policy = var.policy'),
      },
      expect: [
        {
          status: 'pass',
          address: 'module.search.aws_opensearch_domain.search',
          file: 'search/main.tf',
          line: 4,
          message: 'tls_security_policy = "Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08" (var.policy (set by module.search in main.tf:3))',
        },
      ],
    },
    {
      name: 'plan: HTTPS enforced with a TLS 1.2 policy',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_opensearch_domain.search', values: { domain_name: 'search', domain_endpoint_options: [{ enforce_https: true, tls_security_policy: 'Policy-Min-TLS-1-2-PFS-2023-10' }] } },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_opensearch_domain.search', message: 'Policy-Min-TLS-1-2-PFS-2023-10' }],
    },
  ],
  invalid: [
    {
      name: 'enforce_https = false with a TLS 1.2 policy',
      files: { 'main.tf': domain('aws_opensearch_domain', 'enforce_https       = false', 'tls_security_policy = "Policy-Min-TLS-1-2-2019-07"') },
      expect: [{ status: 'fail', address: 'aws_opensearch_domain.search', line: 4, message: 'enforce_https = false: the domain endpoint accepts plain HTTP' }],
    },
    {
      name: 'HTTPS enforced but the TLS 1.0 policy',
      files: { 'main.tf': domain('aws_elasticsearch_domain', 'enforce_https       = true', 'tls_security_policy = "Policy-Min-TLS-1-0-2019-07"') },
      expect: [{ status: 'fail', address: 'aws_elasticsearch_domain.search', line: 5, message: 'accepts TLS 1.0: Policy-Min-TLS-1-2-2019-07 or newer is required' }],
    },
    {
      name: 'tls_security_policy omitted: AWS applies the TLS 1.0 policy',
      files: { 'main.tf': domain('aws_opensearch_domain', 'enforce_https = true') },
      expect: [{ status: 'fail', address: 'aws_opensearch_domain.search', line: 3, message: 'tls_security_policy is not set: AWS applies "Policy-Min-TLS-1-0-2019-07"' }],
    },
    {
      name: 'no domain_endpoint_options: both parts fail and are named, pointing at the block',
      files: { 'main.tf': tf('', 'resource "aws_opensearch_domain" "search" {', '  domain_name = "search"', '}') },
      expect: [
        { status: 'fail', address: 'aws_opensearch_domain.search', line: 2, message: ['domain_endpoint_options is not set: HTTPS is not enforced', 'tls_security_policy is not set'] },
      ],
    },
    {
      name: 'both parts failing are both named',
      files: { 'main.tf': domain('aws_opensearch_domain', 'enforce_https       = false', 'tls_security_policy = "Policy-Min-TLS-1-0-2019-07"') },
      expect: [{ status: 'fail', address: 'aws_opensearch_domain.search', line: 4, message: ['enforce_https = false', 'tls_security_policy = "Policy-Min-TLS-1-0-2019-07"'] }],
    },
    {
      name: 'counted domains with the policy from tfvars',
      files: {
        'main.tf':
          'variable "policy" {}\n' +
          tf(
            'resource "aws_opensearch_domain" "search" {',
            '  count       = 2',
            '  domain_name = "search-${count.index}"',
            '  domain_endpoint_options {',
            '    enforce_https       = true',
            '    tls_security_policy = var.policy',
            '  }',
            '}',
          ),
        'terraform.tfvars': 'policy = "Policy-Min-TLS-1-0-2019-07"\n',
      },
      expect: [
        { status: 'fail', address: 'aws_opensearch_domain.search[0]', line: 7, message: 'var.policy (set in terraform.tfvars:1)' },
        { status: 'fail', address: 'aws_opensearch_domain.search[1]', line: 7 },
      ],
    },
    {
      name: 'unknown enforce_https (variable without value) gives unknown',
      files: { 'main.tf': 'variable "https" {}\n' + domain('aws_opensearch_domain', 'enforce_https       = var.https', 'tls_security_policy = "Policy-Min-TLS-1-2-2019-07"') },
      expect: [{ status: 'unknown', address: 'aws_opensearch_domain.search', line: 5, message: 'var.https' }],
    },
    {
      name: 'a policy name nobody knows gives unknown',
      files: { 'main.tf': domain('aws_opensearch_domain', 'enforce_https       = true', 'tls_security_policy = "Policy-Min-TLS-1-3-2030-01"') },
      expect: [{ status: 'unknown', address: 'aws_opensearch_domain.search', line: 5, message: 'not a known OpenSearch TLS security policy' }],
    },
    {
      name: 'plan: TLS 1.0 policy, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_opensearch_domain.search', values: { domain_name: 'search', domain_endpoint_options: [{ enforce_https: true, tls_security_policy: 'Policy-Min-TLS-1-0-2019-07' }] } },
        ]),
        'main.tf': domain('aws_opensearch_domain', 'enforce_https       = true', 'tls_security_policy = "Policy-Min-TLS-1-0-2019-07"'),
      },
      expect: [{ status: 'fail', address: 'aws_opensearch_domain.search', line: 5, message: 'accepts TLS 1.0' }],
    },
  ],
});
