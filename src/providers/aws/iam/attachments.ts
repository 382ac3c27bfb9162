/**
 * The permission policies an IAM role, group or user holds, found by following the graph: inline
 * policies (`aws_iam_role.inline_policy`, `aws_iam_role_policy`, `aws_iam_group_policy`,
 * `aws_iam_user_policy`), managed policy attachments (`aws_iam_*_policy_attachment`,
 * `aws_iam_policy_attachment` with `roles`/`groups`/`users`, the `*_policy_attachments_exclusive`
 * resources, `aws_iam_role.managed_policy_arns`). Links are graph edges from the attaching resource to
 * the principal (its referrers), never names: a `role = "my-role"` literal is not followed.
 *
 * A managed policy is read from the `aws_iam_policy` in the graph it references; an AWS managed
 * policy ARN literal (`arn:aws:iam::aws:policy/AdministratorAccess`) is known by name; any other
 * policy whose content is not in the configuration is reported as such, so a rule can answer
 * `unknown` rather than guess.
 */
import { Unknown } from '../../../eval/value';
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { ParsedPolicy, isConcreteReference } from './policy';
import { policyValues, readPolicy } from './policy-values';
import { referencedNodes } from '../../links';

/** One policy a principal holds. */
export type AttachedPolicy =
  /** A policy document the configuration holds (inline, or an `aws_iam_policy` in the graph). */
  | { kind: 'document'; label: string; node: GraphNode; path: string; policy: ParsedPolicy }
  /** A managed policy known only by its ARN (an AWS managed policy, or a customer ARN literal). */
  | { kind: 'managed'; label: string; node: GraphNode; path: string; arn: string }
  /** A policy whose identity is not known statically. */
  | { kind: 'unknown'; label: string; node: GraphNode; path: string; reason: string };

interface AttachmentLink {
  /** Type of the attaching resource. */
  type: string;
  /** Its attribute that references the principal. */
  via: string;
  /** Its attribute with the policy: `policy` (an inline document) or a policy ARN attribute. */
  policy: 'policy' | 'policy_arn' | 'policy_arns';
}

interface PrincipalLinks {
  links: AttachmentLink[];
  /** Attributes of the principal itself holding policy ARNs. */
  ownArns: string[];
}

/** How each principal type gets its policies. */
export const PRINCIPAL_LINKS: Readonly<Record<string, PrincipalLinks>> = {
  aws_iam_role: {
    links: [
      { type: 'aws_iam_role_policy', via: 'role', policy: 'policy' },
      { type: 'aws_iam_role_policy_attachment', via: 'role', policy: 'policy_arn' },
      { type: 'aws_iam_policy_attachment', via: 'roles', policy: 'policy_arn' },
      { type: 'aws_iam_role_policy_attachments_exclusive', via: 'role_name', policy: 'policy_arns' },
    ],
    ownArns: ['managed_policy_arns'],
  },
  aws_iam_group: {
    links: [
      { type: 'aws_iam_group_policy', via: 'group', policy: 'policy' },
      { type: 'aws_iam_group_policy_attachment', via: 'group', policy: 'policy_arn' },
      { type: 'aws_iam_policy_attachment', via: 'groups', policy: 'policy_arn' },
      { type: 'aws_iam_group_policy_attachments_exclusive', via: 'group_name', policy: 'policy_arns' },
    ],
    ownArns: [],
  },
  aws_iam_user: {
    links: [
      { type: 'aws_iam_user_policy', via: 'user', policy: 'policy' },
      { type: 'aws_iam_user_policy_attachment', via: 'user', policy: 'policy_arn' },
      { type: 'aws_iam_policy_attachment', via: 'users', policy: 'policy_arn' },
      { type: 'aws_iam_user_policy_attachments_exclusive', via: 'user_name', policy: 'policy_arns' },
    ],
    ownArns: [],
  },
};

const AWS_MANAGED_ARN = /^arn:aws[a-z-]*:iam::aws:policy\/(?:[^/]+\/)*([^/]+)$/i;

/** The policy name of an AWS managed policy ARN (`AdministratorAccess`), else undefined. */
export function awsManagedPolicyName(arn: string): string | undefined {
  return AWS_MANAGED_ARN.exec(arn.trim())?.[1];
}

/** The documents of one `aws_iam_policy` (or inline-policy resource) in the graph. */
function documentsOf(graph: ResourceGraph, node: GraphNode, label: string): AttachedPolicy[] {
  const values = policyValues(graph, node).filter((v) => v.kind === 'identity');
  if (values.length === 0) return [{ kind: 'unknown', label, node, path: 'policy', reason: `${node.address} has no policy set` }];
  return values.map((pv) => ({ kind: 'document' as const, label, node, path: pv.path, policy: readPolicy(graph, pv) }));
}

/** A `data "aws_iam_policy"` lookup: known when its `arn` or `name` is a literal. */
function lookedUp(node: GraphNode, label: string, attaching: GraphNode, path: string): AttachedPolicy {
  const arn = node.attr('arn').value;
  if (node.attr('arn').present && typeof arn === 'string') return { kind: 'managed', label, node: attaching, path, arn };
  const name = node.attr('name').value;
  const prefix = node.attr('path_prefix').value;
  if (typeof name === 'string' && (prefix === undefined || prefix === '/' || prefix === '/job-function/' || prefix === '/service-role/')) {
    return { kind: 'managed', label, node: attaching, path, arn: `arn:aws:iam::aws:policy/${name}` };
  }
  return { kind: 'unknown', label, node: attaching, path, reason: `${node.address} looks up a policy that is not known statically` };
}

/**
 * The policies named by a policy ARN attribute (`policy_arn`, `policy_arns`, `managed_policy_arns`)
 * of `node`: `aws_iam_policy` resources in the graph, `data "aws_iam_policy"` lookups, ARN literals.
 */
export function policiesAtArnAttribute(graph: ResourceGraph, node: GraphNode, path: string): AttachedPolicy[] {
  const read = node.attr(path);
  if (!read.present) return [];
  const { nodes, unresolved } = referencedNodes(graph, node, path, ['aws_iam_policy']);
  const out: AttachedPolicy[] = [];
  for (const target of nodes) {
    const label = `${node.address} (${path} = ${target.address})`;
    if (target.kind === 'data') out.push(lookedUp(target, label, node, path));
    else out.push(...documentsOf(graph, target, label));
  }
  for (const v of unresolved) {
    if (v === null || v === '') continue;
    if (typeof v === 'string') {
      // A customer policy ARN that a plan knows (an existing aws_iam_policy): its document is in the graph.
      const known = graph.resources('aws_iam_policy').find((p) => p.attrs.arn === v);
      if (known) out.push(...documentsOf(graph, known, `${node.address} (${path} = ${known.address})`));
      else out.push({ kind: 'managed', label: `${node.address} (${path} = ${JSON.stringify(v)})`, node, path, arn: v });
    } else if (v instanceof Unknown) {
      // Plan JSON: the attribute's own "known after apply" value, whose reference the edges already resolved.
      if (nodes.length > 0 && !v.ref && v.source.startsWith(`${node.address}.`)) continue;
      if (isConcreteReference(v) && v.ref && graph.node(v.ref.address) === undefined && graph.instancesOf(v.ref.address).length === 0) {
        out.push({ kind: 'unknown', label: `${node.address} (${path})`, node, path, reason: `${path} = ${v.source}, which is not in the configuration` });
      } else out.push({ kind: 'unknown', label: `${node.address} (${path})`, node, path, reason: `${path} is not known statically: ${v.describe()}` });
    } else {
      out.push({ kind: 'unknown', label: `${node.address} (${path})`, node, path, reason: `${path} is not a policy ARN` });
    }
  }
  return out;
}

/** Every policy `principal` (an `aws_iam_role`, `aws_iam_group` or `aws_iam_user`) holds, found through the graph. */
export function attachedPolicies(graph: ResourceGraph, principal: GraphNode): AttachedPolicy[] {
  const spec = PRINCIPAL_LINKS[principal.type];
  if (!spec) return [];
  const out: AttachedPolicy[] = [];
  // aws_iam_role inline_policy blocks.
  policyValues(graph, principal)
    .filter((v) => v.kind === 'identity')
    .forEach((pv) => out.push({ kind: 'document', label: `${principal.address} ${pv.path.replace(/\.(\d+)\./, '[$1].')}`, node: principal, path: pv.path, policy: readPolicy(graph, pv) }));
  for (const attr of spec.ownArns) out.push(...policiesAtArnAttribute(graph, principal, attr));
  for (const link of spec.links) {
    for (const attaching of graph.referrers(principal, link.type, link.via)) {
      if (link.policy === 'policy') out.push(...documentsOf(graph, attaching, attaching.address));
      else out.push(...policiesAtArnAttribute(graph, attaching, link.policy));
    }
  }
  return out;
}
