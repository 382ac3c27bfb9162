import { rule } from '../../../rules/network/TG-NET-004';
import { planJson } from '../../helpers/plan-builder';
import { ruleTester } from '../../helpers/rule-tester';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

/**
 * network.tf: a VPC with an internet gateway and a NAT gateway; subnet `private` (line 10) routed to
 * the NAT gateway, subnet `public` (line 14) routed to the internet gateway.
 */
const NETWORK = lines(
  'resource "aws_vpc" "main" {',
  '  cidr_block = "10.0.0.0/16"',
  '}',
  'resource "aws_internet_gateway" "igw" {',
  '  vpc_id = aws_vpc.main.id',
  '}',
  'resource "aws_nat_gateway" "nat" {',
  '  subnet_id = aws_subnet.public.id',
  '}',
  'resource "aws_subnet" "private" {',
  '  vpc_id     = aws_vpc.main.id',
  '  cidr_block = "10.0.1.0/24"',
  '}',
  'resource "aws_subnet" "public" {',
  '  vpc_id     = aws_vpc.main.id',
  '  cidr_block = "10.0.2.0/24"',
  '}',
  'resource "aws_route_table" "private" {',
  '  vpc_id = aws_vpc.main.id',
  '  route {',
  '    cidr_block     = "0.0.0.0/0"',
  '    nat_gateway_id = aws_nat_gateway.nat.id',
  '  }',
  '}',
  'resource "aws_route_table" "public" {',
  '  vpc_id = aws_vpc.main.id',
  '  route {',
  '    cidr_block = "0.0.0.0/0"',
  '    gateway_id = aws_internet_gateway.igw.id',
  '  }',
  '}',
  'resource "aws_route_table_association" "private" {',
  '  subnet_id      = aws_subnet.private.id',
  '  route_table_id = aws_route_table.private.id',
  '}',
  'resource "aws_route_table_association" "public" {',
  '  subnet_id      = aws_subnet.public.id',
  '  route_table_id = aws_route_table.public.id',
  '}',
);

const ecs = (subnet: string, extra: string[] = []) =>
  lines('resource "aws_ecs_service" "app" {', '  network_configuration {', `    subnets = [aws_subnet.${subnet}.id]`, ...extra, '  }', '}');

ruleTester(rule, {
  valid: [
    {
      name: 'ECS service in a private subnet; assign_public_ip omitted takes the provider default false',
      files: { 'main.tf': ecs('private'), 'network.tf': NETWORK },
      expect: [
        {
          status: 'pass',
          address: 'aws_ecs_service.app',
          line: 1,
          message: ['assign_public_ip = false (not set in the network_configuration block: provider default)', 'network_configuration.subnets is private', '0.0.0.0/0 goes to aws_nat_gateway.nat'],
        },
      ],
    },
    {
      name: 'instance in a private subnet; an omitted associate_public_ip_address follows the subnet',
      files: { 'main.tf': lines('resource "aws_instance" "worker" {', '  subnet_id = aws_subnet.private.id', '}'), 'network.tf': NETWORK },
      expect: [{ status: 'pass', address: 'aws_instance.worker', line: 1, message: ["associate_public_ip_address is not set (the subnet's map_public_ip_on_launch decides)", 'subnet_id is private'] }],
    },
    {
      name: 'Auto Scaling group over counted private subnets; its launch template is judged through the group',
      files: {
        'main.tf': lines(
          'resource "aws_subnet" "app" {',
          '  count      = 2',
          '  vpc_id     = aws_vpc.main.id',
          '  cidr_block = "10.0.${count.index + 10}.0/24"',
          '}',
          'resource "aws_launch_template" "app" {',
          '  image_id = "ami-12345678"',
          '}',
          'resource "aws_autoscaling_group" "app" {',
          '  vpc_zone_identifier = aws_subnet.app[*].id',
          '  launch_template {',
          '    id = aws_launch_template.app.id',
          '  }',
          '}',
        ),
        'network.tf': NETWORK,
      },
      expect: [
        { status: 'pass', address: 'aws_autoscaling_group.app', line: 10, message: ['aws_subnet.app[0] uses the main route table of aws_vpc.main', 'aws_subnet.app[1]'] },
        { status: 'pass', address: 'aws_launch_template.app', line: 6, message: 'its instances run in the subnets of aws_autoscaling_group.app (judged there)' },
      ],
    },
    {
      name: 'Lambda function in a private subnet; a function without vpc_config gets no result',
      files: {
        'main.tf': lines(
          'resource "aws_lambda_function" "in_vpc" {',
          '  function_name = "worker"',
          '  vpc_config {',
          '    subnet_ids         = [aws_subnet.private.id]',
          '    security_group_ids = []',
          '  }',
          '}',
          'resource "aws_lambda_function" "no_vpc" {',
          '  function_name = "thumbnails"',
          '}',
        ),
        'network.tf': NETWORK,
      },
      expect: [{ status: 'pass', address: 'aws_lambda_function.in_vpc', line: 4, message: 'vpc_config.subnet_ids is private' }],
    },
    {
      name: 'no subnet, associate_public_ip_address = false and the profile accepts the default VPC',
      params: { defaultVpcIsPrivate: true },
      files: { 'main.tf': lines('resource "aws_instance" "i" {', '  associate_public_ip_address = false', '}') },
      expect: [{ status: 'pass', address: 'aws_instance.i', line: 1, message: 'default_vpc_is_private: true' }],
    },
    {
      name: 'switch through a variable of a local module',
      files: {
        'main.tf': lines('module "app" {', '  source    = "./app"', '  public_ip = false', '  subnet_id = aws_subnet.private.id', '}'),
        'app/main.tf': lines(
          'variable "public_ip" {}',
          'variable "subnet_id" {}',
          'resource "aws_instance" "this" {',
          '  subnet_id                   = var.subnet_id',
          '  associate_public_ip_address = var.public_ip',
          '}',
        ),
        'network.tf': NETWORK,
      },
      expect: [{ status: 'pass', address: 'module.app.aws_instance.this', line: 3, file: 'app/main.tf', message: ['associate_public_ip_address = false (var.public_ip (set by module.app in main.tf:3))', 'aws_subnet.private uses aws_route_table.private'] }],
    },
    {
      name: 'instances placed through an attached network interface and through their launch template',
      files: {
        'main.tf': lines(
          'resource "aws_network_interface" "eni" {',
          '  subnet_id = aws_subnet.private.id',
          '}',
          'resource "aws_instance" "eni" {',
          '  network_interface {',
          '    network_interface_id = aws_network_interface.eni.id',
          '    device_index         = 0',
          '  }',
          '}',
          'resource "aws_launch_template" "lt" {',
          '  network_interfaces {',
          '    subnet_id                   = aws_subnet.private.id',
          '    associate_public_ip_address = false',
          '  }',
          '}',
          'resource "aws_instance" "lt" {',
          '  launch_template {',
          '    id = aws_launch_template.lt.id',
          '  }',
          '}',
        ),
        'network.tf': NETWORK,
      },
      expect: [
        { status: 'pass', address: 'aws_instance.eni', line: 4, message: 'the subnet of its network interfaces is private' },
        { status: 'pass', address: 'aws_launch_template.lt', line: 10, message: 'aws_launch_template.lt network_interfaces.subnet_id (main.tf:12) is private' },
        { status: 'pass', address: 'aws_instance.lt', line: 16, message: 'launch template aws_launch_template.lt network_interfaces.subnet_id (main.tf:12) is private' },
      ],
    },
    {
      name: 'plan: instance whose subnet is known only after apply, linked by a configuration reference',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_vpc.main', values: { cidr_block: '10.0.0.0/16' } },
          { address: 'aws_subnet.private', values: { cidr_block: '10.0.1.0/24' }, refs: { vpc_id: ['aws_vpc.main.id', 'aws_vpc.main'] } },
          { address: 'aws_instance.app', values: { associate_public_ip_address: false }, refs: { subnet_id: ['aws_subnet.private.id', 'aws_subnet.private'] } },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_instance.app', message: ['associate_public_ip_address = false', 'aws_subnet.private uses the main route table of aws_vpc.main'] }],
    },
  ],
  invalid: [
    {
      name: 'ECS service with assign_public_ip = true',
      files: { 'main.tf': ecs('private', ['    assign_public_ip = true']), 'network.tf': NETWORK },
      expect: [{ status: 'fail', address: 'aws_ecs_service.app', line: 4, message: 'public IP addresses are assigned: assign_public_ip = true' }],
    },
    {
      name: 'ECS service in a subnet routed to the internet gateway',
      files: { 'main.tf': ecs('public'), 'network.tf': NETWORK },
      expect: [
        {
          status: 'fail',
          address: 'aws_ecs_service.app',
          line: 3,
          message: 'network_configuration.subnets includes a public subnet: aws_subnet.public routes 0.0.0.0/0 to aws_internet_gateway.igw via aws_route_table.public',
        },
      ],
    },
    {
      name: 'instance without a subnet lands in the default VPC (associate_public_ip_address omitted)',
      files: { 'main.tf': lines('', 'resource "aws_instance" "web" {', '  ami = "ami-12345678"', '}') },
      expect: [{ status: 'fail', address: 'aws_instance.web', line: 2, message: "no subnet_id: it lands in the default VPC's default subnets, which are public" }],
    },
    {
      name: 'counted instances with associate_public_ip_address from tfvars',
      files: {
        'main.tf': lines('variable "public" {}', 'resource "aws_instance" "web" {', '  count                       = 2', '  subnet_id                   = aws_subnet.private.id', '  associate_public_ip_address = var.public', '}'),
        'terraform.tfvars': 'public = true\n',
        'network.tf': NETWORK,
      },
      expect: [
        { status: 'fail', address: 'aws_instance.web[0]', line: 5, message: 'associate_public_ip_address = true (var.public (set in terraform.tfvars:1))' },
        { status: 'fail', address: 'aws_instance.web[1]', line: 5 },
      ],
    },
    {
      name: 'unset variable for the switch gives unknown, never pass',
      files: {
        'main.tf': lines('variable "public" {}', 'resource "aws_instance" "web" {', '  subnet_id                   = aws_subnet.private.id', '  associate_public_ip_address = var.public', '}'),
        'network.tf': NETWORK,
      },
      expect: [{ status: 'unknown', address: 'aws_instance.web', line: 4, message: 'associate_public_ip_address is not known statically' }],
    },
    {
      name: 'launch template with a public network interface; a template nothing launches has unknown subnets',
      files: {
        'main.tf': lines(
          'resource "aws_launch_template" "public" {',
          '  network_interfaces {',
          '    associate_public_ip_address = "true"',
          '  }',
          '}',
          'resource "aws_launch_template" "private" {',
          '  network_interfaces {',
          '    associate_public_ip_address = false',
          '  }',
          '}',
        ),
      },
      expect: [
        { status: 'fail', address: 'aws_launch_template.public', line: 3, message: 'public IP addresses are assigned: associate_public_ip_address = "true"' },
        { status: 'unknown', address: 'aws_launch_template.private', line: 6, message: 'nothing in scope launches it' },
      ],
    },
    {
      name: 'launch configuration with a public IP, used by an Auto Scaling group in a map_public_ip_on_launch subnet',
      files: {
        'main.tf': lines(
          'resource "aws_subnet" "open" {',
          '  vpc_id                  = aws_vpc.main.id',
          '  cidr_block              = "10.0.9.0/24"',
          '  map_public_ip_on_launch = true',
          '}',
          'resource "aws_launch_configuration" "web" {',
          '  name                        = "web"',
          '  associate_public_ip_address = true',
          '}',
          'resource "aws_autoscaling_group" "web" {',
          '  launch_configuration = "web"',
          '  vpc_zone_identifier  = [aws_subnet.open.id]',
          '}',
        ),
        'network.tf': NETWORK,
      },
      expect: [
        { status: 'fail', address: 'aws_launch_configuration.web', line: 8, message: 'public IP addresses are assigned: associate_public_ip_address = true' },
        { status: 'fail', address: 'aws_autoscaling_group.web', line: 12, message: 'aws_subnet.open sets map_public_ip_on_launch = true' },
      ],
    },
    {
      name: 'Lambda function attached to a public subnet; ECS service without network_configuration is unknown',
      files: {
        'main.tf': lines(
          'resource "aws_lambda_function" "fn" {',
          '  vpc_config {',
          '    subnet_ids         = [aws_subnet.public.id]',
          '    security_group_ids = []',
          '  }',
          '}',
          'resource "aws_ecs_service" "bridge" {',
          '  launch_type = "EC2"',
          '}',
        ),
        'network.tf': NETWORK,
      },
      expect: [
        { status: 'fail', address: 'aws_lambda_function.fn', line: 3, message: 'vpc_config.subnet_ids includes a public subnet' },
        { status: 'unknown', address: 'aws_ecs_service.bridge', line: 7, message: 'no network_configuration' },
      ],
    },
    {
      name: 'plan: instance with a public IP and no subnet; a switch known only after apply is unknown; a literal subnet ID is unknown',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_instance.web', values: { associate_public_ip_address: true } },
          { address: 'aws_subnet.private', values: { cidr_block: '10.0.1.0/24', map_public_ip_on_launch: false } },
          { address: 'aws_instance.later', values: {}, unknown: ['associate_public_ip_address'], refs: { subnet_id: ['aws_subnet.private.id', 'aws_subnet.private'] } },
          { address: 'aws_ecs_service.app', values: { network_configuration: [{ subnets: ['subnet-0123456789abcdef0'] }] } },
        ]),
      },
      expect: [
        { status: 'fail', address: 'aws_instance.web', message: ['associate_public_ip_address = true', 'no subnet_id'] },
        { status: 'unknown', address: 'aws_instance.later', message: 'known after apply' },
        { status: 'unknown', address: 'aws_ecs_service.app', message: 'subnet "subnet-0123456789abcdef0" is not in the configuration' },
      ],
    },
  ],
});
