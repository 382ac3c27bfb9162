/** ElastiCache: replication groups, their Global Datastores, single-node clusters and serverless caches. */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';
import type { Secret } from '../secrets';
import type { UpdateSwitch } from '../updates';

export class ReplicationGroup extends ModelResource {
  /** `engine`, default `redis`. */
  engine!: Val<string>;
  /** `at_rest_encryption_enabled` as written: omitted, the provider (v5) defaults it by engine (see `atRestDefault`). */
  atRestEncryption!: Val<boolean>;
  /** `transit_encryption_enabled`, default false. */
  transitEncryption!: Val<boolean>;
  /** `transit_encryption_mode` (`preferred` still accepts plaintext; `required`). */
  transitEncryptionMode!: Val<string>;
  /** `snapshot_retention_limit` in days, default 0 (automatic snapshots off). */
  snapshotRetention!: Val<number>;
  autoMinorVersionUpgrade!: UpdateSwitch;
  /** A written `auth_token`. */
  secrets!: Secret[];
  /** `global_replication_group_id` when written (a secondary of a Global Datastore), described as its value. */
  globalGroupId?: Val<unknown>;
  /** The Global Datastores it names, when they are in the configuration. */
  globalGroups: GlobalReplicationGroup[] = [];
}

/** An `aws_elasticache_global_replication_group`: its members take their encryption from the primary. */
export class GlobalReplicationGroup extends ModelResource {
  /** The groups `primary_replication_group_id` names. */
  primaries: ReplicationGroup[] = [];
}

/** An `aws_elasticache_cluster`: alone, or one node of a replication group. */
export class CacheCluster extends ModelResource {
  /** Whether `replication_group_id` is set: then the group's settings apply. */
  inReplicationGroup!: Val<boolean>;
  /** `engine` as written (required unless `replication_group_id` is set). */
  engine!: Val<string>;
  /** Why `engine` is missing when the configuration is not valid without it. */
  missingEngine?: string;
  /** `snapshot_retention_limit` in days, default 0. */
  snapshotRetention!: Val<number>;
}

/** An `aws_elasticache_serverless_cache`: always encrypted at rest. */
export class ServerlessCache extends ModelResource {}

export interface ElastiCacheModel {
  replicationGroups: ReplicationGroup[];
  clusters: CacheCluster[];
  serverlessCaches: ServerlessCache[];
}
