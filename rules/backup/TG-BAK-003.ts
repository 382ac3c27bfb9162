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
    fix: 'add point_in_time_recovery { enabled = true }',
    appliesTo: TABLE_TYPES,
  },

  check({ graph }) {
    return graph.resources(TABLE_TYPES).map(check);
  },
};
