/**
 * Managed prefix lists an ingress rule admits, classified: the CloudFront origin-facing list (looked up
 * by name, or one of the IDs AWS publishes per region), a customer-managed list with an entry covering
 * the whole internet, another named list, or one whose content is not known.
 */
import { Unknown, Value, isObject } from '../../../eval/value';
import type { GraphNode, ResourceGraph } from '../../../graph/model';
import { isInternetCidr } from '../../../net/cidr';
import type { IngressRule as IngressRecord } from './security-groups';
import { followReference } from './subnets';
import { showValue } from './vpcs';

export const CLOUDFRONT_PREFIX_LIST_NAME = 'com.amazonaws.global.cloudfront.origin-facing';

/**
 * IDs of the AWS-managed `com.amazonaws.global.cloudfront.origin-facing` prefix list per region, as
 * published with the list's launch (AWS Networking & Content Delivery blog, "Limit access to your
 * origins using the AWS-managed prefix list for Amazon CloudFront", 2022) and used unchanged since:
 * examples/saas-reference passes the ID through a variable to keep its plan offline.
 */
export const CLOUDFRONT_PREFIX_LIST_IDS: Readonly<Record<string, string>> = {
  'pl-58a04531': 'ap-northeast-1',
  'pl-22a6434b': 'ap-northeast-2',
  'pl-9aa247f3': 'ap-south-1',
  'pl-31a34658': 'ap-southeast-1',
  'pl-b8a742d1': 'ap-southeast-2',
  'pl-38a64351': 'ca-central-1',
  'pl-a3a144ca': 'eu-central-1',
  'pl-fab65393': 'eu-north-1',
  'pl-4fa04526': 'eu-west-1',
  'pl-93a247fa': 'eu-west-2',
  'pl-75b1541c': 'eu-west-3',
  'pl-5da64334': 'sa-east-1',
  'pl-3b927c52': 'us-east-1',
  'pl-b6a144df': 'us-east-2',
  'pl-4ea04527': 'us-west-1',
  'pl-82a045eb': 'us-west-2',
};

/** One prefix list an ingress rule admits. */
export interface PrefixListSource {
  kind: 'cloudfront' | 'internet' | 'other' | 'unknown';
  /** How messages name it: `data.aws_ec2_managed_prefix_list.cf (com.amazonaws...)`, `"pl-x", which is ...`. */
  shown: string;
  /** The attribute on the rule's declaring resource: `ingress.0.prefix_list_ids`, `prefix_list_id`. */
  path: string;
}

type Classified = Omit<PrefixListSource, 'path'>;

/** The name a `data "aws_ec2_managed_prefix_list"` looks up, by `name` or a `prefix-list-name` filter. */
function managedListName(node: GraphNode): string | Unknown | undefined {
  const name = node.attr('name').value;
  if (name !== undefined) return typeof name === 'string' || name instanceof Unknown ? name : undefined;
  for (const f of node.blocks('filter')) {
    if (f.value instanceof Unknown) return f.value;
    if (f.value.name !== 'prefix-list-name') continue;
    const values = f.value.values;
    if (values instanceof Unknown) return values;
    if (Array.isArray(values) && values.length === 1 && (typeof values[0] === 'string' || values[0] instanceof Unknown)) return values[0];
  }
  return undefined;
}

function classifyNode(node: GraphNode): Classified {
  if (node.kind === 'data' && node.type === 'aws_ec2_managed_prefix_list') {
    const name = managedListName(node);
    if (name === CLOUDFRONT_PREFIX_LIST_NAME) return { kind: 'cloudfront', shown: `${node.address} (${CLOUDFRONT_PREFIX_LIST_NAME})` };
    if (name instanceof Unknown) return { kind: 'unknown', shown: `${node.address}, whose name is ${name.describe()}` };
    if (typeof name === 'string') return { kind: 'other', shown: `${node.address} (${name})` };
    return { kind: 'unknown', shown: `${node.address}, which is not looked up by name` };
  }
  if (node.kind === 'resource' && node.type === 'aws_ec2_managed_prefix_list') {
    // A customer-managed list may hold any address; one entry covering the internet is enough to say so.
    const internet = node.blocks('entry').some((e) => isObject(e.value) && typeof e.value.cidr === 'string' && isInternetCidr(e.value.cidr));
    if (internet) return { kind: 'internet', shown: `${node.address} (an entry covers the whole internet)` };
    return { kind: 'unknown', shown: `${node.address} (a customer-managed list)` };
  }
  return { kind: 'unknown', shown: `${node.address}, which is not a prefix list` };
}

function classifyValue(v: Value): Classified {
  if (typeof v === 'string') {
    const region = CLOUDFRONT_PREFIX_LIST_IDS[v];
    if (region) return { kind: 'cloudfront', shown: `${JSON.stringify(v)} (${CLOUDFRONT_PREFIX_LIST_NAME} in ${region})` };
    return { kind: 'unknown', shown: `${JSON.stringify(v)}, which is not known to be the CloudFront origin-facing list` };
  }
  return { kind: 'unknown', shown: `${showValue(v)}, not known statically` };
}

/** The prefix lists an ingress record admits, classified. */
export function prefixListsOf(graph: ResourceGraph, record: IngressRecord): PrefixListSource[] {
  const { node } = record;
  const path = node.type === 'aws_vpc_security_group_ingress_rule' ? 'prefix_list_id' : record.path === '' ? 'prefix_list_ids' : `${record.path}.prefix_list_ids`;
  if (!node.attr(path).present) return [];
  const ref = followReference(graph, node, path);
  return [...ref.nodes.map(classifyNode), ...ref.unresolved.map(classifyValue)].map((c) => ({ ...c, path }));
}
