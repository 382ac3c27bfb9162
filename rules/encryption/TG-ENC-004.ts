import { BUCKET_TYPES, Bucket, SseConfiguration, SseRule } from '../../src/providers/aws/s3/model';
import type { Val } from '../../src/providers/val';
import { formatMessage } from '../../src/rules/context';
import { Rule, RuleContext, RuleResult, Status } from '../../src/rules/types';
import { parameter } from '../../src/rules/parameter';

/** What S3 has applied to every new bucket without a configuration since January 2023. */
const S3_DEFAULT = 'AWS default SSE-S3 (AES-256) since 2023-01';
const KMS_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'];
const VALID_ALGORITHMS = ['AES256', ...KMS_ALGORITHMS];

const MESSAGES = {
  defaultRequireKms: '{{label}}: {{why}}, so the bucket keeps the {{default}}; the profile requires SSE-KMS (s3_require_kms)',
  default: '{{label}}: {{why}}: {{default}}',
  inlineUnknown: 'server_side_encryption_configuration is not known statically ({{reason}})',
  ruleUnknown: '{{label}}: its rule blocks are not known statically ({{reason}})',
  byDefaultUnknown: '{{label}}: apply_server_side_encryption_by_default is not known statically ({{reason}})',
  algorithmMissing: '{{label}}: sse_algorithm is not set in apply_server_side_encryption_by_default (the provider requires it)',
  algorithmUnknown: '{{label}}: sse_algorithm is not known statically: unknown ({{reason}})',
  invalid: '{{label}}: {{value}} is not a server-side encryption algorithm (AES256, aws:kms or aws:kms:dsse), so the configuration cannot be applied',
  kms: '{{label}}: {{value}} (SSE-KMS)',
  sseS3RequireKms: '{{label}}: {{value}} is SSE-S3, and the profile requires SSE-KMS (s3_require_kms)',
  sseS3: '{{label}}: {{value}} (SSE-S3, AES-256)',
  floating: 'No server-side encryption configuration refers to this bucket, but {{configurations}}',
  noneRequireKms: 'No server-side encryption configuration: the bucket gets the {{default}}, and the profile requires SSE-KMS (s3_require_kms)',
  none: 'No server-side encryption configuration: {{default}}',
  combined: '{{verdicts}}{{note}}',
};
type MessageId = keyof typeof MESSAGES;

/** One judged rule of a configuration, pointing at the deciding leaf (on the bucket or on the configuration resource). */
interface Verdict {
  status: Exclude<Status, 'not-evidenced'>;
  message: string;
  at: Val<unknown>;
}

function judgeRule(c: SseConfiguration, r: SseRule, requireKms: boolean): Verdict {
  const say = (status: Verdict['status'], id: MessageId, at: Val<unknown>, data: Record<string, string> = {}): Verdict => ({
    status,
    at,
    message: formatMessage(MESSAGES[id], { label: c.label, default: S3_DEFAULT, reason: at.reason ?? '', value: at.describe(), ...data }, 'TG-ENC-004'),
  });
  const keepsDefault = (why: string, at: Val<unknown>) => say(requireKms ? 'fail' : 'pass', requireKms ? 'defaultRequireKms' : 'default', at, { why });
  if (!r.block.known) return say('unknown', 'ruleUnknown', r.block);
  if (!r.byDefault) return keepsDefault('its rule has no apply_server_side_encryption_by_default', r.block);
  if (!r.byDefault.known || !r.algorithm) return say('unknown', 'byDefaultUnknown', r.byDefault);
  const alg = r.algorithm;
  if (!alg.present) return say('fail', 'algorithmMissing', r.byDefault);
  if (!alg.known) return say('unknown', 'algorithmUnknown', alg);
  if (alg.oneOf(VALID_ALGORITHMS) !== true) return say('fail', 'invalid', alg);
  if (alg.oneOf(KMS_ALGORITHMS) === true) return say('pass', 'kms', alg);
  return say(requireKms ? 'fail' : 'pass', requireKms ? 'sseS3RequireKms' : 'sseS3', alg);
}

/** One configuration: every `rule` must name a valid algorithm (a KMS one when `requireKms`). */
function judgeConfiguration(c: SseConfiguration, requireKms: boolean): Verdict[] {
  if (c.inline && !c.anchor.known) {
    return [{ status: 'unknown', at: c.anchor, message: formatMessage(MESSAGES.inlineUnknown, { reason: c.anchor.reason ?? '' }, 'TG-ENC-004') }];
  }
  if (c.rules.length === 0) {
    const why = 'has no rule';
    const message = formatMessage(requireKms ? MESSAGES.defaultRequireKms : MESSAGES.default, { label: c.label, why, default: S3_DEFAULT }, 'TG-ENC-004');
    return [{ status: requireKms ? 'fail' : 'pass', message, at: c.anchor }];
  }
  return c.rules.map((r) => judgeRule(c, r, requireKms));
}

function checkBucket({ aws, report, params }: RuleContext, bucket: Bucket): RuleResult {
  const requireKms = S3_REQUIRE_KMS.of(params);
  const verdicts = bucket.encryption.flatMap((c) => judgeConfiguration(c, requireKms));
  if (verdicts.length === 0) {
    // A configuration whose bucket is not known may apply to this bucket: it matters only where it would change the verdict.
    const own = requireKms ? 'fail' : 'pass';
    const differing = aws.s3.floatingEncryption.filter((f) => judgeConfiguration(f.configuration, requireKms).some((v) => v.status !== own));
    if (differing.length > 0) return report('unknown', bucket, 'floating', { configurations: differing.map((f) => f.describe).join('; ') });
    return report(own, bucket, requireKms ? 'noneRequireKms' : 'none', { default: S3_DEFAULT });
  }
  const note = bucket.inlineReplaced ? ' (the separate configuration resource replaces the inline server_side_encryption_configuration)' : '';
  const status = (['fail', 'unknown'] as const).find((s) => verdicts.some((v) => v.status === s)) ?? 'pass';
  const deciding = status === 'pass' ? verdicts : verdicts.filter((v) => v.status === status);
  const first = deciding[0].at;
  // The deciding leaf may be on the separate configuration resource: the result is the bucket's, the lines are the leaf's.
  const onBucket = first.owner.address === bucket.address;
  const result = report(status, bucket, 'combined', { verdicts: deciding.map((v) => v.message).join('; '), note }, onBucket ? first.path : undefined);
  return { ...result, location: first.location ?? bucket.node.location };
}

const S3_REQUIRE_KMS = parameter<boolean>({
  key: 's3RequireKms',
  profileKey: 's3_require_kms',
  schema: { type: 'boolean' },
  default: false,
  description: 'require SSE-KMS instead of the SSE-S3 default',
});

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-004',
    title: 'S3 buckets are encrypted at rest',
    claim: 'rest-kms',
    severity: 'medium',
    parameters: [S3_REQUIRE_KMS],
    fix: 'add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = "aws:kms"',
    appliesTo: BUCKET_TYPES,
    messages: MESSAGES,
  },

  check(ctx) {
    return ctx.aws.s3.buckets.map((bucket) => checkBucket(ctx, bucket));
  },
};
