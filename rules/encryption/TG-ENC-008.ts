import { Rule, RuleResult } from '../../src/rules/types';
import { ModelContext } from '../../src/rules/context';
import type { Switch } from '../../src/providers/aws/switch';
import type { Table } from '../../src/providers/aws/dynamodb/model';
import type { Queue } from '../../src/providers/aws/sqs/model';
import type { ModelResource } from '../../src/providers/resource';
import type { Val } from '../../src/providers/val';
import { parameter } from '../../src/rules/parameter';

export const DATA_SERVICE_TYPES = [
  'aws_efs_file_system',
  'aws_dynamodb_table',
  'aws_sqs_queue',
  'aws_sns_topic',
  'aws_cloudwatch_log_group',
  'aws_opensearch_domain',
  'aws_elasticsearch_domain',
  'aws_redshift_cluster',
];

type Report = ModelContext['report'];

/** An encryption switch: true passes, false fails with what that leaves in the clear. */
function encryptionSwitch(subject: ModelResource, s: Switch, offMeans: string, report: Report): RuleResult {
  const value = s.leaf.describe();
  if (s.leaf.mistyped) return report('unknown', subject, 'mistyped', { value }, s.at);
  if (!s.leaf.known) return report('unknown', subject, 'switchUnknown', { name: s.name, reason: s.leaf.reason ?? '' }, s.leaf.path);
  return s.leaf.value ? report('pass', subject, 'pass', { value }, s.at) : report('fail', subject, 'switchOff', { value, offMeans }, s.at);
}

/** Without `server_side_encryption.enabled = true` DynamoDB still encrypts, with an AWS-owned key. */
function dynamodb(table: Table, requireKms: boolean, report: Report): RuleResult {
  const { leaf, name, at } = table.kmsEncryption;
  const data = { value: leaf.describe(), name, reason: leaf.reason ?? '' };
  const open = !leaf.known && !leaf.mistyped;
  if (leaf.value === true) return report('pass', table, 'dynamodbKms', data, at);
  // Encrypted at rest whichever way the switch goes: AWS-owned key or KMS.
  if (!requireKms) return open ? report('pass', table, 'dynamodbEitherWay', data, leaf.path) : report('pass', table, 'dynamodbOwned', data, at);
  if (open) return report('unknown', table, 'switchUnknown', data, leaf.path);
  return leaf.value === false ? report('fail', table, 'dynamodbOwnedNotEnough', data, at) : report('unknown', table, 'mistyped', data, at);
}

/** SQS: a KMS key, or SSE-SQS, which AWS turns on for new queues unless `sqs_managed_sse_enabled = false`. */
function sqs(queue: Queue, report: Report): RuleResult {
  const key = queue.kmsKey;
  if (key.value === true) return report('pass', queue, 'sseKms', { value: key.describe() }, key);
  const keyText = key.known ? key.describe() : `${key.describe()}, not known statically`;
  const sse = queue.sqsManagedSse;
  const data = { value: sse.describe(), key: keyText, reason: sse.reason ?? '' };
  if (sse.value === true) return report('pass', queue, 'sseSqs', data, sse);
  if (!sse.present) return report('pass', queue, 'sseSqsDefault', { key: key.known ? 'no kms_master_key_id' : keyText }, key.known ? undefined : key);
  if (!sse.known && !sse.mistyped) return report('unknown', queue, 'sseUnknown', data, sse);
  if (sse.value === false) return key.known ? report('fail', queue, 'sseOff', data, sse) : report('unknown', queue, 'sseOffKeyOpen', data, key);
  return report('unknown', queue, 'mistyped', data, sse);
}

/** SNS topics and CloudWatch log groups are encrypted with KMS only when a key is set. */
function keyRequired(subject: ModelResource, key: Val<boolean>, without: string, report: Report): RuleResult {
  const data = { value: key.describe(), without };
  if (!key.known) return report('unknown', subject, 'keyUnknown', data, key);
  return key.value ? report('pass', subject, 'keySet', data, key) : report('fail', subject, 'keyMissing', data, key.present ? key : undefined);
}

const DYNAMODB_REQUIRE_KMS = parameter<boolean>({
  key: 'dynamodbRequireKms',
  profileKey: 'dynamodb_require_kms',
  schema: { type: 'boolean' },
  default: false,
  description: 'fail DynamoDB tables encrypted with an AWS owned key',
});

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-008',
    title: 'Other data services encrypt personal data at rest',
    claim: 'rest-kms',
    severity: 'medium',
    parameters: [DYNAMODB_REQUIRE_KMS],
    fix: 'turn on encryption at rest (encrypted = true, a kms key, or encrypt_at_rest.enabled = true)',
    appliesTo: DATA_SERVICE_TYPES,
    messages: {
      pass: '{{value}}',
      switchOff: '{{value}}: {{offMeans}}',
      switchUnknown: '{{name}} is not known statically: unknown ({{reason}})',
      mistyped: '{{value}} is not a boolean',
      dynamodbKms: '{{value}}: encrypted with a KMS key (kms_key_arn, else the AWS-managed aws/dynamodb key)',
      dynamodbEitherWay: '{{name}} is not known statically ({{reason}}), but either way DynamoDB encrypts the table at rest (AWS-owned key or KMS)',
      dynamodbOwned: '{{value}}: DynamoDB encrypts the table with an AWS-owned key (AES-256 at rest); set dynamodb_require_kms in the profile to require a KMS key',
      dynamodbOwnedNotEnough: '{{value}}: DynamoDB encrypts the table with an AWS-owned key, and the profile requires a KMS key (dynamodb_require_kms)',
      sseKms: '{{value}}: SSE-KMS',
      sseSqs: '{{value}}: SSE-SQS',
      sseSqsDefault: '{{key}} and sqs_managed_sse_enabled is not set: SQS encrypts new queues with SSE-SQS by default',
      sseUnknown: 'sqs_managed_sse_enabled is not known statically: unknown ({{reason}})',
      sseOffKeyOpen: '{{value}} and {{key}}',
      sseOff: "{{value}} and {{key}}: the queue's messages are not encrypted at rest",
      keySet: '{{value}}: encrypted with KMS',
      keyUnknown: '{{value}}: whether a key is set is not known statically',
      keyMissing: '{{value}}: {{without}}',
    },
  },

  check({ aws, params, report }) {
    return [
      ...aws.efs.fileSystems.map((fs) => encryptionSwitch(fs, fs.encrypted, 'the file system is not encrypted at rest', report)),
      ...aws.dynamodb.tables.map((table) => dynamodb(table, DYNAMODB_REQUIRE_KMS.of(params), report)),
      ...aws.sqs.queues.map((queue) => sqs(queue, report)),
      ...aws.sns.topics.map((topic) => keyRequired(topic, topic.kmsKey, "the topic's messages are not encrypted at rest", report)),
      ...aws.logGroupKeys.map((group) => keyRequired(group, group.kmsKey, 'the log data is not encrypted with a KMS key', report)),
      ...aws.opensearch.domains.map((d) => encryptionSwitch(d, d.encryptAtRest, "the domain's indices, logs and snapshots are not encrypted at rest", report)),
      ...aws.redshift.clusters.map((c) => encryptionSwitch(c, c.encrypted, 'the cluster and its snapshots are not encrypted at rest', report)),
    ];
  },
};
