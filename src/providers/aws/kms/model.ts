/** KMS keys: what the rules ask of a customer-managed key (rotation, and whether rotation applies). */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';

export const KEY_TYPES = ['aws_kms_key'] as const;

export class KmsKey extends ModelResource {
  /** `customer_master_key_spec`, default `SYMMETRIC_DEFAULT`. */
  keySpec!: Val<string>;
  /** `key_usage`, default `ENCRYPT_DECRYPT`. */
  keyUsage!: Val<string>;
  /** `enable_key_rotation`, default false (AWS never rotates a key unless asked). */
  keyRotation!: Val<boolean>;
  /**
   * Whether AWS can rotate the key material automatically: symmetric encryption keys outside a custom
   * key store. Known false for asymmetric, HMAC and signing keys; unknown (pointing at the spec or the
   * usage) when either is not known statically. `describe()` says why.
   */
  rotatable!: Val<boolean>;
}

export interface KmsModel {
  keys: KmsKey[];
}
