/** SNS topics: encryption at rest. */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';

export class Topic extends ModelResource {
  /** Whether `kms_master_key_id` is set: SNS encrypts only with a key. */
  kmsKey!: Val<boolean>;
}

export interface SnsModel {
  topics: Topic[];
}
