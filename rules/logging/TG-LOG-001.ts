import { Unknown } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { asBoolean, setting } from '../../src/rules/support/attributes';
import { presenceOf } from '../../src/rules/support/presence';
import { combineParts } from '../../src/rules/support/results';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';

export const TRAIL_TYPES = ['aws_cloudtrail'] as const;

interface BooleanPart {
  path: string;
  /** AWS provider v5 default when omitted. */
  defaultValue: boolean;
  /** What it means when the part fails. */
  consequence: string;
}

const BOOLEAN_PARTS: Record<string, BooleanPart> = {
  is_multi_region_trail: { path: 'is_multi_region_trail', defaultValue: false, consequence: 'the trail records API calls in its home region only' },
  enable_log_file_validation: {
    path: 'enable_log_file_validation',
    defaultValue: false,
    consequence: 'no digest files are written, so altered or deleted log files go unnoticed',
  },
  include_global_service_events: {
    path: 'include_global_service_events',
    defaultValue: true,
    consequence: 'events of global services (IAM, STS, CloudFront) are not recorded',
  },
  enable_logging: { path: 'enable_logging', defaultValue: true, consequence: 'the trail is stopped and records nothing' },
};

function booleanPart(node: GraphNode, spec: BooleanPart): ResultPart {
  const s = setting(node, spec.path, spec.defaultValue);
  const attribute = s.read.present ? spec.path : undefined;
  const v = asBoolean(s.value);
  if (v === true) return { name: spec.path, status: 'pass', message: s.describe, attribute };
  if (v === false) return { name: spec.path, status: 'fail', message: `${s.describe}: ${spec.consequence}`, attribute };
  if (v instanceof Unknown) return { name: spec.path, status: 'unknown', message: `${s.describe}: not known statically`, attribute };
  return { name: spec.path, status: 'unknown', message: `${s.describe} is not a boolean`, attribute };
}

function presencePart(graph: ResourceGraph, node: GraphNode, path: string, consequence: string): ResultPart {
  const p = presenceOf(graph, node, path);
  const attribute = node.attr(path).present ? path : undefined;
  if (p.status === 'set') return { name: path, status: 'pass', message: p.describe, attribute };
  if (p.status === 'unset') return { name: path, status: 'fail', message: `${p.describe}: ${consequence}`, attribute };
  return { name: path, status: 'unknown', message: `${p.describe}: whether it is set is not known statically`, attribute };
}

/** The parts of one trail, in the order the catalog lists them. */
export function trailParts(graph: ResourceGraph, node: GraphNode): ResultPart[] {
  return [
    booleanPart(node, BOOLEAN_PARTS.is_multi_region_trail),
    booleanPart(node, BOOLEAN_PARTS.enable_log_file_validation),
    booleanPart(node, BOOLEAN_PARTS.include_global_service_events),
    presencePart(graph, node, 'kms_key_id', 'log files are encrypted with SSE-S3 only, not with a KMS key'),
    presencePart(graph, node, 'cloud_watch_logs_group_arn', 'events are not delivered to CloudWatch Logs, so nothing watches them'),
    booleanPart(node, BOOLEAN_PARTS.enable_logging),
  ];
}

/** Points a multi-part result at the first deciding attribute the configuration actually writes, else the block. */
function pointAtWrittenAttribute(node: GraphNode, res: RuleResult): RuleResult {
  if (res.status === 'pass' || !res.parts) return res;
  const deciding = res.parts.filter((p) => p.status === res.status);
  const attribute = deciding.find((p) => p.attribute !== undefined)?.attribute;
  return { ...res, attribute, location: node.locationOf(attribute ?? '') };
}

export const rule: Rule = {
  meta: {
    id: 'TG-LOG-001',
    title: 'A multi-region CloudTrail trail logs API calls with validation, KMS encryption and CloudWatch delivery',
    claim: 'audit-logging',
    severity: 'high',
    existence: true,
    description: [
      'The TOM promises that CloudTrail logs API calls. Evidence is an `aws_cloudtrail` trail that is',
      'multi-region (`is_multi_region_trail = true`), validates its log files (`enable_log_file_validation = true`),',
      'records global service events (`include_global_service_events` not false; the provider default is true),',
      'encrypts its log files with a KMS key (`kms_key_id` set), delivers events to CloudWatch Logs',
      '(`cloud_watch_logs_group_arn` set) and is logging (`enable_logging` not false; default true).',
      'Omitted attributes take the AWS provider v5 defaults: `is_multi_region_trail` and',
      '`enable_log_file_validation` default to false and fail. Each trail gets one result naming every failing',
      'part. When the scanned configuration has no trail at all, the claim is `not-evidenced` (a trail managed',
      'elsewhere, e.g. an organization trail, can be given to the profile as external evidence).',
    ].join('\n'),
    remediation: [
      'Create one multi-region trail with log file validation, a KMS key and CloudWatch Logs delivery:',
      '',
      '```hcl',
      'resource "aws_cloudtrail" "main" {',
      '  name                          = "main"',
      '  s3_bucket_name                = aws_s3_bucket.trail.id',
      '  is_multi_region_trail         = true',
      '  include_global_service_events = true',
      '  enable_log_file_validation    = true',
      '  kms_key_id                    = aws_kms_key.trail.arn',
      '  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.trail.arn}:*"',
      '  cloud_watch_logs_role_arn     = aws_iam_role.trail_to_cloudwatch.arn',
      '}',
      '```',
    ].join('\n'),
    fix: 'set is_multi_region_trail and enable_log_file_validation to true, kms_key_id and cloud_watch_logs_group_arn',
    appliesTo: TRAIL_TYPES,
    references: {
      checkov: ['CKV_AWS_67', 'CKV_AWS_36', 'CKV_AWS_35', 'CKV_AWS_251', 'CKV2_AWS_10'],
      trivy: ['AVD-AWS-0014', 'AVD-AWS-0016', 'AVD-AWS-0015', 'AVD-AWS-0162'],
      kics: [
        '8173d5eb-96b5-4aa6-a71b-ecfa153c123d',
        '52ffcfa6-6c70-4ea6-8376-d828d3961669',
        '5d9e3164-9265-470c-9a10-57ae454ac0c7',
        '17b30f8f-8dfb-4597-adf6-57600b6cf25e',
        '4bb76f17-3d63-4529-bdca-2b454529d774',
      ],
      docs: [
        'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/cloudtrail',
        'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html',
        'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html',
      ],
    },
  },

  check({ graph }) {
    const trails = graph.resources(TRAIL_TYPES);
    if (trails.length === 0) {
      return [
        {
          status: 'not-evidenced',
          message:
            'No aws_cloudtrail in the scanned configuration: nothing shows that API calls are logged (a trail managed elsewhere can be given to the profile as external evidence)',
        },
      ];
    }
    return trails.map((node) => {
      const parts = trailParts(graph, node);
      const passMessage = `multi-region trail with log file validation, KMS encryption and CloudWatch Logs delivery: ${parts.map((p) => p.message).join('; ')}`;
      return pointAtWrittenAttribute(node, combineParts(node, parts, passMessage));
    });
  },
};
