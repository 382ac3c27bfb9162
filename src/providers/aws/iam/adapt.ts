/** Builds the IAM model from the graph: policy holders, policy documents, roles and groups, users' grants, buckets. */
import type { AwsModels } from '..';
import type { GraphNode, ResourceGraph } from '../../../graph/model';
import { missingRequired } from '../../required';
import { attachedPolicies } from './attachments';
import { adaptBuckets } from './buckets';
import { documentsUsedBy } from './documents';
import { heldPolicy } from './held-policy';
import { IDENTITY_POLICY_TYPES, IamModel, PolicyDocument, PolicyHolder, Principal, RESOURCE_POLICY_TYPES } from './model';
import { policyValues, readPolicyDocument } from './policy-values';
import { adaptAccessKeys, adaptPasswordPolicies, adaptUserPolicyGrants } from './users';

function holder(graph: ResourceGraph, node: GraphNode): PolicyHolder {
  const h = new PolicyHolder(node);
  h.policies = policyValues(graph, node).map((pv) => heldPolicy(graph, pv));
  h.requiredMissing = missingRequired(node, node.type === 'aws_iam_role' ? 'assume_role_policy' : 'policy');
  // A standalone aws_kms_key_policy replaces the key's policy: it is judged there.
  if (node.type === 'aws_kms_key') h.policySetElsewhere = graph.referrers(node, 'aws_kms_key_policy', 'key_id').length > 0;
  return h;
}

function documents(graph: ResourceGraph): PolicyDocument[] {
  // Which documents each scope uses is found on first use: a run of TG-IAM-007 alone needs only one.
  let identity: Set<string> | undefined;
  let resource: Set<string> | undefined;
  const usedAsIdentity = () => (identity ??= new Set(documentsUsedBy(graph, IDENTITY_POLICY_TYPES, ['identity']).map((d) => d.address)));
  // A document merged into another is judged as part of that one for resource and trust policies.
  const usedAsResource = () => (resource ??= new Set(documentsUsedBy(graph, RESOURCE_POLICY_TYPES, ['resource', 'trust'], { direct: true }).map((d) => d.address)));
  return graph.dataSources('aws_iam_policy_document').map((node) => {
    const doc = new PolicyDocument(node);
    Object.defineProperty(doc, 'parsed', { enumerable: true, get: () => readPolicyDocument(graph, node) });
    Object.defineProperty(doc, 'usedAsIdentity', { enumerable: true, get: () => usedAsIdentity().has(node.address) });
    Object.defineProperty(doc, 'usedAsResourceOrTrust', { enumerable: true, get: () => usedAsResource().has(node.address) });
    return doc;
  });
}

function principal(graph: ResourceGraph, node: GraphNode): Principal {
  const p = new Principal(node);
  p.attached = attachedPolicies(graph, node);
  const trust = policyValues(graph, node).find((v) => v.kind === 'trust');
  if (trust) p.trust = heldPolicy(graph, trust);
  else if (node.type === 'aws_iam_role') p.trustMissing = missingRequired(node, 'assume_role_policy');
  return p;
}

/** Defines `name` on `target` as computed on first read, then kept. */
function lazy<T extends object, K extends keyof T>(target: T, name: K, compute: () => T[K]): void {
  let value: T[K] | undefined;
  Object.defineProperty(target, name, { enumerable: true, get: () => (value ??= compute()) });
}

export function adaptIam(aws: AwsModels): IamModel {
  const { graph } = aws;
  const holders = new Map<string, PolicyHolder>();
  const holderOf = (node: GraphNode) => holders.get(node.address) ?? holders.set(node.address, holder(graph, node)).get(node.address)!;
  // Each part is built when a rule first asks for it: a run of one rule pays for its part only.
  const model = {} as IamModel;
  lazy(model, 'identityHolders', () => graph.resources(IDENTITY_POLICY_TYPES).map(holderOf));
  lazy(model, 'resourceHolders', () => graph.resources(RESOURCE_POLICY_TYPES).map(holderOf));
  lazy(model, 'documents', () => documents(graph));
  lazy(model, 'roles', () => graph.resources('aws_iam_role').map((n) => principal(graph, n)));
  lazy(model, 'groups', () => graph.resources('aws_iam_group').map((n) => principal(graph, n)));
  lazy(model, 'userPolicyGrants', () => adaptUserPolicyGrants(graph));
  lazy(model, 'accessKeys', () => adaptAccessKeys(graph));
  lazy(model, 'passwordPolicies', () => adaptPasswordPolicies(graph));
  const buckets = () => adaptBuckets(graph, (node) => holderOf(node).policies);
  let built: ReturnType<typeof buckets> | undefined;
  lazy(model, 'buckets', () => (built ??= buckets()).buckets);
  lazy(model, 'floatingBucketPolicies', () => (built ??= buckets()).floatingBucketPolicies);
  return model;
}
