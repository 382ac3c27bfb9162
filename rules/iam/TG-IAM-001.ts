import { Rule, RuleResult } from '../../src/rules/types';
import {
  Statement,
  Tri,
  coversAllResources,
  grantsAllActions,
  isAllow,
  isFullWildcardAction,
  isFullWildcardResource,
  showTexts,
  triAnd,
} from '../../src/rules/support/iam-policy';
import { PolicyQuestion, checkIdentityPolicies, checkPolicyDocument } from '../../src/rules/support/policy-verdict';
import { documentsUsedBy } from '../../src/rules/support/iam-documents';

/** Resources holding identity (permission) policies; `aws_iam_role` only through `inline_policy`. */
export const IDENTITY_POLICY_TYPES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy', 'aws_iam_role'] as const;

/** An Allow statement that grants every action (`*`, or NotAction) on every resource (`*`, or NotResource). */
export function grantsAdmin(s: Statement): Tri {
  return triAnd(isAllow(s), grantsAllActions(s), coversAllResources(s));
}

function describeGrant(s: Statement): string {
  const actions = s.notActions !== undefined
    ? `every action except NotAction ${showTexts(s.notActions)}`
    : `Action ${JSON.stringify((s.actions ?? []).find((a) => typeof a === 'string' && isFullWildcardAction(a)) ?? '*')}`;
  const resources = s.notResources !== undefined
    ? `every resource except NotResource ${showTexts(s.notResources)}`
    : `Resource ${JSON.stringify((s.resources ?? []).find((r) => typeof r === 'string' && isFullWildcardResource(r)) ?? '*')}`;
  return `${s.label} allows ${actions} on ${resources}`;
}

/** The verdict on one policy; `path` is the attribute it was read from, `name` how messages call it. */
const ADMIN: PolicyQuestion = {
    matches: grantsAdmin,
    // Point at the granting element itself (`Action = "*"`, or `actions` in a policy document block).
    element: (s) => (s.notActions !== undefined ? { json: 'NotAction', block: 'not_actions' } : { json: 'Action', block: 'actions' }),
    failure: 'Full administrative access',
    describe: describeGrant,
    asks: 'grants all actions on all resources',
  };



export const rule: Rule = {
  meta: {
    id: 'TG-IAM-001',
    title: 'IAM policies do not grant full administrative access ("*" on "*")',
    claim: 'iam-least-privilege',
    severity: 'critical',
    fix: 'replace "*" actions on "*" resources with the specific actions and resources needed',
    appliesTo: [...IDENTITY_POLICY_TYPES, 'aws_iam_policy_document'],
  },

  check({ graph }) {
    const out: RuleResult[] = [];
    for (const node of graph.resources(IDENTITY_POLICY_TYPES)) {
      const r = checkIdentityPolicies(graph, node, ADMIN);
      if (r) out.push(r);
    }
    // A policy document is judged once, on the document, when an identity policy uses it.
    for (const doc of documentsUsedBy(graph, IDENTITY_POLICY_TYPES, ['identity'])) out.push(checkPolicyDocument(graph, doc, ADMIN));
    return out;
  },
};
