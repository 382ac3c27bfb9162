import { Rule, RuleContext, RuleResult } from '../../src/rules/types';
import { IDENTITY_POLICY_TYPES, PolicyHolder } from '../../src/providers/aws/iam/model';
import { PolicyQuestion, judgePolicy } from '../../src/providers/aws/iam/judge';
import { Statement, showTexts } from '../../src/providers/aws/iam/policy';
import { isFullWildcardAction, isFullWildcardResource } from '../../src/providers/aws/iam/matching';
import { actionElement, grantsAdmin } from '../../src/providers/aws/iam/statements';

function describeGrant(s: Statement): string {
  const actions = s.notActions !== undefined
    ? `every action except NotAction ${showTexts(s.notActions)}`
    : `Action ${JSON.stringify((s.actions ?? []).find((a) => typeof a === 'string' && isFullWildcardAction(a)) ?? '*')}`;
  const resources = s.notResources !== undefined
    ? `every resource except NotResource ${showTexts(s.notResources)}`
    : `Resource ${JSON.stringify((s.resources ?? []).find((r) => typeof r === 'string' && isFullWildcardResource(r)) ?? '*')}`;
  return `${s.label} allows ${actions} on ${resources}`;
}

// Points at the granting element itself (`Action = "*"`, or `actions` in a policy document block).
const ADMIN: PolicyQuestion = { matches: grantsAdmin, element: actionElement, describe: describeGrant };

/** A holder's identity policies, one part each; a role without inline policies is outside the rule. */
function checkHolder({ report, part, summarise }: RuleContext, h: PolicyHolder): RuleResult | undefined {
  if (!h.has(['identity'])) return h.type === 'aws_iam_role' ? undefined : report('unknown', h, 'missing', { why: h.requiredMissing ?? 'policy is not set' });
  // A policy that is the json of an aws_iam_policy_document in the graph is judged once, on the document.
  const own = h.own(['identity']);
  if (own.length === 0) return undefined;
  const parts = own.map((p) => {
    const o = judgePolicy(p.parsed, p.path, p.path, ADMIN);
    return part(o.status, p.path, o.messageId, o.data, o.at);
  });
  return summarise(h, parts, 'passAll', { count: own.length });
}

export const rule: Rule = {
  meta: {
    id: 'TG-IAM-001',
    title: 'IAM policies do not grant full administrative access ("*" on "*")',
    claim: 'iam-least-privilege',
    severity: 'critical',
    fix: 'replace "*" actions on "*" resources with the specific actions and resources needed',
    appliesTo: [...IDENTITY_POLICY_TYPES, 'aws_iam_policy_document'],
    messages: {
      fail: 'Full administrative access: {{grants}}',
      unknown: 'Cannot tell whether {{name}} grants all actions on all resources: {{reasons}}',
      unreadable: '{{name}} {{why}}',
      pass: 'no Allow statement in {{name}} grants all actions on all resources ({{statements}})',
      passAll: 'no inline policy grants all actions on all resources ({{count}} policies)',
      missing: '{{why}}',
    },
  },

  check(ctx) {
    const out: RuleResult[] = [];
    for (const h of ctx.aws.iam.identityHolders) {
      const r = checkHolder(ctx, h);
      if (r) out.push(r);
    }
    // A policy document is judged once, on the document, when an identity policy uses it.
    for (const doc of ctx.aws.iam.documents.filter((d) => d.usedAsIdentity)) {
      const o = judgePolicy(doc.parsed, '', 'the policy document', ADMIN);
      out.push(ctx.report(o.status, doc, o.messageId, o.data, o.at));
    }
    return out;
  },
};
