import { Unknown } from '../../src/eval/value';
import { setting } from '../../src/rules/support/attributes';
import { fail, pass, unknown } from '../../src/rules/support/results';
import { Rule } from '../../src/rules/types';

export const LOG_GROUP_TYPES = ['aws_cloudwatch_log_group'] as const;

/** A number of days from a number or a numeric string. */
function days(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'TG-LOG-004',
    title: 'CloudWatch log groups expire their events',
    claim: 'retention',
    severity: 'low',
    description: [
      'Logs hold personal data (IP addresses, user IDs, request paths), and the TOM promises that data is kept',
      'no longer than needed. An `aws_cloudwatch_log_group` must set `retention_in_days` to a number of days.',
      'Omitting it, or setting 0, keeps the events forever (the AWS provider default is 0, "never expire").',
    ].join('\n'),
    remediation: [
      'Set a retention period that matches your retention policy:',
      '',
      '```hcl',
      'resource "aws_cloudwatch_log_group" "app" {',
      '  name              = "/ecs/app"',
      '  retention_in_days = 90',
      '}',
      '```',
    ].join('\n'),
    fix: 'set retention_in_days to the retention period of your policy (e.g. 90)',
    appliesTo: LOG_GROUP_TYPES,
    references: {
      checkov: ['CKV_AWS_66'],
      kics: ['ef0b316a-211e-42f1-888e-64efe172b755'],
      docs: [
        'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudwatch_log_group#retention_in_days',
        'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention',
      ],
    },
  },

  check({ graph }) {
    return graph.resources(LOG_GROUP_TYPES).map((node) => {
      const retention = setting(node, 'retention_in_days', 0);
      const attribute = retention.read.present ? 'retention_in_days' : undefined;
      if (retention.value instanceof Unknown) return unknown(node, `${retention.describe}: the retention period is not known statically`, attribute);
      const n = days(retention.value);
      if (n === undefined) return unknown(node, `${retention.describe} is not a number of days`, attribute);
      if (n <= 0) return fail(node, `Log events never expire: ${retention.describe}`, attribute);
      return pass(node, `Log events expire after ${n} day${n === 1 ? '' : 's'}: ${retention.describe}`, attribute);
    });
  },
};
