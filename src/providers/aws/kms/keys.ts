/**
 * Judging KMS keys: does an attribute (`kms_key_id`, `kms_key_arn`) name a customer-managed key, or
 * an AWS-managed one (`alias/aws/rds`, `alias/aws/backup`, ...) that the customer cannot control or
 * audit? Shared by every rule that asks for a customer-managed key (TG-ENC-002, TG-ENC-006).
 */
import { Unknown } from '../../../eval/value';
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { setting, show } from '../../attributes';
import { referencedNodes } from '../../links';

/** Resource (and data source) types that stand for a KMS key. */
export const KMS_KEY_TYPES = ['aws_kms_key', 'aws_kms_alias', 'aws_kms_replica_key', 'aws_kms_external_key', 'aws_kms_replica_external_key'] as const;

/** Managed resource types that are always customer-managed keys. */
const CUSTOMER_KEY_RESOURCE_TYPES = ['aws_kms_key', 'aws_kms_replica_key', 'aws_kms_external_key', 'aws_kms_replica_external_key'];

export interface KeyJudgement {
  status: 'pass' | 'fail' | 'unknown';
  message: string;
}

/** `alias/aws/rds`, `arn:...:alias/aws/rds`: AWS-managed keys, which customers cannot control or audit. */
export function isAwsManagedAlias(s: string): boolean {
  return /(^|:)alias\/aws\//.test(s);
}

/** `module.x.aws_kms_key.k` → `aws_kms_key`; `data.aws_kms_key.k` → undefined (a lookup, not a key). */
export function resourceTypeOf(address: string): string | undefined {
  const parts = address.replace(/^(module\.[^.]+(\[[^\]]*\])?\.)+/, '').split('.');
  return parts[0] === 'data' ? undefined : parts[0];
}

/** A key node in the graph that `attr` refers to: customer alias or key resources pass; lookups are judged by name. */
export function judgeKeyNode(attr: string, key: GraphNode): KeyJudgement {
  if (key.kind === 'data') {
    // A lookup by a literal alias or key ID: the name decides, as for a literal in the attribute.
    const named = [key.attr('name').value, key.attr('key_id').value].find((v) => typeof v === 'string') as string | undefined;
    if (named && isAwsManagedAlias(named)) return { status: 'fail', message: `${attr} refers to ${key.address} (${named}), an AWS-managed key` };
    if (named) return { status: 'pass', message: `${attr} refers to ${key.address} (${named}), not an AWS-managed alias` };
    return { status: 'unknown', message: `${attr} refers to ${key.address}, a key looked up at plan time by a value not known statically` };
  }
  if (key.type === 'aws_kms_alias') {
    const name = key.attr('name').value;
    if (typeof name === 'string' && isAwsManagedAlias(name)) return { status: 'fail', message: `${attr} refers to ${key.address} (${name}), an AWS-managed key` };
  }
  return { status: 'pass', message: `${attr} refers to ${key.address}, a customer-managed key` };
}

/**
 * Whether the (present) attribute `attr` of `node` names a customer-managed key: a key or customer
 * alias in the graph, a data-source lookup by a customer alias, an ARN/ID literal that is not an
 * AWS-managed alias, or a reference to an `aws_kms_key` declared outside the scanned files.
 * Callers decide what an omitted attribute means (usually: the service's AWS-managed key).
 */
export function judgeCustomerManagedKey(graph: ResourceGraph, node: GraphNode, attr: string): KeyJudgement {
  const key = setting(node, attr);
  const targets = referencedNodes(graph, node, attr, KMS_KEY_TYPES);
  const keyNodes = targets.nodes.filter((n) => (KMS_KEY_TYPES as readonly string[]).includes(n.type));
  if (keyNodes.length > 0) return judgeKeyNode(attr, keyNodes[0]);
  const v = key.value;
  if (typeof v === 'string') {
    if (isAwsManagedAlias(v)) return { status: 'fail', message: `${key.describe}: an AWS-managed key` };
    if (v.trim() === '') return { status: 'fail', message: `${attr} is empty, so AWS uses the AWS-managed key` };
    return { status: 'pass', message: `${key.describe}: a key ARN that is not an AWS-managed alias` };
  }
  // A reference to a key resource this configuration does not declare (a file scanned alone):
  // its type alone says it is a customer-managed key.
  const refType = v instanceof Unknown && v.ref ? resourceTypeOf(v.ref.address) : undefined;
  if (refType && CUSTOMER_KEY_RESOURCE_TYPES.includes(refType)) {
    return {
      status: 'pass',
      message: `${attr} refers to ${v instanceof Unknown ? v.ref!.address : ''}, an ${refType} (declared outside the scanned files): a customer-managed key`,
    };
  }
  if (v instanceof Unknown) return { status: 'unknown', message: `the key is not known statically: ${show(v)}` };
  return { status: 'unknown', message: `${key.describe}: cannot tell which key this is` };
}
