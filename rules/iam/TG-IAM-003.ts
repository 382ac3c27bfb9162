import { Unknown, Value } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { show } from '../../src/rules/support/attributes';
import { fail, pass, unknown } from '../../src/rules/support/results';
import { Rule, RuleResult } from '../../src/rules/types';

/** Resources that give an IAM user policies directly (v4–v6; the `*_exclusive` forms since v5.8x). */
export const USER_POLICY_TYPES = [
  'aws_iam_user_policy',
  'aws_iam_user_policy_attachment',
  'aws_iam_policy_attachment',
  'aws_iam_user_policy_attachments_exclusive',
  'aws_iam_user_policies_exclusive',
] as const;

function describeAt(node: GraphNode, path: string): string {
  const read = node.attr(path);
  const origin = read.origins.length > 0 && !(read.value instanceof Unknown) ? ` (${read.origins.join(', ')})` : '';
  return `${path} = ${show(read.value)}${origin}`;
}

/** The IAM user(s) a resource names, for messages: the users in the graph it references, else the value. */
function userNames(graph: ResourceGraph, node: GraphNode, path: string): string {
  const users = graph.targets(node, path, 'aws_iam_user').map((u) => u.address);
  return users.length > 0 ? `${users.join(', ')} (${describeAt(node, path)})` : describeAt(node, path);
}

/** The known elements of a list attribute: `undefined` when the list itself is unknown. */
function elements(v: Value | undefined): Value[] | Unknown {
  if (v === undefined || v === null) return [];
  if (v instanceof Unknown) return v;
  return (Array.isArray(v) ? v : [v]).filter((x) => x !== null && x !== '');
}

/** `aws_iam_policy_attachment`: fails when `users` names any user. */
function checkPolicyAttachment(graph: ResourceGraph, node: GraphNode): RuleResult {
  const read = node.attr('users');
  const users = elements(read.value);
  if (users instanceof Unknown) return unknown(node, `users is not known statically: ${users.describe()}`, 'users');
  if (users.length === 0) {
    const others = ['roles', 'groups'].filter((a) => elements(node.attr(a).value) instanceof Unknown || (elements(node.attr(a).value) as Value[]).length > 0);
    const to = others.length > 0 ? `; the policy is attached through ${others.join(' and ')}` : '';
    return pass(node, `${read.present ? describeAt(node, 'users') : 'users is not set'}: no user gets the policy directly${to}`, read.present ? 'users' : undefined);
  }
  return fail(node, `Policy attached directly to IAM users: ${userNames(graph, node, 'users')}; attach it to a group or a role instead`, 'users');
}

/** `aws_iam_user_policy_attachments_exclusive` / `aws_iam_user_policies_exclusive`: fail with any policy, pass when the list is empty. */
function checkExclusive(graph: ResourceGraph, node: GraphNode, attr: string, what: string): RuleResult {
  const read = node.attr(attr);
  const items = elements(read.value);
  if (items instanceof Unknown) return unknown(node, `${attr} is not known statically: ${items.describe()}`, attr);
  if (items.length === 0) return pass(node, `${describeAt(node, attr)}: the user holds no ${what} (the resource removes any)`, attr);
  return fail(node, `${what[0].toUpperCase()}${what.slice(1)} attached directly to IAM user ${userNames(graph, node, 'user_name')}: ${describeAt(node, attr)}; use a group or a role instead`, attr);
}

export const rule: Rule = {
  meta: {
    id: 'TG-IAM-003',
    title: 'IAM policies are not attached directly to users',
    claim: 'iam-least-privilege',
    severity: 'medium',
    fix: 'attach the policy to a group or a role, not to the user',
    appliesTo: USER_POLICY_TYPES,
  },

  check({ graph }) {
    return graph.resources(USER_POLICY_TYPES).map((node) => {
      switch (node.type) {
        case 'aws_iam_policy_attachment':
          return checkPolicyAttachment(graph, node);
        case 'aws_iam_user_policy_attachments_exclusive':
          return checkExclusive(graph, node, 'policy_arns', 'managed policies');
        case 'aws_iam_user_policies_exclusive':
          return checkExclusive(graph, node, 'policy_names', 'inline policies');
        case 'aws_iam_user_policy':
          return fail(node, `Inline policy on IAM user ${userNames(graph, node, 'user')}; grant it through a group or a role instead`, node.attr('user').present ? 'user' : undefined);
        default:
          return fail(node, `Policy attached directly to IAM user ${userNames(graph, node, 'user')}; attach it to a group or a role instead`, node.attr('user').present ? 'user' : undefined);
      }
    });
  },
};
