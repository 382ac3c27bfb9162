import { Rule } from '../../src/rules/types';
import type { ModelResource } from '../../src/providers/resource';
import type { UpdateSwitch } from '../../src/providers/aws/updates';
import { isMistyped } from '../../src/providers/mistyped';

export const PATCHED_TYPES = [
  'aws_db_instance',
  'aws_rds_cluster',
  'aws_rds_cluster_instance',
  'aws_elasticache_replication_group',
  'aws_opensearch_domain',
] as const;

interface Patched {
  subject: ModelResource;
  /** Undefined for types without the setting (DocumentDB, Neptune, Elasticsearch). */
  update?: UpdateSwitch;
  /** What the switch applies: `minor engine upgrades`. */
  label: string;
}

const patch = (subject: ModelResource, update: UpdateSwitch | undefined, label: string): Patched => ({ subject, update, label });

export const rule: Rule = {
  meta: {
    id: 'TG-SYS-001',
    title: 'Managed databases, caches and search domains apply minor updates automatically',
    claim: 'patching',
    severity: 'low',
    fix: 'remove auto_minor_version_upgrade = false (or set it to true); for OpenSearch set software_update_options { auto_software_update_enabled = true }',
    appliesTo: PATCHED_TYPES,
    messages: {
      pass: '{{value}}: {{label}} are applied automatically',
      fail: '{{value}}: {{label}} are not applied automatically, so security fixes wait for a manual update',
      unknown: '{{name}} is not known statically: {{value}}',
      mistyped: '{{value}} is not a boolean',
    },
  },

  check({ aws, verdict }) {
    const engines = 'minor engine upgrades';
    const patched: Patched[] = [
      ...aws.rds.databases.map((db) => patch(db, db.autoMinorVersionUpgrade, engines)),
      ...aws.rds.clusterInstances.map((i) => patch(i, i.autoMinorVersionUpgrade, engines)),
      ...aws.elasticache.replicationGroups.map((g) => patch(g, g.autoMinorVersionUpgrade, engines)),
      ...aws.opensearch.domains.map((d) => patch(d, d.softwareUpdate, 'service software updates')),
    ];
    return patched.flatMap(({ subject, update, label }) => {
      if (!update) return [];
      const { leaf, name } = update;
      // Omitted: point at the enclosing block when it is written (software_update_options {}), else the resource.
      const at = leaf.present ? leaf.path : update.writtenBlock;
      return [verdict(subject, leaf.is(true), at, { data: { value: leaf.describe(), label, name }, unknown: isMistyped(leaf) ? 'mistyped' : 'unknown' })];
    });
  },
};
