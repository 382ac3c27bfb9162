/**
 * The verdict of a policy rule on one policy document: fail on the first statement that matches,
 * pointing at its deciding element; unknown when a statement cannot be decided; else pass. Shared by
 * the IAM rules so they differ only in what they look for and how they say it.
 */
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { ResultPart, RuleResult } from '../../../rules/types';
import { ParsedPolicy, Statement, Tri, evaluateStatements, isParsed, policyValues, readPolicy, readPolicyDocument } from './policy';
import { combineParts, result } from '../../../rules/support/results';
import { missingRequired } from '../../../rules/support/required';

export interface PolicyVerdict {
  status: 'pass' | 'fail' | 'unknown';
  message: string;
  /** Attribute path on the node the verdict is about (the policy, a statement, or its element). */
  path: string;
}

export interface PolicyQuestion {
  /** Whether a statement is what the rule forbids. */
  matches(s: Statement): Tri;
  /** The element a failure points at: in policy JSON (`Action`) and in a document block (`actions`). */
  element(s: Statement): { json: string; block: string };
  /** Starts the failure message: `Full administrative access`. */
  failure: string;
  describe(s: Statement): string;
  /** What the rule asks, for unknown and pass messages: `grants all actions on all resources`. */
  asks: string;
  /** The pass message after "no Allow statement in <name>": defaults to `asks`. */
  passes?: string;
}

export function judgePolicy(parsed: ParsedPolicy, path: string, name: string, q: PolicyQuestion): PolicyVerdict {
  if ('unknown' in parsed) return { status: 'unknown', message: `${name} is not known statically: ${parsed.unknown}`, path };
  if (!isParsed(parsed)) return { status: 'unknown', message: `${name} cannot be read: ${parsed.invalid}`, path };
  const verdicts = evaluateStatements(parsed, (s) => q.matches(s));
  if (verdicts.matching.length > 0) {
    const s = verdicts.matching[0];
    const element = q.element(s);
    return { status: 'fail', message: `${q.failure}: ${verdicts.matching.map((m) => q.describe(m)).join('; ')}`, path: `${s.at?.path ?? s.path}.${s.at ? element.block : element.json}` };
  }
  if (verdicts.unknown.length > 0) {
    const where = verdicts.unknown[0].at?.path ?? verdicts.unknown[0].path;
    return { status: 'unknown', message: `Cannot tell whether ${name} ${q.asks}: ${verdicts.unknown.map((u) => u.reason).join('; ')}`, path: where };
  }
  const n = parsed.statements.length;
  return { status: 'pass', message: `no Allow statement in ${name} ${q.passes ?? q.asks} (${n} statement${n === 1 ? '' : 's'})`, path };
}

/**
 * An identity-policy rule's result for one resource (aws_iam_policy, role/user/group policies, role
 * inline policies): one verdict per policy it holds, combined. A policy that is the json of an
 * aws_iam_policy_document in the graph is judged once, on the document, so it gives no result here.
 */
export function checkIdentityPolicies(graph: ResourceGraph, node: GraphNode, q: PolicyQuestion): RuleResult | undefined {
  const values = policyValues(graph, node).filter((v) => v.kind === 'identity');
  if (values.length === 0) {
    // A role without inline policies is outside identity-policy rules; the others require `policy`.
    if (node.type === 'aws_iam_role') return undefined;
    return result('unknown', node, missingRequired(node, 'policy') ?? 'policy is not set');
  }
  const own = values.filter((v) => !v.document);
  if (own.length === 0) return undefined;
  const verdicts = own.map((v) => judgePolicy(readPolicy(graph, v), v.path, v.path, q));
  if (verdicts.length === 1) return result(verdicts[0].status, node, verdicts[0].message, verdicts[0].path);
  const parts: ResultPart[] = verdicts.map((v, i) => ({ name: own[i].path, status: v.status, message: v.message, attribute: v.path }));
  return combineParts(node, parts, `no inline policy ${q.passes ?? q.asks} (${own.length} policies)`);
}

/** The result for an aws_iam_policy_document data source, judged where its statements are written. */
export function checkPolicyDocument(graph: ResourceGraph, node: GraphNode, q: PolicyQuestion): RuleResult {
  const v = judgePolicy(readPolicyDocument(graph, node), '', 'the policy document', q);
  return result(v.status, node, v.message, v.path === '' ? undefined : v.path);
}
