/** RDS and its engine-compatible siblings (Aurora, DocumentDB, Neptune): what the rules ask of them. */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';

/** Every database and cluster type the data-store rules cover, in the provider's v5 names. */
export const DATABASE_TYPES = ['aws_db_instance', 'aws_rds_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster'] as const;

/** Where an `aws_db_instance` takes its storage from instead of its own settings (a replica, a restore). */
export interface StorageSource {
  /** The attribute that names the source: `replicate_source_db`, `snapshot_identifier`, ... */
  attribute: string;
  /** The sources of that attribute found in the graph. */
  databases: Database[];
}

export class Database extends ModelResource {
  /** `storage_encrypted`, default false (AWS leaves storage unencrypted). */
  storageEncrypted!: Val<boolean>;
  /** `engine_mode` of a cluster (`serverless` is Aurora Serverless v1, always encrypted). */
  engineMode!: Val<string>;
  /** Set when an instance inherits its storage (and its encryption) from another database or snapshot. */
  storageSource?: StorageSource;
}

export interface RdsModel {
  databases: Database[];
}
