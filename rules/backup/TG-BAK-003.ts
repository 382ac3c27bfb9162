import { Rule } from '../../src/rules/types';
import { isMistyped } from '../../src/providers/mistyped';

export const TABLE_TYPES = ['aws_dynamodb_table'] as const;

export const rule: Rule = {
  meta: {
    id: 'TG-BAK-003',
    title: 'DynamoDB tables have point-in-time recovery enabled',
    claim: 'backup-recovery',
    severity: 'medium',
    fix: 'add point_in_time_recovery { enabled = true }',
    appliesTo: TABLE_TYPES,
    messages: {
      pass: 'point_in_time_recovery.{{value}}',
      fail: 'point_in_time_recovery.{{value}}: the table cannot be restored to a point in time',
      unknown: 'point_in_time_recovery.enabled is not known statically: {{value}}',
      mistyped: 'point_in_time_recovery.{{value}} is not a boolean',
      omitted: 'point_in_time_recovery is not set: point-in-time recovery is off (provider default when omitted)',
      blockUnknown: 'point_in_time_recovery is not known statically: {{reason}}',
    },
  },

  check({ aws, verdict, report }) {
    return aws.dynamodb.tables.map((table) => {
      const pitr = table.pointInTimeRecovery;
      if (!pitr) return report('fail', table, 'omitted');
      if (pitr.unknownReason !== undefined) return report('unknown', table, 'blockUnknown', { reason: pitr.unknownReason }, 'point_in_time_recovery');
      const at = pitr.enabled.present ? pitr.enabled.path : pitr.path;
      return verdict(table, pitr.enabled.is(true), at, { data: { value: pitr.enabled.describe() }, unknown: isMistyped(pitr.enabled) ? 'mistyped' : 'unknown' });
    });
  },
};
