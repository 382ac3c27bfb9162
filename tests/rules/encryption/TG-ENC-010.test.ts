import { rule } from '../../../rules/encryption/TG-ENC-010';
import { planJson } from '../../helpers/plan-builder';
import { ruleTester } from '../../helpers/rule-tester';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;
// AWS's documented example key pair: not a real credential.
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

const lambda = (...variables: string[]) =>
  lines('resource "aws_lambda_function" "api" {', '  function_name = "api"', '  environment {', '    variables = {', ...variables.map((v) => `      ${v}`), '    }', '  }', '}');

ruleTester(rule, {
  valid: [
    {
      name: 'user data that fetches its secret from Secrets Manager at boot passes',
      files: {
        'main.tf': lines(
          'resource "aws_instance" "web" {',
          '  user_data = <<-EOF',
          '    #!/bin/bash',
          '    export DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db --query SecretString --output text)',
          '    export GREETING=hello',
          '  EOF',
          '}',
        ),
      },
      expect: [{ status: 'pass', address: 'aws_instance.web', line: 1, message: 'user_data: no credential written in plaintext' }],
    },
    {
      name: 'user data from a variable without a value is not a literal of the scanned files, and the pass says so',
      files: { 'main.tf': lines('variable "script" {}', 'resource "aws_instance" "web" {', '  user_data = var.script', '}') },
      expect: [{ status: 'pass', address: 'aws_instance.web', line: 2, message: 'user_data (not known statically, so no literal): no credential written in plaintext' }],
    },
    {
      name: 'Lambda variables from a secret reference, a Secrets Manager ARN, a number and an empty string are no credentials',
      files: {
        'main.tf':
          lambda(
            'DB_PASSWORD         = aws_secretsmanager_secret_version.db.secret_string',
            'DB_SECRET_ARN       = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db"',
            'PASSWORD_MIN_LENGTH = "12"',
            'API_TOKEN           = ""',
          ) + lines('resource "aws_secretsmanager_secret_version" "db" {', '  secret_id = "db"', '}'),
      },
      expect: [{ status: 'pass', address: 'aws_lambda_function.api', line: 1, message: '4 environment variables: no credential written in plaintext' }],
    },
    {
      name: 'a value given with --var is not written in the scanned files',
      files: { 'main.tf': lines('variable "token" {}') + lambda('API_TOKEN = var.token') },
      vars: { token: 'abc123abc123' },
      expect: [{ status: 'pass', address: 'aws_lambda_function.api', line: 2, message: '1 environment variable: no credential written in plaintext' }],
    },
    {
      name: 'ECS: secrets come through `secrets`, the environment holds no credential',
      files: {
        'main.tf': lines(
          'resource "aws_ecs_task_definition" "app" {',
          '  family = "app"',
          '  container_definitions = jsonencode([{',
          '    name        = "app"',
          '    environment = [{ name = "PGSSLMODE", value = "verify-full" }, { name = "DB_SECRET_ARN", value = aws_secretsmanager_secret.db.arn }]',
          '    secrets     = [{ name = "DB_PASSWORD", valueFrom = aws_secretsmanager_secret.db.arn }]',
          '  }])',
          '}',
          'resource "aws_secretsmanager_secret" "db" {}',
        ),
      },
      expect: [{ status: 'pass', address: 'aws_ecs_task_definition.app', line: 1, message: '2 container environment variables: no credential written in plaintext' }],
    },
  ],
  invalid: [
    {
      name: 'an access key pair in instance user data fails at user_data, never printing the key',
      files: { 'main.tf': lines('resource "aws_instance" "web" {', '  ami       = "ami-1"', '  user_data = <<-EOF', `    export AWS_ACCESS_KEY_ID=${KEY_ID}`, `    export AWS_SECRET_ACCESS_KEY=${SECRET_KEY}`, '  EOF', '}') },
      expect: [{ status: 'fail', address: 'aws_instance.web', line: 3, column: 3, message: 'user_data holds an AWS access key ID and a secret access key' }],
    },
    {
      name: 'a password in base64-encoded launch template user data (decoded before scanning)',
      files: { 'main.tf': lines('resource "aws_launch_template" "lt" {', '  user_data = base64encode("#!/bin/bash\\nexport DB_PASSWORD=\\"hunter2hunter2\\"\\n")', '}') },
      expect: [{ status: 'fail', address: 'aws_launch_template.lt', line: 2, column: 3, message: 'user_data holds a secret literal of 14 characters (DB_PASSWORD=)' }],
    },
    {
      name: 'an access key ID in user_data_base64 of an instance',
      files: { 'main.tf': lines('resource "aws_instance" "web" {', `  user_data_base64 = base64encode("aws configure set aws_access_key_id ${KEY_ID}")`, '}') },
      expect: [{ status: 'fail', address: 'aws_instance.web', line: 2, message: 'user_data_base64 holds an AWS access key ID' }],
    },
    {
      name: 'a Lambda variable named like a password set to a literal fails at the variable',
      files: { 'main.tf': lambda('LOG_LEVEL   = "info"', 'DB_PASSWORD = "s3cr3t-value"') },
      expect: [{ status: 'fail', address: 'aws_lambda_function.api', line: 6, column: 7, message: 'environment variable DB_PASSWORD holds a secret literal of 12 characters' }],
    },
    {
      name: 'a Lambda variable from a tfvars file is plaintext in the scanned files',
      files: { 'main.tf': lines('variable "pw" {}') + lambda('DB_PASSWORD = var.pw'), 'terraform.tfvars': 'pw = "from-tfvars-1"\n' },
      expect: [{ status: 'fail', address: 'aws_lambda_function.api', line: 6, message: 'environment variable DB_PASSWORD holds a secret literal of 13 characters' }],
    },
    {
      name: 'ECS: a token in the container environment fails at its entry; the reference beside it is fine',
      files: {
        'main.tf': lines(
          'resource "aws_ecs_task_definition" "app" {',
          '  family = "app"',
          '  container_definitions = jsonencode([{',
          '    name        = "app"',
          '    environment = [',
          '      { name = "DB_HOST", value = aws_db_instance.main.address },',
          '      { name = "API_TOKEN", value = "tok-0123456789" },',
          '    ]',
          '  }])',
          '}',
          'resource "aws_db_instance" "main" {}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_ecs_task_definition.app', line: 7, message: 'container environment variable API_TOKEN holds a secret literal of 14 characters' }],
    },
    {
      name: 'ECS: container definitions as a JSON string with an access key ID',
      files: {
        'main.tf': lines(
          'resource "aws_ecs_task_definition" "app" {',
          '  family                = "app"',
          `  container_definitions = "[{\\"name\\": \\"app\\", \\"environment\\": [{\\"name\\": \\"AWS_ACCESS_KEY_ID\\", \\"value\\": \\"${KEY_ID}\\"}]}]"`,
          '}',
        ),
      },
      expect: [{ status: 'fail', address: 'aws_ecs_task_definition.app', line: 3, message: 'container environment variable AWS_ACCESS_KEY_ID holds an AWS access key ID' }],
    },
    {
      name: 'plan: a value known in the plan may have come through a variable: unknown',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_lambda_function.api', values: { function_name: 'api', environment: [{ variables: { DB_PASSWORD: 's3cr3t-value' } }] } }]),
      },
      expect: [{ status: 'unknown', address: 'aws_lambda_function.api', message: 'environment variable DB_PASSWORD holds a value known in the plan that may be a credential (a secret literal of 12 characters)' }],
    },
  ],
});

describe('TG-ENC-010 messages', () => {
  it('never print the credential', () => {
    const all = Object.values(rule.meta.messages ?? {}).join(' ');
    expect(all).not.toMatch(/\{\{\s*value\s*\}\}/);
  });
});
