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
    description:
      'RDS instances and clusters, DocumentDB and Neptune clusters must set `storage_encrypted = true`. ' +
      'AWS leaves storage unencrypted by default, and encryption cannot be turned on later without a ' +
      'snapshot-and-restore. A read replica or a database restored from a snapshot inherits its ' +
      'source\'s encryption, so it is `unknown` unless the source is in the graph and encrypted. ' +
      'Aurora Serverless v1 (`engine_mode = "serverless"`) is always encrypted.',
    remediation: [
      'Set `storage_encrypted = true` (and a customer-managed key, see TG-ENC-002):',
      '',
      '```hcl',
      'resource "aws_db_instance" "main" {',
      '  storage_encrypted = true',
      '  kms_key_id        = aws_kms_key.rds.arn',
      '}',
      '```',
    ].join('\n'),
    fix: 'set storage_encrypted = true',
    appliesTo: DATA_STORE_TYPES,
    references: {
      checkov: ['CKV_AWS_16', 'CKV_AWS_96', 'CKV_AWS_74', 'CKV_AWS_44'],
      trivy: ['AVD-AWS-0080', 'AVD-AWS-0079', 'AVD-AWS-0021'],
      kics: ['08bd0760-8752-44e1-9779-7bb369b2b4e4', '656880aa-1388-488f-a6d4-8f73c23149b2'],
      docs: ['https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#storage_encrypted'],
    },
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
