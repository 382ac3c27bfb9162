import { rule } from '../../../rules/network/TG-NET-005';
import { planJson } from '../../helpers/plan-builder';
import { ruleTester } from '../../helpers/rule-tester';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

/** network.tf: a VPC and two subnets (no routes needed: only the VPC matters here). */
const NETWORK = lines(
  'resource "aws_vpc" "main" {',
  '  cidr_block = "10.0.0.0/16"',
  '}',
  'resource "aws_subnet" "a" {',
  '  vpc_id     = aws_vpc.main.id',
  '  cidr_block = "10.0.1.0/24"',
  '}',
  'resource "aws_subnet" "b" {',
  '  vpc_id     = aws_vpc.main.id',
  '  cidr_block = "10.0.2.0/24"',
  '}',
);

/** main.tf: an internet-facing ALB (drop_invalid_header_fields at line 3, security_groups at line 5). */
const alb = (drop: string, extra: string[] = []) =>
  lines(
    'resource "aws_lb" "app" {',
    '  load_balancer_type         = "application"',
    `  drop_invalid_header_fields = ${drop}`,
    '  subnets                    = [aws_subnet.a.id, aws_subnet.b.id]',
    '  security_groups            = [aws_security_group.alb.id]',
    '}',
    ...extra,
  );

/** security.tf: the ALB security group; `ingress` is its inline ingress (cidr_blocks at line 7). */
const sg = (port: number, cidr = '0.0.0.0/0') =>
  lines(
    'resource "aws_security_group" "alb" {',
    '  vpc_id = aws_vpc.main.id',
    '  ingress {',
    `    from_port   = ${port}`,
    `    to_port     = ${port}`,
    '    protocol    = "tcp"',
    `    cidr_blocks = ["${cidr}"]`,
    '  }',
    '}',
  );

ruleTester(rule, {
  valid: [
    {
      name: 'internet-facing ALB dropping invalid headers, HTTPS open to the internet through a rule resource',
      files: {
        'main.tf': alb('true'),
        'security.tf': lines(
          'resource "aws_security_group" "alb" {',
          '  vpc_id = aws_vpc.main.id',
          '}',
          'resource "aws_vpc_security_group_ingress_rule" "https" {',
          '  security_group_id = aws_security_group.alb.id',
          '  cidr_ipv4         = "0.0.0.0/0"',
          '  ip_protocol       = "tcp"',
          '  from_port         = 443',
          '  to_port           = 443',
          '}',
        ),
        'network.tf': NETWORK,
      },
      expect: [{ status: 'pass', address: 'aws_lb.app', line: 1, message: ['drop_invalid_header_fields = true', 'aws_vpc_security_group_ingress_rule.https: tcp port 443 only, allowed from the internet (80, 443)'] }],
    },
    {
      name: 'internal ALB: the header setting (omitted, default false) is not required',
      files: {
        'main.tf': lines('resource "aws_alb" "internal" {', '  internal        = true', '  subnets         = [aws_subnet.a.id]', '  security_groups = [aws_security_group.alb.id]', '}'),
        'security.tf': sg(8080, '10.0.0.0/8'),
        'network.tf': NETWORK,
      },
      expect: [{ status: 'pass', address: 'aws_alb.internal', line: 1, message: ['internal = true: the header setting is required only on internet-facing load balancers', 'aws_security_group.alb admits no internet CIDR'] }],
    },
    {
      name: 'ALB without security_groups in a known VPC whose default group is untouched',
      files: {
        'main.tf': lines('resource "aws_lb" "app" {', '  drop_invalid_header_fields = true', '  subnets                    = [aws_subnet.a.id]', '}'),
        'network.tf': NETWORK,
      },
      expect: [{ status: 'pass', address: 'aws_lb.app', line: 1, message: 'security_groups is not set: the default security group of aws_vpc.main applies, which AWS creates admitting only its own members' }],
    },
    {
      name: 'internet-facing NLB without security groups whose listeners use allowed ports; a gateway load balancer gets no result',
      files: {
        'main.tf': lines(
          'resource "aws_lb" "nlb" {',
          '  load_balancer_type = "network"',
          '  subnets            = [aws_subnet.a.id]',
          '}',
          'resource "aws_lb_listener" "tls" {',
          '  load_balancer_arn = aws_lb.nlb.arn',
          '  port              = 443',
          '  protocol          = "TLS"',
          '}',
          'resource "aws_lb" "gwlb" {',
          '  load_balancer_type = "gateway"',
          '}',
        ),
        'network.tf': NETWORK,
      },
      expect: [{ status: 'pass', address: 'aws_lb.nlb', line: 1, message: ['a network load balancer without security groups filters no traffic', 'listeners only on allowed ports (aws_lb_listener.tls port 443)'] }],
    },
    {
      name: 'profile allow-list with 8443, given through a variable of a local module',
      params: { allowedInternetPorts: [443, 8443] },
      files: {
        'main.tf': lines('module "edge" {', '  source      = "./edge"', '  drop_header = true', '  subnet_ids  = [aws_subnet.a.id]', '}'),
        'edge/main.tf': lines(
          'variable "drop_header" {}',
          'variable "subnet_ids" {}',
          'resource "aws_lb" "this" {',
          '  drop_invalid_header_fields = var.drop_header',
          '  subnets                    = var.subnet_ids',
          '  security_groups            = [aws_security_group.this.id]',
          '}',
          'resource "aws_security_group" "this" {',
          '  ingress {',
          '    from_port   = 8443',
          '    to_port     = 8443',
          '    protocol    = "tcp"',
          '    cidr_blocks = ["0.0.0.0/0"]',
          '  }',
          '}',
        ),
        'network.tf': NETWORK,
      },
      expect: [
        {
          status: 'pass',
          address: 'module.edge.aws_lb.this',
          line: 3,
          file: 'edge/main.tf',
          message: ['drop_invalid_header_fields = true (var.drop_header (set by module.edge in main.tf:3))', 'tcp port 8443 only, allowed from the internet (443, 8443)'],
        },
      ],
    },
    {
      name: 'plan: header dropped and the security group linked by a configuration reference',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_security_group.alb', values: { ingress: [{ from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: '' }] } },
          { address: 'aws_lb.app', values: { internal: false, load_balancer_type: 'application', drop_invalid_header_fields: true }, refs: { security_groups: ['aws_security_group.alb.id', 'aws_security_group.alb'] } },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_lb.app', message: ['drop_invalid_header_fields = true', 'tcp port 443 only'] }],
    },
  ],
  invalid: [
    {
      name: 'internet-facing ALB with drop_invalid_header_fields omitted (internal and type omitted too)',
      files: {
        'main.tf': lines('', 'resource "aws_alb" "app" {', '  subnets         = [aws_subnet.a.id]', '  security_groups = [aws_security_group.alb.id]', '}'),
        'security.tf': sg(443),
        'network.tf': NETWORK,
      },
      expect: [{ status: 'fail', address: 'aws_alb.app', line: 2, message: 'internet-facing application load balancer forwards invalid HTTP header fields: drop_invalid_header_fields = false (provider default when omitted)' }],
    },
    {
      name: 'security group opens SSH to the internet: the finding points at the CIDR in the group',
      files: { 'main.tf': alb('true'), 'security.tf': sg(22), 'network.tf': NETWORK },
      expect: [{ status: 'fail', address: 'aws_lb.app', line: 7, file: 'security.tf', message: 'aws_security_group.alb ingress.0: tcp port 22 is open to 0.0.0.0/0 (ports allowed from the internet: 80, 443)' }],
    },
    {
      name: 'both parts fail: the message names both, the location is the header attribute',
      files: { 'main.tf': alb('false'), 'security.tf': sg(3389), 'network.tf': NETWORK },
      expect: [{ status: 'fail', address: 'aws_lb.app', line: 3, message: ['drop_invalid_header_fields = false', 'tcp port 3389 is open to 0.0.0.0/0'] }],
    },
    {
      name: 'ALB without security_groups: the managed default security group of its VPC opens 8080',
      files: {
        'main.tf': lines(
          'resource "aws_lb" "app" {',
          '  drop_invalid_header_fields = true',
          '  subnets                    = [aws_subnet.a.id]',
          '}',
          'resource "aws_default_security_group" "default" {',
          '  vpc_id = aws_vpc.main.id',
          '  ingress {',
          '    from_port   = 8080',
          '    to_port     = 8080',
          '    protocol    = "tcp"',
          '    cidr_blocks = ["0.0.0.0/0"]',
          '  }',
          '}',
        ),
        'network.tf': NETWORK,
      },
      expect: [{ status: 'fail', address: 'aws_lb.app', line: 11, message: ['the default security group of aws_vpc.main applies', 'tcp port 8080 is open to 0.0.0.0/0'] }],
    },
    {
      name: 'internet-facing NLB without security groups listening on SSH',
      files: {
        'main.tf': lines(
          'resource "aws_lb" "nlb" {',
          '  load_balancer_type = "network"',
          '  subnets            = [aws_subnet.a.id]',
          '}',
          'resource "aws_lb_listener" "ssh" {',
          '  load_balancer_arn = aws_lb.nlb.arn',
          '  port              = 22',
          '  protocol          = "TCP"',
          '}',
        ),
        'network.tf': NETWORK,
      },
      expect: [{ status: 'fail', address: 'aws_lb.nlb', line: 7, message: 'the internet reaches aws_lb_listener.ssh port 22' }],
    },
    {
      name: 'counted ALBs with the header setting from tfvars',
      files: {
        'main.tf': lines(
          'variable "drop" {}',
          'resource "aws_lb" "app" {',
          '  count                      = 2',
          '  drop_invalid_header_fields = var.drop',
          '  subnets                    = [aws_subnet.a.id]',
          '  security_groups            = [aws_security_group.alb.id]',
          '}',
        ),
        'terraform.tfvars': 'drop = false\n',
        'security.tf': sg(443),
        'network.tf': NETWORK,
      },
      expect: [
        { status: 'fail', address: 'aws_lb.app[0]', line: 4, message: 'drop_invalid_header_fields = false (var.drop (set in terraform.tfvars:1))' },
        { status: 'fail', address: 'aws_lb.app[1]', line: 4 },
      ],
    },
    {
      name: 'unset variable for the header setting gives unknown; a security group from a variable is unknown',
      files: {
        'main.tf': lines(
          'variable "drop" {}',
          'variable "sg_id" {}',
          'resource "aws_lb" "a" {',
          '  drop_invalid_header_fields = var.drop',
          '  subnets                    = [aws_subnet.a.id]',
          '  security_groups            = [aws_security_group.alb.id]',
          '}',
          'resource "aws_lb" "b" {',
          '  drop_invalid_header_fields = true',
          '  subnets                    = [aws_subnet.a.id]',
          '  security_groups            = [var.sg_id]',
          '}',
        ),
        'security.tf': sg(443),
        'network.tf': NETWORK,
      },
      expect: [
        { status: 'unknown', address: 'aws_lb.a', line: 4, message: 'drop_invalid_header_fields is not known statically' },
        { status: 'unknown', address: 'aws_lb.b', line: 11, message: 'security group var.sg_id' },
      ],
    },
    {
      name: 'ALB without security_groups whose subnets come from an unset variable: the VPC is not known',
      files: { 'main.tf': lines('variable "subnets" {}', 'resource "aws_lb" "app" {', '  drop_invalid_header_fields = true', '  subnets                    = var.subnets', '}') },
      expect: [{ status: 'unknown', address: 'aws_lb.app', line: 2, message: 'security_groups is not set: the default security group of its VPC applies, and the VPC is not known' }],
    },
    {
      name: 'plan: drop_invalid_header_fields = false',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_lb.app', values: { internal: false, load_balancer_type: 'application', drop_invalid_header_fields: false, security_groups: [] } }]),
      },
      expect: [{ status: 'fail', address: 'aws_lb.app', message: 'drop_invalid_header_fields = false' }],
    },
  ],
});
