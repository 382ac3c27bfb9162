/** RDS and its engine-compatible siblings (Aurora, DocumentDB, Neptune): what the rules ask of them. */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';
import type { Secret } from '../secrets';
import type { UpdateSwitch } from '../updates';

/** Every database and cluster type the data-store rules cover, in the provider's v5 names. */
export const DATABASE_TYPES = ['aws_db_instance', 'aws_rds_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster'] as const;

/** Where an `aws_db_instance` takes its storage from instead of its own settings (a replica, a restore). */
export interface StorageSource {
  /** The attribute that names the source: `replicate_source_db`, `snapshot_identifier`, ... */
  attribute: string;
  /** The sources of that attribute found in the graph. */
  databases: Database[];
}

/** The engines whose TLS enforcement TG-TLS-006 reads; `aurora` is the legacy name of Aurora MySQL 5.6. */
export type TlsEngine = 'postgres' | 'aurora-postgresql' | 'mysql' | 'aurora-mysql' | 'mariadb';

/** Which engine a database runs, as far as TLS enforcement goes. */
export type EngineFacts = { engine: TlsEngine; describe: string } | { notApplicable: true } | { unknown: string };

/** One parameter group that may apply to a database. */
export type ParameterGroupRef =
  | { kind: 'custom'; group: ParameterGroup }
  /** The engine's default group: the attribute is omitted, or names a `default.*` group. */
  | { kind: 'default'; name?: string }
  | { kind: 'unknown'; message: string };

/** What a parameter group says about one parameter. */
export type ParameterLookup =
  | { found: true; value: Val<string> }
  /** Not set, or some `parameter` blocks are not known statically (`open` says why). */
  | { found: false; open?: string };

export class ParameterGroup extends ModelResource {
  /** `family`, e.g. `postgres16`. */
  family!: Val<string>;
  /** Why `family` is missing when the configuration is not valid without it. */
  missingFamily?: string;
  /** The value of parameter `name` (case-insensitive) in this group's `parameter` blocks. */
  parameter!: (name: string) => ParameterLookup;
}

/** How a database is told to enforce TLS (instances and RDS clusters only). */
export interface TlsSettings {
  /** `parameter_group_name` or `db_cluster_parameter_group_name`. */
  attribute: string;
  /** Written in the configuration. */
  attributeWritten: boolean;
  groups: ParameterGroupRef[];
  engine: EngineFacts;
  /** The major version from `engine_version`, or why it is not known. */
  engineVersion: { major?: number; describe: string };
}

export class Database extends ModelResource {
  /** `storage_encrypted`, default false (AWS leaves storage unencrypted). */
  storageEncrypted!: Val<boolean>;
  /** `engine_mode` of a cluster (`serverless` is Aurora Serverless v1, always encrypted). */
  engineMode!: Val<string>;
  /** Set when an instance inherits its storage (and its encryption) from another database or snapshot. */
  storageSource?: StorageSource;
  /** Whether the key attribute (`kms_key_id`, Neptune's `kms_key_arn`) names a customer-managed key; omitted: the AWS-managed key. */
  customerKey!: Val<boolean>;
  /** `backup_retention_period` in days, default 1. */
  backupRetention!: Val<number>;
  /**
   * The read-replica source (`replicate_source_db`, `replication_source_identifier`) when written and
   * not empty: known true, or unknown when it may still turn out null.
   */
  replicaSource?: Val<boolean>;
  /** `deletion_protection`, default false. */
  deletionProtection!: Val<boolean>;
  /** `skip_final_snapshot`, default false. */
  skipFinalSnapshot!: Val<boolean>;
  /** Whether `enabled_cloudwatch_logs_exports` names any log type. */
  logExports!: Val<boolean>;
  /** `auto_minor_version_upgrade`, default true (instances and RDS clusters). */
  autoMinorVersionUpgrade?: UpdateSwitch;
  /** Written master passwords (`password`, `master_password` and their write-only forms). */
  secrets!: Secret[];
  /** The secret attributes this type has, written or not. */
  secretNames!: string[];
  /** `manage_master_user_password`: RDS keeps the password in Secrets Manager. */
  manageMasterUserPassword!: Val<boolean>;
  /** Parameter groups and engine (instances and RDS clusters). */
  tls?: TlsSettings;
}

/** An `aws_rds_cluster_instance`: a member of an Aurora cluster. */
export class ClusterInstance extends ModelResource {
  autoMinorVersionUpgrade!: UpdateSwitch;
}

/** An `aws_db_snapshot_copy` or `aws_rds_cluster_snapshot_copy`: encrypted with its own key when it names one. */
export class SnapshotCopy extends ModelResource {
  /** Whether `kms_key_id` names a customer-managed key (omitted: the copy keeps its source's encryption). */
  customerKey!: Val<boolean>;
  /** Whether `kms_key_id` is set at all (a required variable is). */
  keySet!: Val<boolean>;
}

/** An `aws_db_cluster_snapshot`: encrypted like its cluster, with the cluster's key. */
export class ClusterSnapshot extends ModelResource {
  /** `db_cluster_identifier`, described as its value. */
  clusterIdentifier!: Val<unknown>;
  /** Why the identifier is missing when the configuration is not valid without it. */
  missingIdentifier?: string;
  /** The cluster, by reference or by its literal `cluster_identifier`. */
  cluster?: Database;
}

export interface RdsModel {
  databases: Database[];
  clusterInstances: ClusterInstance[];
  snapshotCopies: SnapshotCopy[];
  clusterSnapshots: ClusterSnapshot[];
}

/** `postgres13` → postgres, 13; `aurora-mysql8.0` → aurora-mysql, 8; `default.postgres16` → postgres, 16. */
export function parseFamily(family: string): { engine?: TlsEngine; major?: number; other?: boolean } {
  const name = family.replace(/^default[.:]/i, '');
  const m = /^(aurora-postgresql|aurora-mysql|postgres|mysql|mariadb|aurora)(\d+)?/i.exec(name);
  if (m) return { engine: TLS_ENGINES[m[1].toLowerCase()], major: m[2] === undefined ? undefined : Number(m[2]) };
  return OTHER_ENGINES.test(name) ? { other: true } : {};
}

export const TLS_ENGINES: Readonly<Record<string, TlsEngine>> = {
  postgres: 'postgres',
  'aurora-postgresql': 'aurora-postgresql',
  mysql: 'mysql',
  'aurora-mysql': 'aurora-mysql',
  aurora: 'aurora-mysql',
  mariadb: 'mariadb',
};

/** Engines of RDS whose TLS settings are other parameters. */
const OTHER_ENGINES = /oracle|sqlserver|db2|custom/i;
