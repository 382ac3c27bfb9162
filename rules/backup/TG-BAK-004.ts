import { Unknown } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { setting } from '../../src/rules/support/attributes';
import { asNumber, days } from '../../src/rules/support/numbers';
import { presenceOf } from '../../src/rules/support/presence';
import { missingRequired } from '../../src/rules/support/required';
import { fail, pass, unknown } from '../../src/rules/support/results';
import { Rule, RuleResult } from '../../src/rules/types';

export const CACHE_TYPES = ['aws_elasticache_replication_group', 'aws_elasticache_cluster'] as const;

/** Engines that take snapshots (Memcached has none). */
const SNAPSHOT_ENGINES = ['redis', 'valkey'];

/** The AWS default `snapshot_retention_limit`: automatic snapshots off. */
export const DEFAULT_SNAPSHOT_RETENTION = 0;

function check(graph: ResourceGraph, node: GraphNode): RuleResult | undefined {
  // Why snapshots off may still be fine: the attribute to point at, and the reason.
  let doubt: { attribute: string; note: string } | undefined;
  if (node.type === 'aws_elasticache_cluster') {
    // A cluster added to a replication group is one of its nodes: the group's snapshot settings apply.
    const group = presenceOf(graph, node, 'replication_group_id');
    if (group.status === 'set') return undefined;
    if (group.status === 'unknown') doubt = { attribute: 'replication_group_id', note: `${group.describe}: a cluster in a replication group follows the group's snapshot settings` };
    const engine = node.attr('engine');
    if (!engine.present) {
      const why = missingRequired(node, 'engine') ?? `engine is not set and ${doubt?.note ?? 'replication_group_id is empty'}`;
      return unknown(node, `${why}; whether the cluster is Redis/Valkey is not known`, doubt?.attribute);
    }
    if (engine.value instanceof Unknown) doubt ??= { attribute: 'engine', note: `engine is not known statically (${engine.value.describe()}): Memcached clusters take no snapshots` };
    else if (typeof engine.value === 'string' && !SNAPSHOT_ENGINES.includes(engine.value.toLowerCase())) return undefined;
  } else {
    // Replication groups are Redis or Valkey (default redis).
    const engine = node.attr('engine');
    if (typeof engine.value === 'string' && !SNAPSHOT_ENGINES.includes(engine.value.toLowerCase())) return undefined;
  }
  const limit = setting(node, 'snapshot_retention_limit', DEFAULT_SNAPSHOT_RETENTION);
  const attribute = limit.read.present ? 'snapshot_retention_limit' : undefined;
  const value = asNumber(limit.value);
  if (value instanceof Unknown) return unknown(node, `snapshot_retention_limit is not known statically: ${limit.describe}`, attribute);
  if (value === undefined) return unknown(node, `${limit.describe} is not a number of days`, attribute);
  if (value >= 1) return pass(node, `${limit.describe}: automatic snapshots are kept ${days(value)}`, attribute);
  if (doubt) return unknown(node, `${limit.describe} turns automatic snapshots off, but ${doubt.note}`, doubt.attribute);
  return fail(node, `${limit.describe}: automatic snapshots are turned off`, attribute);
}

export const rule: Rule = {
  meta: {
    id: 'TG-BAK-004',
    title: 'Redis and Valkey caches take automatic snapshots',
    claim: 'backup-recovery',
    severity: 'low',
    fix: 'set snapshot_retention_limit to 1 or more days',
    appliesTo: CACHE_TYPES,
  },

  check({ graph }) {
    return graph.resources(CACHE_TYPES).flatMap((node) => check(graph, node) ?? []);
  },
};
