/**
 * S3 buckets as resource-policy holders: which policies apply to which bucket (its inline v3 `policy`,
 * `aws_s3_bucket_policy` resources linked by reference or by a literal bucket name), and bucket
 * policies whose bucket is not known. The s3 service owns the buckets' other settings.
 */
import { Unknown, Value, isObject } from '../../../eval/value';
import type { GraphNode, ResourceGraph } from '../../../graph/model';
import { referencedNodes } from '../../links';
import { ModelResource } from '../../resource';
import type { Tri } from '../../val';
import { heldPolicy } from './held-policy';
import { BucketPolicy, HeldPolicy, IamModel, PolicyBucket } from './model';
import { policyValues } from './policy-values';

function where(node: GraphNode): string {
  return node.location ? ` (${node.location.file}:${node.location.startLine})` : '';
}

/** Whether the bucket's `tags[key]` is set (to `value` when given); unknown tags keep it open, with why. */
function taggedAs(bucket: GraphNode): PolicyBucket['taggedAs'] {
  return (key, value) => {
    const tags: Value | undefined = bucket.attr('tags').value;
    const open = (u: Unknown): { answer: Tri; reason: string } => ({ answer: 'unknown', reason: u.describe() });
    if (tags instanceof Unknown) return open(tags);
    if (!isObject(tags) || !Object.prototype.hasOwnProperty.call(tags, key)) return { answer: false };
    const v = tags[key];
    if (value === undefined) return { answer: true };
    if (v instanceof Unknown) return open(v);
    return { answer: v === value };
  };
}

export function adaptBuckets(graph: ResourceGraph, policiesOf: (node: GraphNode) => HeldPolicy[]): Pick<IamModel, 'buckets' | 'floatingBucketPolicies'> {
  const buckets = graph.resources('aws_s3_bucket').map((node) => {
    const b = new PolicyBucket(node);
    b.taggedAs = taggedAs(node);
    b.policies = policiesOf(node).map((policy) => ({ holder: b, policy, name: 'policy', inline: true }));
    return b;
  });
  const byAddress = new Map(buckets.map((b) => [b.address, [b]]));
  const byName = new Map<string, PolicyBucket[]>();
  for (const b of buckets) {
    const name = b.node.attr('bucket').value;
    if (typeof name === 'string') byName.set(name, [...(byName.get(name) ?? []), b]);
  }
  const floating: string[] = [];
  for (const node of graph.resources('aws_s3_bucket_policy')) {
    const value = policyValues(graph, node)[0] ?? { path: 'policy', kind: 'resource' as const, value: null };
    const entry: BucketPolicy = { holder: new ModelResource(node), policy: heldPolicy(graph, value), name: `${node.address}${where(node)}`, inline: false };
    const { nodes, unresolved } = referencedNodes(graph, node, 'bucket', 'aws_s3_bucket');
    // A literal bucket name counts for the bucket of that name in the configuration.
    const names = unresolved.filter((v): v is string => typeof v === 'string');
    const linked = nodes.length > 0 ? nodes.flatMap((n) => byAddress.get(n.address) ?? []) : names.flatMap((n) => byName.get(n) ?? []);
    for (const b of linked) b.policies.push(entry);
    const u = unresolved.find((v): v is Unknown => v instanceof Unknown);
    if (nodes.length === 0 && linked.length === 0 && u) floating.push(`${node.address}${where(node)} has a bucket that is not known statically (${u.describe()})`);
  }
  return { buckets, floatingBucketPolicies: floating };
}
