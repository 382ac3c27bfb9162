/** Builds the AWS Backup model: one `BackupVault` per `aws_backup_vault`. */
import type { AwsModels } from '..';
import { customerKeyVal } from '../customer-key';
import { BackupModel, BackupVault } from './model';

export function adaptBackup(aws: AwsModels): BackupModel {
  const vaults = aws.graph.resources('aws_backup_vault').map((node) => {
    const vault = new BackupVault(node);
    vault.customerKey = customerKeyVal(aws.graph, node, 'kms_key_arn');
    return vault;
  });
  return { vaults };
}
