import { rule } from '../../../rules/encryption/TG-ENC-009';
import { RuleCase, ruleTester, runRule } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const SECRET = 'Sup3rS3cret!';

const invalid: RuleCase[] = [
  {
    name: 'string literal password, pointing at it, without printing it',
    files: { 'main.tf': `resource "aws_db_instance" "db" {\n  username = "app"\n  password = "${SECRET}"\n}\n` },
    expect: [{ status: 'fail', address: 'aws_db_instance.db', line: 3, message: 'password is a string literal of 12 characters written in the configuration (plaintext, main.tf:3)' }],
  },
  {
    name: 'a sensitive variable with a literal default is still plaintext in the files',
    files: {
      'main.tf': `variable "db_password" {\n  sensitive = true\n  default   = "${SECRET}"\n}\nresource "aws_rds_cluster" "c" {\n  master_password = var.db_password\n}\n`,
    },
    expect: [{ status: 'fail', address: 'aws_rds_cluster.c', line: 6, message: 'master_password is a string literal of 12 characters from var.db_password (default in main.tf:1)' }],
  },
  {
    name: 'a literal in terraform.tfvars',
    files: {
      'main.tf': 'variable "token" {}\nresource "aws_elasticache_replication_group" "r" {\n  description = "cache"\n  auth_token  = var.token\n}\n',
      'terraform.tfvars': `token = "${SECRET}"\n`,
    },
    expect: [{ status: 'fail', address: 'aws_elasticache_replication_group.r', line: 4, message: 'var.token (set in terraform.tfvars:1)' }],
  },
  {
    name: 'a literal passed to a local module',
    files: {
      'main.tf': `module "db" {\n  source   = "./db"\n  password = "${SECRET}"\n}\n`,
      'db/main.tf': 'variable "password" {}\nresource "aws_db_instance" "this" {\n  password = var.password\n}\n',
    },
    expect: [{ status: 'fail', address: 'module.db.aws_db_instance.this', line: 3, file: 'db/main.tf', message: 'var.password (set by module.db in main.tf:3)' }],
  },
  {
    name: 'OpenSearch master user password from a local; counted instances each fail',
    files: {
      'main.tf': [
        `locals { admin = "${SECRET}" }`,
        'resource "aws_opensearch_domain" "o" {',
        '  count = 2',
        '  advanced_security_options {',
        '    master_user_options {',
        '      master_user_password = local.admin',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    },
    expect: [
      { status: 'fail', address: 'aws_opensearch_domain.o[0]', line: 6, message: 'master_user_password is a string literal of 12 characters from local.admin (main.tf:1)' },
      { status: 'fail', address: 'aws_opensearch_domain.o[1]', line: 6 },
    ],
  },
  {
    name: 'an expression over a variable without value may fall back to a literal: unknown, quoting neither',
    files: {
      'main.tf': `variable "pw" {}\nresource "aws_db_instance" "a" {\n  password = coalesce(var.pw, "${SECRET}")\n}\nresource "aws_db_instance" "b" {\n  password = "\${var.pw}${SECRET}"\n}\n`,
    },
    expect: [
      { status: 'unknown', address: 'aws_db_instance.a', line: 3, message: 'password is an expression over var.pw (no value) that is not known statically: it may fall back to a literal' },
      { status: 'unknown', address: 'aws_db_instance.b', line: 6, message: 'var.pw (no value)' },
    ],
  },
  {
    name: 'plan: a known password cannot be told from a variable: unknown',
    input: 'plan.json',
    files: { 'plan.json': planJson([{ address: 'aws_db_instance.db', values: { username: 'app', password: SECRET }, sensitive: ['password'] }]) },
    expect: [{ status: 'unknown', address: 'aws_db_instance.db', message: 'plan JSON does not say whether it was written as a literal' }],
  },
];

ruleTester(rule, {
  valid: [
    {
      name: 'manage_master_user_password = true',
      files: { 'main.tf': 'resource "aws_db_instance" "db" {\n  username                    = "app"\n  manage_master_user_password = true\n}\n' },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', line: 3, message: 'RDS generates the master password and keeps it in Secrets Manager' }],
    },
    {
      name: 'a sensitive variable without default',
      files: { 'main.tf': 'variable "db_password" {\n  sensitive = true\n}\nresource "aws_rds_cluster" "c" {\n  master_password = var.db_password\n}\n' },
      expect: [{ status: 'pass', address: 'aws_rds_cluster.c', line: 5, message: 'master_password comes from var.db_password (no value)' }],
    },
    {
      name: 'a secrets-manager data source and a random_password',
      files: {
        'main.tf': [
          'data "aws_secretsmanager_secret_version" "redis" {',
          '  secret_id = "prod/redis"',
          '}',
          'resource "random_password" "db" {',
          '  length = 32',
          '}',
          'resource "aws_elasticache_replication_group" "r" {',
          '  description = "cache"',
          '  auth_token  = data.aws_secretsmanager_secret_version.redis.secret_string',
          '}',
          'resource "aws_rds_cluster" "c" {',
          '  master_password = random_password.db.result',
          '}',
          '',
        ].join('\n'),
      },
      expect: [
        { status: 'pass', address: 'aws_elasticache_replication_group.r', line: 9, message: 'auth_token comes from data.aws_secretsmanager_secret_version.redis' },
        { status: 'pass', address: 'aws_rds_cluster.c', line: 12, message: 'master_password comes from random_password.db' },
      ],
    },
    {
      name: 'a value given with --var at scan time is not in the scanned files',
      files: { 'main.tf': 'variable "pw" {}\nresource "aws_db_instance" "db" {\n  password = var.pw\n}\n' },
      vars: { pw: SECRET },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', line: 3, message: 'var.pw (set in --var), supplied outside the scanned files' }],
    },
    {
      name: 'no secret attribute at all (replica, or no AUTH token)',
      files: { 'main.tf': 'resource "aws_elasticache_replication_group" "r" {\n  description = "cache"\n}\n' },
      expect: [{ status: 'pass', address: 'aws_elasticache_replication_group.r', line: 1, message: 'auth_token not set' }],
    },
    {
      name: 'plan: a password known only after apply comes from a resource',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'random_password.db', values: { length: 32 }, unknown: ['result'] },
          { address: 'aws_db_instance.db', values: { username: 'app' }, refs: { password: ['random_password.db.result', 'random_password.db'] } },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_db_instance.db', message: 'password comes from random_password.db' }],
    },
  ],
  invalid,
});

describe('TG-ENC-009 never prints the secret', () => {
  for (const c of invalid) {
    it(c.name, async () => {
      const { results } = await runRule(rule, c);
      expect(results.length).toBeGreaterThan(0);
      for (const r of results) {
        expect(r.message).not.toContain(SECRET);
        for (const p of r.parts ?? []) expect(p.message).not.toContain(SECRET);
      }
    });
  }
});
