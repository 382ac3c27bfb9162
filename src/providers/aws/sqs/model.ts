/** SQS queues: encryption at rest (SSE-KMS or SSE-SQS). */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';

export class Queue extends ModelResource {
  /** Whether `kms_master_key_id` is set (SSE-KMS). */
  kmsKey!: Val<boolean>;
  /** `sqs_managed_sse_enabled` as written; omitted, AWS turns SSE-SQS on for new queues. */
  sqsManagedSse!: Val<boolean>;
}

export interface SqsModel {
  queues: Queue[];
}
