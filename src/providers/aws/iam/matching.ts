/** What a statement grants and to whom: IAM wildcard matching, actions, resources, principals, narrowing conditions. */
import { Unknown } from '../../../eval/value';
import { PolicyCondition, PolicyText, Principals, Statement, Tri, textTri, triAnd, triNot, triSome } from './policy';

const patternCache = new Map<string, RegExp>();

/** IAM wildcard matching: case-insensitive, `*` any run of characters, `?` one character. */
export function actionMatches(pattern: string, action: string): boolean {
  let re = patternCache.get(pattern);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 'is');
    if (patternCache.size > 5000) patternCache.clear();
    patternCache.set(pattern, re);
  }
  return re.test(action);
}

/** True when two wildcard patterns match at least one common string (case-insensitive). */
export function patternsIntersect(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const memo = new Map<number, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = i * (y.length + 1) + j;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    memo.set(key, false);
    let r = false;
    if (i === x.length && j === y.length) r = true;
    else if (i < x.length && x[i] === '*') r = go(i + 1, j) || (j < y.length && go(i, j + 1));
    else if (j < y.length && y[j] === '*') r = go(i, j + 1) || (i < x.length && go(i + 1, j));
    else if (i < x.length && j < y.length && (x[i] === '?' || y[j] === '?' || x[i] === y[j])) r = go(i + 1, j + 1);
    memo.set(key, r);
    return r;
  };
  return go(0, 0);
}

/** A pattern that matches every action (`*`, `*:*`). */
export function isFullWildcardAction(pattern: string): boolean {
  return /^\*+(:\*+)?$/.test(pattern.trim());
}

/** A resource pattern that matches every resource (`*`). */
export function isFullWildcardResource(pattern: string): boolean {
  return /^\*+$/.test(pattern.trim());
}

/** Whether a statement with an `Allow` effect applies: `false` for Deny, the Unknown for an unknown Effect. */
export function isAllow(stmt: Statement): Tri {
  if (stmt.effect instanceof Unknown) return stmt.effect;
  return stmt.effect === 'Allow';
}

/**
 * The statement's actions cover every action: an `Action` that is `*` (or `*:*`), or a `NotAction`
 * (everything except a list), as TG-IAM-001 counts it.
 */
export function grantsAllActions(stmt: Statement): Tri {
  if (stmt.notActions !== undefined) return true;
  return triSome(stmt.actions ?? [], (a) => textTri(a, isFullWildcardAction));
}

/** The statement's resources cover every resource: `Resource "*"` or a `NotResource` (everything except a list). */
export function coversAllResources(stmt: Statement): Tri {
  if (stmt.notResources !== undefined) return true;
  return triSome(stmt.resources ?? [], (r) => textTri(r, isFullWildcardResource));
}

/**
 * Whether the statement's action set includes some action matching `pattern` (a concrete action
 * such as `iam:PassRole`, or a pattern such as `iam:Put*Policy`): through `Action`, or through a
 * `NotAction` that does not exclude all of it.
 */
export function grantsActionMatching(stmt: Statement, pattern: string): Tri {
  if (stmt.actions !== undefined) return triSome(stmt.actions, (a) => textTri(a, (s) => patternsIntersect(s, pattern)));
  if (stmt.notActions !== undefined) {
    // Excluded only when some NotAction pattern covers the whole of `pattern`.
    const excluded = triSome(stmt.notActions, (a) => (typeof a === 'string' ? actionMatches(a, pattern) : a));
    return triNot(excluded);
  }
  return false;
}

/**
 * A principal that is everyone: `"*"`, `{"AWS": "*"}` (also inside lists), `{"*": "*"}`, or an ARN
 * with a wildcard account (`arn:aws:iam::*:root`).
 */
export function isEveryone(principals: Principals | undefined): Tri {
  if (principals === undefined) return false;
  if (principals === '*') return true;
  return triSome(principals, (set) => {
    const type = set.type;
    const typeMatters: Tri = typeof type === 'string' ? ['aws', '*'].includes(type.toLowerCase()) : type;
    if (typeMatters === false) return false;
    const idIsEveryone = triSome(set.ids, (id) => textTri(id, isEveryoneId));
    return triAnd(typeMatters, idIsEveryone);
  });
}

function isEveryoneId(id: string): boolean {
  const s = id.trim();
  if (s === '*') return true;
  const parts = s.split(':');
  // arn:partition:service:region:account:resource — a wildcard in the account is any account.
  return parts.length >= 6 && parts[0].toLowerCase() === 'arn' && /[*?]/.test(parts[4]);
}

/** The statement applies to everyone: an everyone principal, or a `NotPrincipal` (everyone except a list). */
export function appliesToEveryone(stmt: Statement): Tri {
  if (stmt.notPrincipals !== undefined) return true;
  return isEveryone(stmt.principals);
}

/** Condition keys that narrow who can use a statement (rules.md, general semantics). */
export const NARROWING_CONDITION_KEYS: readonly string[] = [
  'aws:SourceArn',
  'aws:SourceAccount',
  'aws:SourceOwner',
  'aws:SourceVpc',
  'aws:SourceVpce',
  'aws:VpceAccount',
  'aws:PrincipalOrgID',
  'aws:PrincipalOrgPaths',
  'aws:PrincipalAccount',
  'aws:PrincipalArn',
  'aws:SourceIp',
  'kms:CallerAccount',
  'kms:ViaService',
  'sts:ExternalId',
];

/** Positive condition operators (the `…Not…` forms do not narrow). */
export const POSITIVE_CONDITION_OPERATORS: readonly string[] = [
  'StringEquals',
  'StringEqualsIgnoreCase',
  'StringLike',
  'ArnEquals',
  'ArnLike',
  'IpAddress',
  'Bool',
  'NumericEquals',
  'DateEquals',
  'BinaryEquals',
];

const NARROWING_KEYS = new Set(NARROWING_CONDITION_KEYS.map((k) => k.toLowerCase()));
const POSITIVE_OPERATORS = new Set(POSITIVE_CONDITION_OPERATORS.map((o) => o.toLowerCase()));

/**
 * Whether an operator narrows: a positive operator, optionally `ForAnyValue:`. Not the `…Not…`
 * forms; not `…IfExists` (a request without the key passes); not `ForAllValues:` (a request without
 * the key passes too); not `Null`.
 */
export function isPositiveOperator(operator: string): boolean {
  let op = operator.trim().toLowerCase();
  if (op.startsWith('forallvalues:')) return false;
  if (op.startsWith('foranyvalue:')) op = op.slice('foranyvalue:'.length);
  if (op.endsWith('ifexists')) return false;
  return POSITIVE_OPERATORS.has(op);
}

/** A condition value that lets everything through (`*` for the Like operators, a `/0` network). */
function matchesEverything(value: string, operator: string): boolean {
  const v = value.trim();
  if (/like$/i.test(operator) && /^[*?]*\*[*?]*$/.test(v)) return true;
  if (/ipaddress$/i.test(operator) && /\/0$/.test(v)) return true;
  return false;
}

/**
 * Whether one condition narrows the statement (see `hasNarrowingCondition`). The operator and the key
 * decide; a value decides only when it is known to let everything through (`StringLike "*"`, a `/0`
 * network, also `"${var.net}/0"`). A value that is not known statically (a variable, a resource
 * attribute, a partly known template) narrows whatever it turns out to be (rules.md, general semantics).
 */
export function isNarrowingCondition(c: PolicyCondition): Tri {
  const op: Tri = typeof c.operator === 'string' ? isPositiveOperator(c.operator) : c.operator;
  const key: Tri = typeof c.key === 'string' ? NARROWING_KEYS.has(c.key.trim().toLowerCase()) : c.key;
  const operator = typeof c.operator === 'string' ? c.operator : '';
  const letsEverythingThrough = (v: PolicyText) => textTri(v, (s) => matchesEverything(s, operator)) === true;
  const opaque = c.values.length > 0 && !c.values.some(letsEverythingThrough);
  return triAnd(op, key, opaque);
}

/**
 * The statement has a narrowing condition: a positive operator on one of
 * `NARROWING_CONDITION_KEYS`, with values that do not let everything through.
 */
export function hasNarrowingCondition(stmt: Statement): Tri {
  return triSome(stmt.conditions, isNarrowingCondition);
}
