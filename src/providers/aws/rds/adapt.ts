/** Builds the RDS model from the graph: databases and clusters, cluster instances, snapshots and their copies. */
import type { AwsModels } from '..';
import { Unknown } from '../../../eval/value';
import type { GraphNode, ResourceGraph } from '../../../graph/model';
import { missingRequired } from '../../required';
import { show } from '../../attributes';
import { referencedNodes } from '../../links';
import { asIs, readPresence, readVal, toBoolean, toNumber, toString } from '../../read';
import { customerKeyVal } from '../customer-key';
import { readSecrets } from '../secrets';
import { updateSwitch } from '../updates';
import { Val } from '../../val';
import { adaptTlsSettings } from './parameter-groups';
import { ClusterInstance, ClusterSnapshot, DATABASE_TYPES, Database, RdsModel, SnapshotCopy } from './model';

/** Attributes that make an `aws_db_instance` inherit its storage from another database or snapshot. */
const STORAGE_SOURCE_ATTRIBUTES = ['replicate_source_db', 'snapshot_identifier', 's3_import', 'restore_to_point_in_time'];

/** What AWS keeps when `backup_retention_period` is omitted (RDS instances, Aurora and DocumentDB clusters alike). */
export const AWS_DEFAULT_RETENTION_DAYS = 1;

/** The attribute that makes a resource a read replica of another database, per type. */
const REPLICA_ATTRIBUTE: Record<string, string | undefined> = { aws_db_instance: 'replicate_source_db', aws_rds_cluster: 'replication_source_identifier' };

/**
 * The secret attributes per type. The write-only forms (`password_wo`, provider 5.87+) keep a value out
 * of plan and state, but a literal written there is still plaintext in the configuration.
 */
const SECRET_ATTRIBUTES: Record<string, string[]> = {
  aws_db_instance: ['password', 'password_wo'],
  aws_rds_cluster: ['master_password', 'master_password_wo'],
};

const CLUSTER_TYPES = ['aws_rds_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster'];

/**
 * Whether the resource is a read replica: known true when the source attribute is set (a known,
 * non-empty value, a reference to another resource, a required variable); unknown when it may still
 * turn out null; undefined when it is not written or empty.
 */
function replicaSourceOf(graph: ResourceGraph, node: GraphNode): Val<boolean> | undefined {
  const attribute = REPLICA_ATTRIBUTE[node.type];
  if (!attribute) return undefined;
  const source = readPresence(graph, node, attribute);
  if (source.known && source.value === false) return undefined;
  const v = node.attr(attribute).value;
  // Plan JSON: a source known only after apply that the configuration links to another resource.
  const linked = source.known || graph.edgesFrom(node, attribute).length > 0;
  if (v instanceof Unknown && !linked) return new Val<boolean>({ owner: node, path: attribute, known: false, reason: v.describe(), present: true, isDefault: false, described: source.describe() });
  return new Val<boolean>({ owner: node, path: attribute, known: true, value: true, present: true, isDefault: false, described: source.describe() });
}

function adaptDatabase(graph: ResourceGraph, node: GraphNode): Database {
  const db = new Database(node);
  db.storageEncrypted = readVal(node, 'storage_encrypted', toBoolean, false);
  db.engineMode = readVal(node, 'engine_mode', toString);
  db.customerKey = customerKeyVal(graph, node, node.type === 'aws_neptune_cluster' ? 'kms_key_arn' : 'kms_key_id');
  db.backupRetention = readVal(node, 'backup_retention_period', toNumber, AWS_DEFAULT_RETENTION_DAYS);
  db.replicaSource = replicaSourceOf(graph, node);
  db.deletionProtection = readVal(node, 'deletion_protection', toBoolean, false);
  db.skipFinalSnapshot = readVal(node, 'skip_final_snapshot', toBoolean, false);
  db.logExports = readPresence(graph, node, 'enabled_cloudwatch_logs_exports');
  db.secretNames = SECRET_ATTRIBUTES[node.type] ?? [];
  db.secrets = readSecrets(graph, node, db.secretNames);
  db.manageMasterUserPassword = readVal(node, 'manage_master_user_password', toBoolean);
  if (node.type === 'aws_db_instance' || node.type === 'aws_rds_cluster') {
    db.autoMinorVersionUpgrade = updateSwitch(node, 'auto_minor_version_upgrade', true);
  }
  return db;
}

/** The cluster a cluster snapshot is taken of: by reference, else by a literal `cluster_identifier`. */
function clusterOf(graph: ResourceGraph, node: GraphNode): GraphNode | undefined {
  const { nodes, unresolved } = referencedNodes(graph, node, 'db_cluster_identifier', CLUSTER_TYPES);
  if (nodes.length > 0) return nodes[0];
  const names = unresolved.filter((v): v is string => typeof v === 'string');
  return graph.resources(CLUSTER_TYPES).find((c) => names.includes(c.attr('cluster_identifier').value as string));
}

export function adaptRds(aws: AwsModels): RdsModel {
  const { graph } = aws;
  const byAddress = new Map<string, Database>();
  const databases = graph.resources(DATABASE_TYPES).map((node) => {
    const db = adaptDatabase(graph, node);
    byAddress.set(node.address, db);
    return db;
  });
  for (const db of databases) {
    if (db.type === 'aws_db_instance' || db.type === 'aws_rds_cluster') db.tls = adaptTlsSettings(graph, db.node);
    if (db.type !== 'aws_db_instance') continue;
    const attribute = STORAGE_SOURCE_ATTRIBUTES.find((a) => db.node.attr(a).present);
    if (!attribute) continue;
    const sources = referencedNodes(graph, db.node, attribute, DATABASE_TYPES).nodes;
    db.storageSource = { attribute, databases: sources.flatMap((n) => byAddress.get(n.address) ?? []) };
  }
  const clusterInstances = graph.resources('aws_rds_cluster_instance').map((node) => {
    const instance = new ClusterInstance(node);
    instance.autoMinorVersionUpgrade = updateSwitch(node, 'auto_minor_version_upgrade', true);
    return instance;
  });
  const snapshotCopies = graph.resources(['aws_db_snapshot_copy', 'aws_rds_cluster_snapshot_copy']).map((node) => {
    const copy = new SnapshotCopy(node);
    copy.customerKey = customerKeyVal(graph, node, 'kms_key_id');
    copy.keySet = readPresence(graph, node, 'kms_key_id');
    return copy;
  });
  const clusterSnapshots = graph.resources('aws_db_cluster_snapshot').map((node) => {
    const snapshot = new ClusterSnapshot(node);
    snapshot.clusterIdentifier = readVal(node, 'db_cluster_identifier', asIs).describedAs(show(node.attr('db_cluster_identifier').value));
    snapshot.missingIdentifier = missingRequired(node, 'db_cluster_identifier');
    const cluster = snapshot.missingIdentifier ? undefined : clusterOf(graph, node);
    snapshot.cluster = cluster && byAddress.get(cluster.address);
    return snapshot;
  });
  return { databases, clusterInstances, snapshotCopies, clusterSnapshots };
}
