import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';
import { combineParts, result } from '../../src/rules/support/results';
import { missingRequired } from '../../src/rules/support/required';
import {
  ParsedPolicy,
  PolicyValue,
  Principals,
  Statement,
  Tri,
  appliesToEveryone,
  hasNarrowingCondition,
  isAllow,
  policyValues,
  readPolicy,
  showTexts,
  triAnd,
  triNot,
} from '../../src/rules/support/iam-policy';
import { PolicyQuestion, PolicyVerdict, checkPolicyDocument, judgePolicy } from '../../src/rules/support/policy-verdict';
import { documentsUsedBy } from '../../src/rules/support/iam-documents';

/** Resources holding resource policies or trust policies (v3 inline forms included; `aws_kms_key_policy` since v4.x). */
export const RESOURCE_POLICY_TYPES = [
  'aws_iam_role',
  'aws_kms_key',
  'aws_kms_key_policy',
  'aws_s3_bucket_policy',
  'aws_s3_bucket',
  'aws_sqs_queue_policy',
  'aws_sqs_queue',
  'aws_sns_topic_policy',
  'aws_sns_topic',
] as const;

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
    failure: 'Open to everyone',
    describe: describeGrant,
    asks: 'allows everyone',
    passes: 'is open to everyone without a narrowing condition',
  };

function judge(parsed: ParsedPolicy, path: string, name: string): PolicyVerdict {
  return judgePolicy(parsed, path, name, OPEN_TO_EVERYONE);
}

/** The resource and trust policies of a node (for roles: the trust policy only). */
function policiesOf(graph: ResourceGraph, node: GraphNode): PolicyValue[] {
  return policyValues(graph, node).filter((v) => v.kind === 'trust' || v.kind === 'resource');
}

function checkResource(graph: ResourceGraph, node: GraphNode): RuleResult | undefined {
  const values = policiesOf(graph, node);
  if (values.length === 0) {
    if (node.type === 'aws_kms_key') {
      // A standalone aws_kms_key_policy replaces the key policy: judged there.
      if (graph.referrers(node, 'aws_kms_key_policy', 'key_id').length > 0) return undefined;
      return result('pass', node, 'policy is not set: AWS applies the default key policy, which allows only the account (its root principal and IAM policies)');
    }
    // A resource whose policy the provider requires (a role's trust policy, a policy resource): unknown, saying why.
    const missing = missingRequired(node, node.type === 'aws_iam_role' ? 'assume_role_policy' : 'policy');
    if (missing) return result('unknown', node, missing);
    // aws_s3_bucket / aws_sqs_queue / aws_sns_topic without an inline policy: a separate policy resource (if any) is judged.
    return undefined;
  }
  // A policy that is the json of an aws_iam_policy_document in the graph is judged once, on the data source.
  const own = values.filter((v) => !v.document);
  if (own.length === 0) return undefined;
  const verdicts = own.map((v) => {
    // An empty policy string allows no one (the provider rejects it at apply).
    if (v.value === '' || (typeof v.value === 'string' && v.value.trim() === '')) {
      return { status: 'pass' as const, message: `${v.path} is empty: it allows no one`, path: v.path };
    }
    return judge(readPolicy(graph, v), v.path, v.path);
  });
  if (verdicts.length === 1) return result(verdicts[0].status, node, verdicts[0].message, verdicts[0].path);
  const parts: ResultPart[] = verdicts.map((v, i) => ({ name: own[i].path, status: v.status, message: v.message, attribute: v.path }));
  return combineParts(node, parts, `no policy of ${node.address} is open to everyone (${own.length} policies)`);
}


export const rule: Rule = {
  meta: {
    id: 'TG-IAM-007',
    title: 'Resource and trust policies do not allow everyone',
    claim: 'iam-least-privilege',
    severity: 'critical',
    description: [
      'No `Allow` statement of a resource policy or a role trust policy may be open to everyone without a',
      'narrowing condition. Everyone is `Principal "*"`, `{"AWS": "*"}` (also inside a list), an ARN with a',
      'wildcard account (`arn:aws:iam::*:root`), or a `NotPrincipal` (everyone except a list). A narrowing',
      'condition is a positive operator (`StringEquals`, `ArnLike`, `IpAddress`, `Bool`…, not the `…Not…` or',
      '`…IfExists` forms) on `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOwner`, `aws:SourceVpc`,',
      '`aws:SourceVpce`, `aws:VpceAccount`, `aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`,',
      '`aws:PrincipalAccount`, `aws:PrincipalArn`, `aws:SourceIp`, `kms:CallerAccount`, `kms:ViaService` or',
      '`sts:ExternalId` (key names case-insensitive), with a value that does not match everything.',
      '',
      'Read are `aws_iam_role.assume_role_policy`, `aws_kms_key.policy` / `aws_kms_key_policy`,',
      '`aws_s3_bucket_policy` and the v3 inline `aws_s3_bucket.policy`, `aws_sqs_queue_policy` /',
      '`aws_sqs_queue.policy`, `aws_sns_topic_policy` / `aws_sns_topic.policy`, in every form. A policy whose',
      'document is the `json` of an `aws_iam_policy_document` in the configuration is reported once, on the data',
      'source (as TG-IAM-001 does), and only when one of the resources above uses it as its resource or trust',
      'policy (by reference, through locals or module inputs, or in a plan\'s configuration references): a data',
      'source that nothing uses, that only identity policies use, or that only resource policies of other',
      'services use (an OpenSearch or Elasticsearch domain policy, an ECR repository policy) gets no result. An',
      '`aws_kms_key` without `policy` gets the AWS default key policy (the account only) and passes.',
    ].join('\n'),
    remediation: [
      'Name the principals, or narrow a service or public grant with a condition on the caller:',
      '',
      '```hcl',
      'data "aws_iam_policy_document" "queue" {',
      '  statement {',
      '    actions   = ["sqs:SendMessage"]',
      '    resources = [aws_sqs_queue.events.arn]',
      '    principals {',
      '      type        = "Service"',
      '      identifiers = ["sns.amazonaws.com"]',
      '    }',
      '    condition {',
      '      test     = "ArnEquals"',
      '      variable = "aws:SourceArn"',
      '      values   = [aws_sns_topic.events.arn]',
      '    }',
      '  }',
      '}',
      '```',
    ].join('\n'),
    fix: 'replace Principal "*" with specific principals, or add a condition on aws:SourceArn / aws:SourceAccount / aws:PrincipalOrgID',
    appliesTo: [...RESOURCE_POLICY_TYPES, 'aws_iam_policy_document'],
    references: {
      checkov: ['CKV_AWS_33', 'CKV_AWS_61', 'CKV_AWS_70', 'CKV_AWS_168', 'CKV_AWS_169'],
      trivy: ['AVD-AWS-0097'],
      kics: [
        '12b7e704-37f0-4d1e-911a-44bf60c48c21',
        'bcdcbdc6-a350-4855-ae7c-d1e6436f7c97',
        '7af43613-6bb9-4a0e-8c4d-1314b799425e',
        '730675f9-52ed-49b6-8ead-0acb5dd7df7f',
        'b26d2b7e-60f6-413d-a3a1-a57db24aa2b3',
        '7ebc9038-0bde-479a-acc4-6ed7b6758899',
      ],
      docs: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html',
        'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document',
      ],
    },
  },

  check({ graph }) {
    const out: RuleResult[] = [];
    for (const node of graph.resources(RESOURCE_POLICY_TYPES)) {
      const r = checkResource(graph, node);
      if (r) out.push(r);
    }
    // A policy document is judged once, on the document, when a resource or trust policy of this rule's
    // scope uses it directly (a document merged into another is judged as part of that one).
    for (const doc of documentsUsedBy(graph, RESOURCE_POLICY_TYPES, ['resource', 'trust'], { direct: true })) out.push(checkPolicyDocument(graph, doc, OPEN_TO_EVERYONE));
    return out;
  },
};
