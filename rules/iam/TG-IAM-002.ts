import { Rule, RuleContext, RuleResult } from '../../src/rules/types';
import { IDENTITY_POLICY_TYPES, PolicyHolder } from '../../src/providers/aws/iam/model';
import { PolicyQuestion, judgePolicy } from '../../src/providers/aws/iam/judge';
import { PolicyText, Statement, Tri, isConcreteReference, showTexts, triAnd, triNot, triSome } from '../../src/providers/aws/iam/policy';
import {
  coversAllResources,
  hasNarrowingCondition,
  isAllow,
  isFullWildcardAction,
  isFullWildcardResource,
  patternsIntersect,
} from '../../src/providers/aws/iam/matching';
import { actionElement } from '../../src/providers/aws/iam/statements';

/** Actions that let a principal raise its own privileges (rules.md TG-IAM-002); patterns match as IAM wildcards. */
export const PRIVILEGE_ESCALATION_ACTIONS: readonly string[] = [
  'iam:PassRole',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:AttachRolePolicy',
  'iam:PutRolePolicy',
  'iam:Attach*Policy',
  'iam:Put*Policy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:UpdateLoginProfile',
  'iam:UpdateAssumeRolePolicy',
  'iam:AddUserToGroup',
  'sts:AssumeRole',
];

/**
 * A pattern that covers every action of a service: `s3:*`, `iam:*`, `s3*`, `*:*`, `*`. The part before
 * the trailing `*` has no action name (`iam:Pass*` and `*:Get*` are not whole services).
 */
export function isServiceWildcard(pattern: string): boolean {
  const p = pattern.trim();
  if (!p.endsWith('*')) return false;
  const prefix = p.replace(/\*+$/, '');
  const colon = prefix.indexOf(':');
  return colon === -1 || colon === prefix.length - 1;
}

/** The listed escalation actions a pattern can grant (`iam:Pass*` → `iam:PassRole`). */
export function escalationsOf(pattern: string): string[] {
  return PRIVILEGE_ESCALATION_ACTIONS.filter((a) => patternsIntersect(pattern, a));
}

function actionIsBroad(a: PolicyText): Tri {
  if (typeof a === 'string') return isServiceWildcard(a) || escalationsOf(a).length > 0;
  return isConcreteReference(a) ? false : a;
}

/** The statement's actions include a whole-service wildcard or an escalation action (a NotAction always does). */
function grantsBroadAction(s: Statement): Tri {
  if (s.notActions !== undefined) return true;
  return triSome(s.actions ?? [], actionIsBroad);
}

/** An Allow of a whole-service wildcard or an escalation action on Resource "*" without a narrowing condition. */
export function grantsBroadOnAllResources(s: Statement): Tri {
  return triAnd(isAllow(s), coversAllResources(s), grantsBroadAction(s), triNot(hasNarrowingCondition(s)));
}

function describeAction(a: string): string {
  if (isFullWildcardAction(a)) return `${JSON.stringify(a)} (every action of every service)`;
  if (isServiceWildcard(a)) return `${JSON.stringify(a)} (whole-service wildcard)`;
  const shown = escalationsOf(a);
  const same = shown.length === 1 && shown[0].toLowerCase() === a.toLowerCase();
  return `${JSON.stringify(a)} (privilege escalation${same ? '' : `: ${shown.slice(0, 3).join(', ')}${shown.length > 3 ? ', …' : ''}`})`;
}

function describeGrant(s: Statement): string {
  const actions = s.notActions !== undefined
    ? `every action except NotAction ${showTexts(s.notActions)} (whole services included)`
    : (s.actions ?? []).filter((a): a is string => typeof a === 'string' && actionIsBroad(a) === true).map(describeAction).join(', ');
  const resources = s.notResources !== undefined
    ? `every resource except NotResource ${showTexts(s.notResources)}`
    : `Resource ${JSON.stringify((s.resources ?? []).find((r) => typeof r === 'string' && isFullWildcardResource(r)) ?? '*')}`;
  const condition = s.conditions.length > 0 ? ' (its Condition does not narrow who or where: no positive operator on a narrowing key)' : ' without a narrowing condition';
  return `${s.label} allows ${actions} on ${resources}${condition}`;
}

const BROAD: PolicyQuestion = { matches: grantsBroadOnAllResources, element: actionElement, describe: describeGrant };

/** A holder's identity policies, one part each; a role without inline policies is outside the rule. */
function checkHolder({ report, part, summarise }: RuleContext, h: PolicyHolder): RuleResult | undefined {
  if (!h.has(['identity'])) return h.type === 'aws_iam_role' ? undefined : report('unknown', h, 'missing', { why: h.requiredMissing ?? 'policy is not set' });
  // A policy that is the json of an aws_iam_policy_document in the graph is judged once, on the document.
  const own = h.own(['identity']);
  if (own.length === 0) return undefined;
  const parts = own.map((p) => {
    const o = judgePolicy(p.parsed, p.path, p.path, BROAD);
    return part(o.status, p.path, o.messageId, o.data, o.at);
  });
  return summarise(h, parts, 'passAll', { count: own.length });
}

export const rule: Rule = {
  meta: {
    id: 'TG-IAM-002',
    title: 'IAM policies do not grant whole services or privilege escalation on all resources',
    claim: 'iam-least-privilege',
    severity: 'high',
    fix: 'replace service wildcards and escalation actions on "*" with specific actions and resource ARNs',
    appliesTo: [...IDENTITY_POLICY_TYPES, 'aws_iam_policy_document'],
    messages: {
      fail: 'Overly broad permissions: {{grants}}',
      unknown: 'Cannot tell whether {{name}} grants a whole service or a privilege-escalation action on all resources: {{reasons}}',
      unreadable: '{{name}} {{why}}',
      pass: 'no Allow statement in {{name}} grants a whole-service wildcard or a privilege-escalation action on Resource "*" without a narrowing condition ({{statements}})',
      passAll: 'no inline policy grants a whole-service wildcard or a privilege-escalation action on Resource "*" without a narrowing condition ({{count}} policies)',
      missing: '{{why}}',
    },
  },

  check(ctx) {
    const out: RuleResult[] = [];
    for (const h of ctx.aws.iam.identityHolders) {
      const r = checkHolder(ctx, h);
      if (r) out.push(r);
    }
    // A policy document is judged once, on the document, when an identity policy uses it; one used only
    // as a resource or trust policy (a KMS key policy granting kms:* to the account) is not a permission
    // policy.
    for (const doc of ctx.aws.iam.documents.filter((d) => d.usedAsIdentity)) {
      const o = judgePolicy(doc.parsed, '', 'the policy document', BROAD);
      out.push(ctx.report(o.status, doc, o.messageId, o.data, o.at));
    }
    return out;
  },
};
