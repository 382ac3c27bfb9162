/**
 * Reading IAM policies the way the IAM rules (TG-IAM-001/002/005/007) need them: every form a
 * policy arrives in, normalized to one statement model, with three-valued answers (true, false, or
 * the Unknown that keeps it from being decided).
 *
 * Forms read (rules.md §2.5): JSON string literals, heredocs and `jsonencode({...})` (all strings
 * after evaluation), `data "aws_iam_policy_document"` (read from its blocks, with
 * `source_policy_documents` / `override_policy_documents` merged as the provider does), `Statement`
 * given as one object instead of a list, `Action`/`Resource`/… given as a string, `NotAction`,
 * `NotResource`, `NotPrincipal`, `Principal: "*"`.
 *
 * Tolerance: IAM element names are case-sensitive, but a policy that writes `"effect"` or
 * `"action"` is read as if it said `Effect` / `Action` (the AWS provider's own JSON reader does the
 * same). A finding on a policy that AWS would reject costs a false positive; ignoring a grant that
 * AWS accepts would cost a missed admin policy. For the same reason `Effect` values are read
 * case-insensitively. What cannot be read at all (no `Effect`, an `Effect` that is neither Allow nor
 * Deny, an element of the wrong type) is recorded in `problems`: a rule answers `unknown`
 * ("invalid IAM") for such a statement, never `pass`.
 */
import { Unknown, Value, ValueObject, isObject, valuesEqual } from '../../../eval/value';
import { GraphNode, ResourceGraph } from '../../../graph/model';
import {
  BuiltPolicyDocument,
  POLICY_DOCUMENT_TYPE,
  buildPolicyDocument,
  documentUnknown,
} from '../../../config/renderers/aws-iam-policy-document';

// ------------------------------------------------------------------ model

/** A policy string: known, or an Unknown (an unresolved reference inside the policy). */
export type PolicyText = string | Unknown;

/** Three-valued: `true`, `false`, or the Unknown that keeps the answer open. */
export type Tri = boolean | Unknown;

export interface PrincipalSet {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` (`{"*": "*"}`). */
  type: PolicyText;
  ids: PolicyText[];
}

/** `'*'` for `"Principal": "*"`; else one set per principal type. */
export type Principals = '*' | PrincipalSet[];

export interface PolicyCondition {
  /** `StringEquals`, `ForAnyValue:StringLike`, `ArnLikeIfExists`, … */
  operator: PolicyText;
  /** The condition key, e.g. `aws:SourceArn`. */
  key: PolicyText;
  values: PolicyText[];
}

export interface Statement {
  /** Position in the document's Statement list (after merging, for policy documents). */
  index: number;
  sid?: PolicyText;
  /** Undefined when the statement has no (valid) Effect; `problems` then says why. */
  effect: 'Allow' | 'Deny' | Unknown | undefined;
  actions?: PolicyText[];
  notActions?: PolicyText[];
  resources?: PolicyText[];
  notResources?: PolicyText[];
  principals?: Principals;
  notPrincipals?: Principals;
  conditions: PolicyCondition[];
  /** Names the statement in messages: `Statement[0] (Sid "Admin")`, `statement.1`, `source_policy_documents[0] Statement[2]`. */
  label: string;
  /** Attribute path on the node whose policy this is (`policy`, `inline_policy.0.policy`, `statement.1`). */
  path: string;
  /** Where the statement is written when that is a data source block: the node and its attribute path. */
  at?: { node: GraphNode; path: string };
  /** Set when the statement may be replaced by a document that is not known (same Sid). */
  presence?: Unknown;
  /** Why the statement is not valid IAM (no Effect, Action of the wrong type…); rules answer unknown. */
  problems: string[];
}

/** Statements that may be part of the policy but are not known (an unknown source document…). */
export interface UnknownStatements {
  unknown: Unknown;
  label: string;
  path: string;
  at?: { node: GraphNode; path: string };
}

export type ParsedPolicy =
  | { statements: Statement[]; unknownStatements: UnknownStatements[] }
  | { unknown: string; value: Unknown }
  | { invalid: string };

export function isParsed(p: ParsedPolicy): p is { statements: Statement[]; unknownStatements: UnknownStatements[] } {
  return 'statements' in p;
}

// ------------------------------------------------------------------ three-valued helpers

export function triAnd(...xs: Tri[]): Tri {
  if (xs.some((x) => x === false)) return false;
  return xs.find((x): x is Unknown => x instanceof Unknown) ?? true;
}

export function triOr(...xs: Tri[]): Tri {
  if (xs.some((x) => x === true)) return true;
  return xs.find((x): x is Unknown => x instanceof Unknown) ?? false;
}

export function triNot(x: Tri): Tri {
  return x instanceof Unknown ? x : !x;
}

/** True if `pred` holds for some known element; else the first Unknown element's reason; else false. */
export function triSome<T>(items: readonly T[], pred: (item: T) => Tri): Tri {
  return triOr(...items.map(pred));
}

/**
 * An Unknown that is the ARN, ID or name of something in the configuration (`aws_s3_bucket.b.arn`,
 * `data.aws_caller_identity.current.account_id`): not known, but certainly a concrete identifier,
 * never `*` or a wildcard pattern. Anything else (a variable, a module output) may be `*`.
 */
export function isConcreteReference(u: Unknown): boolean {
  if (!u.ref) return false;
  const last = u.ref.attrPath.split('.').pop() ?? '';
  return /(^|_)(arn|id|name|bucket)$/.test(last);
}

/** The pieces of a string template with unknown interpolations: literal text and the Unknowns, in order. */
export type TemplatePieces = ReadonlyArray<string | Unknown>;

/** Policy strings that are only partly known (`"arn:aws:s3:::${var.bucket}/*"`), read from a template policy. */
const partialTexts = new WeakMap<Unknown, TemplatePieces>();

/**
 * The template pieces of an Unknown: a partly known policy string, or a string template (a heredoc
 * policy with `${...}` interpolations) when the evaluator records them on the Unknown (`template`).
 */
export function templatePieces(u: Unknown): TemplatePieces | undefined {
  return u.template ?? partialTexts.get(u);
}

/** Values tried for the unknown parts of a partly known string: the widest wildcard, nothing, a plain name. */
const PROBES = ['*', '', 'x0'];

/**
 * `pred` on a policy string; an Unknown that is a concrete reference is no wildcard (`false`). A partly
 * known string (`"${aws_s3_bucket.b.arn}/*"`, `"arn:aws:iam::${var.account}:root"`) is decided when
 * `pred` gives the same answer whatever its unknown parts are (tried with `*`, empty and a plain name;
 * concrete references are never wildcards); else it stays unknown.
 */
export function textTri(t: PolicyText, pred: (s: string) => boolean): Tri {
  if (typeof t === 'string') return pred(t);
  const pieces = templatePieces(t);
  if (pieces) {
    const answers = PROBES.map((probe) => pred(pieces.map((x) => (typeof x === 'string' ? x : isConcreteReference(x) ? 'concrete0' : probe)).join('')));
    if (answers.every((a) => a === answers[0])) return answers[0];
    return t;
  }
  return isConcreteReference(t) ? false : t;
}

// ------------------------------------------------------------------ matching

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

// ------------------------------------------------------------------ normalizing

/** Element lookup: the exact IAM name, else a case-insensitive match (see the module comment). */
function element(obj: ValueObject, name: string): Value | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : obj[key];
}

function texts(v: Value | undefined, name: string, problems: string[]): PolicyText[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Unknown || typeof v === 'string') return [v];
  if (typeof v === 'number' || typeof v === 'boolean') return [String(v)];
  if (Array.isArray(v)) {
    const out: PolicyText[] = [];
    for (const x of v) {
      if (x instanceof Unknown || typeof x === 'string') out.push(x);
      else if (typeof x === 'number' || typeof x === 'boolean') out.push(String(x));
      else if (x !== null) problems.push(`${name} contains a ${Array.isArray(x) ? 'list' : 'object'}, not a string`);
    }
    return out;
  }
  problems.push(`${name} is an object, not a string or a list of strings`);
  return [];
}

function principals(v: Value | undefined, name: string, problems: string[]): Principals | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Unknown) return [{ type: v, ids: [v] }];
  if (typeof v === 'string') return v.trim() === '*' ? '*' : [{ type: 'AWS', ids: [v] }];
  if (isObject(v)) {
    return Object.entries(v).map(([type, ids]) => ({ type, ids: texts(ids, `${name}.${type}`, problems) ?? [] }));
  }
  // A bare list (`"Principal": ["arn:…", "*"]`) is not IAM grammar (AWS rejects it), but it is read as a
  // list of principal strings, as a single string is: `"*"` in it is everyone (rules.md: "also inside lists").
  return [{ type: 'AWS', ids: texts(v, name, problems) ?? [] }];
}

function conditions(v: Value | undefined, problems: string[]): PolicyCondition[] {
  if (v === undefined || v === null) return [];
  if (v instanceof Unknown) return [{ operator: v, key: v, values: [v] }];
  if (!isObject(v)) {
    problems.push('Condition is not an object');
    return [];
  }
  const out: PolicyCondition[] = [];
  for (const [operator, inner] of Object.entries(v)) {
    if (inner instanceof Unknown) out.push({ operator, key: inner, values: [inner] });
    else if (isObject(inner)) {
      for (const [key, values] of Object.entries(inner)) out.push({ operator, key, values: texts(values, `Condition ${operator} ${key}`, problems) ?? [] });
    } else if (inner !== null) problems.push(`Condition ${operator} is not an object`);
  }
  return out;
}

function describeSid(label: string, sid: PolicyText | undefined): string {
  if (typeof sid === 'string' && sid !== '') return `${label} (Sid ${JSON.stringify(sid)})`;
  return label;
}

interface StatementPlace {
  label: string;
  path: string;
  at?: { node: GraphNode; path: string };
  presence?: Unknown;
}

/** One statement object (policy JSON form, possibly with Unknowns inside) in the normalized model. */
export function normalizeStatement(obj: ValueObject, index: number, place: StatementPlace): Statement {
  const problems: string[] = [];
  const sidValue = element(obj, 'Sid');
  const sid = typeof sidValue === 'string' ? (sidValue === '' ? undefined : sidValue) : sidValue instanceof Unknown ? sidValue : undefined;
  const effectValue = element(obj, 'Effect');
  let effect: Statement['effect'];
  if (effectValue instanceof Unknown) effect = effectValue;
  else if (effectValue === undefined || effectValue === null) problems.push('has no Effect (invalid IAM)');
  else if (typeof effectValue === 'string' && /^allow$/i.test(effectValue.trim())) effect = 'Allow';
  else if (typeof effectValue === 'string' && /^deny$/i.test(effectValue.trim())) effect = 'Deny';
  else problems.push(`has Effect ${JSON.stringify(effectValue)}, which is neither Allow nor Deny (invalid IAM)`);
  return {
    index,
    sid,
    effect,
    actions: texts(element(obj, 'Action'), 'Action', problems),
    notActions: texts(element(obj, 'NotAction'), 'NotAction', problems),
    resources: texts(element(obj, 'Resource'), 'Resource', problems),
    notResources: texts(element(obj, 'NotResource'), 'NotResource', problems),
    principals: principals(element(obj, 'Principal'), 'Principal', problems),
    notPrincipals: principals(element(obj, 'NotPrincipal'), 'NotPrincipal', problems),
    conditions: conditions(element(obj, 'Condition'), problems),
    label: describeSid(place.label, sid),
    path: place.path,
    ...(place.at ? { at: place.at } : {}),
    ...(place.presence ? { presence: place.presence } : {}),
    problems,
  };
}

/**
 * Parses a policy value: a JSON string (literal, heredoc, jsonencode), an already decoded object,
 * or an Unknown. `path` is the attribute the value was read from (for statements' locations).
 */
export function parsePolicy(value: Value | undefined, path = 'policy'): ParsedPolicy {
  if (value === undefined || value === null) return { invalid: 'no policy document' };
  let doc: Value = value;
  if (value instanceof Unknown) {
    // `jsonencode({...})` of a partly known value keeps the value (`encodedFrom`); a heredoc / template
    // policy keeps its pieces (`template`): the known statements can still be judged.
    const pieces = value.encodedFrom === undefined ? templatePieces(value) : undefined;
    const read = value.encodedFrom ?? (pieces ? parseTemplateJson(pieces) : undefined);
    if (read instanceof TemplateJsonError) return { unknown: `${value.describe()}; the text around it is not valid JSON: ${read.message}`, value };
    if (read === undefined || read instanceof Unknown) return { unknown: value.describe(), value };
    doc = read;
  }
  if (typeof value === 'string') {
    if (value.trim() === '') return { invalid: 'the policy is an empty string' };
    try {
      doc = JSON.parse(value.replace(/^\uFEFF/, '')) as Value;
    } catch (err) {
      return { invalid: `the policy is not valid JSON: ${(err as Error).message}` };
    }
  }
  if (!isObject(doc)) return { invalid: 'the policy is not a JSON object' };
  const list = element(doc, 'Statement');
  const statements: Statement[] = [];
  const unknownStatements: UnknownStatements[] = [];
  if (list instanceof Unknown) unknownStatements.push({ unknown: list, label: 'Statement', path });
  else if (list !== undefined && list !== null) {
    const items = Array.isArray(list) ? list : [list];
    for (let i = 0; i < items.length; i++) {
      const s = items[i];
      const label = Array.isArray(list) ? `Statement[${i}]` : 'Statement';
      // The statement's own path, so a finding points at its lines when the document is written in HCL
      // (`jsonencode({...})` records locations below the attribute); otherwise the attribute's lines.
      const at = Array.isArray(list) ? `${path}.Statement.${i}` : `${path}.Statement`;
      if (s instanceof Unknown) unknownStatements.push({ unknown: s, label, path: at });
      else if (isObject(s)) statements.push(normalizeStatement(s, i, { label, path: at }));
      else return { invalid: `${label} is not an object` };
    }
  }
  return { statements, unknownStatements };
}

const TOKEN = '@@tomguard-unknown-';
const TOKEN_SPLIT = /@@tomguard-unknown-(\d+)@@/;

/** The known text of a template policy is not valid JSON around its unknown parts. */
class TemplateJsonError {
  constructor(readonly message: string) {}
}

/**
 * Parses a JSON document written as a template with unknown interpolations: each unknown becomes a
 * placeholder (inside a JSON string) or a placeholder string (elsewhere), then is put back as the
 * Unknown (a whole string) or as a partly known string (see `textTri`). An error when the text is not
 * valid JSON around the placeholders; undefined when an object key is unknown.
 */
function parseTemplateJson(pieces: TemplatePieces): Value | TemplateJsonError | undefined {
  const unknowns: Unknown[] = [];
  let text = '';
  let inString = false;
  let escaped = false;
  for (const p of pieces) {
    if (typeof p !== 'string') {
      const token = `${TOKEN}${unknowns.length}@@`;
      unknowns.push(p);
      text += inString ? token : `"${token}"`;
      escaped = false;
      continue;
    }
    for (const c of p) {
      if (escaped) escaped = false;
      else if (inString && c === '\\') escaped = true;
      else if (c === '"') inString = !inString;
    }
    text += p;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    // Either the known text is broken, or the unknown parts supply JSON structure (`[${var.statements}]`).
    return new TemplateJsonError((err as Error).message.replace(new RegExp(`"?${TOKEN}\\d+@@"?`, 'g'), '…'));
  }
  return restoreUnknowns(parsed as Value, unknowns);
}

function restoreUnknowns(v: Value, unknowns: Unknown[]): Value | undefined {
  if (typeof v === 'string') {
    if (!v.includes(TOKEN)) return v;
    const split = v.split(TOKEN_SPLIT);
    if (split.length === 3 && split[0] === '' && split[2] === '') return unknowns[Number(split[1])];
    const pieces = split.map((x, i) => (i % 2 === 1 ? unknowns[Number(x)] : x)).filter((x) => x !== '');
    const first = pieces.find((x): x is Unknown => x instanceof Unknown)!;
    const partial = new Unknown(pieces.map((x) => (typeof x === 'string' ? x : `\${${x.source}}`)).join(''), first.reason);
    partialTexts.set(partial, pieces);
    return partial;
  }
  if (Array.isArray(v)) {
    const out: Value[] = [];
    for (const x of v) {
      const r = restoreUnknowns(x, unknowns);
      if (r === undefined) return undefined;
      out.push(r);
    }
    return out;
  }
  if (isObject(v)) {
    const out: ValueObject = {};
    for (const [k, x] of Object.entries(v)) {
      if (k.includes(TOKEN)) return undefined;
      const r = restoreUnknowns(x, unknowns);
      if (r === undefined) return undefined;
      out[k] = r;
    }
    return out;
  }
  return v;
}

// ------------------------------------------------------------------ aws_iam_policy_document data sources

function isDocumentNode(n: GraphNode | undefined): n is GraphNode {
  return n !== undefined && n.kind === 'data' && n.type === POLICY_DOCUMENT_TYPE;
}

const DOCUMENT_ATTRS = new Set(['json', 'minified_json']);

/** `module.m.data.aws_iam_policy_document.x[0].json` → the resource address and the instance key part. */
const DOCUMENT_SOURCE = /^((?:.+\.)?data\.aws_iam_policy_document\.[^.[\]]+)(\[[^\]]*\])?\.(?:json|minified_json)$/;

/** The one node of `address` (an instance or a resource with a single instance), if it is a policy document. */
function documentNode(graph: ResourceGraph, address: string): GraphNode | undefined {
  const n = graph.node(address);
  if (isDocumentNode(n)) return n;
  const instances = graph.instancesOf(address);
  return instances.length === 1 && isDocumentNode(instances[0]) ? instances[0] : undefined;
}

/** The policy document data source an Unknown `data.aws_iam_policy_document.x.json` stands for. */
function documentOfUnknown(graph: ResourceGraph, u: Unknown): GraphNode | undefined {
  if (u.ref) return DOCUMENT_ATTRS.has(u.ref.attrPath) ? documentNode(graph, u.ref.address) : undefined;
  // Without a ref (e.g. `data.x[0].json` of a data source whose count is not known), by its name.
  const m = DOCUMENT_SOURCE.exec(u.source);
  if (!m) return undefined;
  return (m[2] ? graph.node(m[1] + m[2]) : undefined) ?? documentNode(graph, m[1]);
}

function buildNode(graph: ResourceGraph, node: GraphNode, visiting: Set<string>): BuiltPolicyDocument {
  visiting.add(node.address);
  try {
    return buildPolicyDocument(node.attrs, {
      resolve: (u) => {
        const other = documentOfUnknown(graph, u);
        if (!other || visiting.has(other.address) || visiting.size > 8) return undefined;
        return { name: other.address, document: buildNode(graph, other, visiting) };
      },
    });
  } finally {
    visiting.delete(node.address);
  }
}

/**
 * Reads an `aws_iam_policy_document` data source from its blocks, merged as the provider does.
 * Unknown parts stay Unknown where they are, so a statement that is known decides on its own; each
 * statement's `at` is the data source and the attribute path it is written at.
 */
export function readPolicyDocument(graph: ResourceGraph, node: GraphNode, labelPrefix = ''): ParsedPolicy {
  const byPrefix = perGraph(documentCache, graph).get(node) ?? perGraph(documentCache, graph).set(node, new Map()).get(node)!;
  let parsed = byPrefix.get(labelPrefix);
  if (!parsed) byPrefix.set(labelPrefix, (parsed = buildDocumentPolicy(graph, node, labelPrefix)));
  return parsed;
}

function buildDocumentPolicy(graph: ResourceGraph, node: GraphNode, labelPrefix: string): ParsedPolicy {
  const built = buildNode(graph, node, new Set());
  if (built.error) return { invalid: `the AWS provider would fail to read ${node.address}: ${built.error}` };
  // A plan may know the rendered json even where the configuration alone does not.
  const json = node.attrs.json;
  if (documentUnknown(built) && typeof json === 'string') {
    const parsed = parsePolicy(json, 'json');
    if (!isParsed(parsed)) return parsed;
    const at = (p: string) => ({ node, path: p });
    return {
      statements: parsed.statements.map((s) => ({ ...s, label: `${labelPrefix}${s.label}`, at: at('json') })),
      unknownStatements: parsed.unknownStatements.map((u) => ({ ...u, label: `${labelPrefix}${u.label}`, at: at('json') })),
    };
  }
  const statements: Statement[] = [];
  const unknownStatements: UnknownStatements[] = [];
  built.entries.forEach((e, i) => {
    const at = { node, path: e.origin.path };
    if ('unknown' in e) unknownStatements.push({ unknown: e.unknown, label: `${labelPrefix}${e.origin.label}`, path: e.origin.path, at });
    else statements.push(normalizeStatement(e.statement, i, { label: `${labelPrefix}${e.origin.label}`, path: e.origin.path, at, presence: e.mayBeReplacedBy }));
  });
  return { statements, unknownStatements };
}

// ------------------------------------------------------------------ where policies are

export type PolicyKind = 'identity' | 'trust' | 'resource';

export interface PolicyValue {
  /** Attribute path: `policy`, `inline_policy.0.policy`, `assume_role_policy`. */
  path: string;
  /** identity: permissions of a user/group/role; trust: who may assume a role; resource: a resource policy. */
  kind: PolicyKind;
  value: Value;
  /** The `aws_iam_policy_document` data source the value is the json of, when it is in the graph. */
  document?: GraphNode;
}

/** Resource types and the attributes that hold their policies. */
export const POLICY_ATTRIBUTES: Readonly<Record<string, ReadonlyArray<{ attr: string; kind: PolicyKind }>>> = {
  aws_iam_policy: [{ attr: 'policy', kind: 'identity' }],
  aws_iam_role_policy: [{ attr: 'policy', kind: 'identity' }],
  aws_iam_user_policy: [{ attr: 'policy', kind: 'identity' }],
  aws_iam_group_policy: [{ attr: 'policy', kind: 'identity' }],
  aws_iam_role: [
    { attr: 'inline_policy.*.policy', kind: 'identity' },
    { attr: 'assume_role_policy', kind: 'trust' },
  ],
  aws_kms_key: [{ attr: 'policy', kind: 'resource' }],
  aws_kms_key_policy: [{ attr: 'policy', kind: 'resource' }],
  aws_s3_bucket_policy: [{ attr: 'policy', kind: 'resource' }],
  aws_s3_bucket: [{ attr: 'policy', kind: 'resource' }],
  aws_sqs_queue: [{ attr: 'policy', kind: 'resource' }],
  aws_sqs_queue_policy: [{ attr: 'policy', kind: 'resource' }],
  aws_sns_topic: [{ attr: 'policy', kind: 'resource' }],
  aws_sns_topic_policy: [{ attr: 'policy', kind: 'resource' }],
};

/** The policy document data source a policy value comes from (an Unknown json, or the same string through an edge). */
export function documentSourceOf(graph: ResourceGraph, node: GraphNode, path: string, value: Value): GraphNode | undefined {
  if (value instanceof Unknown) {
    const named = documentOfUnknown(graph, value);
    if (named) return named;
    // A value that names nothing (plan JSON: `aws_iam_policy.p.policy`, known after apply): the
    // attribute's only reference is to the json of one document that is itself not known.
    const edges = graph.edgesFrom(node, path);
    const targets = new Set(edges.map((e) => e.to));
    // (Plan references to `data.x[each.key].json` may be recorded on the whole data source: toPath ''.)
    if (targets.size !== 1 || !edges.every((e) => DOCUMENT_ATTRS.has(e.toPath) || e.toPath === '')) return undefined;
    const target = graph.node(edges[0].to);
    return isDocumentNode(target) && typeof target.attrs.json !== 'string' ? target : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const documentEdges = graph.edgesFrom(node, path).filter((e) => DOCUMENT_ATTRS.has(e.toPath) && isDocumentNode(graph.node(e.to)));
  for (const e of documentEdges) {
    const target = graph.node(e.to)!;
    if (target.attrs.json === value || target.attrs.minified_json === value || sameJson(target.attrs.json, value)) return target;
  }
  // Plans store the policy as the provider normalised it (minified, keys reordered): a single
  // reference to a document's json is where it came from.
  const targets = new Set(documentEdges.map((e) => e.to));
  return targets.size === 1 && graph.edgesFrom(node, path).every((e) => targets.has(e.to)) ? graph.node(documentEdges[0].to) : undefined;
}

/** Two JSON texts with the same content (formatting and key order aside). */
function sameJson(a: Value | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  try {
    return valuesEqual(JSON.parse(a) as Value, JSON.parse(b) as Value);
  } catch {
    return false;
  }
}

/**
 * The policies a resource holds (only attributes that are set), with their paths for locations and
 * the policy document data source each comes from, when it is in the graph.
 */
export function policyValues(graph: ResourceGraph, node: GraphNode): PolicyValue[] {
  const cache = perGraph(valuesCache, graph);
  let values = cache.get(node);
  if (!values) cache.set(node, (values = findPolicyValues(graph, node)));
  return values;
}

function findPolicyValues(graph: ResourceGraph, node: GraphNode): PolicyValue[] {
  const out: PolicyValue[] = [];
  for (const { attr, kind } of POLICY_ATTRIBUTES[node.type] ?? []) {
    const paths = attr.includes('*') ? node.blocks(attr.split('.*.')[0]).map((b) => `${b.path}.${attr.split('.*.')[1]}`) : [attr];
    for (const path of paths) {
      const read = node.attr(path);
      if (!read.present || read.value === undefined) continue;
      // `inline_policy {}` (or the provider's state placeholder `{name = "", policy = ""}`) means "no inline policies".
      if (attr.includes('*') && read.value === '') continue;
      const document = documentSourceOf(graph, node, path, read.value);
      out.push({ path, kind, value: read.value, ...(document ? { document } : {}) });
    }
  }
  return out;
}

/** Reads one policy value of a resource: from its data source when it comes from one, else parsed. */
export function readPolicy(graph: ResourceGraph, pv: PolicyValue): ParsedPolicy {
  if (pv.document) return readPolicyDocument(graph, pv.document, `${pv.document.address} `);
  let parsed = parsedValues.get(pv);
  if (!parsed) {
    parsed = parsePolicy(pv.value, pv.path);
    parsedValues.set(pv, parsed);
  }
  return parsed;
}

/**
 * Parsed policies, once per graph: `policyValues` and `readPolicyDocument` are memoised on the graph,
 * so every rule asking about the same policy value gets the same parse (a big plan holds thousands).
 */
const parsedValues = new WeakMap<PolicyValue, ParsedPolicy>();
const valuesCache = new WeakMap<ResourceGraph, Map<GraphNode, PolicyValue[]>>();
const documentCache = new WeakMap<ResourceGraph, Map<GraphNode, Map<string, ParsedPolicy>>>();

function perGraph<V>(caches: WeakMap<ResourceGraph, Map<GraphNode, V>>, graph: ResourceGraph): Map<GraphNode, V> {
  let cache = caches.get(graph);
  if (!cache) caches.set(graph, (cache = new Map()));
  return cache;
}

// ------------------------------------------------------------------ evaluating statements

export interface StatementUnknown {
  label: string;
  path: string;
  at?: { node: GraphNode; path: string };
  reason: string;
}

export interface StatementVerdicts {
  /** Statements that are certainly in the policy and for which `test` is true. */
  matching: Statement[];
  /** Statements (or unknown parts) for which it cannot be decided. */
  unknown: StatementUnknown[];
}

/**
 * Applies `test` to every statement: a statement with problems (invalid IAM) or whose answer is
 * Unknown is undecided; a statement that may be replaced by an unknown document and matches is
 * undecided too; unknown statements are undecided.
 */
export function evaluateStatements(policy: { statements: Statement[]; unknownStatements: UnknownStatements[] }, test: (s: Statement) => Tri): StatementVerdicts {
  const matching: Statement[] = [];
  const unknown: StatementUnknown[] = [];
  const place = (s: { label: string; path: string; at?: { node: GraphNode; path: string } }) => ({ label: s.label, path: s.path, ...(s.at ? { at: s.at } : {}) });
  for (const s of policy.statements) {
    if (s.problems.length > 0) {
      unknown.push({ ...place(s), reason: `${s.label} ${s.problems.join('; ')}` });
      continue;
    }
    const r = test(s);
    if (r === true && s.presence) unknown.push({ ...place(s), reason: `${s.label} may be replaced by ${s.presence.describe()}` });
    else if (r === true) matching.push(s);
    else if (r instanceof Unknown) unknown.push({ ...place(s), reason: `${s.label}: ${r.describe()}` });
  }
  for (const u of policy.unknownStatements) unknown.push({ ...place(u), reason: `${u.label} is not known: ${u.unknown.describe()}` });
  return { matching, unknown };
}

/** A short form of a list of policy strings for messages: `"*"` or `["s3:Get*", "s3:List*"]`. */
export function showTexts(items: readonly PolicyText[]): string {
  const shown = items.map((t) => (typeof t === 'string' ? JSON.stringify(t) : `<${t.source}>`));
  return shown.length === 1 ? shown[0] : `[${shown.join(', ')}]`;
}
