/**
 * "Is this key attribute a customer-managed KMS key?" as a leaf, for every data service that takes a
 * key (databases, snapshot copies, backup vaults). The judgement itself belongs to the KMS helper
 * (src/providers/aws/kms/keys.ts, the `storage` service's); this only turns its answer into a `Val`.
 */
import type { GraphNode, ResourceGraph } from '../../graph/model';
import { judgeCustomerManagedKey } from './kms/keys';
import { Val } from '../val';

/**
 * Known true/false or unknown, described with the judgement (`kms_key_id refers to aws_kms_key.db, a
 * customer-managed key`). Omitted (`present` false): known false, and the rule says which AWS-managed
 * key the service falls back to.
 */
export function customerKeyVal(graph: ResourceGraph, node: GraphNode, path: string): Val<boolean> {
  const read = node.attr(path);
  const base = { owner: node, path, present: read.present, isDefault: false, origins: read.origins };
  if (!read.present) return new Val<boolean>({ ...base, known: true, value: false, described: `${path} is not set` });
  const judged = judgeCustomerManagedKey(graph, node, path);
  if (judged.status === 'unknown') return new Val<boolean>({ ...base, known: false, reason: judged.message, described: judged.message });
  return new Val<boolean>({ ...base, known: true, value: judged.status === 'pass', described: judged.message });
}
