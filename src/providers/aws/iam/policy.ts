/**
 * The IAM policy model: every form a policy arrives in, normalized to one statement model (this file),
 * with three-valued answers (true, false, or the Unknown that keeps it from being decided). Parsing is
 * parse.ts, where policies are and reading them once per graph policy-values.ts, what statements grant
 * matching.ts.
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
import { Unknown } from '../../../eval/value';
import type { GraphNode } from '../../../graph/model';

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

/** Records the pieces of a partly known policy string read from a template policy (parse.ts). */
export function rememberPieces(u: Unknown, pieces: TemplatePieces): void {
  partialTexts.set(u, pieces);
}

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
