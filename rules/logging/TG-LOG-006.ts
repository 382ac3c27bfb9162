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
    messages: {
      pass: 'Database logs are exported to CloudWatch Logs: {{value}}',
      fail: 'No database logs are exported to CloudWatch Logs: {{value}}',
      unknown: '{{value}}: the exported log types are not known statically',
      omitted: 'No database logs are exported to CloudWatch Logs: enabled_cloudwatch_logs_exports is not set (provider default: none)',
    },
  },

  check({ aws, verdict, report }) {
    const types: readonly string[] = DATABASE_TYPES;
    return aws.rds.databases.filter((db) => types.includes(db.type)).map((db) => {
      if (!db.logExports.present) return report('fail', db, 'omitted');
      return verdict(db, db.logExports.is(true), db.logExports);
    });
  },
};
