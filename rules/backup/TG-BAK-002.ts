import { Unknown } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { asBoolean, setting } from '../../src/rules/support/attributes';
import { combineParts } from '../../src/rules/support/results';
import { ResultPart, Rule } from '../../src/rules/types';
import { readReplicaOf } from './TG-BAK-001';

export const PROTECTED_TYPES = ['aws_db_instance', 'aws_rds_cluster'] as const;

function deletionProtection(node: GraphNode): ResultPart {
  const s = setting(node, 'deletion_protection', false);
  const attribute = s.read.present ? 'deletion_protection' : undefined;
  const v = asBoolean(s.value);
  const name = 'deletion_protection';
  if (v === true) return { name, status: 'pass', message: s.describe, attribute };
  if (v === false) return { name, status: 'fail', message: `${s.describe}: the database can be deleted by a single API call or terraform destroy`, attribute };
  if (v instanceof Unknown) return { name, status: 'unknown', message: `deletion_protection is not known statically: ${s.describe}`, attribute };
  return { name, status: 'unknown', message: `${s.describe} is not a boolean`, attribute };
}

function finalSnapshot(graph: ResourceGraph, node: GraphNode): ResultPart {
  const name = 'skip_final_snapshot';
  const s = setting(node, 'skip_final_snapshot', false);
  const attribute = s.read.present ? 'skip_final_snapshot' : undefined;
  const v = asBoolean(s.value);
  const replica = readReplicaOf(graph, node);
  if (replica?.value === true && node.type === 'aws_db_instance') {
    // AWS takes no final snapshot of an instance read replica (the API requires skipping it).
    return { name, status: 'pass', message: `${replica.attribute} is set: AWS takes no final snapshot of a read replica, the source's backups apply`, attribute: replica.attribute };
  }
  if (v === false) return { name, status: 'pass', message: `${s.describe}: a final snapshot is taken on deletion`, attribute };
  if (v === true) return { name, status: 'fail', message: `${s.describe}: no final snapshot is taken when the database is deleted`, attribute };
  if (v instanceof Unknown) return { name, status: 'unknown', message: `skip_final_snapshot is not known statically: ${s.describe}`, attribute };
  return { name, status: 'unknown', message: `${s.describe} is not a boolean`, attribute };
}

export const rule: Rule = {
  meta: {
    id: 'TG-BAK-002',
    title: 'Databases are protected from deletion and keep a final snapshot',
    claim: 'backup-recovery',
    severity: 'medium',
    fix: 'set deletion_protection = true and skip_final_snapshot = false (with a final_snapshot_identifier)',
    appliesTo: PROTECTED_TYPES,
  },

  check({ graph }) {
    return graph.resources(PROTECTED_TYPES).map((node) => {
      const parts = [deletionProtection(node), finalSnapshot(graph, node)];
      return combineParts(node, parts, parts.map((p) => p.message).join('; '));
    });
  },
};
