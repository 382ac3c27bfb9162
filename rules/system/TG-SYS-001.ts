import { Unknown } from '../../src/eval/value';
import { GraphNode } from '../../src/graph/model';
import { asBoolean, setting } from '../../src/rules/support/attributes';
import { fail, pass, unknown } from '../../src/rules/support/results';
import { Rule, RuleResult } from '../../src/rules/types';

export const PATCHED_TYPES = [
  'aws_db_instance',
  'aws_rds_cluster',
  'aws_rds_cluster_instance',
  'aws_elasticache_replication_group',
  'aws_opensearch_domain',
] as const;

/** Where each type says whether engine updates are applied automatically, and the provider (v5) default. */
const SETTINGS: Record<string, { path: string; default: boolean; label: string }> = {
  aws_db_instance: { path: 'auto_minor_version_upgrade', default: true, label: 'minor engine upgrades' },
  aws_rds_cluster: { path: 'auto_minor_version_upgrade', default: true, label: 'minor engine upgrades' },
  aws_rds_cluster_instance: { path: 'auto_minor_version_upgrade', default: true, label: 'minor engine upgrades' },
  // A nullable boolean in the provider: "true"/"false" strings, "" when unset.
  aws_elasticache_replication_group: { path: 'auto_minor_version_upgrade', default: true, label: 'minor engine upgrades' },
  aws_opensearch_domain: { path: 'software_update_options.0.auto_software_update_enabled', default: false, label: 'service software updates' },
};

function check(node: GraphNode): RuleResult {
  const spec = SETTINGS[node.type];
  const segments = spec.path.split('.');
  const block = segments.length > 1 ? segments[0] : undefined;
  const prefix = block ? `${block}.` : '';
  const read = node.attr(spec.path);
  // An empty string is how the provider's nullable booleans say "not set".
  if (!read.present || read.value === '') {
    const describe = `${prefix}${segments[segments.length - 1]} = ${spec.default} (provider default when omitted)`;
    // Point at the enclosing block when it is there (software_update_options {}), else the resource.
    const attribute = block && node.attr(block).present ? block : undefined;
    return spec.default
      ? pass(node, `${describe}: ${spec.label} are applied automatically`, attribute)
      : fail(node, `${describe}: ${spec.label} are not applied automatically, so security fixes wait for a manual update`, attribute);
  }
  const s = setting(node, spec.path);
  const describe = `${prefix}${s.describe}`;
  const value = asBoolean(s.value);
  if (value === true) return pass(node, `${describe}: ${spec.label} are applied automatically`, spec.path);
  if (value === false) return fail(node, `${describe}: ${spec.label} are not applied automatically, so security fixes wait for a manual update`, spec.path);
  if (value instanceof Unknown) return unknown(node, `${prefix}${segments[segments.length - 1]} is not known statically: ${describe}`, spec.path);
  return unknown(node, `${describe} is not a boolean`, spec.path);
}

export const rule: Rule = {
  meta: {
    id: 'TG-SYS-001',
    title: 'Managed databases, caches and search domains apply minor updates automatically',
    claim: 'patching',
    severity: 'low',
    fix: 'remove auto_minor_version_upgrade = false (or set it to true); for OpenSearch set software_update_options { auto_software_update_enabled = true }',
    appliesTo: PATCHED_TYPES,
  },

  check({ graph }) {
    return graph.resources(PATCHED_TYPES).map(check);
  },
};
