import { presenceOf } from '../../src/rules/support/presence';
import { fail, pass, unknown } from '../../src/rules/support/results';
import { Rule } from '../../src/rules/types';

export const DATABASE_TYPES = ['aws_db_instance', 'aws_rds_cluster'] as const;

export const rule: Rule = {
  meta: {
    id: 'TG-LOG-006',
    title: 'RDS databases export their logs to CloudWatch Logs',
    claim: 'audit-logging',
    severity: 'low',
    description: [
      'The TOM promises that CloudWatch watches logs. An `aws_db_instance` or `aws_rds_cluster` must list at',
      'least one log type in `enabled_cloudwatch_logs_exports` (e.g. `postgresql`, `audit`, `error`, `general`,',
      '`slowquery`, `upgrade`); omitted or empty, the database logs stay on the instance, where they rotate',
      'away and nothing watches them.',
    ].join('\n'),
    remediation: [
      'Export the log types of your engine:',
      '',
      '```hcl',
      'resource "aws_db_instance" "main" {',
      '  engine                          = "postgres"',
      '  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]',
      '  # ...',
      '}',
      '```',
    ].join('\n'),
    fix: 'set enabled_cloudwatch_logs_exports to the log types of the engine (e.g. ["postgresql", "upgrade"])',
    appliesTo: DATABASE_TYPES,
    references: {
      checkov: ['CKV_AWS_129', 'CKV_AWS_324'],
      kics: ['8d7f7b8c-6c7c-40f8-baa6-62006c6c7b56'],
      docs: [
        'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#enabled_cloudwatch_logs_exports',
        'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster#enabled_cloudwatch_logs_exports',
        'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html',
      ],
    },
  },

  check({ graph }) {
    return graph.resources(DATABASE_TYPES).map((node) => {
      const attribute = 'enabled_cloudwatch_logs_exports';
      if (!node.attr(attribute).present) return fail(node, 'No database logs are exported to CloudWatch Logs: enabled_cloudwatch_logs_exports is not set (provider default: none)');
      const exports = presenceOf(graph, node, attribute);
      if (exports.status === 'unknown') return unknown(node, `${exports.describe}: the exported log types are not known statically`, attribute);
      if (exports.status === 'unset') return fail(node, `No database logs are exported to CloudWatch Logs: ${exports.describe}`, attribute);
      return pass(node, `Database logs are exported to CloudWatch Logs: ${exports.describe}`, attribute);
    });
  },
};
