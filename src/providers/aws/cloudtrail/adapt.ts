/** Builds the CloudTrail model: one `Trail` per `aws_cloudtrail`, with the provider v5 defaults. */
import type { AwsModels } from '..';
import { readPresence, readVal, toBoolean } from '../../read';
import { CloudTrailModel, TRAIL_TYPES, Trail } from './model';

export function adaptCloudTrail(aws: AwsModels): CloudTrailModel {
  const { graph } = aws;
  const trails = graph.resources(TRAIL_TYPES).map((node) => {
    const trail = new Trail(node);
    trail.multiRegion = readVal(node, 'is_multi_region_trail', toBoolean, false);
    trail.logFileValidation = readVal(node, 'enable_log_file_validation', toBoolean, false);
    trail.globalServiceEvents = readVal(node, 'include_global_service_events', toBoolean, true);
    trail.logging = readVal(node, 'enable_logging', toBoolean, true);
    trail.kmsKey = readPresence(graph, node, 'kms_key_id');
    trail.cloudWatchLogsGroup = readPresence(graph, node, 'cloud_watch_logs_group_arn');
    return trail;
  });
  return { trails };
}
