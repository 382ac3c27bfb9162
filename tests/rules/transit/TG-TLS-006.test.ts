import { rule } from '../../../rules/transit/TG-TLS-006';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

/** One line per argument, so the line numbers in expectations can be read off the array index + 1. */
const tf = (...lines: string[]) => lines.join('\n') + '\n';

/** An aws_db_parameter_group "pg" (lines 1-8 when first in the file) setting one parameter. */
const group = (family: string, name: string, value: string) =>
  tf(
    'resource "aws_db_parameter_group" "pg" {',
    '  name   = "app-pg"',
    `  family = "${family}"`,
    '  parameter {',
    `    name  = "${name}"`,
    `    value = ${value}`,
    '  }',
    '}',
  );

ruleTester(rule, {
  valid: [
    {
      name: 'postgres instance with a group that sets rds.force_ssl = 1',
      files: {
        'main.tf':
          group('postgres14', 'rds.force_ssl', '"1"') +
          tf('resource "aws_db_instance" "db" {', '  engine               = "postgres"', '  engine_version       = "14.12"', '  parameter_group_name = aws_db_parameter_group.pg.name', '}'),
      },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', line: 12, message: ['aws_db_parameter_group.pg (main.tf:1) sets rds.force_ssl = "1"', 'engine = "postgres"'] }],
    },
    {
      name: 'Aurora MySQL cluster with a cluster parameter group requiring secure transport',
      files: {
        'main.tf': tf(
          'resource "aws_rds_cluster_parameter_group" "mysql" {',
          '  name   = "app-mysql"',
          '  family = "aurora-mysql8.0"',
          '  parameter {',
          '    name  = "require_secure_transport"',
          '    value = "ON"',
          '  }',
          '}',
          'resource "aws_rds_cluster" "db" {',
          '  engine                          = "aurora-mysql"',
          '  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.mysql.name',
          '}',
        ),
      },
      expect: [{ status: 'pass', address: 'aws_rds_cluster.db', line: 11, message: 'sets require_secure_transport = "ON"' }],
    },
    {
      name: 'PostgreSQL 16 without a parameter group: the default forces TLS',
      files: { 'main.tf': tf('resource "aws_db_instance" "db" {', '  engine         = "postgres"', '  engine_version = "16.3"', '}') },
      expect: [
        {
          status: 'pass',
          address: 'aws_db_instance.db',
          line: 1,
          message: ['parameter_group_name is not set', 'PostgreSQL 16 (engine_version = "16.3") defaults to rds.force_ssl = 1'],
        },
      ],
    },
    {
      name: 'a default.postgres15 group by name',
      files: { 'main.tf': tf('resource "aws_db_instance" "db" {', '  engine               = "postgres"', '  parameter_group_name = "default.postgres15"', '}') },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', line: 3, message: ['AWS default parameter group', 'PostgreSQL 15 (family "postgres15")'] }],
    },
    {
      name: 'a literal name that matches a group in the configuration',
      files: {
        'main.tf':
          group('mariadb10.11', 'require_secure_transport', '1') +
          tf('resource "aws_db_instance" "db" {', '  engine               = "mariadb"', '  parameter_group_name = "app-pg"', '}'),
      },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', line: 11, message: 'sets require_secure_transport = 1' }],
    },
    {
      name: 'group name passed to a local module; no engine argument, the family tells it',
      files: {
        'main.tf': group('postgres13', 'rds.force_ssl', '"1"') + tf('module "db" {', '  source = "./db"', '  pg     = aws_db_parameter_group.pg.name', '}'),
        'db/main.tf': tf('variable "pg" {}', 'resource "aws_db_instance" "this" {', '  snapshot_identifier  = "snap-1"', '  parameter_group_name = var.pg', '}'),
      },
      expect: [
        {
          status: 'pass',
          address: 'module.db.aws_db_instance.this',
          file: 'db/main.tf',
          line: 4,
          message: ['aws_db_parameter_group.pg (main.tf:1) sets rds.force_ssl = "1"', 'family = "postgres13" of aws_db_parameter_group.pg'],
        },
      ],
    },
    {
      name: 'engines the rule does not cover get no result',
      files: { 'main.tf': tf('resource "aws_db_instance" "db" {', '  engine = "oracle-ee"', '}', 'resource "aws_db_instance" "sql" {', '  engine = "sqlserver-se"', '}') },
      expect: [],
    },
    {
      name: 'plan: the group is linked by a configuration reference',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_db_parameter_group.pg', values: { name: 'app-pg', family: 'postgres14', parameter: [{ name: 'rds.force_ssl', value: '1', apply_method: 'immediate' }] } },
          { address: 'aws_db_instance.db', values: { engine: 'postgres', engine_version: '14.12' }, refs: { parameter_group_name: ['aws_db_parameter_group.pg.name', 'aws_db_parameter_group.pg'] } },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', message: 'aws_db_parameter_group.pg sets rds.force_ssl = "1"' }],
    },
  ],
  invalid: [
    {
      name: 'a custom group without family (required by the provider) whose default cannot be told: unknown, saying so',
      files: {
        'main.tf': tf(
          'resource "aws_db_parameter_group" "pg" {',
          '  name = "pg"',
          '}',
          'resource "aws_db_instance" "db" {',
          '  engine               = "postgres"',
          '  parameter_group_name = aws_db_parameter_group.pg.name',
          '}',
        ),
      },
      expect: [{ status: 'unknown', address: 'aws_db_instance.db', line: 6, message: 'aws_db_parameter_group.pg: family is required by the provider and is not set: the configuration is not valid Terraform' }],
    },
    {
      name: 'a database without engine: a cluster is not valid Terraform, an instance needs it unless it is restored or a replica',
      files: {
        'main.tf': tf(
          'resource "aws_rds_cluster" "c" {',
          '  cluster_identifier = "c"',
          '}',
          'resource "aws_db_instance" "db" {',
          '  instance_class = "db.t4g.micro"',
          '}',
          'resource "aws_db_instance" "restored" {',
          '  snapshot_identifier = "snap-1"',
          '}',
        ),
      },
      expect: [
        { status: 'unknown', address: 'aws_rds_cluster.c', line: 1, message: 'engine is required by the provider and is not set: the configuration is not valid Terraform' },
        {
          status: 'unknown',
          address: 'aws_db_instance.db',
          line: 4,
          message: 'engine is required by the provider unless snapshot_identifier or replicate_source_db is set, and none of them is: the configuration cannot be applied',
        },
        { status: 'unknown', address: 'aws_db_instance.restored', line: 7, message: 'engine is not set and no parameter group family or replication source in the scanned configuration tells it' },
      ],
    },
    {
      name: 'postgres group with rds.force_ssl = 0',
      files: {
        'main.tf':
          group('postgres13', 'rds.force_ssl', '"0"') +
          tf('resource "aws_db_instance" "db" {', '  engine               = "postgres"', '  parameter_group_name = aws_db_parameter_group.pg.name', '}'),
      },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', line: 11, message: 'sets rds.force_ssl = "0", so clients may connect without TLS' }],
    },
    {
      name: 'MySQL without a parameter group: the default allows plaintext, pointing at the block',
      files: { 'main.tf': tf('', 'resource "aws_db_instance" "db" {', '  engine = "mysql"', '}') },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', line: 2, message: ['parameter_group_name is not set', 'require_secure_transport = OFF'] }],
    },
    {
      name: 'custom PostgreSQL 14 group that does not set rds.force_ssl inherits the family default',
      files: {
        'main.tf':
          group('postgres14', 'log_connections', '"1"') +
          tf('resource "aws_db_instance" "db" {', '  engine               = "postgres"', '  parameter_group_name = aws_db_parameter_group.pg.name', '}'),
      },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', line: 11, message: ['does not set rds.force_ssl', 'PostgreSQL 14 (family "postgres14") defaults to rds.force_ssl = 0'] }],
    },
    {
      name: 'Aurora PostgreSQL with the default cluster parameter group',
      files: { 'main.tf': tf('resource "aws_rds_cluster" "db" {', '  engine                          = "aurora-postgresql"', '  db_cluster_parameter_group_name = "default.aurora-postgresql16"', '}') },
      expect: [{ status: 'fail', address: 'aws_rds_cluster.db', line: 3, message: 'the aurora-postgresql default is rds.force_ssl = 0' }],
    },
    {
      name: 'value from tfvars on counted instances',
      files: {
        'main.tf':
          'variable "force_ssl" {}\n' +
          group('postgres12', 'rds.force_ssl', 'var.force_ssl') +
          tf('resource "aws_db_instance" "db" {', '  count                = 2', '  engine               = "postgres"', '  parameter_group_name = aws_db_parameter_group.pg.name', '}'),
        'terraform.tfvars': 'force_ssl = "0"\n',
      },
      expect: [
        { status: 'fail', address: 'aws_db_instance.db[0]', line: 13, message: 'sets rds.force_ssl = "0"' },
        { status: 'fail', address: 'aws_db_instance.db[1]', line: 13 },
      ],
    },
    {
      name: 'PostgreSQL default group with an unknown engine_version gives unknown',
      files: { 'main.tf': tf('variable "v" {}', 'resource "aws_db_instance" "db" {', '  engine         = "postgres"', '  engine_version = var.v', '}') },
      expect: [{ status: 'unknown', address: 'aws_db_instance.db', line: 2, message: ['from version 15', 'var.v'] }],
    },
    {
      name: 'an unknown parameter value (variable without value) gives unknown',
      files: {
        'main.tf':
          'variable "force_ssl" {}\n' +
          group('postgres13', 'rds.force_ssl', 'var.force_ssl') +
          tf('resource "aws_db_instance" "db" {', '  engine               = "postgres"', '  parameter_group_name = aws_db_parameter_group.pg.name', '}'),
      },
      expect: [{ status: 'unknown', address: 'aws_db_instance.db', line: 12, message: 'var.force_ssl' }],
    },
    {
      name: 'an unknown engine gives unknown',
      files: { 'main.tf': tf('variable "engine" {}', 'resource "aws_db_instance" "db" {', '  engine = var.engine', '}') },
      expect: [{ status: 'unknown', address: 'aws_db_instance.db', line: 3, message: 'engine is not known statically' }],
    },
    {
      name: 'a group name that is not in the scanned configuration gives unknown',
      files: { 'main.tf': tf('resource "aws_db_instance" "db" {', '  engine               = "mysql"', '  parameter_group_name = "shared-mysql"', '}') },
      expect: [{ status: 'unknown', address: 'aws_db_instance.db', line: 3, message: 'not in the scanned configuration' }],
    },
    {
      name: 'plan: the referenced group sets rds.force_ssl = 0, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_db_parameter_group.pg', values: { name: 'app-pg', family: 'postgres13', parameter: [{ name: 'rds.force_ssl', value: '0', apply_method: 'immediate' }] } },
          { address: 'aws_db_instance.db', values: { engine: 'postgres', parameter_group_name: 'app-pg' }, refs: { parameter_group_name: ['aws_db_parameter_group.pg.name', 'aws_db_parameter_group.pg'] } },
        ]),
        'main.tf':
          group('postgres13', 'rds.force_ssl', '"0"') +
          tf('resource "aws_db_instance" "db" {', '  engine               = "postgres"', '  parameter_group_name = aws_db_parameter_group.pg.name', '}'),
      },
      expect: [{ status: 'fail', address: 'aws_db_instance.db', line: 11, message: 'sets rds.force_ssl = "0"' }],
    },
  ],
});
