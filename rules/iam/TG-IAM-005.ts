import { Rule, RuleContext, RuleResult } from '../../src/rules/types';
import { AttachedPolicy, awsManagedPolicyName } from '../../src/providers/aws/iam/attachments';
import { MFA_SUBJECT_TYPES, Principal } from '../../src/providers/aws/iam/model';
import { Statement, evaluateStatements, isParsed, showTexts, triAnd, triNot } from '../../src/providers/aws/iam/policy';
import { actionMatches, isFullWildcardAction } from '../../src/providers/aws/iam/matching';
import {
  AdminKind,
  grantsAdmin,
  grantsAdministrativeAccess,
  isMfaGuard,
  letsIamPrincipalsAssume,
  requiresMfa,
  showPrincipals,
} from '../../src/providers/aws/iam/statements';

/** AWS managed policies that grant administrative access: everything, or all of IAM. */
const ADMIN_MANAGED_POLICIES: Readonly<Record<string, AdminKind>> = {
  administratoraccess: 'all',
  iamfullaccess: 'iam',
};

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

function analyzeAdmin(principal: Principal): AdminAnalysis {
  const out: AdminAnalysis = { grants: [], unknowns: [], policies: [] };
  for (const ap of principal.attached) {
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

/** "grants administrative access (...)" or "may grant administrative access (...)", for every message. */
function adminText(admin: AdminAnalysis): string {
  return admin.grants.length > 0
    ? `grants administrative access (${admin.grants.map((g) => g.message).join('; ')})`
    : `may grant administrative access (${admin.unknowns.join('; ')})`;
}

function checkRole({ report }: RuleContext, role: Principal): RuleResult | undefined {
  const admin = analyzeAdmin(role);
  if (admin.grants.length === 0 && admin.unknowns.length === 0) return undefined;
  const isAdmin = admin.grants.length > 0;
  const data = { admin: adminText(admin) };
  const trust = role.trust;
  if (!trust) return report('unknown', role, 'noTrust', { ...data, why: role.trustMissing ?? 'assume_role_policy is not set' });
  const parsed = trust.parsed;
  if ('unknown' in parsed) return report('unknown', role, 'trustUnreadable', { ...data, why: `is not known statically: ${parsed.unknown}` }, trust.path);
  if (!isParsed(parsed)) return report('unknown', role, 'trustUnreadable', { ...data, why: `cannot be read: ${parsed.invalid}` }, trust.path);

  const withoutMfa = evaluateStatements(parsed, (s) => triAnd(letsIamPrincipalsAssume(s), triNot(requiresMfa(s))));
  const withMfa = evaluateStatements(parsed, (s) => triAnd(letsIamPrincipalsAssume(s), requiresMfa(s)));
  // A statement written in a policy document block points at the role's attribute, where the document is used.
  const at = (s: { path: string; at?: unknown }) => (s.at ? trust.path : s.path);
  if (withoutMfa.matching.length > 0) {
    const open = withoutMfa.matching.map((s) => `${s.label} lets ${showPrincipals(s)} assume it without an aws:MultiFactorAuthPresent = true (Bool) or aws:MultiFactorAuthAge condition`);
    return report(isAdmin ? 'fail' : 'unknown', role, isAdmin ? 'roleWithoutMfa' : 'maybeRoleWithoutMfa', { ...data, open: open.join('; ') }, at(withoutMfa.matching[0]));
  }
  if (withoutMfa.unknown.length > 0) {
    return report('unknown', role, 'trustUndecided', { ...data, reasons: withoutMfa.unknown.map((u) => u.reason).join('; ') }, at(withoutMfa.unknown[0]));
  }
  if (withMfa.matching.length > 0) return report('pass', role, 'roleRequiresMfa', { ...data, statements: withMfa.matching.map((s) => s.label).join(', ') }, trust.path);
  // Only services or federated identities may assume it: no IAM principal to ask for MFA.
  return undefined;
}

// ------------------------------------------------------------------ groups

function checkGroup({ report }: RuleContext, group: Principal): RuleResult | undefined {
  const admin = analyzeAdmin(group);
  if (admin.grants.length === 0 && admin.unknowns.length === 0) return undefined;
  const isAdmin = admin.grants.length > 0;
  const kind: AdminKind = admin.grants.some((g) => g.kind === 'all') || !isAdmin ? 'all' : 'iam';
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
  const data = { admin: adminText(admin) };
  if (guards.length > 0) return report('pass', group, 'groupGuarded', { ...data, guards: guards.join(', ') });
  if (undecided.length > 0 || !isAdmin) {
    const why = undecided.length > 0 ? `; cannot tell whether a policy of the group holds an MFA guard: ${undecided.join('; ')}` : '';
    return report('unknown', group, 'groupUndecided', { ...data, why });
  }
  const guard = kind === 'all' ? 'a Deny of "*" (or a NotAction list)' : 'a Deny of "iam:*" (or "*", or a NotAction list)';
  return report('fail', group, 'groupWithoutMfa', { ...data, guard });
}

export const rule: Rule = {
  meta: {
    id: 'TG-IAM-005',
    title: 'Administrative access requires MFA',
    claim: 'authentication',
    severity: 'high',
    fix: 'require aws:MultiFactorAuthPresent = true in admin role trust policies; add an MFA-deny guard to admin groups',
    appliesTo: MFA_SUBJECT_TYPES,
    messages: {
      noTrust: 'The role {{admin}}, and {{why}}',
      trustUnreadable: 'The role {{admin}}; its assume_role_policy {{why}}',
      roleWithoutMfa: 'Administrative role assumable without MFA: it {{admin}}; {{open}}',
      maybeRoleWithoutMfa: 'Role assumable without MFA that may be administrative: it {{admin}}; {{open}}',
      trustUndecided: 'The role {{admin}}; cannot tell whether its trust policy requires MFA: {{reasons}}',
      roleRequiresMfa: 'The role {{admin}}, and every trust statement that lets IAM principals assume it requires MFA ({{statements}})',
      groupGuarded: 'The group {{admin}}, and denies it without MFA ({{guards}})',
      groupUndecided: 'The group {{admin}}{{why}}',
      groupWithoutMfa:
        'Administrative group without MFA enforcement: it {{admin}}, and no policy of the group has an MFA guard ({{guard}} with BoolIfExists aws:MultiFactorAuthPresent = false)',
    },
  },

  check(ctx) {
    const out: RuleResult[] = [];
    for (const role of ctx.aws.iam.roles) {
      const r = checkRole(ctx, role);
      if (r) out.push(r);
    }
    for (const group of ctx.aws.iam.groups) {
      const r = checkGroup(ctx, group);
      if (r) out.push(r);
    }
    return out;
  },
};
