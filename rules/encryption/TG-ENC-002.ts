import { GraphNode } from '../../src/graph/model';
import { Rule } from '../../src/rules/types';
import { judgeCustomerManagedKey } from '../../src/rules/support/kms';
import { fail, result } from '../../src/rules/support/results';
import { DATA_STORE_TYPES } from './TG-ENC-001';

/** Neptune names its key attribute differently. */
function keyAttribute(node: GraphNode): string {
  return node.type === 'aws_neptune_cluster' ? 'kms_key_arn' : 'kms_key_id';
}

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-002',
    title: 'Databases are encrypted with a customer-managed KMS key',
    claim: 'rest-kms',
    severity: 'medium',
    description:
      'Encrypted RDS, DocumentDB and Neptune storage must use a customer-managed KMS key (`kms_key_id`, ' +
      'Neptune: `kms_key_arn`), so the key policy, rotation and audit trail are under the customer\'s ' +
      'control. Without it AWS uses the AWS-managed key `alias/aws/rds`. The key must resolve to an ' +
      '`aws_kms_key` or a customer `aws_kms_alias` in the graph, or be an ARN literal that is not an ' +
      'AWS-managed alias.',
    remediation: [
      'Create a key and reference it:',
      '',
      '```hcl',
      'resource "aws_kms_key" "rds" {',
      '  enable_key_rotation = true',
      '}',
      '',
      'resource "aws_db_instance" "main" {',
      '  storage_encrypted = true',
      '  kms_key_id        = aws_kms_key.rds.arn',
      '}',
      '```',
    ].join('\n'),
    fix: 'set kms_key_id to a customer-managed aws_kms_key',
    appliesTo: DATA_STORE_TYPES,
    references: {
      checkov: ['CKV_AWS_79', 'CKV_AWS_327', 'CKV_AWS_354'],
      trivy: ['AVD-AWS-0079'],
      docs: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.Keys.html'],
    },
  },

  check({ graph }) {
    return graph.resources(DATA_STORE_TYPES).map((node) => {
      const attr = keyAttribute(node);
      if (!node.attr(attr).present) {
        return fail(node, `No customer-managed key: ${attr} is not set, so AWS uses the AWS-managed key (alias/aws/rds)`);
      }
      const judged = judgeCustomerManagedKey(graph, node, attr);
      return result(judged.status, node, judged.message, attr);
    });
  },
};
