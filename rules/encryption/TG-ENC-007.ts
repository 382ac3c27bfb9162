import { KEY_TYPES } from '../../src/providers/aws/kms/model';
import { whereWritten } from '../../src/rules/context';
import { Rule, RuleResult } from '../../src/rules/types';

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-007',
    title: 'Symmetric KMS keys rotate their key material automatically',
    claim: 'rest-kms',
    severity: 'medium',
    fix: 'set enable_key_rotation = true',
    appliesTo: KEY_TYPES,
    messages: {
      pass: '{{value}}: AWS rotates the key material automatically (every 365 days unless rotation_period_in_days says otherwise)',
      fail: '{{value}}: the key material of this symmetric encryption key is never rotated',
      unknown: 'enable_key_rotation is not known statically: unknown ({{reason}})',
      rotatesWhateverKind: '{{value}}',
      kindUnknown: '{{value}}, but whether the key can be rotated is not known: {{why}}',
    },
  },

  check({ aws, verdict, report }) {
    const results: RuleResult[] = [];
    for (const key of aws.kms.keys) {
      const { rotatable, keyRotation: rotation } = key;
      // Asymmetric, HMAC and signing keys, and keys in custom key stores: AWS cannot rotate them.
      if (rotatable.is(false) === true) continue;
      const value = { value: rotation.describe() };
      if (!rotation.known) results.push(report('unknown', key, 'unknown', { reason: rotation.reason ?? '' }, rotation.path));
      else if (!rotatable.known) {
        const rotates = rotation.is(true) === true;
        const at = whereWritten(rotation) ?? (rotates ? undefined : rotatable.path);
        results.push(report(rotates ? 'pass' : 'unknown', key, rotates ? 'rotatesWhateverKind' : 'kindUnknown', { ...value, why: rotatable.describe() }, at));
      } else results.push(verdict(key, rotation.is(true), whereWritten(rotation), { data: value }));
    }
    return results;
  },
};
