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
    fix: 'replace Principal "*" with specific principals, or add a condition on aws:SourceArn / aws:SourceAccount / aws:PrincipalOrgID',
    appliesTo: [...RESOURCE_POLICY_TYPES, 'aws_iam_policy_document'],
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
