import { Unknown } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { presenceOf } from '../../src/rules/support/presence';
import { RuleParameters } from '../../src/rules/parameters';
import { Setting, asBoolean, setting, show } from '../../src/rules/support/attributes';
import { result } from '../../src/rules/support/results';
import { Rule, RuleResult } from '../../src/rules/types';

interface Verdict {
  status: 'pass' | 'fail' | 'unknown';
  message: string;
  attribute?: string;
}

type Judge = (graph: ResourceGraph, node: GraphNode, params: RuleParameters) => Verdict;

/** A setting whose message names the whole path: `encrypt_at_rest.enabled = false (provider default when omitted)`. */
function qualifiedSetting(node: GraphNode, path: string, defaultValue?: boolean): Setting {
  const s = setting(node, path, defaultValue);
  return { ...s, describe: s.describe.replace(/^\S+/, path.replace(/\.\d+(?=\.|$)/g, '')) };
}

/** A boolean switch with its provider default: true passes, false fails. */
function booleanSwitch(node: GraphNode, path: string, defaultValue: boolean, offMeans: string): Verdict {
  const s = qualifiedSetting(node, path, defaultValue);
  const v = asBoolean(s.value);
  const block = path.includes('.') ? path.split('.')[0] : undefined;
  const attribute = s.read.present ? path : block && node.attr(block).present ? block : undefined;
  if (v === true) return { status: 'pass', message: s.describe, attribute };
  if (v === false) return { status: 'fail', message: `${s.describe}: ${offMeans}`, attribute };
  if (v instanceof Unknown) return { status: 'unknown', message: `${path.replace(/\.\d+(?=\.|$)/g, '')} is not known statically: ${show(v)}`, attribute: path };
  return { status: 'unknown', message: `${s.describe} is not a boolean`, attribute };
}

const efs: Judge = (_g, node) => booleanSwitch(node, 'encrypted', false, 'the file system is not encrypted at rest');
const redshift: Judge = (_g, node) => booleanSwitch(node, 'encrypted', false, 'the cluster and its snapshots are not encrypted at rest');
const search: Judge = (_g, node) => booleanSwitch(node, 'encrypt_at_rest.0.enabled', false, 'the domain\'s indices, logs and snapshots are not encrypted at rest');

/** Without `server_side_encryption.enabled = true` DynamoDB still encrypts, with an AWS-owned key. */
const dynamodb: Judge = (_g, node, params) => {
  const path = 'server_side_encryption.0.enabled';
  const shown = 'server_side_encryption.enabled';
  const s = qualifiedSetting(node, path, false);
  const v = asBoolean(s.value);
  const attribute = s.read.present ? path : node.attr('server_side_encryption').present ? 'server_side_encryption' : undefined;
  if (v === true) return { status: 'pass', message: `${s.describe}: encrypted with a KMS key (kms_key_arn, else the AWS-managed aws/dynamodb key)`, attribute };
  const owned = 'DynamoDB encrypts the table with an AWS-owned key';
  if (!params.dynamodbRequireKms) {
    // Encrypted at rest whichever way the switch goes: AWS-owned key or KMS.
    if (v instanceof Unknown) {
      return { status: 'pass', message: `${shown} is not known statically (${v.describe()}), but either way DynamoDB encrypts the table at rest (AWS-owned key or KMS)`, attribute: path };
    }
    return { status: 'pass', message: `${s.describe}: ${owned} (AES-256 at rest); set dynamodb_require_kms in the profile to require a KMS key`, attribute };
  }
  if (v instanceof Unknown) return { status: 'unknown', message: `${shown} is not known statically: ${show(v)}`, attribute: path };
  if (v === false) return { status: 'fail', message: `${s.describe}: ${owned}, and the profile requires a KMS key (dynamodb_require_kms)`, attribute };
  return { status: 'unknown', message: `${s.describe} is not a boolean`, attribute };
};

/** SQS: a KMS key, or SSE-SQS, which AWS turns on for new queues unless `sqs_managed_sse_enabled = false`. */
const sqs: Judge = (graph, node) => {
  const key = presenceOf(graph, node, 'kms_master_key_id');
  if (key.status === 'set') return { status: 'pass', message: `${key.describe}: SSE-KMS`, attribute: 'kms_master_key_id' };
  const keyOpen = key.status === 'unknown';
  const keyText = keyOpen ? `${key.describe}, not known statically` : key.describe;
  const sse = setting(node, 'sqs_managed_sse_enabled');
  const v = asBoolean(sse.value);
  if (v === true) return { status: 'pass', message: `${sse.describe}: SSE-SQS`, attribute: 'sqs_managed_sse_enabled' };
  if (!sse.read.present) {
    return {
      status: 'pass',
      message: `${keyOpen ? keyText : 'no kms_master_key_id'} and sqs_managed_sse_enabled is not set: SQS encrypts new queues with SSE-SQS by default`,
      attribute: keyOpen ? 'kms_master_key_id' : undefined,
    };
  }
  if (v instanceof Unknown) return { status: 'unknown', message: `sqs_managed_sse_enabled is not known statically: ${show(v)}`, attribute: 'sqs_managed_sse_enabled' };
  if (v === false && keyOpen) return { status: 'unknown', message: `${sse.describe} and ${keyText}`, attribute: 'kms_master_key_id' };
  if (v === false) return { status: 'fail', message: `${sse.describe} and ${keyText}: the queue's messages are not encrypted at rest`, attribute: 'sqs_managed_sse_enabled' };
  return { status: 'unknown', message: `${sse.describe} is not a boolean`, attribute: 'sqs_managed_sse_enabled' };
};

/** SNS topics and CloudWatch log groups are encrypted with KMS only when a key is set. */
function keyRequired(path: string, without: string): Judge {
  return (graph, node) => {
    const key = presenceOf(graph, node, path);
    if (key.status === 'set') return { status: 'pass', message: `${key.describe}: encrypted with KMS`, attribute: path };
    if (key.status === 'unknown') return { status: 'unknown', message: `${key.describe}: whether a key is set is not known statically`, attribute: path };
    return { status: 'fail', message: `${key.describe}: ${without}`, attribute: node.attr(path).present ? path : undefined };
  };
}

const JUDGES: Record<string, Judge> = {
  aws_efs_file_system: efs,
  aws_dynamodb_table: dynamodb,
  aws_sqs_queue: sqs,
  aws_sns_topic: keyRequired('kms_master_key_id', 'the topic\'s messages are not encrypted at rest'),
  aws_cloudwatch_log_group: keyRequired('kms_key_id', 'the log data is not encrypted with a KMS key'),
  aws_opensearch_domain: search,
  aws_elasticsearch_domain: search,
  aws_redshift_cluster: redshift,
};

export const DATA_SERVICE_TYPES = Object.keys(JUDGES);

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-008',
    title: 'Other data services encrypt personal data at rest',
    claim: 'rest-kms',
    severity: 'medium',
    fix: 'turn on encryption at rest (encrypted = true, a kms key, or encrypt_at_rest.enabled = true)',
    appliesTo: DATA_SERVICE_TYPES,
  },

  check({ graph, params }) {
    const results: RuleResult[] = [];
    for (const [type, judge] of Object.entries(JUDGES)) {
      for (const node of graph.resources(type)) {
        const v = judge(graph, node, params);
        results.push(result(v.status, node, v.message, v.attribute));
      }
    }
    return results;
  },
};
