import { ResultPart, Rule } from '../../src/rules/types';
import { Database } from '../../src/providers/aws/rds/model';
import { isMistyped } from '../../src/providers/mistyped';
import type { Val } from '../../src/providers/val';

export const PROTECTED_TYPES = ['aws_db_instance', 'aws_rds_cluster'] as const;

/** One boolean part: which value is safe, and what the other one means. */
function part(name: string, leaf: Val<boolean>, safe: boolean, safeMeans: string, unsafeMeans: string): ResultPart {
  const attribute = leaf.present ? leaf.path : undefined;
  const value = leaf.describe();
  if (isMistyped(leaf)) return { name, status: 'unknown', message: `${value} is not a boolean`, attribute };
  if (!leaf.known) return { name, status: 'unknown', message: `${name} is not known statically: ${value}`, attribute };
  return leaf.value === safe ? { name, status: 'pass', message: `${value}${safeMeans}`, attribute } : { name, status: 'fail', message: `${value}: ${unsafeMeans}`, attribute };
}

function finalSnapshot(db: Database): ResultPart {
  const replica = db.replicaSource;
  if (replica?.known && db.type === 'aws_db_instance') {
    // AWS takes no final snapshot of an instance read replica (the API requires skipping it).
    const message = `${replica.path} is set: AWS takes no final snapshot of a read replica, the source's backups apply`;
    return { name: 'skip_final_snapshot', status: 'pass', message, attribute: replica.path };
  }
  return part('skip_final_snapshot', db.skipFinalSnapshot, false, ': a final snapshot is taken on deletion', 'no final snapshot is taken when the database is deleted');
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

  check({ aws, combine }) {
    const types: readonly string[] = PROTECTED_TYPES;
    return aws.rds.databases.filter((db) => types.includes(db.type)).map((db) => {
      const parts = [part('deletion_protection', db.deletionProtection, true, '', 'the database can be deleted by a single API call or terraform destroy'), finalSnapshot(db)];
      return combine(db, parts, parts.map((p) => p.message).join('; '));
    });
  },
};
