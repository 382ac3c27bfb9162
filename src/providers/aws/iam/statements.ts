/** Facts about one policy statement that several IAM rules ask (three-valued, see policy.ts). */
import { Unknown } from '../../../eval/value';
import { PolicyCondition, Principals, Statement, Tri, showTexts, textTri, triAnd, triNot, triOr, triSome } from './policy';
import { actionMatches, coversAllResources, grantsActionMatching, grantsAllActions, isAllow, isFullWildcardAction, patternsIntersect } from './matching';

/** What an administrative grant covers: every action, or all of IAM (which can grant every action). */
export type AdminKind = 'all' | 'iam';

/** An Allow statement that grants every action (`*`, or NotAction) on every resource (`*`, or NotResource). */
export function grantsAdmin(s: Statement): Tri {
  return triAnd(isAllow(s), grantsAllActions(s), coversAllResources(s));
}

/** A statement's grant points at `NotAction` when it has one, else at `Action` (`not_actions` / `actions` in a document block). */
export function actionElement(s: Statement): { json: string; block: string } {
  return s.notActions !== undefined ? { json: 'NotAction', block: 'not_actions' } : { json: 'Action', block: 'actions' };
}

// ------------------------------------------------------------------ administrative access and MFA (TG-IAM-005)

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
export function isMfaGuard(s: Statement, kind: AdminKind): Tri {
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
export function letsIamPrincipalsAssume(s: Statement): Tri {
  return triAnd(isAllow(s), iamPrincipals(s), grantsActionMatching(s, 'sts:AssumeRole'));
}

export function showPrincipals(s: Statement): string {
  const p = s.notPrincipals ?? s.principals;
  const prefix = s.notPrincipals !== undefined ? 'everyone except NotPrincipal ' : 'Principal ';
  if (p === undefined) return 'no principal';
  if (p === '*') return `${prefix}"*"`;
  return `${prefix}{${p.map((set) => `${typeof set.type === 'string' ? JSON.stringify(set.type) : `<${set.type.source}>`}: ${showTexts(set.ids)}`).join(', ')}}`;
}

