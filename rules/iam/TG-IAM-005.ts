import { Unknown } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { AttachedPolicy, attachedPolicies, awsManagedPolicyName } from '../../src/rules/support/iam-attachments';
import {
  PolicyCondition,
  Principals,
  Statement,
  Tri,
  actionMatches,
  coversAllResources,
  evaluateStatements,
  grantsActionMatching,
  isAllow,
  isFullWildcardAction,
  isParsed,
  patternsIntersect,
  policyValues,
  readPolicy,
  showTexts,
  textTri,
  triAnd,
  triNot,
  triOr,
  triSome,
} from '../../src/rules/support/iam-policy';
import { result } from '../../src/rules/support/results';
import { missingRequired } from '../../src/rules/support/required';
import { Rule, RuleResult } from '../../src/rules/types';
import { grantsAdmin } from '../../src/providers/aws/iam/statements';

export const MFA_SUBJECT_TYPES = ['aws_iam_role', 'aws_iam_group'] as const;

/** AWS managed policies that grant administrative access: everything, or all of IAM. */
const ADMIN_MANAGED_POLICIES: Readonly<Record<string, AdminKind>> = {
  administratoraccess: 'all',
  iamfullaccess: 'iam',
};

type AdminKind = 'all' | 'iam';

// ------------------------------------------------------------------ statements

/** The statement's actions include every IAM action (`iam:*`, `*`, `i*`…, or a NotAction that leaves IAM in). */
function grantsAllIam(s: Statement): Tri {
  if (s.notActions !== undefined) return triNot(triSome(s.notActions, (a) => textTri(a, (p) => patternsIntersect(p, 'iam:*'))));
  return triSome(s.actions ?? [], (a) => textTri(a, (p) => actionMatches(p, 'iam:*')));
}

/** An Allow of every action on every resource (as TG-IAM-001), or of all of IAM on every resource. */
export function grantsAdministrativeAccess(s: Statement): Tri {
  return triOr(grantsAdmin(s), triAnd(isAllow(s), coversAllResources(s), grantsAllIam(s)));
}

function values(c: PolicyCondition, pred: (v: string) => boolean, every: boolean): Tri {
  if (c.values.length === 0) return false;
  const known = c.values.map((v) => textTri(v, (x) => pred(x.trim().toLowerCase())));
  if (every) return triAnd(...known);
  return triOr(...known);
}

/**
 * A condition that requires MFA: `Bool` `aws:MultiFactorAuthPresent` = true, a numeric operator on
 * `aws:MultiFactorAuthAge` (not `…IfExists`: a request without MFA has no such key), or `Null`
 * `aws:MultiFactorAuthAge` = false.
 */
export function isMfaCondition(c: PolicyCondition): Tri {
  if (c.operator instanceof Unknown) return c.operator;
  if (c.key instanceof Unknown) return c.key;
  const op = c.operator.trim().toLowerCase();
  const key = c.key.trim().toLowerCase();
  if (key === 'aws:multifactorauthpresent' && op === 'bool') return values(c, (v) => v === 'true', true);
  if (key === 'aws:multifactorauthage' && /^numeric[a-z]+$/.test(op) && !op.endsWith('ifexists')) return true;
  if (key === 'aws:multifactorauthage' && op === 'null') return values(c, (v) => v === 'false', true);
  return false;
}

export function requiresMfa(s: Statement): Tri {
  return triSome(s.conditions, isMfaCondition);
}

/** `Bool` / `BoolIfExists` `aws:MultiFactorAuthPresent` = false: the condition of an MFA guard. */
function isNoMfaCondition(c: PolicyCondition): Tri {
  if (c.operator instanceof Unknown) return c.operator;
  if (c.key instanceof Unknown) return c.key;
  const op = c.operator.trim().toLowerCase();
  if (c.key.trim().toLowerCase() !== 'aws:multifactorauthpresent' || (op !== 'bool' && op !== 'boolifexists')) return false;
  return values(c, (v) => v === 'false', false);
}

/** A Deny of the admin actions (`*` or a NotAction list; `iam:*` when only IAM is granted) when MFA is absent. */
function isMfaGuard(s: Statement, kind: AdminKind): Tri {
  const deny: Tri = s.effect instanceof Unknown ? s.effect : s.effect === 'Deny';
  const covers: Tri = s.notActions !== undefined
    ? true
    : triSome(s.actions ?? [], (a) => textTri(a, (p) => (kind === 'all' ? isFullWildcardAction(p) : actionMatches(p, 'iam:*'))));
  return triAnd(deny, covers, triSome(s.conditions, isNoMfaCondition));
}

/** Principals that are IAM identities (users, roles, accounts): `AWS`, `*`, or a NotPrincipal. */
function iamPrincipals(s: Statement): Tri {
  if (s.notPrincipals !== undefined) return true;
  const p: Principals | undefined = s.principals;
  if (p === undefined) return false;
  if (p === '*') return true;
  return triSome(p, (set) => (typeof set.type === 'string' ? ['aws', '*'].includes(set.type.trim().toLowerCase()) : set.type));
}

/** A trust statement that lets IAM principals assume the role. */
function letsIamPrincipalsAssume(s: Statement): Tri {
  return triAnd(isAllow(s), iamPrincipals(s), grantsActionMatching(s, 'sts:AssumeRole'));
}

function showPrincipals(s: Statement): string {
  const p = s.notPrincipals ?? s.principals;
  const prefix = s.notPrincipals !== undefined ? 'everyone except NotPrincipal ' : 'Principal ';
  if (p === undefined) return 'no principal';
  if (p === '*') return `${prefix}"*"`;
  return `${prefix}{${p.map((set) => `${typeof set.type === 'string' ? JSON.stringify(set.type) : `<${set.type.source}>`}: ${showTexts(set.ids)}`).join(', ')}}`;
}

// ------------------------------------------------------------------ administrative access

interface AdminGrant {
  kind: AdminKind;
  message: string;
}

interface AdminAnalysis {
  grants: AdminGrant[];
  /** Why it cannot be told whether some policy grants admin. */
  unknowns: string[];
  /** Policies whose statements are known (for the group guard). */
  policies: AttachedPolicy[];
}

function describeAdmin(s: Statement, kind: AdminKind): string {
  if (kind === 'iam' && s.notActions === undefined) {
    const a = (s.actions ?? []).find((x): x is string => typeof x === 'string' && actionMatches(x, 'iam:*'));
    return `${s.label} allows ${JSON.stringify(a ?? 'iam:*')} on all resources`;
  }
  if (s.notActions !== undefined) return `${s.label} allows every action except NotAction ${showTexts(s.notActions)} on all resources`;
  const a = (s.actions ?? []).find((x): x is string => typeof x === 'string' && isFullWildcardAction(x));
  return `${s.label} allows ${JSON.stringify(a ?? '*')} on all resources`;
}

function analyzeAdmin(graph: ResourceGraph, principal: GraphNode): AdminAnalysis {
  const out: AdminAnalysis = { grants: [], unknowns: [], policies: [] };
  for (const ap of attachedPolicies(graph, principal)) {
    out.policies.push(ap);
    if (ap.kind === 'unknown') {
      out.unknowns.push(`${ap.label}: ${ap.reason}`);
    } else if (ap.kind === 'managed') {
      const name = awsManagedPolicyName(ap.arn);
      if (name === undefined) out.unknowns.push(`${ap.label}: the policy ${ap.arn} is not in the configuration`);
      else {
        const kind = ADMIN_MANAGED_POLICIES[name.toLowerCase()];
        if (kind) out.grants.push({ kind, message: `${ap.label} attaches the AWS managed policy ${name}` });
      }
    } else if ('unknown' in ap.policy) {
      out.unknowns.push(`${ap.label}: the policy is not known statically: ${ap.policy.unknown}`);
    } else if (!isParsed(ap.policy)) {
      out.unknowns.push(`${ap.label}: the policy cannot be read: ${ap.policy.invalid}`);
    } else {
      // Admin statements that require MFA themselves are not admin without MFA.
      const verdicts = evaluateStatements(ap.policy, (s) => triAnd(grantsAdministrativeAccess(s), triNot(requiresMfa(s))));
      for (const s of verdicts.matching) {
        const kind: AdminKind = grantsAdmin(s) === true ? 'all' : 'iam';
        out.grants.push({ kind, message: `${ap.label}: ${describeAdmin(s, kind)}` });
      }
      for (const u of verdicts.unknown) out.unknowns.push(`${ap.label}: ${u.reason}`);
    }
  }
  return out;
}

// ------------------------------------------------------------------ roles

function checkRole(graph: ResourceGraph, role: GraphNode): RuleResult | undefined {
  const admin = analyzeAdmin(graph, role);
  if (admin.grants.length === 0 && admin.unknowns.length === 0) return undefined;
  const isAdmin = admin.grants.length > 0;
  const adminText = isAdmin
    ? `grants administrative access (${admin.grants.map((g) => g.message).join('; ')})`
    : `may grant administrative access (${admin.unknowns.join('; ')})`;

  const trust = policyValues(graph, role).find((v) => v.kind === 'trust');
  if (!trust) return result('unknown', role, `The role ${adminText}, and ${missingRequired(role, 'assume_role_policy') ?? 'assume_role_policy is not set'}`);
  const parsed = readPolicy(graph, trust);
  if ('unknown' in parsed) return result('unknown', role, `The role ${adminText}; its assume_role_policy is not known statically: ${parsed.unknown}`, trust.path);
  if (!isParsed(parsed)) return result('unknown', role, `The role ${adminText}; its assume_role_policy cannot be read: ${parsed.invalid}`, trust.path);

  const withoutMfa = evaluateStatements(parsed, (s) => triAnd(letsIamPrincipalsAssume(s), triNot(requiresMfa(s))));
  const withMfa = evaluateStatements(parsed, (s) => triAnd(letsIamPrincipalsAssume(s), requiresMfa(s)));
  const at = (s: { path: string; at?: unknown }) => (s.at ? trust.path : s.path);
  if (withoutMfa.matching.length > 0) {
    const open = withoutMfa.matching.map((s) => `${s.label} lets ${showPrincipals(s)} assume it without an aws:MultiFactorAuthPresent = true (Bool) or aws:MultiFactorAuthAge condition`);
    const status = isAdmin ? 'fail' : 'unknown';
    const lead = isAdmin ? 'Administrative role assumable without MFA' : 'Role assumable without MFA that may be administrative';
    return result(status, role, `${lead}: it ${adminText}; ${open.join('; ')}`, at(withoutMfa.matching[0]));
  }
  if (withoutMfa.unknown.length > 0) {
    return result('unknown', role, `The role ${adminText}; cannot tell whether its trust policy requires MFA: ${withoutMfa.unknown.map((u) => u.reason).join('; ')}`, at(withoutMfa.unknown[0]));
  }
  if (withMfa.matching.length > 0) {
    const labels = withMfa.matching.map((s) => s.label).join(', ');
    return result('pass', role, `The role ${adminText}, and every trust statement that lets IAM principals assume it requires MFA (${labels})`, trust.path);
  }
  // Only services or federated identities may assume it: no IAM principal to ask for MFA.
  return undefined;
}

// ------------------------------------------------------------------ groups

function checkGroup(graph: ResourceGraph, group: GraphNode): RuleResult | undefined {
  const admin = analyzeAdmin(graph, group);
  if (admin.grants.length === 0 && admin.unknowns.length === 0) return undefined;
  const isAdmin = admin.grants.length > 0;
  const kind: AdminKind = admin.grants.some((g) => g.kind === 'all') || !isAdmin ? 'all' : 'iam';
  const adminText = isAdmin
    ? `grants administrative access (${admin.grants.map((g) => g.message).join('; ')})`
    : `may grant administrative access (${admin.unknowns.join('; ')})`;

  const guards: string[] = [];
  const undecided: string[] = [];
  for (const ap of admin.policies) {
    if (ap.kind === 'unknown') undecided.push(`${ap.label}: ${ap.reason}`);
    else if (ap.kind === 'managed') {
      if (awsManagedPolicyName(ap.arn) === undefined) undecided.push(`${ap.label}: the policy ${ap.arn} is not in the configuration`);
    } else if (!isParsed(ap.policy)) undecided.push(`${ap.label}: the policy is not known`);
    else {
      const v = evaluateStatements(ap.policy, (s) => isMfaGuard(s, kind));
      guards.push(...v.matching.map((s) => `${ap.label}: ${s.label}`));
      undecided.push(...v.unknown.map((u) => `${ap.label}: ${u.reason}`));
    }
  }
  const guardText = kind === 'all' ? 'a Deny of "*" (or a NotAction list)' : 'a Deny of "iam:*" (or "*", or a NotAction list)';
  if (guards.length > 0) return result('pass', group, `The group ${adminText}, and denies it without MFA (${guards.join(', ')})`);
  if (undecided.length > 0 || !isAdmin) {
    const why = undecided.length > 0 ? `; cannot tell whether a policy of the group holds an MFA guard: ${undecided.join('; ')}` : '';
    return result('unknown', group, `The group ${adminText}${why}`);
  }
  return result(
    'fail',
    group,
    `Administrative group without MFA enforcement: it ${adminText}, and no policy of the group has an MFA guard (${guardText} with BoolIfExists aws:MultiFactorAuthPresent = false)`,
  );
}

export const rule: Rule = {
  meta: {
    id: 'TG-IAM-005',
    title: 'Administrative access requires MFA',
    claim: 'authentication',
    severity: 'high',
    fix: 'require aws:MultiFactorAuthPresent = true in admin role trust policies; add an MFA-deny guard to admin groups',
    appliesTo: MFA_SUBJECT_TYPES,
  },

  check({ graph }) {
    const out: RuleResult[] = [];
    for (const role of graph.resources('aws_iam_role')) {
      const r = checkRole(graph, role);
      if (r) out.push(r);
    }
    for (const group of graph.resources('aws_iam_group')) {
      const r = checkGroup(graph, group);
      if (r) out.push(r);
    }
    return out;
  },
};
