import { Rule, RuleContext, RuleResult } from '../../src/rules/types';
import { PolicyHolder, RESOURCE_POLICY_TYPES } from '../../src/providers/aws/iam/model';
import { PolicyQuestion, judgePolicy } from '../../src/providers/aws/iam/judge';
import { Principals, Statement, Tri, showTexts, triAnd, triNot } from '../../src/providers/aws/iam/policy';
import { appliesToEveryone, hasNarrowingCondition, isAllow } from '../../src/providers/aws/iam/matching';

/** An Allow statement open to everyone (`*`, `{"AWS": "*"}`, a wildcard-account ARN, a NotPrincipal) without a narrowing condition. */
export function allowsEveryone(s: Statement): Tri {
  return triAnd(isAllow(s), appliesToEveryone(s), triNot(hasNarrowingCondition(s)));
}

function showPrincipals(p: Principals): string {
  if (p === '*') return '"*"';
  const parts = p.map((set) => `${typeof set.type === 'string' ? JSON.stringify(set.type) : `<${set.type.source}>`}: ${showTexts(set.ids)}`);
  return `{${parts.join(', ')}}`;
}

function describeGrant(s: Statement): string {
  const who = s.notPrincipals !== undefined
    ? `everyone except NotPrincipal ${showPrincipals(s.notPrincipals)}`
    : `Principal ${showPrincipals(s.principals ?? [])} (everyone)`;
  const actions = s.actions !== undefined ? ` Action ${showTexts(s.actions)}` : s.notActions !== undefined ? ` every action except NotAction ${showTexts(s.notActions)}` : '';
  const condition = s.conditions.length > 0 ? ' (its Condition does not narrow it: no positive operator on a narrowing key)' : ' without a narrowing condition';
  return `${s.label} allows${actions} to ${who}${condition}`;
}

const OPEN_TO_EVERYONE: PolicyQuestion = {
  matches: allowsEveryone,
  element: (s) => (s.notPrincipals !== undefined ? { json: 'NotPrincipal', block: 'not_principals' } : { json: 'Principal', block: 'principals' }),
  describe: describeGrant,
};

function checkHolder({ report, part, summarise }: RuleContext, h: PolicyHolder): RuleResult | undefined {
  // For roles: the trust policy only.
  if (!h.has(['trust', 'resource'])) {
    if (h.type === 'aws_kms_key') return h.policySetElsewhere ? undefined : report('pass', h, 'defaultKeyPolicy');
    // A resource whose policy the provider requires (a role's trust policy, a policy resource): unknown, saying why.
    // aws_s3_bucket / aws_sqs_queue / aws_sns_topic without an inline policy: a separate policy resource (if any) is judged.
    return h.requiredMissing ? report('unknown', h, 'missing', { why: h.requiredMissing }) : undefined;
  }
  // A policy that is the json of an aws_iam_policy_document in the graph is judged once, on the data source.
  const own = h.own(['trust', 'resource']);
  if (own.length === 0) return undefined;
  const parts = own.map((p) => {
    // An empty policy string allows no one (the provider rejects it at apply).
    if (p.blank) return part('pass', p.path, 'empty', { path: p.path }, p.path);
    const o = judgePolicy(p.parsed, p.path, p.path, OPEN_TO_EVERYONE);
    return part(o.status, p.path, o.messageId, o.data, o.at);
  });
  return summarise(h, parts, 'passAll', { count: own.length });
}

export const rule: Rule = {
  meta: {
    id: 'TG-IAM-007',
    title: 'Resource and trust policies do not allow everyone',
    claim: 'iam-least-privilege',
    severity: 'critical',
    fix: 'replace Principal "*" with specific principals, or add a condition on aws:SourceArn / aws:SourceAccount / aws:PrincipalOrgID',
    appliesTo: [...RESOURCE_POLICY_TYPES, 'aws_iam_policy_document'],
    messages: {
      fail: 'Open to everyone: {{grants}}',
      unknown: 'Cannot tell whether {{name}} allows everyone: {{reasons}}',
      unreadable: '{{name}} {{why}}',
      pass: 'no Allow statement in {{name}} is open to everyone without a narrowing condition ({{statements}})',
      passAll: 'no policy of {{address}} is open to everyone ({{count}} policies)',
      empty: '{{path}} is empty: it allows no one',
      defaultKeyPolicy: 'policy is not set: AWS applies the default key policy, which allows only the account (its root principal and IAM policies)',
      missing: '{{why}}',
    },
  },

  check(ctx) {
    const out: RuleResult[] = [];
    for (const h of ctx.aws.iam.resourceHolders) {
      const r = checkHolder(ctx, h);
      if (r) out.push(r);
    }
    // A policy document is judged once, on the document, when a resource or trust policy of this rule's
    // scope uses it directly (a document merged into another is judged as part of that one).
    for (const doc of ctx.aws.iam.documents.filter((d) => d.usedAsResourceOrTrust)) {
      const o = judgePolicy(doc.parsed, '', 'the policy document', OPEN_TO_EVERYONE);
      out.push(ctx.report(o.status, doc, o.messageId, o.data, o.at));
    }
    return out;
  },
};
