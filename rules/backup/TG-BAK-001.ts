import { Unknown } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { setting } from '../../src/rules/support/attributes';
import { asNumber, days } from '../../src/rules/support/numbers';
import { presenceOf } from '../../src/rules/support/presence';
import { fail, pass, unknown } from '../../src/rules/support/results';
import { Rule, RuleResult } from '../../src/rules/types';

export const BACKUP_TYPES = ['aws_db_instance', 'aws_rds_cluster', 'aws_docdb_cluster'] as const;

/** What AWS keeps when `backup_retention_period` is omitted (RDS instances, Aurora and DocumentDB clusters alike). */
export const AWS_DEFAULT_RETENTION_DAYS = 1;

/** The attribute that makes a resource a read replica of another database, per type. */
const REPLICA_ATTRIBUTE: Record<string, string | undefined> = {
  aws_db_instance: 'replicate_source_db',
  aws_rds_cluster: 'replication_source_identifier',
};

/**
 * Whether the resource is a read replica: `true` when the source attribute is set (a known, non-empty
 * value, a reference to another resource such as `aws_db_instance.src.identifier`, a required
 * variable); else the Unknown it holds (a value that may still turn out null).
 */
export function readReplicaOf(graph: ResourceGraph, node: GraphNode): { attribute: string; value: true | Unknown } | undefined {
  const attribute = REPLICA_ATTRIBUTE[node.type];
  if (!attribute) return undefined;
  const source = presenceOf(graph, node, attribute);
  if (source.status === 'unset') return undefined;
  const v = node.attr(attribute).value;
  // Plan JSON: a source known only after apply that the configuration links to another resource.
  if (v instanceof Unknown && (source.status === 'set' || graph.edgesFrom(node, attribute).length > 0)) return { attribute, value: true };
  return v instanceof Unknown ? { attribute, value: v } : { attribute, value: true };
}

function check(graph: ResourceGraph, node: GraphNode, minDays: number): RuleResult | undefined {
  const replica = readReplicaOf(graph, node);
  // Read replicas are exempt: AWS backs up the source; a replica's own retention is optional.
  if (replica?.value === true) return undefined;
  const retention = setting(node, 'backup_retention_period', AWS_DEFAULT_RETENTION_DAYS);
  const attribute = retention.read.present ? 'backup_retention_period' : undefined;
  const value = asNumber(retention.value);
  if (value instanceof Unknown) return unknown(node, `backup_retention_period is not known statically: ${retention.describe}`, attribute);
  if (value === undefined) return unknown(node, `${retention.describe} is not a number of days`, attribute);
  if (value >= minDays) return pass(node, `${retention.describe}: automated backups are kept ${days(value)} (at least ${days(minDays)})`, attribute);
  if (replica) {
    return unknown(
      node,
      `${retention.describe} is below ${days(minDays)}, but ${replica.attribute} is not known statically (${replica.value.describe()}): a read replica would be exempt`,
      replica.attribute,
    );
  }
  const why = retention.isDefault
    ? `AWS keeps automated backups for ${days(AWS_DEFAULT_RETENTION_DAYS)} when backup_retention_period is omitted`
    : value === 0
      ? 'automated backups are turned off'
      : `automated backups are kept only ${days(value)}`;
  return fail(node, `${retention.describe}: ${why}; at least ${days(minDays)} are required`, attribute);
}

export const rule: Rule = {
  meta: {
    id: 'TG-BAK-001',
    title: 'Databases keep automated backups long enough',
    claim: 'backup-recovery',
    severity: 'high',
    fix: 'set backup_retention_period to 7 or more days',
    appliesTo: BACKUP_TYPES,
  },

  check({ graph, params }) {
    return graph.resources(BACKUP_TYPES).flatMap((node) => check(graph, node, params.backupMinDays) ?? []);
  },
};
