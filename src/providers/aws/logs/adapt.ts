/** Builds the CloudWatch Logs model: one `LogGroup` per `aws_cloudwatch_log_group`. */
import type { AwsModels } from '..';
import { readVal, toNumber } from '../../read';
import { LOG_GROUP_TYPES, LogGroup, LogsModel } from './model';

export function adaptLogs(aws: AwsModels): LogsModel {
  const logGroups = aws.graph.resources(LOG_GROUP_TYPES).map((node) => {
    const group = new LogGroup(node);
    group.retentionInDays = readVal(node, 'retention_in_days', toNumber, 0);
    return group;
  });
  return { logGroups };
}
