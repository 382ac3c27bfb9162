import { Rule } from '../../src/rules/types';
import { asBoolean, setting } from '../../src/rules/support/attributes';
import { fail, pass, unknown } from '../../src/rules/support/results';

export const DATA_STORE_TYPES = ['aws_db_instance', 'aws_rds_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster'] as const;

/** Attributes that make an `aws_db_instance` inherit its encryption from another database or snapshot. */
const INHERITING_ATTRIBUTES = ['replicate_source_db', 'snapshot_identifier', 's3_import', 'restore_to_point_in_time'];

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-001',
    title: 'Databases encrypt their storage at rest',
    claim: 'rest-kms',
    severity: 'high',
    fix: 'set storage_encrypted = true',
    appliesTo: DATA_STORE_TYPES,
  },

  check({ graph }) {
    return graph.resources(DATA_STORE_TYPES).map((node) => {
      if (node.type === 'aws_rds_cluster' && node.attr('engine_mode').value === 'serverless') {
        return pass(node, 'engine_mode = "serverless": Aurora Serverless v1 storage is always encrypted', 'engine_mode');
      }
      const encrypted = setting(node, 'storage_encrypted', false);
      const value = asBoolean(encrypted.value);
      if (value === true) return pass(node, `${encrypted.describe}`, 'storage_encrypted');
      if (!encrypted.read.present && node.type === 'aws_db_instance') {
        const inherits = INHERITING_ATTRIBUTES.find((a) => node.attr(a).present);
        if (inherits) {
          const source = graph.targets(node, inherits, [...DATA_STORE_TYPES]).find((t) => asBoolean(t.attr('storage_encrypted').value) === true);
          if (source) return pass(node, `inherits encryption from ${source.address} (storage_encrypted = true) through ${inherits}`, inherits);
          return unknown(node, `storage_encrypted is not set and ${inherits} is: encryption is inherited from the source, which is not known to be encrypted`, inherits);
        }
      }
      if (value === false) return fail(node, `Storage is not encrypted: ${encrypted.describe}`, encrypted.read.present ? 'storage_encrypted' : undefined);
      return unknown(node, `storage_encrypted is not known statically: ${encrypted.describe}`, 'storage_encrypted');
    });
  },
};
