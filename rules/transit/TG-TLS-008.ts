import { ResultPart, Rule, RuleContext, RuleResult } from '../../src/rules/types';
import { BucketPolicy, PolicyBucket } from '../../src/providers/aws/iam/model';
import { evaluateStatements, isParsed } from '../../src/providers/aws/iam/policy';
import { OBJECT_ACTIONS, TransportMiss, deniesInsecureTransport } from '../../src/providers/aws/iam/transport';
import { parameter } from '../../src/rules/parameter';

/** Why a statement on aws:SecureTransport = false does not refuse plain HTTP, as messages say it. */
const MISSES: Record<TransportMiss, string> = {
  notDeny: 'is an {{effect}} statement on aws:SecureTransport = false (only a Deny refuses plain HTTP)',
  notEveryone: 'does not apply to every principal (Principal "*")',
  narrowed: 'only denies plain HTTP when its other conditions also hold',
  objectActions: `does not cover ${OBJECT_ACTIONS.join(' and ')}`,
  bucketOnly: 'only covers the bucket itself, not its objects (add "<bucket ARN>/*" to Resource)',
};

/** One policy's verdict (worded, not reported on its own: the bucket's result joins them). */
function judgePolicy({ part }: RuleContext, p: BucketPolicy): ResultPart {
  const parsed = p.policy.parsed;
  const name = p.name;
  if ('unknown' in parsed) return part('unknown', name, 'unreadable', { name, why: `is not known statically: ${parsed.unknown}` });
  if (!isParsed(parsed)) return part('unknown', name, 'unreadable', { name, why: `cannot be read: ${parsed.invalid}` });
  const verdicts = evaluateStatements(parsed, (s) => deniesInsecureTransport(s).ok);
  if (verdicts.matching.length > 0) return part('pass', name, 'denies', { name, statement: verdicts.matching[0].label });
  if (verdicts.unknown.length > 0) return part('unknown', name, 'undecided', { name, reasons: verdicts.unknown.map((u) => u.reason).join('; ') });
  const near = parsed.statements.flatMap((s) => {
    const miss = deniesInsecureTransport(s).miss;
    return miss ? [`${s.label} ${MISSES[miss].replace('{{effect}}', String(s.effect ?? 'invalid'))}`] : [];
  });
  return part('fail', name, 'noDeny', { name, near: near.length > 0 ? ` (${near.join('; ')})` : '' });
}

function checkBucket(ctx: RuleContext, bucket: PolicyBucket, floating: string[], note: string): RuleResult {
  const { report } = ctx;
  const policies = bucket.policies;
  const inline = policies.find((p) => p.inline);
  const attribute = inline && policies.length === 1 ? inline.policy.path : undefined;
  // A bucket that may not hold personal data (note) cannot break the claim for certain.
  const unlessNoted = (status: ResultPart['status']) => (note && status === 'fail' ? 'unknown' : status);
  const others = floating.join('; ');
  if (policies.length === 0) {
    if (floating.length > 0) return report('unknown', bucket, 'noPolicyFloating', { floating: others, note });
    return report(unlessNoted('fail'), bucket, 'noPolicy', { note });
  }
  const verdicts = policies.map((p) => judgePolicy(ctx, p));
  const statuses = new Set(verdicts.map((v) => v.status));
  const joined = verdicts.map((v) => v.message).join('; ');
  if (statuses.size > 1) return report('unknown', bucket, 'several', { verdicts: joined, note }, attribute);
  const status = verdicts[0].status;
  if (status === 'fail' && floating.length > 0) return report('unknown', bucket, 'failFloating', { verdicts: joined, floating: others, note }, attribute);
  return report(unlessNoted(status), bucket, 'verdicts', { verdicts: joined, note }, attribute);
}

/** Off by default: every bucket is checked. */
const PERSONAL_DATA_TAG = parameter<{ key: string; value?: string } | undefined>({
  key: 'personalDataTag',
  profileKey: 'personal_data_tag',
  schema: { type: 'object', additionalProperties: false, required: ['key'], properties: { key: { type: 'string' }, value: { type: 'string' } } },
  default: undefined,
  description: 'check only buckets with this tag (and value), the ones holding personal data',
});

export const rule: Rule = {
  meta: {
    id: 'TG-TLS-008',
    title: 'S3 bucket policies deny requests without TLS',
    claim: 'transit-tls12',
    severity: 'low',
    parameters: [PERSONAL_DATA_TAG],
    fix: 'add a bucket policy statement that denies s3:* for Principal "*" when aws:SecureTransport is "false"',
    appliesTo: ['aws_s3_bucket'],
    messages: {
      unreadable: '{{name}}: the policy {{why}}',
      denies: '{{name}}: {{statement}} denies every principal when aws:SecureTransport is false',
      undecided: '{{name}}: whether the policy denies requests without TLS is not known: {{reasons}}',
      noDeny: "{{name}} has no Deny statement for aws:SecureTransport = false covering the bucket's objects{{near}}: requests over plain HTTP are not refused",
      noPolicyFloating: 'No bucket policy references this bucket, but {{floating}}{{note}}',
      noPolicy: 'No bucket policy (aws_s3_bucket_policy or policy) denies requests with aws:SecureTransport = false: the bucket accepts plain HTTP{{note}}',
      several: 'Several bucket policies apply and only the last one written wins: {{verdicts}}{{note}}',
      failFloating: '{{verdicts}}; but {{floating}}{{note}}',
      verdicts: '{{verdicts}}{{note}}',
    },
  },

  check(ctx) {
    const { buckets, floatingBucketPolicies } = ctx.aws.iam;
    const tag = PERSONAL_DATA_TAG.of(ctx.params);
    const out: RuleResult[] = [];
    for (const bucket of buckets) {
      let note = '';
      if (tag) {
        const holds = bucket.taggedAs(tag.key, tag.value);
        if (holds.answer === false) continue;
        if (holds.answer === 'unknown') note = ` (whether the bucket is tagged ${tag.key} is not known: ${holds.reason})`;
      }
      out.push(checkBucket(ctx, bucket, floatingBucketPolicies, note));
    }
    return out;
  },
};
