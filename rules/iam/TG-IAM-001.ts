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
    description: [
      'No `Allow` statement of an identity policy may grant every action on every resource: `Action "*"`',
      '(or `*:*`), or a `NotAction` (everything except a list), together with `Resource "*"` (or a',
      '`NotResource`). Such a policy is full administrator access and contradicts least privilege.',
      '',
      'Read are `aws_iam_policy`, `aws_iam_role_policy`, `aws_iam_user_policy`, `aws_iam_group_policy`,',
      '`aws_iam_role` inline policies and `data "aws_iam_policy_document"`, in every form: JSON strings,',
      'heredocs, `jsonencode`, policy documents with `source_policy_documents` /',
      '`override_policy_documents` merged as the AWS provider merges them, `Statement` as a single object,',
      '`Action` as a string. Deny statements are ignored. A statement without `Effect` is invalid IAM and',
      'gives `unknown`; so does a policy with unresolved parts, unless a known statement already fails.',
      '',
      'A policy whose document is the `json` of an `aws_iam_policy_document` in the configuration is',
      'reported once, on the data source (where the statements are written), not again on the policy',
      'resource. A data source is judged only when one of the identity policies above uses it (by',
      'reference, through locals or module inputs, or in a plan\'s configuration references; a document',
      'merged into it counts too): one that nothing uses, or that only resource or trust policies use (a',
      'bucket policy, an OpenSearch domain policy), is not an identity policy and gets no result. Trust',
      'policies (`assume_role_policy`) are not permission policies and are out of scope (see TG-IAM-007);',
      'an `aws_iam_role` without `inline_policy` gets no result.',
    ].join('\n'),
    remediation: [
      'Grant only the actions the workload needs, on the resources it needs them on:',
      '',
      '```hcl',
      'data "aws_iam_policy_document" "app" {',
      '  statement {',
      '    actions   = ["s3:GetObject", "s3:PutObject"]',
      '    resources = ["${aws_s3_bucket.data.arn}/*"]',
      '  }',
      '}',
      '```',
      '',
      'Administrators should assume a dedicated role that requires MFA (TG-IAM-005) instead of holding a `*` policy.',
    ].join('\n'),
    fix: 'replace "*" actions on "*" resources with the specific actions and resources needed',
    appliesTo: [...IDENTITY_POLICY_TYPES, 'aws_iam_policy_document'],
    references: {
      checkov: ['CKV_AWS_62', 'CKV_AWS_1'],
      kics: ['2f37c4a3-58b9-4afe-8a87-d7f1d2286f84', '575a2155-6af1-4026-b1af-d5bc8fe2a904', 'b1ffa705-19a3-4b73-b9d0-0c97d0663842'],
      docs: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
        'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document',
      ],
    },
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
