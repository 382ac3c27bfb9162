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
    fix: 'set retention_in_days to the retention period of your policy (e.g. 90)',
    appliesTo: LOG_GROUP_TYPES,
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
