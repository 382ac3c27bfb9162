import { Unknown } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { asBoolean, setting, show } from '../../src/rules/support/attributes';
import { judgeCustomerManagedKey } from '../../src/rules/support/kms';
import { presenceOf } from '../../src/rules/support/presence';
import { referencedNodes } from '../../src/rules/support/references';
import { missingRequired } from '../../src/rules/support/required';
import { fail, result, unknown } from '../../src/rules/support/results';
import { Rule, RuleResult } from '../../src/rules/types';

export const VAULT_TYPES = ['aws_backup_vault'] as const;
export const SNAPSHOT_COPY_TYPES = ['aws_db_snapshot_copy', 'aws_rds_cluster_snapshot_copy'] as const;
export const CLUSTER_SNAPSHOT_TYPES = ['aws_db_cluster_snapshot'] as const;

/** Clusters an `aws_db_cluster_snapshot` can be taken of, and their key attribute. */
const CLUSTER_KEY_ATTRIBUTE: Record<string, string> = { aws_rds_cluster: 'kms_key_id', aws_docdb_cluster: 'kms_key_id', aws_neptune_cluster: 'kms_key_arn' };
const CLUSTER_TYPES = Object.keys(CLUSTER_KEY_ATTRIBUTE);

/** A present key attribute judged as customer-managed or not; an omitted one means the AWS-managed key. */
function keyResult(graph: ResourceGraph, node: GraphNode, attr: string, omitted: string): RuleResult {
  if (!node.attr(attr).present) return fail(node, omitted);
  const judged = judgeCustomerManagedKey(graph, node, attr);
  return result(judged.status, node, judged.message, attr);
}

/**
 * A snapshot copy only has to set `kms_key_id` (rules.md): a key known to be AWS-managed still fails,
 * and when which key it is cannot be told, a key that is certainly set (a required variable) passes.
 */
function copyKeyResult(graph: ResourceGraph, node: GraphNode): RuleResult {
  const attr = 'kms_key_id';
  const judged = keyResult(graph, node, attr, 'No customer-managed key: kms_key_id is not set, so the copy keeps the encryption of its source snapshot (the source\'s key, or none)');
  if (judged.status !== 'unknown') return judged;
  const key = presenceOf(graph, node, attr);
  return key.status === 'set' ? result('pass', node, `${key.describe}: the copy is encrypted with the KMS key it names`, attr) : judged;
}

/** The cluster a cluster snapshot is taken of: by reference, else by a literal `cluster_identifier`. */
function clusterOf(graph: ResourceGraph, node: GraphNode): GraphNode | undefined {
  const { nodes, unresolved } = referencedNodes(graph, node, 'db_cluster_identifier', CLUSTER_TYPES);
  if (nodes.length > 0) return nodes[0];
  const names = unresolved.filter((v): v is string => typeof v === 'string');
  return graph.resources(CLUSTER_TYPES).find((c) => names.includes(c.attr('cluster_identifier').value as string));
}

/**
 * An `aws_db_cluster_snapshot` has no key of its own: it is encrypted like its cluster, with the
 * cluster's key. It passes when the cluster is encrypted with a customer-managed key.
 */
function checkClusterSnapshot(graph: ResourceGraph, node: GraphNode): RuleResult {
  const attr = 'db_cluster_identifier';
  const missing = missingRequired(node, attr);
  if (missing) return unknown(node, `${missing}; the snapshot is encrypted like its cluster, which it does not name`);
  const cluster = clusterOf(graph, node);
  if (!cluster) {
    return unknown(node, `The snapshot is encrypted like its cluster (${show(node.attr(attr).value)}), which is not in the scanned configuration`, attr);
  }
  const serverless = cluster.type === 'aws_rds_cluster' && cluster.attr('engine_mode').value === 'serverless';
  if (!serverless) {
    const enc = setting(cluster, 'storage_encrypted', false);
    const v = asBoolean(enc.value);
    if (v instanceof Unknown) return unknown(node, `The snapshot is encrypted like ${cluster.address}, whose storage_encrypted is not known statically: ${show(v)}`, attr);
    if (v !== true) return fail(node, `The snapshot of ${cluster.address} is not encrypted: the cluster has ${enc.describe}`, attr);
  }
  const keyAttr = CLUSTER_KEY_ATTRIBUTE[cluster.type];
  if (!cluster.attr(keyAttr).present) {
    return fail(node, `The snapshot is encrypted with the key of ${cluster.address}, which has no ${keyAttr}: the AWS-managed key (alias/aws/rds), not a customer-managed key`, attr);
  }
  const judged = judgeCustomerManagedKey(graph, cluster, keyAttr);
  return result(judged.status, node, `The snapshot is encrypted with the key of ${cluster.address}: ${judged.message}`, attr);
}

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-006',
    title: 'Backups and snapshot copies are encrypted with a customer-managed KMS key',
    claim: 'rest-kms',
    severity: 'medium',
    fix: 'set kms_key_arn / kms_key_id to a customer-managed aws_kms_key',
    appliesTo: [...VAULT_TYPES, ...SNAPSHOT_COPY_TYPES, ...CLUSTER_SNAPSHOT_TYPES],
  },

  check({ graph }) {
    const results: RuleResult[] = [];
    for (const node of graph.resources(VAULT_TYPES)) {
      results.push(keyResult(graph, node, 'kms_key_arn', 'No customer-managed key: kms_key_arn is not set, so AWS Backup encrypts the vault with the AWS-managed key (alias/aws/backup)'));
    }
    for (const node of graph.resources(SNAPSHOT_COPY_TYPES)) results.push(copyKeyResult(graph, node));
    for (const node of graph.resources(CLUSTER_SNAPSHOT_TYPES)) results.push(checkClusterSnapshot(graph, node));
    return results;
  },
};
