import { GraphNode } from '../../src/graph/model';
import { Rule } from '../../src/rules/types';
import { judgeCustomerManagedKey } from '../../src/rules/support/kms';
import { fail, result } from '../../src/rules/support/results';
import { DATABASE_TYPES as DATA_STORE_TYPES } from '../../src/providers/aws/rds/model';

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
    fix: 'set kms_key_id to a customer-managed aws_kms_key',
    appliesTo: DATA_STORE_TYPES,
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
