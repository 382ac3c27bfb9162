import { Unknown } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { show } from '../../src/rules/support/attributes';
import { fail } from '../../src/rules/support/results';
import { Rule } from '../../src/rules/types';

export const ACCESS_KEY_TYPES = ['aws_iam_access_key'] as const;

function describeUser(graph: ResourceGraph, node: GraphNode): string {
  const read = node.attr('user');
  const users = graph.targets(node, 'user', 'aws_iam_user').map((u) => u.address);
  const origin = read.origins.length > 0 && !(read.value instanceof Unknown) ? ` (${read.origins.join(', ')})` : '';
  const value = read.present ? `user = ${show(read.value)}${origin}` : 'user is not set';
  return users.length > 0 ? `${users.join(', ')} (${value})` : value;
}

export const rule: Rule = {
  meta: {
    id: 'TG-IAM-006',
    title: 'No long-lived IAM user access keys are created',
    claim: 'iam-least-privilege',
    severity: 'medium',
    fix: 'remove aws_iam_access_key; use a role with temporary credentials instead',
    appliesTo: ACCESS_KEY_TYPES,
  },

  check({ graph }) {
    return graph.resources(ACCESS_KEY_TYPES).map((node) => {
      const pgp = node.attr('pgp_key').present;
      const status = node.attr('status');
      const inactive = typeof status.value === 'string' && status.value.toLowerCase() === 'inactive' ? ' (created with status = "Inactive", but it can be activated at any time)' : '';
      const secret = pgp
        ? 'its secret is stored PGP-encrypted in the Terraform state'
        : 'its secret is stored in plain text in the Terraform state';
      return fail(node, `Long-lived access key for IAM user ${describeUser(graph, node)}${inactive}: ${secret}, and the key does not expire`, node.attr('user').present ? 'user' : undefined);
    });
  },
};
