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
    description: [
      'Every `aws_iam_access_key` fails: it creates a long-lived access key for an IAM user, which does not',
      'expire, and Terraform stores its secret in the state (in plain text, or encrypted with `pgp_key`, where',
      'the key itself still never expires). Workloads should use roles (instance profiles, ECS task roles, IAM',
      'Roles Anywhere, OIDC federation for CI) whose credentials are temporary. One result per key.',
    ].join('\n'),
    remediation: [
      'Remove the access key and let the workload assume a role with temporary credentials, e.g. CI through OIDC:',
      '',
      '```hcl',
      'resource "aws_iam_role" "ci" {',
      '  name = "ci-deploy"',
      '  assume_role_policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{',
      '      Effect    = "Allow"',
      '      Action    = "sts:AssumeRoleWithWebIdentity"',
      '      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }',
      '      Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:acme/app:*" } }',
      '    }]',
      '  })',
      '}',
      '```',
    ].join('\n'),
    fix: 'remove aws_iam_access_key; use a role with temporary credentials instead',
    appliesTo: ACCESS_KEY_TYPES,
    references: {
      kics: ['3561130e-9c5f-485b-9e16-2764c82763e5'],
      docs: [
        'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_access_key',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles',
      ],
    },
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
