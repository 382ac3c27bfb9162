import { Rule, RuleResult } from '../../src/rules/types';
import { ModelContext } from '../../src/rules/context';
import { CacheCluster, ReplicationGroup } from '../../src/providers/aws/elasticache/model';
import { isMistyped } from '../../src/providers/mistyped';
import { days } from '../../src/rules/days';

export const CACHE_TYPES = ['aws_elasticache_replication_group', 'aws_elasticache_cluster'] as const;

/** Engines that take snapshots (Memcached has none). */
const SNAPSHOT_ENGINES = ['redis', 'valkey'];

/** Why snapshots off may still be fine: the attribute to point at, and the reason. */
interface Doubt {
  attribute: string;
  note: string;
}

function takesSnapshots(engine: string | undefined): boolean {
  return engine === undefined || SNAPSHOT_ENGINES.includes(engine.toLowerCase());
}

function checkRetention(cache: ReplicationGroup | CacheCluster, report: ModelContext['report'], doubt?: Doubt): RuleResult {
  const limit = cache.snapshotRetention;
  const at = limit.present ? limit : undefined;
  const data = { value: limit.describe() };
  if (isMistyped(limit)) return report('unknown', cache, 'mistyped', data, at);
  if (limit.value === undefined) return report('unknown', cache, 'unknown', data, at);
  if (limit.value >= 1) return report('pass', cache, 'pass', { ...data, kept: days(limit.value) }, at);
  if (doubt) return report('unknown', cache, 'doubt', { ...data, note: doubt.note }, doubt.attribute);
  return report('fail', cache, 'fail', data, at);
}

/** A cluster added to a replication group is one of its nodes: the group's snapshot settings apply. */
function checkCluster(cluster: CacheCluster, report: ModelContext['report']): RuleResult | undefined {
  const group = cluster.inReplicationGroup;
  if (group.is(true) === true) return undefined;
  let doubt: Doubt | undefined = group.known ? undefined : { attribute: 'replication_group_id', note: `${group.describe()}: a cluster in a replication group follows the group's snapshot settings` };
  const engine = cluster.engine;
  if (!engine.present) {
    const why = cluster.missingEngine ?? `engine is not set and ${doubt?.note ?? 'replication_group_id is empty'}`;
    return report('unknown', cluster, 'engineMissing', { why }, doubt?.attribute);
  }
  if (!engine.known && !isMistyped(engine)) doubt ??= { attribute: 'engine', note: `engine is not known statically (${engine.reason}): Memcached clusters take no snapshots` };
  else if (!takesSnapshots(engine.value)) return undefined;
  return checkRetention(cluster, report, doubt);
}

export const rule: Rule = {
  meta: {
    id: 'TG-BAK-004',
    title: 'Redis and Valkey caches take automatic snapshots',
    claim: 'backup-recovery',
    severity: 'low',
    fix: 'set snapshot_retention_limit to 1 or more days',
    appliesTo: CACHE_TYPES,
    messages: {
      pass: '{{value}}: automatic snapshots are kept {{kept}}',
      fail: '{{value}}: automatic snapshots are turned off',
      unknown: 'snapshot_retention_limit is not known statically: {{value}}',
      mistyped: '{{value}} is not a number of days',
      doubt: '{{value}} turns automatic snapshots off, but {{note}}',
      engineMissing: '{{why}}; whether the cluster is Redis/Valkey is not known',
    },
  },

  check({ aws, report }) {
    const { replicationGroups, clusters } = aws.elasticache;
    // Replication groups are Redis or Valkey (default redis); a Memcached engine takes no snapshots.
    const groups = replicationGroups.filter((g) => takesSnapshots(g.engine.value)).map((g) => checkRetention(g, report));
    return [...groups, ...clusters.flatMap((c) => checkCluster(c, report) ?? [])];
  },
};
