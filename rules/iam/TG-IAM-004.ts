import { ResultPart, Rule, RuleContext, RuleResult } from '../../src/rules/types';
import { PASSWORD_POLICY_TYPES, PasswordPolicy } from '../../src/providers/aws/iam/model';
import type { Val } from '../../src/providers/val';

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
  const { params } = ctx;
  const parts: ResultPart[] = [
    numberPart(ctx, p.minimumPasswordLength, (n) => n >= params.passwordMinLength, `at least ${params.passwordMinLength}`),
    ...p.requirements.map((leaf) => requirePart(ctx, leaf)),
    numberPart(ctx, p.passwordReusePrevention, (n) => n >= params.passwordReusePrevention, `at least ${params.passwordReusePrevention}`),
    numberPart(ctx, p.maxPasswordAge, (n) => n >= 1 && n <= params.passwordMaxAgeDays, `between 1 and ${params.passwordMaxAgeDays} days`),
  ];
  return ctx.summarise(p, parts, 'pass', { settings: parts.map((x) => x.message).join(', ') });
}

export const rule: Rule = {
  meta: {
    id: 'TG-IAM-004',
    title: 'The account password policy requires strong, expiring, non-reused passwords',
    claim: 'authentication',
    severity: 'medium',
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
