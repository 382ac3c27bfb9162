import { Unknown } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { asBoolean, setting } from '../../src/rules/support/attributes';
import { referencedNodes } from '../../src/rules/support/references';
import { fail, pass, unknown } from '../../src/rules/support/results';
import { Rule, RuleResult } from '../../src/rules/types';

export const REPLICATION_GROUP_TYPES = ['aws_elasticache_replication_group'] as const;
export const GLOBAL_REPLICATION_GROUP_TYPES = ['aws_elasticache_global_replication_group'] as const;

function where(node: GraphNode): string {
  return node.location ? ` (${node.location.file}:${node.location.startLine})` : '';
}

/**
 * A secondary of a global datastore inherits in-transit encryption from the global datastore, which
 * takes it from its primary replication group. Followed through the graph when both are in scope.
 */
function inheritedFromGlobal(graph: ResourceGraph, node: GraphNode): RuleResult | undefined {
  if (!node.attr('global_replication_group_id').present) return undefined;
  const globals = referencedNodes(graph, node, 'global_replication_group_id', GLOBAL_REPLICATION_GROUP_TYPES).nodes;
  const primaries = globals.flatMap((g) => referencedNodes(graph, g, 'primary_replication_group_id', REPLICATION_GROUP_TYPES).nodes).filter((p) => p !== node);
  if (primaries.length === 1) {
    const primary = primaries[0];
    const s = setting(primary, 'transit_encryption_enabled', false);
    const v = asBoolean(s.value);
    const via = `global_replication_group_id: in-transit encryption is inherited from the global datastore's primary ${primary.address}${where(primary)}, which has ${s.describe}`;
    if (v === true) return pass(node, via, 'global_replication_group_id');
    if (v === false) return fail(node, `In-transit encryption is off: ${via}`, 'global_replication_group_id');
    return unknown(node, via, 'global_replication_group_id');
  }
  return unknown(
    node,
    'transit_encryption_enabled is not set and global_replication_group_id is: in-transit encryption is inherited from a global datastore whose primary is not in the scanned configuration',
    'global_replication_group_id',
  );
}

function checkGroup(graph: ResourceGraph, node: GraphNode): RuleResult {
  const enabled = setting(node, 'transit_encryption_enabled', false);
  if (!enabled.read.present) {
    const inherited = inheritedFromGlobal(graph, node);
    if (inherited) return inherited;
  }
  const value = asBoolean(enabled.value);
  if (value === false) {
    return fail(node, `In-transit encryption is off: ${enabled.describe}; clients talk to the cache in plaintext`, enabled.read.present ? 'transit_encryption_enabled' : undefined);
  }
  if (value instanceof Unknown) return unknown(node, `${enabled.describe}: not known statically`, 'transit_encryption_enabled');
  if (value === undefined) return unknown(node, `${enabled.describe} is not a boolean`, 'transit_encryption_enabled');
  // Enabled; the "preferred" migration mode still accepts unencrypted connections.
  const mode = setting(node, 'transit_encryption_mode');
  if (!mode.read.present) return pass(node, `${enabled.describe} (transit_encryption_mode not set: AWS requires TLS on a group created with encryption)`, 'transit_encryption_enabled');
  if (mode.value instanceof Unknown) return unknown(node, `${enabled.describe}, but ${mode.describe}: whether unencrypted connections are still accepted ("preferred") is not known statically`, 'transit_encryption_mode');
  if (typeof mode.value === 'string' && mode.value.toLowerCase() === 'preferred') {
    return fail(node, `${mode.describe} accepts unencrypted connections next to TLS (a migration mode): set it to "required"`, 'transit_encryption_mode');
  }
  if (typeof mode.value === 'string' && mode.value.toLowerCase() === 'required') return pass(node, `${enabled.describe}, ${mode.describe}`, 'transit_encryption_enabled');
  return unknown(node, `${enabled.describe}, but ${mode.describe} is not "required" or "preferred"`, 'transit_encryption_mode');
}

export const rule: Rule = {
  meta: {
    id: 'TG-TLS-005',
    title: 'ElastiCache replication groups encrypt traffic in transit',
    claim: 'transit-tls12',
    severity: 'high',
    fix: 'set transit_encryption_enabled = true (with transit_encryption_mode = "required")',
    appliesTo: REPLICATION_GROUP_TYPES,
  },

  check({ graph }) {
    return graph.resources(REPLICATION_GROUP_TYPES).map((node) => checkGroup(graph, node));
  },
};
