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
    fix: 'set enabled_cloudwatch_logs_exports to the log types of the engine (e.g. ["postgresql", "upgrade"])',
    appliesTo: DATABASE_TYPES,
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
