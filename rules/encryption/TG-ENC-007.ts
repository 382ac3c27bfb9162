import { Unknown } from '../../src/eval/value';
import { GraphNode } from '../../src/graph/model';
import { asBoolean, setting, show } from '../../src/rules/support/attributes';
import { fail, pass, unknown } from '../../src/rules/support/results';
import { Rule, RuleResult } from '../../src/rules/types';

export const KEY_TYPES = ['aws_kms_key'] as const;

/** Provider defaults of the attributes that make a key symmetric. */
const DEFAULT_SPEC = 'SYMMETRIC_DEFAULT';
const DEFAULT_USAGE = 'ENCRYPT_DECRYPT';

/**
 * Whether AWS can rotate the key automatically: symmetric encryption keys only. Asymmetric (RSA_*,
 * ECC_*, SM2, ML_DSA_*), HMAC and signing keys, and keys in a custom key store, cannot be rotated:
 * `false` (not applicable). An Unknown when the spec or usage is not known statically.
 */
function rotatable(node: GraphNode): { applies: boolean | Unknown; why: string; attribute?: string } {
  const spec = setting(node, 'customer_master_key_spec', DEFAULT_SPEC);
  const usage = setting(node, 'key_usage', DEFAULT_USAGE);
  if (spec.value instanceof Unknown) return { applies: spec.value, why: `customer_master_key_spec is not known statically: ${show(spec.value)}`, attribute: 'customer_master_key_spec' };
  if (usage.value instanceof Unknown) return { applies: usage.value, why: `key_usage is not known statically: ${show(usage.value)}`, attribute: 'key_usage' };
  if (spec.value !== DEFAULT_SPEC) return { applies: false, why: spec.describe };
  if (usage.value !== DEFAULT_USAGE) return { applies: false, why: usage.describe };
  const store = node.attr('custom_key_store_id');
  if (store.present && store.value !== '' && !(store.value instanceof Unknown)) return { applies: false, why: 'custom_key_store_id is set' };
  return { applies: true, why: `${spec.describe}, ${usage.describe}` };
}

function check(node: GraphNode): RuleResult | undefined {
  const kind = rotatable(node);
  // Asymmetric, HMAC and signing keys, and keys in custom key stores: AWS cannot rotate them.
  if (kind.applies === false) return undefined;
  const rotation = setting(node, 'enable_key_rotation', false);
  const v = asBoolean(rotation.value);
  const attribute = rotation.read.present ? 'enable_key_rotation' : undefined;
  if (v instanceof Unknown) return unknown(node, `enable_key_rotation is not known statically: ${show(v)}`, 'enable_key_rotation');
  if (v === undefined) return unknown(node, `${rotation.describe} is not a boolean`, attribute);
  if (kind.applies instanceof Unknown) {
    if (v === true) return pass(node, `${rotation.describe}`, attribute);
    return unknown(node, `${rotation.describe}, but whether the key can be rotated is not known: ${kind.why}`, attribute ?? kind.attribute);
  }
  if (v === true) return pass(node, `${rotation.describe}: AWS rotates the key material automatically (every 365 days unless rotation_period_in_days says otherwise)`, attribute);
  return fail(node, `${rotation.describe}: the key material of this symmetric encryption key is never rotated`, attribute);
}

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-007',
    title: 'Symmetric KMS keys rotate their key material automatically',
    claim: 'rest-kms',
    severity: 'medium',
    fix: 'set enable_key_rotation = true',
    appliesTo: KEY_TYPES,
  },

  check({ graph }) {
    const results: RuleResult[] = [];
    for (const node of graph.resources(KEY_TYPES)) {
      const r = check(node);
      if (r) results.push(r);
    }
    return results;
  },
};
