import { TRAIL_TYPES, Trail } from '../../src/providers/aws/cloudtrail/model';
import type { Val } from '../../src/providers/val';
import { combineParts, whereWritten } from '../../src/rules/context';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';

/** Each part of a trail, in the order the catalog lists them, with what it means when it fails. */
const PARTS: ReadonlyArray<{ leaf: (t: Trail) => Val<boolean>; presence?: true; consequence: string }> = [
  { leaf: (t) => t.multiRegion, consequence: 'the trail records API calls in its home region only' },
  { leaf: (t) => t.logFileValidation, consequence: 'no digest files are written, so altered or deleted log files go unnoticed' },
  { leaf: (t) => t.globalServiceEvents, consequence: 'events of global services (IAM, STS, CloudFront) are not recorded' },
  { leaf: (t) => t.kmsKey, presence: true, consequence: 'log files are encrypted with SSE-S3 only, not with a KMS key' },
  { leaf: (t) => t.cloudWatchLogsGroup, presence: true, consequence: 'events are not delivered to CloudWatch Logs, so nothing watches them' },
  { leaf: (t) => t.logging, consequence: 'the trail is stopped and records nothing' },
];

function part(leaf: Val<boolean>, presence: boolean, consequence: string): ResultPart {
  const status = leaf.known ? (leaf.value === true ? 'pass' : 'fail') : 'unknown';
  const why = status === 'pass' ? '' : status === 'fail' ? `: ${consequence}` : presence ? ': whether it is set is not known statically' : ': not known statically';
  return { name: leaf.path, status, message: `${leaf.describe()}${why}`, attribute: whereWritten(leaf) };
}

export const rule: Rule = {
  meta: {
    id: 'TG-LOG-001',
    title: 'A multi-region CloudTrail trail logs API calls with validation, KMS encryption and CloudWatch delivery',
    claim: 'audit-logging',
    severity: 'high',
    existence: true,
    fix: 'set is_multi_region_trail and enable_log_file_validation to true, kms_key_id and cloud_watch_logs_group_arn',
    appliesTo: TRAIL_TYPES,
    messages: {
      pass: 'multi-region trail with log file validation, KMS encryption and CloudWatch Logs delivery: {{parts}}',
      fail: '{{parts}}',
      unknown: '{{parts}}',
    },
  },

  check({ aws, report }): RuleResult[] {
    const { trails } = aws.cloudtrail;
    if (trails.length === 0) {
      return [
        {
          status: 'not-evidenced',
          message:
            'No aws_cloudtrail in the scanned configuration: nothing shows that API calls are logged (a trail managed elsewhere can be given to the profile as external evidence)',
        },
      ];
    }
    return trails.map((trail) => {
      const parts = PARTS.map((p) => part(p.leaf(trail), p.presence === true, p.consequence));
      const { status, deciding } = combineParts(parts);
      // Points at the first deciding attribute the configuration writes, else the block.
      const at = status === 'pass' ? undefined : deciding.find((p) => p.attribute !== undefined)?.attribute;
      return report(status, trail, status, { parts: deciding.map((p) => p.message).join('; ') }, at, parts);
    });
  },
};
