import { ResultPart, Rule, RuleContext, RuleResult } from '../../src/rules/types';
import { PASSWORD_POLICY_TYPES, PasswordPolicy } from '../../src/providers/aws/iam/model';
import type { Val } from '../../src/providers/val';
import { parameter } from '../../src/rules/parameter';

/** A number setting against its requirement; `at` is the attribute only where it is written. */
function numberPart({ part }: RuleContext, leaf: Val<number>, test: (n: number) => boolean, requirement: string): ResultPart {
  const data = { value: leaf.describe(), requirement };
  const at = leaf.present ? leaf.path : undefined;
  if (!leaf.known) return part('unknown', leaf.path, 'unknownNumber', data, leaf.path);
  const n = leaf.value;
  if (n === undefined || Number.isNaN(n)) return part('unknown', leaf.path, 'notANumber', data, at);
  if (test(n)) return part('pass', leaf.path, 'value', data, at);
  const never = leaf.path === 'max_password_age' && n === 0 ? ' (passwords never expire)' : '';
  return part('fail', leaf.path, 'tooWeak', { ...data, never }, at);
}

/** A `require_*` flag, which must be true. */
function requirePart({ part }: RuleContext, leaf: Val<boolean | null>): ResultPart {
  const data = { value: leaf.describe() };
  const at = leaf.present ? leaf.path : undefined;
  if (!leaf.known) return part('unknown', leaf.path, 'unknownFlag', data, leaf.path);
  if (leaf.value === true) return part('pass', leaf.path, 'value', data, at);
  if (leaf.value === false) return part('fail', leaf.path, 'flagOff', data, at);
  return part('unknown', leaf.path, 'notABoolean', data, at);
}

function checkPolicy(ctx: RuleContext, p: PasswordPolicy): RuleResult {
  const minLength = MIN_LENGTH.of(ctx.params);
  const reuse = REUSE_PREVENTION.of(ctx.params);
  const maxAge = MAX_AGE_DAYS.of(ctx.params);
  const parts: ResultPart[] = [
    numberPart(ctx, p.minimumPasswordLength, (n) => n >= minLength, `at least ${minLength}`),
    ...p.requirements.map((leaf) => requirePart(ctx, leaf)),
    numberPart(ctx, p.passwordReusePrevention, (n) => n >= reuse, `at least ${reuse}`),
    numberPart(ctx, p.maxPasswordAge, (n) => n >= 1 && n <= maxAge, `between 1 and ${maxAge} days`),
  ];
  return ctx.summarise(p, parts, 'pass', { settings: parts.map((x) => x.message).join(', ') });
}

const MIN_LENGTH = parameter<number>({
  key: 'passwordMinLength',
  profileKey: 'password_min_length',
  schema: { type: 'integer', minimum: 6, maximum: 128 },
  default: 14,
  description: 'minimum password length',
});
const REUSE_PREVENTION = parameter<number>({
  key: 'passwordReusePrevention',
  profileKey: 'password_reuse_prevention',
  schema: { type: 'integer', minimum: 1, maximum: 24 },
  default: 24,
  description: 'previous passwords that cannot be reused',
});
const MAX_AGE_DAYS = parameter<number>({
  key: 'passwordMaxAgeDays',
  profileKey: 'password_max_age_days',
  schema: { type: 'integer', minimum: 1, maximum: 1095 },
  default: 90,
  description: 'maximum password age in days',
});

export const rule: Rule = {
  meta: {
    id: 'TG-IAM-004',
    title: 'The account password policy requires strong, expiring, non-reused passwords',
    claim: 'authentication',
    severity: 'medium',
    parameters: [MIN_LENGTH, REUSE_PREVENTION, MAX_AGE_DAYS],
    fix: 'set minimum_password_length >= 14, all require_* = true, password_reuse_prevention >= 24, max_password_age 1..90',
    appliesTo: PASSWORD_POLICY_TYPES,
    existence: true,
    messages: {
      value: '{{value}}',
      unknownNumber: '{{value}}: not known statically ({{requirement}} is required)',
      notANumber: '{{value}} is not a number ({{requirement}} is required)',
      tooWeak: '{{value}}{{never}}: {{requirement}} is required',
      unknownFlag: '{{value}}: not known statically (true is required)',
      notABoolean: '{{value}} is not a boolean (true is required)',
      flagOff: '{{value}}: true is required',
      pass: 'password policy meets the profile: {{settings}}',
    },
  },

  check(ctx) {
    const policies = ctx.aws.iam.passwordPolicies;
    if (policies.length === 0) {
      return [
        {
          status: 'not-evidenced',
          message: 'No aws_iam_account_password_policy in scope: the password policy of the TOM is not evidenced by this configuration',
        },
      ];
    }
    return policies.map((p) => checkPolicy(ctx, p));
  },
};
