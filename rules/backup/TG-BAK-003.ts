import { Unknown } from '../../src/eval/value';
import { GraphNode } from '../../src/graph/model';
import { asBoolean, setting } from '../../src/rules/support/attributes';
import { fail, pass, unknown } from '../../src/rules/support/results';
import { Rule, RuleResult } from '../../src/rules/types';

export const TABLE_TYPES = ['aws_dynamodb_table'] as const;

function check(node: GraphNode): RuleResult {
  const blocks = node.blocks('point_in_time_recovery');
  if (blocks.length === 0) {
    return fail(node, 'point_in_time_recovery is not set: point-in-time recovery is off (provider default when omitted)');
  }
  const { path, value } = blocks[0];
  if (value instanceof Unknown) return unknown(node, `point_in_time_recovery is not known statically: ${value.describe()}`, 'point_in_time_recovery');
  const enabledPath = `${path}.enabled`;
  const enabled = setting(node, enabledPath, false);
  const attribute = enabled.read.present ? enabledPath : path;
  const v = asBoolean(enabled.value);
  if (v === true) return pass(node, `point_in_time_recovery.${enabled.describe}`, attribute);
  if (v === false) return fail(node, `point_in_time_recovery.${enabled.describe}: the table cannot be restored to a point in time`, attribute);
  if (v instanceof Unknown) return unknown(node, `point_in_time_recovery.enabled is not known statically: ${enabled.describe}`, attribute);
  return unknown(node, `point_in_time_recovery.${enabled.describe} is not a boolean`, attribute);
}

export const rule: Rule = {
  meta: {
    id: 'TG-BAK-003',
    title: 'DynamoDB tables have point-in-time recovery enabled',
    claim: 'backup-recovery',
    severity: 'medium',
    description: [
      'DynamoDB tables must enable continuous backups: `point_in_time_recovery { enabled = true }`. Without the',
      'block (or with `enabled = false`) a table deleted or overwritten by mistake cannot be restored to an earlier',
      'second; only on-demand backups, if any, remain.',
    ].join('\n'),
    remediation: [
      'Enable point-in-time recovery:',
      '',
      '```hcl',
      'resource "aws_dynamodb_table" "tickets" {',
      '  # ...',
      '  point_in_time_recovery {',
      '    enabled = true',
      '  }',
      '}',
      '```',
    ].join('\n'),
    fix: 'add point_in_time_recovery { enabled = true }',
    appliesTo: TABLE_TYPES,
    references: {
      checkov: ['CKV_AWS_28'],
      trivy: ['AVD-AWS-0024'],
      kics: ['741f1291-47ac-4a85-a07b-3d32a9d6bd3e'],
      docs: [
        'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table#point_in_time_recovery',
        'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html',
      ],
    },
  },

  check({ graph }) {
    return graph.resources(TABLE_TYPES).map(check);
  },
};
