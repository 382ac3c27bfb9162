/** AWS Backup: what the rules ask of backup vaults. */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';

export class BackupVault extends ModelResource {
  /** Whether `kms_key_arn` names a customer-managed key; omitted: the AWS-managed key (alias/aws/backup). */
  customerKey!: Val<boolean>;
}

export interface BackupModel {
  vaults: BackupVault[];
}
