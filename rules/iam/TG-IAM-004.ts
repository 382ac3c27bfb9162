import { Unknown, Value } from '../../src/eval/value';
import { GraphNode } from '../../src/graph/model';
import { RuleParameters } from '../../src/rules/parameters';
import { asBoolean, setting } from '../../src/rules/support/attributes';
import { combineParts } from '../../src/rules/support/results';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';

export const PASSWORD_POLICY_TYPES = ['aws_iam_account_password_policy'] as const;

/** AWS provider v5 / IAM defaults when an attribute is omitted. */
const DEFAULT_MINIMUM_PASSWORD_LENGTH = 6;
const DEFAULT_REUSE_PREVENTION = 0;
const DEFAULT_MAX_PASSWORD_AGE = 0;

export const REQUIRE_ATTRIBUTES = ['require_lowercase_characters', 'require_uppercase_characters', 'require_numbers', 'require_symbols'] as const;

/** A number setting: the number, an Unknown, or undefined when it is not a number. */
function asNumber(v: Value | undefined): number | Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

function numberPart(node: GraphNode, attr: string, defaultValue: number, test: (n: number) => boolean, requirement: string): ResultPart {
  const s = setting(node, attr, defaultValue);
  const at = s.read.present ? attr : undefined;
  const n = asNumber(s.value);
  if (n instanceof Unknown) return { name: attr, status: 'unknown', message: `${s.describe}: not known statically (${requirement} is required)`, attribute: attr };
  if (n === undefined) return { name: attr, status: 'unknown', message: `${s.describe} is not a number (${requirement} is required)`, attribute: at };
  if (test(n)) return { name: attr, status: 'pass', message: s.describe, attribute: at };
  const never = attr === 'max_password_age' && n === 0 ? ' (passwords never expire)' : '';
  return { name: attr, status: 'fail', message: `${s.describe}${never}: ${requirement} is required`, attribute: at };
}

function requirePart(node: GraphNode, attr: string): ResultPart {
  const s = setting(node, attr, false);
  const at = s.read.present ? attr : undefined;
  const b = asBoolean(s.value);
  if (b instanceof Unknown) return { name: attr, status: 'unknown', message: `${s.describe}: not known statically (true is required)`, attribute: attr };
  if (b === true) return { name: attr, status: 'pass', message: s.describe, attribute: at };
  if (b === false) return { name: attr, status: 'fail', message: `${s.describe}: true is required`, attribute: at };
  return { name: attr, status: 'unknown', message: `${s.describe} is not a boolean (true is required)`, attribute: at };
}

function checkPolicy(node: GraphNode, params: RuleParameters): RuleResult {
  const parts: ResultPart[] = [
    numberPart(node, 'minimum_password_length', DEFAULT_MINIMUM_PASSWORD_LENGTH, (n) => n >= params.passwordMinLength, `at least ${params.passwordMinLength}`),
    ...REQUIRE_ATTRIBUTES.map((a) => requirePart(node, a)),
    numberPart(node, 'password_reuse_prevention', DEFAULT_REUSE_PREVENTION, (n) => n >= params.passwordReusePrevention, `at least ${params.passwordReusePrevention}`),
    numberPart(
      node,
      'max_password_age',
      DEFAULT_MAX_PASSWORD_AGE,
      (n) => n >= 1 && n <= params.passwordMaxAgeDays,
      `between 1 and ${params.passwordMaxAgeDays} days`,
    ),
  ];
  return combineParts(
    node,
    parts,
    `password policy meets the profile: ${parts.map((p) => p.message).join(', ')}`,
  );
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
  },

  check({ graph, params }) {
    const policies = graph.resources(PASSWORD_POLICY_TYPES);
    if (policies.length === 0) {
      return [
        {
          status: 'not-evidenced',
          message: 'No aws_iam_account_password_policy in scope: the password policy of the TOM is not evidenced by this configuration',
        },
      ];
    }
    return policies.map((node) => checkPolicy(node, params));
  },
};
