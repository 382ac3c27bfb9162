/** CloudTrail: the trails that record an account's API calls, and where they send them. */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';

export const TRAIL_TYPES = ['aws_cloudtrail'] as const;

export class Trail extends ModelResource {
  /** `is_multi_region_trail`, default false. */
  multiRegion!: Val<boolean>;
  /** `enable_log_file_validation`, default false. */
  logFileValidation!: Val<boolean>;
  /** `include_global_service_events`, default true. */
  globalServiceEvents!: Val<boolean>;
  /** `enable_logging`, default true. */
  logging!: Val<boolean>;
  /** Whether `kms_key_id` names a key (presence is the evidence: rules.md "Presence versus value"). */
  kmsKey!: Val<boolean>;
  /** Whether `cloud_watch_logs_group_arn` names a log group. */
  cloudWatchLogsGroup!: Val<boolean>;
}

export interface CloudTrailModel {
  trails: Trail[];
}
