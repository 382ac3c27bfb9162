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
    fix: 'set is_multi_region_trail and enable_log_file_validation to true, kms_key_id and cloud_watch_logs_group_arn',
    appliesTo: TRAIL_TYPES,
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
