import { Rule, RuleResult } from '../../src/rules/types';
import { ModelContext } from '../../src/rules/context';
import { ReplicationGroup } from '../../src/providers/aws/elasticache/model';
import { isMistyped } from '../../src/providers/mistyped';

export const REPLICATION_GROUP_TYPES = ['aws_elasticache_replication_group'] as const;

/**
 * A secondary of a global datastore inherits in-transit encryption from the global datastore, which
 * takes it from its primary replication group, when exactly one primary is in scope.
 */
function inheritedFromGlobal(group: ReplicationGroup, { verdict, report }: ModelContext): RuleResult {
  const at = 'global_replication_group_id';
  const primaries = group.globalGroups.flatMap((g) => g.primaries).filter((p) => p !== group);
  if (primaries.length !== 1) return report('unknown', group, 'inheritsOutside', {}, at);
  const primary = primaries[0];
  const loc = primary.locationOf('');
  const data = { primary: `${primary.address}${loc ? ` (${loc.file}:${loc.startLine})` : ''}`, value: primary.transitEncryption.describe() };
  return verdict(group, primary.transitEncryption.is(true), at, { data, pass: 'inherits', fail: 'inheritsOff', unknown: 'inherits' });
}

function checkGroup(group: ReplicationGroup, ctx: ModelContext): RuleResult {
  const { report } = ctx;
  const enabled = group.transitEncryption;
  if (!enabled.present && group.globalGroupId) return inheritedFromGlobal(group, ctx);
  const value = { value: enabled.describe() };
  if (enabled.value === false) return report('fail', group, 'off', value, enabled.present ? enabled : undefined);
  if (isMistyped(enabled)) return report('unknown', group, 'mistyped', value, enabled);
  if (!enabled.known) return report('unknown', group, 'unknown', value, enabled);
  // Enabled; the "preferred" migration mode still accepts unencrypted connections.
  const mode = group.transitEncryptionMode;
  const data = { ...value, mode: mode.describe() };
  if (!mode.present) return report('pass', group, 'pass', data, enabled);
  if (!mode.known && !isMistyped(mode)) return report('unknown', group, 'modeUnknown', data, mode);
  const m = mode.value?.toLowerCase();
  if (m === 'preferred') return report('fail', group, 'preferred', data, mode);
  if (m === 'required') return report('pass', group, 'required', data, enabled);
  return report('unknown', group, 'modeOther', data, mode);
}

export const rule: Rule = {
  meta: {
    id: 'TG-TLS-005',
    title: 'ElastiCache replication groups encrypt traffic in transit',
    claim: 'transit-tls12',
    severity: 'high',
    fix: 'set transit_encryption_enabled = true (with transit_encryption_mode = "required")',
    appliesTo: REPLICATION_GROUP_TYPES,
    messages: {
      pass: '{{value}} (transit_encryption_mode not set: AWS requires TLS on a group created with encryption)',
      required: '{{value}}, {{mode}}',
      off: 'In-transit encryption is off: {{value}}; clients talk to the cache in plaintext',
      unknown: '{{value}}: not known statically',
      mistyped: '{{value}} is not a boolean',
      modeUnknown: '{{value}}, but {{mode}}: whether unencrypted connections are still accepted ("preferred") is not known statically',
      preferred: '{{mode}} accepts unencrypted connections next to TLS (a migration mode): set it to "required"',
      modeOther: '{{value}}, but {{mode}} is not "required" or "preferred"',
      inherits: "global_replication_group_id: in-transit encryption is inherited from the global datastore's primary {{primary}}, which has {{value}}",
      inheritsOff: "In-transit encryption is off: global_replication_group_id: in-transit encryption is inherited from the global datastore's primary {{primary}}, which has {{value}}",
      inheritsOutside:
        'transit_encryption_enabled is not set and global_replication_group_id is: in-transit encryption is inherited from a global datastore whose primary is not in the scanned configuration',
    },
  },

  check(ctx) {
    return ctx.aws.elasticache.replicationGroups.map((group) => checkGroup(group, ctx));
  },
};
