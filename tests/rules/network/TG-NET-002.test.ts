import { rule } from '../../../rules/network/TG-NET-002';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

/** An aws_security_group "sg" with one inline ingress block; the CIDR attribute is on line 6. */
const sg = (from: number | string, to: number | string, protocol: string, sources: string) =>
  lines('resource "aws_security_group" "sg" {', '  ingress {', `    from_port   = ${from}`, `    to_port     = ${to}`, `    protocol    = "${protocol}"`, `    ${sources}`, '  }', '}');

ruleTester(rule, {
  valid: [
    {
      name: 'plan: HTTPS from the internet',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_security_group.web', values: { ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: [], security_groups: [], self: false, prefix_list_ids: [] }] } }]) },
      expect: [{ status: 'pass', address: 'aws_security_group.web' }],
    },
    {
      name: 'HTTPS from the internet is allow-listed',
      files: { 'main.tf': sg(443, 443, 'tcp', 'cidr_blocks = ["0.0.0.0/0"]') },
      expect: [{ status: 'pass', address: 'aws_security_group.sg', line: 2, message: 'tcp port 443 only' }],
    },
    {
      name: 'non-internet sources on any port; a group without ingress',
      files: {
        'main.tf': lines(
          'resource "aws_security_group" "a" {',
          '  ingress {',
          '    from_port   = 22',
          '    to_port     = 22',
          '    protocol    = "tcp"',
          '    cidr_blocks = ["10.0.0.0/8", "203.0.113.7/32", "0.0.0.0/12"]',
          '  }',
          '  ingress {',
          '    from_port       = 0',
          '    to_port         = 0',
          '    protocol        = "-1"',
          '    security_groups = [aws_security_group.b.id]',
          '    self            = true',
          '  }',
          '}',
          'resource "aws_security_group" "b" {',
          '}',
        ),
      },
      expect: [
        { status: 'pass', address: 'aws_security_group.a', line: 1, message: 'no inline ingress rule opens a port outside 80, 443' },
        { status: 'pass', address: 'aws_security_group.b', line: 16, message: 'no inline ingress rules' },
      ],
    },
    {
      name: 'aws_vpc_security_group_ingress_rule from a security group, and an egress aws_security_group_rule (not in scope)',
      files: {
        'main.tf': lines(
          'resource "aws_security_group" "sg" {',
          '}',
          'resource "aws_vpc_security_group_ingress_rule" "from_alb" {',
          '  security_group_id            = aws_security_group.sg.id',
          '  referenced_security_group_id = aws_security_group.sg.id',
          '  ip_protocol                  = "tcp"',
          '  from_port                    = 8080',
          '  to_port                      = 8080',
          '}',
          'resource "aws_security_group_rule" "out" {',
          '  type              = "egress"',
          '  security_group_id = aws_security_group.sg.id',
          '  protocol          = "-1"',
          '  from_port         = 0',
          '  to_port           = 0',
          '  cidr_blocks       = ["0.0.0.0/0"]',
          '}',
        ),
      },
      expect: [
        { status: 'pass', address: 'aws_security_group.sg', line: 1 },
        { status: 'pass', address: 'aws_vpc_security_group_ingress_rule.from_alb', line: 3, message: 'no internet source' },
      ],
    },
    {
      name: 'the profile allow-list decides (8443 allowed)',
      params: { allowedInternetPorts: [443, 8443] },
      files: { 'main.tf': sg(8443, 8443, 'tcp', 'ipv6_cidr_blocks = ["::/0"]') },
      expect: [{ status: 'pass', address: 'aws_security_group.sg', line: 2, message: '(443, 8443)' }],
    },
    {
      name: 'ICMP has no ports',
      files: { 'main.tf': sg(-1, -1, 'icmp', 'cidr_blocks = ["0.0.0.0/0"]') },
      expect: [{ status: 'pass', address: 'aws_security_group.sg', line: 2, message: 'ingress.0: icmp from 0.0.0.0/0: ICMP opens no port' }],
    },
    {
      name: 'an unknown CIDR on an allow-listed port cannot fail',
      files: { 'main.tf': `variable "cidr" {}\n${sg(443, 443, 'tcp', 'cidr_blocks = [var.cidr]')}` },
      expect: [{ status: 'pass', address: 'aws_security_group.sg', line: 3 }],
    },
    {
      name: 'the CIDR of a VPC (unknown, from a variable) is never the internet',
      files: {
        'main.tf': lines('variable "vpc_cidr" {}', 'resource "aws_vpc" "main" {', '  cidr_block = var.vpc_cidr', '}') + sg(22, 22, 'tcp', 'cidr_blocks = [aws_vpc.main.cidr_block]'),
      },
      expect: [{ status: 'pass', address: 'aws_security_group.sg', line: 6, message: 'no inline ingress rule opens a port outside 80, 443' }],
    },
  ],
  invalid: [
    {
      name: 'a port range names the ports it opens beyond the allow-list, in the plural',
      files: { 'main.tf': sg(80, 82, 'tcp', 'cidr_blocks = ["0.0.0.0/0"]') },
      expect: [{ status: 'fail', address: 'aws_security_group.sg', message: 'ingress.0: tcp ports 80-82 (not allowed: 81-82) are open to 0.0.0.0/0' }],
    },
    {
      name: 'plan: SSH from the internet in a rule resource',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_security_group_rule.ssh', values: { type: 'ingress', from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] } }]) },
      expect: [{ status: 'fail', address: 'aws_security_group_rule.ssh', message: 'port 22' }],
    },
    {
      name: 'all TCP ports 0-65535 from the internet',
      files: { 'main.tf': sg(0, 65535, 'tcp', 'cidr_blocks = ["0.0.0.0/0"]') },
      expect: [{ status: 'fail', address: 'aws_security_group.sg', line: 6, message: ['ingress.0: tcp ports 0-65535', 'open to 0.0.0.0/0'] }],
    },
    {
      name: 'range 80-443 includes disallowed ports 81-442',
      files: { 'main.tf': sg(80, 443, 'tcp', 'cidr_blocks = ["0.0.0.0/0"]') },
      expect: [{ status: 'fail', address: 'aws_security_group.sg', line: 6, message: 'tcp ports 80-443 (not allowed: 81-442)' }],
    },
    {
      name: 'protocol -1 reaches every port',
      files: { 'main.tf': sg(0, 0, '-1', 'cidr_blocks = ["0.0.0.0/0"]') },
      expect: [{ status: 'fail', address: 'aws_security_group.sg', line: 6, message: 'all protocols and ports (protocol "-1")' }],
    },
    {
      name: 'IPv6 ::/0 to SSH',
      files: { 'main.tf': sg(22, 22, 'tcp', 'ipv6_cidr_blocks = ["::/0"]') },
      expect: [{ status: 'fail', address: 'aws_security_group.sg', line: 6, message: 'tcp port 22 is open to ::/0' }],
    },
    {
      name: 'self = true and a security group source do not excuse 0.0.0.0/0',
      files: {
        'main.tf': lines(
          'resource "aws_security_group" "sg" {',
          '  ingress {',
          '    from_port       = 5432',
          '    to_port         = 5432',
          '    protocol        = "tcp"',
          '    self            = true',
          '    security_groups = ["sg-0123"]',
          '    cidr_blocks     = ["10.0.0.0/8", "0.0.0.0/0"]',
          '  }',
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_security_group.sg', line: 8, message: 'tcp port 5432 is open to 0.0.0.0/0' }],
    },
    {
      name: 'dynamic ingress blocks over known ports: the failing block is located in the content block',
      files: {
        'main.tf': lines(
          'variable "ports" {',
          '  default = [443, 22]',
          '}',
          'resource "aws_security_group" "sg" {',
          '  dynamic "ingress" {',
          '    for_each = var.ports',
          '    content {',
          '      from_port   = ingress.value',
          '      to_port     = ingress.value',
          '      protocol    = "tcp"',
          '      cidr_blocks = ["0.0.0.0/0"]',
          '    }',
          '  }',
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_security_group.sg', line: 11, message: 'ingress.1: tcp port 22 is open to 0.0.0.0/0' }],
    },
    {
      name: 'dynamic ingress over an unknown collection is unknown',
      files: {
        'main.tf': lines(
          'variable "rules" {}',
          'resource "aws_security_group" "sg" {',
          '  dynamic "ingress" {',
          '    for_each = var.rules',
          '    content {',
          '      from_port   = ingress.value',
          '      to_port     = ingress.value',
          '      protocol    = "tcp"',
          '      cidr_blocks = ["0.0.0.0/0"]',
          '    }',
          '  }',
          '}',
        ),
      },
      expect: [{ status: 'unknown', address: 'aws_security_group.sg', line: 3, message: 'var.rules' }],
    },
    {
      name: 'aws_vpc_security_group_ingress_rule forms: cidr_ipv4 to SSH, ip_protocol -1, cidr_ipv6 ::/0',
      files: {
        'main.tf': lines(
          'resource "aws_vpc_security_group_ingress_rule" "ssh" {',
          '  security_group_id = "sg-0123"',
          '  cidr_ipv4         = "0.0.0.0/0"',
          '  ip_protocol       = "tcp"',
          '  from_port         = 22',
          '  to_port           = 22',
          '}',
          'resource "aws_vpc_security_group_ingress_rule" "all" {',
          '  security_group_id = "sg-0123"',
          '  cidr_ipv4         = "0.0.0.0/0"',
          '  ip_protocol       = "-1"',
          '}',
          'resource "aws_vpc_security_group_ingress_rule" "v6" {',
          '  security_group_id = "sg-0123"',
          '  cidr_ipv6         = "::/0"',
          '  ip_protocol       = "udp"',
          '  from_port         = 53',
          '  to_port           = 53',
          '}',
        ),
      },
      expect: [
        { status: 'fail', address: 'aws_vpc_security_group_ingress_rule.ssh', line: 3, message: 'tcp port 22 is open to 0.0.0.0/0' },
        { status: 'fail', address: 'aws_vpc_security_group_ingress_rule.all', line: 10, message: 'all protocols and ports' },
        { status: 'fail', address: 'aws_vpc_security_group_ingress_rule.v6', line: 15, message: 'udp port 53 is open to ::/0' },
      ],
    },
    {
      name: 'aws_security_group_rule with a malformed /0 CIDR',
      files: {
        'main.tf': lines(
          'resource "aws_security_group_rule" "mysql" {',
          '  type              = "ingress"',
          '  security_group_id = "sg-0123"',
          '  protocol          = "tcp"',
          '  from_port         = 3306',
          '  to_port           = 3306',
          '  cidr_blocks       = ["/0"]',
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_security_group_rule.mysql', line: 7, message: 'tcp port 3306 is open to /0' }],
    },
    {
      name: 'several failing blocks: one result naming each, located at the first',
      files: {
        'main.tf': lines(
          'resource "aws_security_group" "sg" {',
          '  ingress {',
          '    from_port   = 443',
          '    to_port     = 443',
          '    protocol    = "tcp"',
          '    cidr_blocks = ["0.0.0.0/0"]',
          '  }',
          '  ingress {',
          '    from_port   = 3389',
          '    to_port     = 3389',
          '    protocol    = "tcp"',
          '    cidr_blocks = ["0.0.0.0/0"]',
          '  }',
          '  ingress = []',
          '}',
        ).replace('  ingress = []\n', '  ingress {\n    from_port   = 6379\n    to_port     = 6379\n    protocol    = "17"\n    cidr_blocks = ["::/0"]\n  }\n'),
      },
      expect: [{ status: 'fail', address: 'aws_security_group.sg', line: 12, message: ['ingress.1: tcp port 3389', 'ingress.2: udp port 6379 is open to ::/0'] }],
    },
    {
      name: 'a protocol without ports (ESP, 50) is open on every port',
      files: { 'main.tf': sg(0, 0, '50', 'cidr_blocks = ["0.0.0.0/0"]') },
      expect: [{ status: 'fail', address: 'aws_security_group.sg', line: 6, message: 'protocol 50 (all ports)' }],
    },
    {
      name: 'internet CIDR with a port from a variable is unknown',
      files: { 'main.tf': `variable "port" {}\n${sg('var.port', 'var.port', 'tcp', 'cidr_blocks = ["0.0.0.0/0"]')}` },
      expect: [{ status: 'unknown', address: 'aws_security_group.sg', line: 7, message: ['open to 0.0.0.0/0', 'from_port is var.port'] }],
    },
    {
      name: 'an unknown CIDR on a disallowed port is unknown',
      files: { 'main.tf': `variable "cidr" {}\n${sg(22, 22, 'tcp', 'cidr_blocks = [var.cidr]')}` },
      expect: [{ status: 'unknown', address: 'aws_security_group.sg', line: 7, message: 'tcp port 22 from a CIDR that is not known statically: var.cidr' }],
    },
    {
      name: 'attribute syntax ingress = [...] with protocol -1 and self = true',
      files: {
        'main.tf': lines(
          'resource "aws_security_group" "sg" {',
          '  ingress = [{',
          '    cidr_blocks      = ["0.0.0.0/0"]',
          '    description      = "wide open"',
          '    from_port        = 0',
          '    to_port          = 65535',
          '    ipv6_cidr_blocks = []',
          '    prefix_list_ids  = []',
          '    security_groups  = []',
          '    protocol         = "-1"',
          '    self             = true',
          '  }]',
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_security_group.sg', message: 'all protocols and ports' }],
    },
  ],
});
