/** DynamoDB tables: encryption at rest and point-in-time recovery. */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';
import type { Switch } from '../switch';

/** A written `point_in_time_recovery` block. */
export interface PointInTimeRecovery {
  /** The block's path: `point_in_time_recovery.0`. */
  path: string;
  /** Why the block is not known statically. */
  unknownReason?: string;
  /** `enabled`, default false. */
  enabled: Val<boolean>;
}

export class Table extends ModelResource {
  /** `server_side_encryption.enabled`, default false: DynamoDB then still encrypts, with an AWS-owned key. */
  kmsEncryption!: Switch;
  /** `point_in_time_recovery`, when written (omitted: off). */
  pointInTimeRecovery?: PointInTimeRecovery;
}

export interface DynamoDbModel {
  tables: Table[];
}
