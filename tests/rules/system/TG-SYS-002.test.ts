import { rule } from '../../../rules/system/TG-SYS-002';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const template = (name: string, tokens?: string) =>
  `resource "aws_launch_template" "${name}" {\n  image_id = "ami-123"\n${tokens ? `  metadata_options {\n    http_tokens = "${tokens}"\n  }\n` : ''}}\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'plan: instance requires IMDSv2',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_instance.web', values: { ami: 'ami-123', metadata_options: [{ http_tokens: 'required' }] } }]) },
      expect: [{ status: 'pass', address: 'aws_instance.web', message: 'metadata_options.http_tokens = "required"' }],
    },
    {
      name: 'launch template and launch configuration require IMDSv2, pointing at http_tokens',
      files: {
        'main.tf':
          template('lt', 'required') +
          'resource "aws_launch_configuration" "lc" {\n  image_id      = "ami-123"\n  instance_type = "t3.micro"\n  metadata_options {\n    http_endpoint = "enabled"\n    http_tokens   = "required"\n  }\n}\n',
      },
      expect: [
        { status: 'pass', address: 'aws_launch_template.lt', line: 4 },
        { status: 'pass', address: 'aws_launch_configuration.lc', line: 12 },
      ],
    },
    {
      name: 'metadata endpoint turned off',
      files: { 'main.tf': 'resource "aws_instance" "web" {\n  ami = "ami-123"\n  metadata_options {\n    http_endpoint = "disabled"\n  }\n}\n' },
      expect: [{ status: 'pass', address: 'aws_instance.web', line: 4, message: 'http_endpoint = "disabled": the instance metadata service is off' }],
    },
    {
      name: "an instance launched from a template in the graph takes the template's setting",
      files: { 'main.tf': template('lt', 'required') + 'resource "aws_instance" "web" {\n  launch_template {\n    id = aws_launch_template.lt.id\n  }\n}\n' },
      expect: [
        { status: 'pass', address: 'aws_launch_template.lt', line: 4 },
        { status: 'pass', address: 'aws_instance.web', line: 8, message: 'http_tokens = "required" from aws_launch_template.lt' },
      ],
    },
    {
      name: 'an account-level default in the configuration (aws_ec2_instance_metadata_defaults)',
      files: { 'main.tf': 'resource "aws_ec2_instance_metadata_defaults" "this" {\n  http_tokens = "required"\n}\nresource "aws_instance" "web" {\n  ami = "ami-123"\n}\n' },
      expect: [{ status: 'pass', address: 'aws_instance.web', line: 4, message: 'account default set by aws_ec2_instance_metadata_defaults.this' }],
    },
    {
      name: 'value through a variable of a local module',
      files: {
        'main.tf': 'module "app" {\n  source = "./app"\n  tokens = "required"\n}\n',
        'app/main.tf': 'variable "tokens" { default = "optional" }\nresource "aws_launch_template" "this" {\n  metadata_options {\n    http_tokens = var.tokens\n  }\n}\n',
      },
      expect: [{ status: 'pass', address: 'module.app.aws_launch_template.this', line: 4, file: 'app/main.tf', message: 'var.tokens (set by module.app in main.tf:3)' }],
    },
  ],
  invalid: [
    {
      name: 'plan: tokens optional, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_launch_template.lt', values: { image_id: 'ami-123', metadata_options: [{ http_tokens: 'optional' }] } }]),
        'main.tf': template('lt', 'optional'),
      },
      expect: [{ status: 'fail', address: 'aws_launch_template.lt', line: 4, message: ['metadata_options.http_tokens = "optional"', 'IMDSv1'] }],
    },
    {
      name: 'plan: metadata options known only after apply give unknown',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_instance.web[0]', values: { ami: 'ami-123' }, unknown: ['metadata_options'] }]) },
      expect: [{ status: 'unknown', address: 'aws_instance.web[0]', message: 'known after apply' }],
    },
    {
      name: 'omitted: the provider default "optional" fails at the resource, with the AMI caveat',
      files: { 'main.tf': '\nresource "aws_instance" "web" {\n  ami = "ami-123"\n}\n' },
      expect: [
        {
          status: 'fail',
          address: 'aws_instance.web',
          line: 2,
          message: ['metadata_options.http_tokens = "optional" (provider default when omitted)', 'ImdsSupport = v2.0', 'the configuration does not show it'],
        },
      ],
    },
    {
      name: 'an empty metadata_options block points at the block',
      files: { 'main.tf': 'resource "aws_instance" "web" {\n  ami = "ami-123"\n  metadata_options {\n  }\n}\n' },
      expect: [{ status: 'fail', address: 'aws_instance.web', line: 3, message: 'provider default when omitted' }],
    },
    {
      name: 'explicit optional on a launch configuration, endpoint enabled',
      files: { 'main.tf': 'resource "aws_launch_configuration" "lc" {\n  metadata_options {\n    http_endpoint = "enabled"\n    http_tokens   = "optional"\n  }\n}\n' },
      expect: [{ status: 'fail', address: 'aws_launch_configuration.lc', line: 4, message: ['http_tokens = "optional"', 'http_endpoint = "enabled"'] }],
    },
    {
      name: "an instance launched from a template that allows IMDSv1 fails with the template's setting",
      files: { 'main.tf': template('lt', 'optional') + 'resource "aws_instance" "web" {\n  launch_template {\n    name = aws_launch_template.lt.name\n  }\n}\n' },
      expect: [
        { status: 'fail', address: 'aws_launch_template.lt', line: 4 },
        { status: 'fail', address: 'aws_instance.web', line: 8, message: 'from aws_launch_template.lt' },
      ],
    },
    {
      name: "the instance's own setting overrides its template",
      files: {
        'main.tf':
          template('lt', 'required') +
          'resource "aws_instance" "web" {\n  launch_template {\n    id = aws_launch_template.lt.id\n  }\n  metadata_options {\n    http_tokens = "optional"\n  }\n}\n',
      },
      expect: [
        { status: 'pass', address: 'aws_launch_template.lt', line: 4 },
        { status: 'fail', address: 'aws_instance.web', line: 12, message: 'metadata_options.http_tokens = "optional"' },
      ],
    },
    {
      name: 'a template outside the configuration gives unknown',
      files: { 'main.tf': 'resource "aws_instance" "web" {\n  launch_template {\n    id = "lt-0123456789abcdef0"\n  }\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_instance.web', line: 2, message: 'not in the scanned configuration' }],
    },
    {
      name: 'counted instances from tfvars',
      files: {
        'main.tf': 'variable "tokens" {}\nresource "aws_instance" "web" {\n  count = 2\n  metadata_options {\n    http_tokens = var.tokens\n  }\n}\n',
        'terraform.tfvars': 'tokens = "optional"\n',
      },
      expect: [
        { status: 'fail', address: 'aws_instance.web[0]', line: 5, message: 'var.tokens (set in terraform.tfvars:1)' },
        { status: 'fail', address: 'aws_instance.web[1]', line: 5 },
      ],
    },
    {
      name: 'unknown value gives unknown, never pass',
      files: { 'main.tf': 'variable "tokens" {}\nresource "aws_launch_template" "lt" {\n  metadata_options {\n    http_tokens = var.tokens\n  }\n}\n' },
      expect: [{ status: 'unknown', address: 'aws_launch_template.lt', line: 4, message: ['not known statically', 'var.tokens'] }],
    },
  ],
});
