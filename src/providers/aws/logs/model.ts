/** CloudWatch Logs: log groups and how long they keep their events. */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';

export const LOG_GROUP_TYPES = ['aws_cloudwatch_log_group'] as const;

export class LogGroup extends ModelResource {
  /** `retention_in_days`, default 0: events never expire. */
  retentionInDays!: Val<number>;
}

export interface LogsModel {
  logGroups: LogGroup[];
}
