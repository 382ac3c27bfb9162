import { Rule, RuleResult } from '../../src/rules/types';
import { Database } from '../../src/providers/aws/rds/model';
import { AWS_DEFAULT_RETENTION_DAYS } from '../../src/providers/aws/rds/adapt';
import { ModelContext } from '../../src/rules/context';
import { days } from '../../src/rules/days';
import { parameter } from '../../src/rules/parameter';

export const BACKUP_TYPES = ['aws_db_instance', 'aws_rds_cluster', 'aws_docdb_cluster'] as const;

const BACKUP_MIN_DAYS = parameter<number>({
  key: 'backupMinDays',
  profileKey: 'backup_min_days',
  schema: { type: 'integer', minimum: 1, maximum: 35 },
  default: 7,
  description: 'minimum backup retention in days',
});

export const rule: Rule = {
  meta: {
    id: 'TG-BAK-001',
    title: 'Databases keep automated backups long enough',
    claim: 'backup-recovery',
    severity: 'high',
    parameters: [BACKUP_MIN_DAYS],
    fix: 'set backup_retention_period to 7 or more days',
    appliesTo: BACKUP_TYPES,
    messages: {
      pass: '{{value}}: automated backups are kept {{kept}} (at least {{min}})',
      fail: '{{value}}: {{why}}; at least {{min}} are required',
      unknown: 'backup_retention_period is not known statically: {{value}}',
      mistyped: '{{value}} is not a number of days',
      maybeReplica: '{{value}} is below {{min}}, but {{attribute}} is not known statically ({{reason}}): a read replica would be exempt',
    },
  },

  check({ aws, params, report }) {
    const types: readonly string[] = BACKUP_TYPES;
    return aws.rds.databases.filter((db) => types.includes(db.type)).flatMap((db) => check(db, BACKUP_MIN_DAYS.of(params), report) ?? []);
  },
};

function check(db: Database, minDays: number, report: ModelContext['report']): RuleResult | undefined {
  const replica = db.replicaSource;
  // Read replicas are exempt: AWS backs up the source; a replica's own retention is optional.
  if (replica?.known) return undefined;
  const retention = db.backupRetention;
  const at = retention.present ? retention : undefined;
  const data = { value: retention.describe(), min: days(minDays) };
  if (retention.mistyped) return report('unknown', db, 'mistyped', data, at);
  const kept = retention.value;
  if (kept === undefined) return report('unknown', db, 'unknown', data, at);
  if (kept >= minDays) return report('pass', db, 'pass', { ...data, kept: days(kept) }, at);
  if (replica) return report('unknown', db, 'maybeReplica', { ...data, attribute: replica.path, reason: replica.reason ?? '' }, replica);
  const why = retention.isDefault
    ? `AWS keeps automated backups for ${days(AWS_DEFAULT_RETENTION_DAYS)} when backup_retention_period is omitted`
    : kept === 0
      ? 'automated backups are turned off'
      : `automated backups are kept only ${days(kept)}`;
  return report('fail', db, 'fail', { ...data, why }, at);
}
