import { rule } from '../../../rules/network/TG-NET-007';
import { planJson } from '../../helpers/plan-builder';
import { ruleTester } from '../../helpers/rule-tester';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

const VPC = ['resource "aws_vpc" "main" {', '  cidr_block = "10.0.0.0/16"', '}'];

/** A flow log on aws_vpc.main (traffic_type at line 6 when VPC comes first). */
const flowLog = (trafficType?: string, name = 'vpc') => [
  `resource "aws_flow_log" "${name}" {`,
  '  vpc_id          = aws_vpc.main.id',
  ...(trafficType === undefined ? [] : [`  traffic_type    = ${trafficType}`]),
  '  log_destination = "arn:aws:s3:::flow-logs"',
  '}',
];

ruleTester(rule, {
  valid: [
    {
      name: 'VPC flow log of all traffic',
      files: { 'main.tf': lines(...VPC, ...flowLog('"ALL"')) },
      expect: [{ status: 'pass', address: 'aws_vpc.main', line: 1, message: 'flow log aws_flow_log.vpc (main.tf:4) records traffic_type = "ALL"' }],
    },
    {
      name: 'REJECT is enough; an additional ACCEPT flow log does not matter',
      files: { 'main.tf': lines(...VPC, ...flowLog('"ACCEPT"', 'accepted'), ...flowLog('"REJECT"', 'rejected')) },
      expect: [{ status: 'pass', address: 'aws_vpc.main', line: 1, message: 'aws_flow_log.rejected (main.tf:9) records traffic_type = "REJECT"' }],
    },
    {
      name: 'VPCs and flow logs with for_each; the default VPC managed as aws_default_vpc',
      files: {
        'main.tf': lines(
          'resource "aws_vpc" "env" {',
          '  for_each   = toset(["staging", "production"])',
          '  cidr_block = "10.0.0.0/16"',
          '}',
          'resource "aws_flow_log" "env" {',
          '  for_each     = aws_vpc.env',
          '  vpc_id       = each.value.id',
          '  traffic_type = "ALL"',
          '}',
          'resource "aws_default_vpc" "default" {',
          '}',
          'resource "aws_flow_log" "default" {',
          '  vpc_id       = aws_default_vpc.default.id',
          '  traffic_type = "REJECT"',
          '}',
        ),
      },
      expect: [
        { status: 'pass', address: 'aws_vpc.env["staging"]', line: 1, message: 'aws_flow_log.env["staging"]' },
        { status: 'pass', address: 'aws_vpc.env["production"]', line: 1, message: 'aws_flow_log.env["production"]' },
        { status: 'pass', address: 'aws_default_vpc.default', line: 10, message: 'aws_flow_log.default' },
      ],
    },
    {
      name: 'flow log in a local module, traffic type through a module variable',
      files: {
        'main.tf': lines(...VPC, 'module "logs" {', '  source  = "./logs"', '  vpc_id  = aws_vpc.main.id', '  traffic = "ALL"', '}'),
        'logs/main.tf': lines('variable "vpc_id" {}', 'variable "traffic" {}', 'resource "aws_flow_log" "this" {', '  vpc_id       = var.vpc_id', '  traffic_type = var.traffic', '}'),
      },
      expect: [{ status: 'pass', address: 'aws_vpc.main', line: 1, message: 'module.logs.aws_flow_log.this (logs/main.tf:3) records traffic_type = "ALL" (var.traffic (set by module.logs in main.tf:7))' }],
    },
    {
      name: 'plan: the flow log names the VPC by a configuration reference',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_vpc.main', values: { cidr_block: '10.0.0.0/16' } },
          { address: 'aws_flow_log.vpc', values: { traffic_type: 'ALL' }, refs: { vpc_id: ['aws_vpc.main.id', 'aws_vpc.main'] } },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_vpc.main', message: 'aws_flow_log.vpc' }],
    },
  ],
  invalid: [
    {
      name: 'flow logs made with for_each over a map of VPC IDs: each instance covers its own VPC',
      files: {
        'main.tf': lines(
          'resource "aws_vpc" "a" {',
          '  cidr_block = "10.0.0.0/16"',
          '}',
          'resource "aws_vpc" "b" {',
          '  cidr_block = "10.1.0.0/16"',
          '}',
          'locals {',
          '  vpcs = { a = aws_vpc.a.id, b = aws_vpc.b.id }',
          '}',
          'resource "aws_flow_log" "x" {',
          '  for_each     = local.vpcs',
          '  vpc_id       = each.value',
          '  traffic_type = each.key == "a" ? "ALL" : "ACCEPT"',
          '}',
        ),
      },
      expect: [
        { status: 'pass', address: 'aws_vpc.a', line: 1, message: 'aws_flow_log.x["a"] (main.tf:10) records traffic_type = "ALL"' },
        { status: 'fail', address: 'aws_vpc.b', line: 13, message: 'aws_flow_log.x["b"] (main.tf:10) records only accepted traffic' },
      ],
    },
    {
      name: 'plan: flow logs made with for_each over a local map; the .tf source tells which VPC each instance names',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_vpc.a', values: { cidr_block: '10.0.0.0/16' }, unknown: ['id'] },
          { address: 'aws_vpc.b', values: { cidr_block: '10.1.0.0/16' }, unknown: ['id'] },
          { address: 'aws_flow_log.x["a"]', values: { traffic_type: 'ALL' }, refs: { vpc_id: ['each.value'] }, forEach: ['local.vpcs'] },
          { address: 'aws_flow_log.x["b"]', values: { traffic_type: 'ACCEPT' }, refs: { vpc_id: ['each.value'] }, forEach: ['local.vpcs'] },
        ]),
        'main.tf': lines(
          'resource "aws_vpc" "a" {',
          '  cidr_block = "10.0.0.0/16"',
          '}',
          'resource "aws_vpc" "b" {',
          '  cidr_block = "10.1.0.0/16"',
          '}',
          'locals {',
          '  vpcs = { a = aws_vpc.a.id, b = aws_vpc.b.id }',
          '}',
          'resource "aws_flow_log" "x" {',
          '  for_each     = local.vpcs',
          '  vpc_id       = each.value',
          '  traffic_type = each.key == "a" ? "ALL" : "ACCEPT"',
          '}',
        ),
      },
      expect: [
        { status: 'pass', address: 'aws_vpc.a', line: 1, message: 'aws_flow_log.x["a"] (main.tf:10) records traffic_type = "ALL"' },
        { status: 'fail', address: 'aws_vpc.b', line: 13, message: 'aws_flow_log.x["b"] (main.tf:10) records only accepted traffic' },
      ],
    },
    {
      name: 'no flow log',
      files: { 'main.tf': lines(...VPC) },
      expect: [{ status: 'fail', address: 'aws_vpc.main', line: 1, message: 'no aws_flow_log names aws_vpc.main in vpc_id: its traffic is not logged' }],
    },
    {
      name: 'ACCEPT only: the finding points at traffic_type',
      files: { 'main.tf': lines(...VPC, ...flowLog('"ACCEPT"')) },
      expect: [{ status: 'fail', address: 'aws_vpc.main', line: 6, message: 'records only accepted traffic: traffic_type = "ACCEPT"' }],
    },
    {
      name: 'traffic_type omitted (no provider default)',
      files: { 'main.tf': lines(...VPC, ...flowLog()) },
      expect: [{ status: 'fail', address: 'aws_vpc.main', line: 4, message: 'aws_flow_log.vpc (main.tf:4) sets no traffic_type' }],
    },
    {
      name: 'flow logs on a single subnet do not cover the VPC',
      files: {
        'main.tf': lines(
          ...VPC,
          'resource "aws_subnet" "a" {',
          '  vpc_id     = aws_vpc.main.id',
          '  cidr_block = "10.0.1.0/24"',
          '}',
          'resource "aws_flow_log" "subnet" {',
          '  subnet_id    = aws_subnet.a.id',
          '  traffic_type = "ALL"',
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_vpc.main', line: 1, message: 'flow logs on single subnets or network interfaces do not cover the VPC: aws_flow_log.subnet (subnet aws_subnet.a)' }],
    },
    {
      name: 'traffic type from tfvars',
      files: { 'main.tf': lines(...VPC, ...flowLog('var.traffic'), 'variable "traffic" {}'), 'terraform.tfvars': 'traffic = "ACCEPT"\n' },
      expect: [{ status: 'fail', address: 'aws_vpc.main', line: 6, message: 'traffic_type = "ACCEPT" (var.traffic (set in terraform.tfvars:1))' }],
    },
    {
      name: 'traffic type from an unset variable gives unknown',
      files: { 'main.tf': lines(...VPC, ...flowLog('var.traffic'), 'variable "traffic" {}') },
      expect: [{ status: 'unknown', address: 'aws_vpc.main', line: 6, message: 'traffic_type is not known statically' }],
    },
    {
      name: 'a flow log whose vpc_id is an unset variable may cover the VPC; one naming an undeclared VPC does not',
      files: {
        'main.tf': lines(
          ...VPC,
          'variable "vpc_id" {}',
          'resource "aws_flow_log" "maybe" {',
          '  vpc_id       = var.vpc_id',
          '  traffic_type = "ALL"',
          '}',
          'resource "aws_flow_log" "other" {',
          '  vpc_id       = aws_vpc.other.id',
          '  traffic_type = "ALL"',
          '}',
        ),
      },
      expect: [{ status: 'unknown', address: 'aws_vpc.main', line: 1, message: "no flow log is known to record aws_vpc.main's rejected traffic: aws_flow_log.maybe (vpc_id = var.vpc_id" }],
    },
    {
      name: 'plan: ACCEPT only',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_vpc.main', values: { cidr_block: '10.0.0.0/16' } },
          { address: 'aws_flow_log.vpc', values: { traffic_type: 'ACCEPT' }, refs: { vpc_id: ['aws_vpc.main.id', 'aws_vpc.main'] } },
        ]),
      },
      expect: [{ status: 'fail', address: 'aws_vpc.main', message: 'traffic_type = "ACCEPT"' }],
    },
  ],
});
