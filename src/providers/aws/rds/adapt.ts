/** Builds the RDS model from the graph: one `Database` per instance or cluster node. */
import type { AwsModels } from '..';
import { referencedNodes } from '../../links';
import { readVal, toBoolean, toString } from '../../read';
import { DATABASE_TYPES, Database, RdsModel } from './model';

/** Attributes that make an `aws_db_instance` inherit its storage from another database or snapshot. */
const STORAGE_SOURCE_ATTRIBUTES = ['replicate_source_db', 'snapshot_identifier', 's3_import', 'restore_to_point_in_time'];

export function adaptRds(aws: AwsModels): RdsModel {
  const { graph } = aws;
  const byAddress = new Map<string, Database>();
  const databases = graph.resources(DATABASE_TYPES).map((node) => {
    const db = new Database(node);
    db.storageEncrypted = readVal(node, 'storage_encrypted', toBoolean, false);
    db.engineMode = readVal(node, 'engine_mode', toString);
    byAddress.set(node.address, db);
    return db;
  });
  for (const db of databases) {
    if (db.type !== 'aws_db_instance') continue;
    const attribute = STORAGE_SOURCE_ATTRIBUTES.find((a) => db.node.attr(a).present);
    if (!attribute) continue;
    const sources = referencedNodes(graph, db.node, attribute, DATABASE_TYPES).nodes;
    db.storageSource = { attribute, databases: sources.flatMap((n) => byAddress.get(n.address) ?? []) };
  }
  return { databases };
}
