/** Builds the KMS model: one `KmsKey` per `aws_kms_key`, with whether AWS can rotate it decided once here. */
import type { AwsModels } from '..';
import { GraphNode } from '../../../graph/model';
import { derivedVal, readVal, toBoolean, toString, unknownVal } from '../../read';
import type { Val } from '../../val';
import { KEY_TYPES, KmsKey, KmsModel } from './model';

/** Provider defaults of the attributes that make a key symmetric. */
const DEFAULT_SPEC = 'SYMMETRIC_DEFAULT';
const DEFAULT_USAGE = 'ENCRYPT_DECRYPT';

/** Asymmetric (RSA_*, ECC_*, SM2, ML_DSA_*), HMAC and signing keys, and keys in a custom key store, cannot be rotated. */
function rotatable(node: GraphNode, spec: Val<string>, usage: Val<string>): Val<boolean> {
  for (const leaf of [spec, usage]) {
    if (!leaf.known) return unknownVal(node, leaf.path, leaf.reason ?? 'not known statically', `${leaf.path} is not known statically: unknown (${leaf.reason})`);
  }
  if (spec.value !== DEFAULT_SPEC) return derivedVal(node, spec.path, false, spec.describe());
  if (usage.value !== DEFAULT_USAGE) return derivedVal(node, usage.path, false, usage.describe());
  // A literal store ID decides; an ID not known statically leaves the key judged as rotatable, as AWS's default store is.
  const store = readVal(node, 'custom_key_store_id', toString);
  if (store.present && store.known && store.value !== '') return derivedVal(node, store.path, false, 'custom_key_store_id is set');
  return derivedVal(node, spec.path, true, `${spec.describe()}, ${usage.describe()}`);
}

export function adaptKms(aws: AwsModels): KmsModel {
  const keys = aws.graph.resources(KEY_TYPES).map((node) => {
    const key = new KmsKey(node);
    key.keySpec = readVal(node, 'customer_master_key_spec', toString, DEFAULT_SPEC);
    key.keyUsage = readVal(node, 'key_usage', toString, DEFAULT_USAGE);
    key.keyRotation = readVal(node, 'enable_key_rotation', toBoolean, false);
    key.rotatable = rotatable(node, key.keySpec, key.keyUsage);
    return key;
  });
  return { keys };
}
