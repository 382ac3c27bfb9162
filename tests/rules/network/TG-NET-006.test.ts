import { rule } from '../../../rules/network/TG-NET-006';
import { planJson } from '../../helpers/plan-builder';
import { ruleTester } from '../../helpers/rule-tester';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

const VPC = ['resource "aws_vpc" "main" {', '  cidr_block = "10.0.0.0/16"', '}'];

ruleTester(rule, {
  valid: [
    {
      name: 'managed default security group without rules',
      files: { 'main.tf': lines(...VPC, 'resource "aws_default_security_group" "default" {', '  vpc_id = aws_vpc.main.id', '}') },
      expect: [{ status: 'pass', address: 'aws_vpc.main', line: 1, message: 'aws_default_security_group.default manages it with no ingress or egress rules' }],
    },
    {
      name: 'counted VPCs, each with its own default security group (ingress = [] is no rule)',
      files: {
        'main.tf': lines(
          'resource "aws_vpc" "env" {',
          '  count      = 2',
          '  cidr_block = "10.${count.index}.0.0/16"',
          '}',
          'resource "aws_default_security_group" "env" {',
          '  count   = 2',
          '  vpc_id  = aws_vpc.env[count.index].id',
          '  ingress = []',
          '}',
        ),
      },
      expect: [
        { status: 'pass', address: 'aws_vpc.env[0]', line: 1, message: 'aws_default_security_group.env[0] manages it' },
        { status: 'pass', address: 'aws_vpc.env[1]', line: 1, message: 'aws_default_security_group.env[1] manages it' },
      ],
    },
    {
      name: 'the default VPC: an aws_default_security_group without vpc_id manages its group',
      files: { 'main.tf': lines('resource "aws_default_vpc" "default" {', '}', 'resource "aws_default_security_group" "default" {', '}') },
      expect: [{ status: 'pass', address: 'aws_default_vpc.default', line: 1, message: 'default security group of aws_default_vpc.default: aws_default_security_group.default manages it' }],
    },
    {
      name: 'VPC in a local module, its default security group adopted in the root through a module output',
      files: {
        'main.tf': lines('module "net" {', '  source = "./net"', '}', 'resource "aws_default_security_group" "default" {', '  vpc_id = module.net.vpc_id', '}'),
        'net/main.tf': lines('resource "aws_vpc" "this" {', '  cidr_block = "10.1.0.0/16"', '}', 'output "vpc_id" {', '  value = aws_vpc.this.id', '}'),
      },
      expect: [{ status: 'pass', address: 'module.net.aws_vpc.this', line: 1, file: 'net/main.tf', message: 'aws_default_security_group.default manages it' }],
    },
    {
      name: 'a default security group without rules whose VPC is not in scope passes on its own',
      files: { 'main.tf': lines('variable "vpc_id" {}', 'resource "aws_default_security_group" "shared" {', '  vpc_id = var.vpc_id', '}') },
      expect: [{ status: 'pass', address: 'aws_default_security_group.shared', line: 2, message: ['manages it with no ingress or egress rules', 'vpc_id = var.vpc_id'] }],
    },
    {
      name: 'plan: the VPC ID is known only after apply, linked by a configuration reference',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_vpc.main', values: { cidr_block: '10.0.0.0/16' } },
          { address: 'aws_default_security_group.default', values: { ingress: [], egress: [] }, refs: { vpc_id: ['aws_vpc.main.id', 'aws_vpc.main'] } },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_vpc.main', message: 'aws_default_security_group.default manages it with no ingress or egress rules' }],
    },
  ],
  invalid: [
    {
      name: 'VPC without aws_default_security_group: not managed gives unknown',
      files: { 'main.tf': lines(...VPC) },
      expect: [{ status: 'unknown', address: 'aws_vpc.main', line: 1, message: 'default security group not managed' }],
    },
    {
      name: 'inline ingress and egress on the default security group: the finding points at the first rule',
      files: {
        'main.tf': lines(
          ...VPC,
          'resource "aws_default_security_group" "default" {',
          '  vpc_id = aws_vpc.main.id',
          '  ingress {',
          '    protocol  = -1',
          '    self      = true',
          '    from_port = 0',
          '    to_port   = 0',
          '  }',
          '  egress {',
          '    protocol    = "-1"',
          '    from_port   = 0',
          '    to_port     = 0',
          '    cidr_blocks = ["0.0.0.0/0"]',
          '  }',
          '}',
        ),
      },
      expect: [
        {
          status: 'fail',
          address: 'aws_vpc.main',
          line: 6,
          message: 'aws_default_security_group.default keeps rules on the default security group: aws_default_security_group.default ingress.0 (ingress), aws_default_security_group.default egress.0 (egress)',
        },
      ],
    },
    {
      name: 'rules attached by separate resources count (egress rule resource)',
      files: {
        'main.tf': lines(
          ...VPC,
          'resource "aws_default_security_group" "default" {',
          '  vpc_id = aws_vpc.main.id',
          '}',
          'resource "aws_vpc_security_group_egress_rule" "all" {',
          '  security_group_id = aws_default_security_group.default.id',
          '  cidr_ipv4         = "10.0.0.0/8"',
          '  ip_protocol       = "-1"',
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_vpc.main', line: 7, message: 'aws_vpc_security_group_egress_rule.all (egress)' }],
    },
    {
      name: 'an aws_security_group_rule whose type comes from an unset variable gives unknown',
      files: {
        'main.tf': lines(
          'variable "direction" {}',
          ...VPC,
          'resource "aws_default_security_group" "default" {',
          '  vpc_id = aws_vpc.main.id',
          '}',
          'resource "aws_security_group_rule" "r" {',
          '  type              = var.direction',
          '  security_group_id = aws_default_security_group.default.id',
          '  from_port         = 443',
          '  to_port           = 443',
          '  protocol          = "tcp"',
          '  cidr_blocks       = ["10.0.0.0/8"]',
          '}',
        ),
      },
      expect: [{ status: 'unknown', address: 'aws_vpc.main', line: 9, message: 'aws_security_group_rule.r: type is var.direction' }],
    },
    {
      name: 'a default security group whose VPC is not in scope is judged on its own (ingress given in attribute syntax)',
      files: {
        'main.tf': lines(
          'variable "cidr" {}',
          'resource "aws_default_security_group" "shared" {',
          '  vpc_id = "vpc-0123456789abcdef0"',
          '  ingress = [{',
          '    protocol         = "-1"',
          '    from_port        = 0',
          '    to_port          = 0',
          '    cidr_blocks      = [var.cidr]',
          '    ipv6_cidr_blocks = []',
          '    prefix_list_ids  = []',
          '    security_groups  = []',
          '    self             = false',
          '    description      = ""',
          '  }]',
          '}',
        ),
        'terraform.tfvars': 'cidr = "0.0.0.0/0"\n',
      },
      expect: [{ status: 'fail', address: 'aws_default_security_group.shared', line: 4, message: ['aws_default_security_group.shared ingress.0 (ingress)', 'vpc_id = "vpc-0123456789abcdef0", not a VPC managed in the configuration'] }],
    },
    {
      name: 'default security groups with rules whose VPC is a variable or a remote module output fail on their own',
      files: {
        'main.tf': lines(
          'variable "vpc_id" {}',
          'module "network" {',
          '  source = "terraform-aws-modules/vpc/aws"',
          '}',
          'resource "aws_default_security_group" "from_var" {',
          '  vpc_id = var.vpc_id',
          '  egress {',
          '    protocol    = "-1"',
          '    from_port   = 0',
          '    to_port     = 0',
          '    cidr_blocks = ["0.0.0.0/0"]',
          '  }',
          '}',
          'resource "aws_default_security_group" "from_module" {',
          '  vpc_id = module.network.vpc_id',
          '}',
          'resource "aws_vpc_security_group_ingress_rule" "self" {',
          '  security_group_id            = aws_default_security_group.from_module.id',
          '  referenced_security_group_id = aws_default_security_group.from_module.id',
          '  ip_protocol                  = "-1"',
          '}',
        ),
      },
      expect: [
        { status: 'fail', address: 'aws_default_security_group.from_var', line: 7, message: ['aws_default_security_group.from_var egress.0 (egress)', 'vpc_id = var.vpc_id'] },
        { status: 'fail', address: 'aws_default_security_group.from_module', line: 17, message: ['aws_vpc_security_group_ingress_rule.self (ingress)', 'vpc_id = module.network.vpc_id'] },
      ],
    },
    {
      name: 'plan: a default security group with rules and a literal VPC ID fails on its own',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          {
            address: 'aws_default_security_group.shared',
            values: { vpc_id: 'vpc-0123456789abcdef0', ingress: [{ from_port: 0, to_port: 0, protocol: '-1', self: true, cidr_blocks: [], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], description: '' }], egress: [] },
          },
        ]),
      },
      expect: [{ status: 'fail', address: 'aws_default_security_group.shared', message: ['ingress.0 (ingress)', 'vpc_id = "vpc-0123456789abcdef0"'] }],
    },
    {
      name: 'dynamic ingress over an unset variable gives unknown; a default group with an unknown vpc_id may manage the VPC',
      files: {
        'main.tf': lines(
          'variable "rules" {}',
          'variable "vpc_id" {}',
          ...VPC,
          'resource "aws_default_security_group" "maybe" {',
          '  vpc_id = var.vpc_id',
          '  dynamic "ingress" {',
          '    for_each = var.rules',
          '    content {',
          '      protocol  = "tcp"',
          '      from_port = ingress.value',
          '      to_port   = ingress.value',
          '    }',
          '  }',
          '}',
        ),
      },
      expect: [
        { status: 'unknown', address: 'aws_vpc.main', line: 3, message: ['default security group not managed', 'aws_default_security_group.maybe has a vpc_id that is not known statically and may manage it'] },
        { status: 'unknown', address: 'aws_default_security_group.maybe', message: 'ingress blocks are not known statically' },
      ],
    },
    {
      name: 'plan: the default security group keeps an ingress rule',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_vpc.main', values: { cidr_block: '10.0.0.0/16' } },
          {
            address: 'aws_default_security_group.default',
            values: { ingress: [{ from_port: 0, to_port: 0, protocol: '-1', self: true, cidr_blocks: [], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], description: '' }], egress: [] },
            refs: { vpc_id: ['aws_vpc.main.id', 'aws_vpc.main'] },
          },
        ]),
      },
      expect: [{ status: 'fail', address: 'aws_vpc.main', message: 'aws_default_security_group.default ingress.0 (ingress)' }],
    },
  ],
});
