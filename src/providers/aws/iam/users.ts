/** IAM users' direct grants, their access keys and the account password policy, as the IAM model shows them. */
import { Unknown, Value } from '../../../eval/value';
import type { GraphNode, ResourceGraph } from '../../../graph/model';
import { show } from '../../attributes';
import { Convert, readVal } from '../../read';
import { Val } from '../../val';
import { ACCESS_KEY_TYPES, AccessKey, PASSWORD_POLICY_TYPES, PasswordPolicy, USER_POLICY_TYPES, UserPolicyGrant } from './model';

/** `path = value`, with the variables a known value came through. */
function describeAt(node: GraphNode, path: string): string {
  const read = node.attr(path);
  const origin = read.origins.length > 0 && !(read.value instanceof Unknown) ? ` (${read.origins.join(', ')})` : '';
  return `${path} = ${show(read.value)}${origin}`;
}

/** The IAM user(s) an attribute names: the users in the graph it references, else its value. */
function userNames(graph: ResourceGraph, node: GraphNode, path: string, unset?: string): string {
  const users = graph.targets(node, path, 'aws_iam_user').map((u) => u.address);
  const value = unset !== undefined && !node.attr(path).present ? unset : describeAt(node, path);
  return users.length > 0 ? `${users.join(', ')} (${value})` : value;
}

/** The known elements of a list attribute (nulls and empty strings dropped), or the Unknown list. */
function elements(v: Value | undefined): Value[] | Unknown {
  if (v === undefined || v === null) return [];
  if (v instanceof Unknown) return v;
  return (Array.isArray(v) ? v : [v]).filter((x) => x !== null && x !== '');
}

/** How many elements a list attribute names, described as `path = value` (or `unset` when omitted). */
function listCount(node: GraphNode, path: string, unset?: string): Val<number> {
  const read = node.attr(path);
  const items = elements(read.value);
  const described = unset !== undefined && !read.present ? unset : describeAt(node, path);
  const base = { owner: node, path, present: read.present, isDefault: false, origins: read.origins, described };
  if (items instanceof Unknown) return new Val<number>({ ...base, known: false, reason: items.describe() });
  return new Val<number>({ ...base, known: true, value: items.length });
}

export function adaptUserPolicyGrants(graph: ResourceGraph): UserPolicyGrant[] {
  return graph.resources(USER_POLICY_TYPES).map((node) => {
    const g = new UserPolicyGrant(node);
    g.userWritten = node.attr('user').present;
    if (node.type === 'aws_iam_policy_attachment') {
      g.users = listCount(node, 'users', 'users is not set');
      g.userNames = userNames(graph, node, 'users');
      g.alsoAttachedThrough = ['roles', 'groups'].filter((a) => {
        const items = elements(node.attr(a).value);
        return items instanceof Unknown || items.length > 0;
      });
    } else if (node.type === 'aws_iam_user_policy_attachments_exclusive' || node.type === 'aws_iam_user_policies_exclusive') {
      g.exclusiveList = listCount(node, node.type === 'aws_iam_user_policies_exclusive' ? 'policy_names' : 'policy_arns');
      g.userNames = userNames(graph, node, 'user_name');
    } else g.userNames = userNames(graph, node, 'user');
    return g;
  });
}

export function adaptAccessKeys(graph: ResourceGraph): AccessKey[] {
  return graph.resources(ACCESS_KEY_TYPES).map((node) => {
    const k = new AccessKey(node);
    k.userNames = userNames(graph, node, 'user', 'user is not set');
    k.userWritten = node.attr('user').present;
    k.pgpEncrypted = node.attr('pgp_key').present;
    const status = node.attr('status').value;
    k.inactive = typeof status === 'string' && status.toLowerCase() === 'inactive';
    return k;
  });
}

/** IAM's defaults when an attribute is omitted (AWS provider v5). */
const PASSWORD_DEFAULTS = { minimum_password_length: 6, password_reuse_prevention: 0, max_password_age: 0 };
export const PASSWORD_REQUIREMENTS = ['require_lowercase_characters', 'require_uppercase_characters', 'require_numbers', 'require_symbols'] as const;

/** A whole or decimal number, also written as a string; NaN for any other value (the rule says "not a number"). */
const toCount: Convert<number> = (v) => (typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN);
/** true/false, also as strings; null for any other value (the rule says "not a boolean"). */
const toFlag: Convert<boolean | null> = (v) => (v === true || v === 'true' ? true : v === false || v === 'false' ? false : null);

export function adaptPasswordPolicies(graph: ResourceGraph): PasswordPolicy[] {
  return graph.resources(PASSWORD_POLICY_TYPES).map((node) => {
    const p = new PasswordPolicy(node);
    p.minimumPasswordLength = readVal(node, 'minimum_password_length', toCount, PASSWORD_DEFAULTS.minimum_password_length);
    p.passwordReusePrevention = readVal(node, 'password_reuse_prevention', toCount, PASSWORD_DEFAULTS.password_reuse_prevention);
    p.maxPasswordAge = readVal(node, 'max_password_age', toCount, PASSWORD_DEFAULTS.max_password_age);
    p.requirements = PASSWORD_REQUIREMENTS.map((a) => readVal<boolean | null>(node, a, toFlag, false));
    return p;
  });
}
