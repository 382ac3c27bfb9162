import { Unknown } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { asBoolean, setting, show } from '../../src/rules/support/attributes';
import { referencedNodes } from '../../src/rules/support/references';
import { pass, result } from '../../src/rules/support/results';
import { Rule, RuleResult } from '../../src/rules/types';

export const REPLICATION_GROUP_TYPES = ['aws_elasticache_replication_group'] as const;
export const SERVERLESS_TYPES = ['aws_elasticache_serverless_cache'] as const;
export const CACHE_TYPES = [...REPLICATION_GROUP_TYPES, ...SERVERLESS_TYPES] as const;

/** The provider's default `engine` for a replication group. */
const DEFAULT_ENGINE = 'redis';

interface Verdict {
  status: 'pass' | 'fail' | 'unknown';
  message: string;
  attribute?: string;
}

/**
 * `at_rest_encryption_enabled` of one replication group. Omitted, the provider (v5.x) defaults it by
 * engine: true for `valkey`, false for `redis` (the default engine).
 */
function atRest(node: GraphNode): Verdict {
  const enc = setting(node, 'at_rest_encryption_enabled');
  const v = asBoolean(enc.value);
  if (v === true) return { status: 'pass', message: enc.describe, attribute: 'at_rest_encryption_enabled' };
  if (v === false) return { status: 'fail', message: `${enc.describe}: the cache data, backups and swap are not encrypted at rest`, attribute: 'at_rest_encryption_enabled' };
  if (v instanceof Unknown) return { status: 'unknown', message: `at_rest_encryption_enabled is not known statically: ${show(v)}`, attribute: 'at_rest_encryption_enabled' };
  if (enc.read.present) return { status: 'unknown', message: `${enc.describe} is not a boolean`, attribute: 'at_rest_encryption_enabled' };
  const engine = setting(node, 'engine', DEFAULT_ENGINE);
  const e = engine.value;
  const engineAttr = engine.read.present ? 'engine' : undefined;
  if (e instanceof Unknown) {
    return { status: 'unknown', message: `at_rest_encryption_enabled is not set, and its default depends on the engine, which is not known statically: ${show(e)}`, attribute: 'engine' };
  }
  const withEngine = engine.read.present ? `with ${engine.describe}` : `for the default engine ${show(e)}`;
  if (typeof e === 'string' && e.toLowerCase() === 'valkey') {
    return { status: 'pass', message: `at_rest_encryption_enabled = true (provider default when omitted, ${withEngine})`, attribute: engineAttr };
  }
  return {
    status: 'fail',
    message: `at_rest_encryption_enabled = false (provider default when omitted, ${withEngine}): the cache data, backups and swap are not encrypted at rest`,
    attribute: engineAttr,
  };
}

/**
 * A secondary member of a Global Datastore (`global_replication_group_id`) inherits the encryption of
 * the global group's primary replication group.
 */
function inherited(graph: ResourceGraph, node: GraphNode): Verdict | undefined {
  const read = node.attr('global_replication_group_id');
  if (!read.present || node.attr('at_rest_encryption_enabled').present) return undefined;
  const global = referencedNodes(graph, node, 'global_replication_group_id', 'aws_elasticache_global_replication_group').nodes[0];
  const primary = global && referencedNodes(graph, global, 'primary_replication_group_id', REPLICATION_GROUP_TYPES).nodes[0];
  if (!global || !primary || primary === node) {
    return {
      status: 'unknown',
      message: `at_rest_encryption_enabled is not set and global_replication_group_id = ${show(read.value)}: the encryption is inherited from the Global Datastore's primary, which is not in the scanned configuration`,
      attribute: 'global_replication_group_id',
    };
  }
  const v = atRest(primary);
  return { ...v, message: `inherits at-rest encryption from ${primary.address}, the primary of ${global.address}: ${v.message}`, attribute: 'global_replication_group_id' };
}

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-005',
    title: 'ElastiCache data is encrypted at rest',
    claim: 'rest-kms',
    severity: 'high',
    fix: 'set at_rest_encryption_enabled = true (recreates the replication group)',
    appliesTo: CACHE_TYPES,
  },

  check({ graph }) {
    const results: RuleResult[] = [];
    for (const node of graph.resources(SERVERLESS_TYPES)) {
      results.push(pass(node, 'ElastiCache Serverless caches are always encrypted at rest'));
    }
    for (const node of graph.resources(REPLICATION_GROUP_TYPES)) {
      const v = inherited(graph, node) ?? atRest(node);
      results.push(result(v.status, node, v.message, v.attribute));
    }
    return results;
  },
};
