import { Rule, RuleResult } from '../../src/rules/types';
import { ModelContext } from '../../src/rules/context';
import { ClusterSnapshot } from '../../src/providers/aws/rds/model';

export const VAULT_TYPES = ['aws_backup_vault'] as const;
export const SNAPSHOT_COPY_TYPES = ['aws_db_snapshot_copy', 'aws_rds_cluster_snapshot_copy'] as const;
export const CLUSTER_SNAPSHOT_TYPES = ['aws_db_cluster_snapshot'] as const;

/**
 * An `aws_db_cluster_snapshot` has no key of its own: it is encrypted like its cluster, with the
 * cluster's key. It passes when the cluster is encrypted with a customer-managed key.
 */
function checkClusterSnapshot(snapshot: ClusterSnapshot, { verdict, report }: ModelContext): RuleResult {
  const at = 'db_cluster_identifier';
  if (snapshot.missingIdentifier) return report('unknown', snapshot, 'snapshotUnnamed', { missing: snapshot.missingIdentifier }, undefined);
  const cluster = snapshot.cluster;
  if (!cluster) return report('unknown', snapshot, 'snapshotOutside', { cluster: snapshot.clusterIdentifier.describe() }, at);
  const data = { cluster: cluster.address };
  if (!(cluster.type === 'aws_rds_cluster' && cluster.engineMode.is('serverless') === true)) {
    const encrypted = cluster.storageEncrypted;
    if (!encrypted.known && !encrypted.mistyped) return report('unknown', snapshot, 'snapshotEncryptionUnknown', { ...data, reason: `unknown (${encrypted.reason})` }, at);
    if (encrypted.value !== true) return report('fail', snapshot, 'snapshotUnencrypted', { ...data, value: encrypted.describe() }, at);
  }
  const key = cluster.customerKey;
  if (!key.present) return report('fail', snapshot, 'snapshotClusterKeyOmitted', { ...data, attribute: key.path }, at);
  return verdict(snapshot, key.is(true), at, { data: { ...data, value: key.describe() }, pass: 'snapshotKey', fail: 'snapshotKey', unknown: 'snapshotKey' });
}

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-006',
    title: 'Backups and snapshot copies are encrypted with a customer-managed KMS key',
    claim: 'rest-kms',
    alsoEvidences: ['backup-recovery'],
    severity: 'medium',
    fix: 'set kms_key_arn / kms_key_id to a customer-managed aws_kms_key',
    appliesTo: [...VAULT_TYPES, ...SNAPSHOT_COPY_TYPES, ...CLUSTER_SNAPSHOT_TYPES],
    messages: {
      pass: '{{value}}',
      fail: '{{value}}',
      unknown: '{{value}}',
      vaultKeyOmitted: 'No customer-managed key: kms_key_arn is not set, so AWS Backup encrypts the vault with the AWS-managed key (alias/aws/backup)',
      copyKeyOmitted: "No customer-managed key: kms_key_id is not set, so the copy keeps the encryption of its source snapshot (the source's key, or none)",
      copyKeySet: '{{value}}: the copy is encrypted with the KMS key it names',
      snapshotUnnamed: '{{missing}}; the snapshot is encrypted like its cluster, which it does not name',
      snapshotOutside: 'The snapshot is encrypted like its cluster ({{cluster}}), which is not in the scanned configuration',
      snapshotEncryptionUnknown: 'The snapshot is encrypted like {{cluster}}, whose storage_encrypted is not known statically: {{reason}}',
      snapshotUnencrypted: 'The snapshot of {{cluster}} is not encrypted: the cluster has {{value}}',
      snapshotClusterKeyOmitted: 'The snapshot is encrypted with the key of {{cluster}}, which has no {{attribute}}: the AWS-managed key (alias/aws/rds), not a customer-managed key',
      snapshotKey: 'The snapshot is encrypted with the key of {{cluster}}: {{value}}',
    },
  },

  check(ctx) {
    const { aws, verdict, report } = ctx;
    const results: RuleResult[] = aws.backup.vaults.map((vault) => {
      const key = vault.customerKey;
      return key.present ? verdict(vault, key.is(true), key) : report('fail', vault, 'vaultKeyOmitted');
    });
    for (const copy of aws.rds.snapshotCopies) {
      const key = copy.customerKey;
      if (!key.present) results.push(report('fail', copy, 'copyKeyOmitted'));
      // Only setting kms_key_id is required of a copy (rules.md): a key that is certainly set passes when which key it is cannot be told.
      else if (!key.known && copy.keySet.is(true) === true) results.push(report('pass', copy, 'copyKeySet', { value: copy.keySet.describe() }, key));
      else results.push(verdict(copy, key.is(true), key));
    }
    for (const snapshot of aws.rds.clusterSnapshots) results.push(checkClusterSnapshot(snapshot, ctx));
    return results;
  },
};
