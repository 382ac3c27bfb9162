import { Rule, RuleResult } from '../../src/rules/types';
import { ModelContext } from '../../src/rules/context';
import { ReplicationGroup } from '../../src/providers/aws/elasticache/model';
import { isMistyped } from '../../src/providers/mistyped';

export const CACHE_TYPES = ['aws_elasticache_replication_group', 'aws_elasticache_serverless_cache'] as const;

/** What an unencrypted cache leaves in the clear. */
const EXPOSED = 'the cache data, backups and swap are not encrypted at rest';

/**
 * `at_rest_encryption_enabled` of one replication group, as [status, message ID, data, attribute].
 * Omitted, the provider (v5.x) defaults it by engine: true for `valkey`, false for `redis` (the default engine).
 */
function atRest(group: ReplicationGroup): [RuleResult['status'], string, Record<string, string>, string | undefined] {
  const enc = group.atRestEncryption;
  const value = { value: enc.describe() };
  if (enc.present) {
    if (isMistyped(enc)) return ['unknown', 'mistyped', value, enc.path];
    if (!enc.known) return ['unknown', 'unknown', { reason: enc.reason ?? '' }, enc.path];
    return enc.value ? ['pass', 'pass', value, enc.path] : ['fail', 'fail', value, enc.path];
  }
  const engine = group.engine;
  if (!engine.known) return ['unknown', 'engineUnknown', { reason: engine.reason ?? '' }, 'engine'];
  const withEngine = engine.present ? `with ${engine.describe()}` : `for the default engine ${JSON.stringify(engine.value)}`;
  const at = engine.present ? 'engine' : undefined;
  const valkey = typeof engine.value === 'string' && engine.value.toLowerCase() === 'valkey';
  return valkey ? ['pass', 'defaultOn', { withEngine }, at] : ['fail', 'defaultOff', { withEngine }, at];
}

/** A secondary member of a Global Datastore inherits the encryption of the global group's primary. */
function checkGroup(group: ReplicationGroup, report: ModelContext['report']): RuleResult {
  const at = 'global_replication_group_id';
  if (group.globalGroupId && !group.atRestEncryption.present) {
    const global = group.globalGroups[0];
    const primary = global?.primaries[0];
    if (!global || !primary || primary === group) return report('unknown', group, 'inheritsOutside', { id: group.globalGroupId.describe() }, at);
    const [status, id, data] = atRest(primary);
    const inner = report(status, primary, id, data).message;
    return report(status, group, 'inherits', { primary: primary.address, global: global.address, inner }, at);
  }
  const [status, id, data, attribute] = atRest(group);
  return report(status, group, id, data, attribute);
}

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-005',
    title: 'ElastiCache data is encrypted at rest',
    claim: 'rest-kms',
    severity: 'high',
    fix: 'set at_rest_encryption_enabled = true (recreates the replication group)',
    appliesTo: CACHE_TYPES,
    messages: {
      pass: '{{value}}',
      fail: `{{value}}: ${EXPOSED}`,
      unknown: 'at_rest_encryption_enabled is not known statically: unknown ({{reason}})',
      mistyped: '{{value}} is not a boolean',
      engineUnknown: 'at_rest_encryption_enabled is not set, and its default depends on the engine, which is not known statically: unknown ({{reason}})',
      defaultOn: 'at_rest_encryption_enabled = true (provider default when omitted, {{withEngine}})',
      defaultOff: `at_rest_encryption_enabled = false (provider default when omitted, {{withEngine}}): ${EXPOSED}`,
      inherits: 'inherits at-rest encryption from {{primary}}, the primary of {{global}}: {{inner}}',
      inheritsOutside:
        "at_rest_encryption_enabled is not set and global_replication_group_id = {{id}}: the encryption is inherited from the Global Datastore's primary, which is not in the scanned configuration",
      serverless: 'ElastiCache Serverless caches are always encrypted at rest',
    },
  },

  check({ aws, report }) {
    const { serverlessCaches, replicationGroups } = aws.elasticache;
    return [...serverlessCaches.map((cache) => report('pass', cache, 'serverless')), ...replicationGroups.map((group) => checkGroup(group, report))];
  },
};
