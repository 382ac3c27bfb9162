/**
 * `data "aws_iam_policy_document"`: its `json` and `minified_json` computed from the configuration,
 * the way the AWS provider (v4–v6, `internal/service/iam/policy_document_data_source.go` and
 * `policy_model.go`) does it:
 *
 * - documents are merged in this order: `source_json` (v4), `source_policy_documents`, the
 *   `statement` blocks, `override_policy_documents`, `override_json` (v4). A statement with a
 *   non-empty Sid replaces the statement with the same Sid merged earlier (in its place); other
 *   statements are appended. Duplicate Sids among the source documents or among the `statement`
 *   blocks are provider errors.
 * - `statement` blocks: `effect` defaults to `Allow`; `actions`, `resources`, principal
 *   `identifiers`… are sets: de-duplicated, a single element written as a string, several sorted in
 *   reverse order; `&{…}` becomes `${…}` (IAM policy variables) in resources, identifiers and
 *   condition values. A principal of type `*` with identifier `*` is written `"*"`.
 * - statements of source/override documents are re-encoded the way Go's encoding/json reads them
 *   into the provider's structs: element names matched case-insensitively, unknown elements
 *   dropped, `Principal` given as any string becomes `"*"`, Condition booleans become strings.
 * - output as Go's `json.MarshalIndent(doc, "", "  ")` (`json`) and `json.Marshal` (`minified_json`):
 *   keys in struct order (Version, Id, Statement; Sid, Effect, Action, NotAction, Resource,
 *   NotResource, Principal, NotPrincipal, Condition), map keys sorted, `<`, `>`, `&` escaped.
 *
 * When anything the document depends on is unknown (an unresolved reference inside a statement, a
 * source document that is itself unknown), `json` is an Unknown naming what is missing: never a
 * partly rendered document that a rule could read as complete. Rules that can judge a document
 * from its known parts use `buildPolicyDocument`, which keeps Unknowns in place and records where
 * each statement came from.
 */
import { Unknown, Value, ValueObject, findUnknown, isObject } from '../../../eval/value';

/** Where a statement of the merged document was written. */
export interface StatementOrigin {
  /** Attribute path on the data source: `statement.2`, `source_policy_documents.0`. */
  path: string;
  /** For messages: `statement.2`, `source_policy_documents[0] Statement[1]`. */
  label: string;
}

export interface DocumentStatement {
  /** The statement in policy JSON form (Sid, Effect, Action, …); Unknowns where the configuration is not known. */
  statement: ValueObject;
  origin: StatementOrigin;
  /** Set when a later document that is not known may replace this statement (same Sid). */
  mayBeReplacedBy?: Unknown;
}

/** Statements that may be in the document but are not known: an unknown source document, unknown dynamic blocks. */
export interface UnknownStatements {
  unknown: Unknown;
  origin: StatementOrigin;
}

export type DocumentEntry = DocumentStatement | UnknownStatements;

export interface BuiltPolicyDocument {
  version: string | Unknown;
  id: string | Unknown;
  entries: DocumentEntry[];
  /** Why the provider would refuse to read the data source (duplicate Sid, invalid JSON…); nothing is rendered then. */
  error?: string;
}

export interface BuildOptions {
  /**
   * Makes an unknown source/override document known where possible, e.g. the `json` of another
   * `aws_iam_policy_document` in the graph whose own json is unknown only in parts.
   */
  resolve?: (value: Unknown) => { name: string; document: BuiltPolicyDocument } | undefined;
}

export const POLICY_DOCUMENT_TYPE = 'aws_iam_policy_document';
const DEFAULT_VERSION = '2012-10-17';

// ------------------------------------------------------------------ the provider's model

type Text = string | Unknown;

interface Principal {
  type: Text;
  /** A string, or a list of strings (and Unknowns). */
  ids: Value;
}

interface Condition {
  test: Text;
  variable: Text;
  values: Value;
}

/** A statement as the provider holds it (`iamPolicyStatement`). */
interface Stmt {
  sid: Text;
  effect: Text;
  action?: Value;
  notAction?: Value;
  resource?: Value;
  notResource?: Value;
  principal?: Principal[] | Unknown;
  notPrincipal?: Principal[] | Unknown;
  condition?: Condition[] | Unknown;
}

interface Entry {
  stmt?: Stmt;
  unknown?: Unknown;
  origin: StatementOrigin;
  mayBeReplacedBy?: Unknown;
}

class BuildError extends Error {}

function isText(v: Value | undefined): v is Text {
  return typeof v === 'string' || v instanceof Unknown;
}

/** Go's struct field lookup: the exact name, else a case-insensitive match. */
function field(obj: ValueObject, name: string): Value | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name];
  const lower = name.toLowerCase();
  const key = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : obj[key];
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

/** `policyDecodeConfigStrings`: one element as a string, several sorted in reverse order. */
function decodeStrings(items: Value[]): Value {
  if (items.length === 1) return items[0];
  if (items.every((x) => typeof x === 'string')) return [...(items as string[])].sort(compareDesc);
  return items;
}

/** `&{aws:username}` → `${aws:username}` (not allowed at all with Version 2008-10-17). */
function replaceVars(v: Value, version: Text): Value {
  if (Array.isArray(v)) return v.map((x) => replaceVars(x, version));
  if (typeof v !== 'string' || !v.includes('&{')) return v;
  if (version === '2008-10-17') throw new BuildError(`found &{ sequence in (${v}), which is not supported in document version 2008-10-17`);
  return v.split('&{').join('${');
}

// ------------------------------------------------------------------ statement blocks of the data source

/** Terraform's conversion of a primitive to a string attribute (numbers and bools become strings). */
function asConfigString(v: Value, what: string): Text {
  if (typeof v === 'string' || v instanceof Unknown) return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  throw new BuildError(`${what}: must be a string`);
}

/** A set-of-strings attribute: undefined when empty, duplicates removed. */
function configSet(v: Value | undefined, what: string): Value | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Unknown) return v;
  const list = Array.isArray(v) ? v : [v];
  const out: Value[] = [];
  const seen = new Set<string>();
  for (const raw of list) {
    if (raw === null) continue;
    const item = asConfigString(raw, what);
    if (typeof item === 'string') {
      if (seen.has(item)) continue;
      seen.add(item);
    }
    out.push(item);
  }
  return out.length === 0 ? undefined : decodeStrings(out);
}

function configText(v: Value | undefined, what: string, fallback: string): Text {
  if (v === undefined || v === null) return fallback;
  return asConfigString(v, what);
}

function configPrincipals(v: Value | undefined, version: Text, what: string): Principal[] | Unknown | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Unknown) return v;
  const blocks = Array.isArray(v) ? v : [v];
  const out: Principal[] = [];
  for (const b of blocks) {
    if (b instanceof Unknown) return b;
    if (!isObject(b)) continue;
    const type = configText(b.type, `${what}.type`, '');
    const ids = configSet(b.identifiers, `${what}.identifiers`);
    out.push({ type, ids: replaceVars(ids ?? [], version) });
  }
  return out.length === 0 ? undefined : out;
}

function configConditions(v: Value | undefined, version: Text): Condition[] | Unknown | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Unknown) return v;
  const blocks = Array.isArray(v) ? v : [v];
  const out: Condition[] = [];
  for (const b of blocks) {
    if (b instanceof Unknown) return b;
    if (!isObject(b)) continue;
    let values: Value = b.values ?? [];
    if (!(values instanceof Unknown)) {
      const list = (Array.isArray(values) ? values : [values]).filter((x) => x !== null).map((x) => asConfigString(x, 'condition.values'));
      values = list.length === 1 ? list[0] : list;
    }
    out.push({ test: configText(b.test, 'condition.test', ''), variable: configText(b.variable, 'condition.variable', ''), values: replaceVars(values, version) });
  }
  return out.length === 0 ? undefined : out;
}

function stmtFromConfig(block: ValueObject, version: Text): Stmt {
  const stmt: Stmt = { sid: configText(block.sid, 'sid', ''), effect: configText(block.effect, 'effect', 'Allow') };
  stmt.action = configSet(block.actions, 'actions');
  stmt.notAction = configSet(block.not_actions, 'not_actions');
  const resources = configSet(block.resources, 'resources');
  if (resources !== undefined) stmt.resource = replaceVars(resources, version);
  const notResources = configSet(block.not_resources, 'not_resources');
  if (notResources !== undefined) stmt.notResource = replaceVars(notResources, version);
  stmt.principal = configPrincipals(block.principals, version, 'principals');
  stmt.notPrincipal = configPrincipals(block.not_principals, version, 'not_principals');
  stmt.condition = configConditions(block.condition, version);
  return stmt;
}

// ------------------------------------------------------------------ policy JSON (source / override documents)

function jsonPrincipals(v: Value | undefined): Principal[] | Unknown | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Unknown) return v;
  // The provider reads any string as "*" (IAM only allows "*" there).
  if (typeof v === 'string') return [{ type: '*', ids: ['*'] }];
  if (!isObject(v)) throw new BuildError(`Unsupported data type ${Array.isArray(v) ? 'list' : typeof v} for Principal`);
  const out: Principal[] = [];
  for (const [type, ids] of Object.entries(v)) {
    if (isText(ids)) out.push({ type, ids });
    else if (Array.isArray(ids)) {
      if (!ids.every(isText)) throw new BuildError(`Principal ${type}: identifiers must be strings`);
      const sorted = ids.every((x) => typeof x === 'string') ? [...(ids as string[])].sort() : ids;
      out.push({ type, ids: sorted });
    } else throw new BuildError(`Unsupported data type for Principal ${type} identifiers`);
  }
  return out;
}

function jsonConditions(v: Value | undefined): Condition[] | Unknown | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Unknown) return v;
  if (!isObject(v)) throw new BuildError('Condition must be an object');
  const out: Condition[] = [];
  for (const [test, inner] of Object.entries(v)) {
    if (inner instanceof Unknown) return inner;
    if (inner === null) continue;
    if (!isObject(inner)) throw new BuildError(`Condition ${test} must be an object`);
    for (const [variable, values] of Object.entries(inner)) {
      if (typeof values === 'string' || values instanceof Unknown) out.push({ test, variable, values: [values] });
      else if (typeof values === 'boolean') out.push({ test, variable, values: values ? 'true' : 'false' });
      else if (Array.isArray(values)) {
        if (!values.every(isText)) throw new BuildError(`Condition ${test} ${variable}: values must be strings`);
        out.push({ test, variable, values });
      }
      // Other types (numbers, null) are dropped by the provider.
    }
  }
  return out;
}

function optionalText(v: Value | undefined, what: string): Text {
  if (v === undefined || v === null) return '';
  if (isText(v)) return v;
  throw new BuildError(`${what} must be a string`);
}

/** A statement of a policy JSON document, as the provider's struct reads it. */
function stmtFromJson(obj: ValueObject): Stmt {
  const opt = (name: string): Value | undefined => {
    const v = field(obj, name);
    return v === null ? undefined : v;
  };
  return {
    sid: optionalText(field(obj, 'Sid'), 'Sid'),
    effect: optionalText(field(obj, 'Effect'), 'Effect'),
    action: opt('Action'),
    notAction: opt('NotAction'),
    resource: opt('Resource'),
    notResource: opt('NotResource'),
    principal: jsonPrincipals(field(obj, 'Principal')),
    notPrincipal: jsonPrincipals(field(obj, 'NotPrincipal')),
    condition: jsonConditions(field(obj, 'Condition')),
  };
}

interface JsonDocument {
  version: Text;
  id: Text;
  statements: Array<Stmt | Unknown>;
}

function documentFromJson(v: Value): JsonDocument {
  let doc: Value = v;
  if (typeof v === 'string') {
    try {
      doc = JSON.parse(v.replace(/^\uFEFF/, '')) as Value;
    } catch (err) {
      throw new BuildError(`not valid JSON: ${(err as Error).message}`);
    }
  }
  if (!isObject(doc)) throw new BuildError('a policy document must be a JSON object');
  const list = field(doc, 'Statement');
  const statements: Array<Stmt | Unknown> = [];
  if (list instanceof Unknown) statements.push(list);
  else if (list !== undefined && list !== null) {
    if (!Array.isArray(list)) throw new BuildError('Statement must be a list (the provider does not read a single statement object)');
    for (const s of list) {
      if (s instanceof Unknown) statements.push(s);
      else if (isObject(s)) statements.push(stmtFromJson(s));
      else throw new BuildError('each Statement must be an object');
    }
  }
  return { version: optionalText(field(doc, 'Version'), 'Version'), id: optionalText(field(doc, 'Id'), 'Id'), statements };
}

// ------------------------------------------------------------------ encoding

function marshalPrincipals(ps: Principal[] | Unknown): Value {
  if (ps instanceof Unknown) return ps;
  const unknownType = ps.find((p) => p.type instanceof Unknown);
  if (unknownType) return unknownType.type;
  if (ps.length === 1 && ps[0].type === '*') {
    const ids = ps[0].ids;
    if (ids === '*' || (Array.isArray(ids) && ids.length === 1 && ids[0] === '*')) return '*';
  }
  const raw = new Map<string, Value>();
  for (const p of ps) {
    const type = p.type as string;
    const existing = raw.get(type);
    if (Array.isArray(p.ids)) {
      const ids = p.ids.every((x) => typeof x === 'string') ? [...(p.ids as string[])].sort(compareDesc) : p.ids;
      const base = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
      raw.set(type, [...base, ...ids]);
    } else {
      raw.set(type, existing === undefined ? p.ids : [...(Array.isArray(existing) ? existing : [existing]), p.ids]);
    }
  }
  const out: ValueObject = {};
  for (const k of [...raw.keys()].sort()) out[k] = raw.get(k)!;
  return out;
}

function marshalConditions(cs: Condition[] | Unknown): Value {
  if (cs instanceof Unknown) return cs;
  const unknownKey = cs.find((c) => c.test instanceof Unknown || c.variable instanceof Unknown);
  if (unknownKey) return unknownKey.test instanceof Unknown ? unknownKey.test : unknownKey.variable;
  const raw = new Map<string, Map<string, Value[]>>();
  for (const c of cs) {
    const byVar = raw.get(c.test as string) ?? raw.set(c.test as string, new Map()).get(c.test as string)!;
    const list = byVar.get(c.variable as string) ?? [];
    byVar.set(c.variable as string, [...list, ...(Array.isArray(c.values) ? c.values : [c.values])]);
  }
  const out: ValueObject = {};
  for (const test of [...raw.keys()].sort()) {
    const inner: ValueObject = {};
    const byVar = raw.get(test)!;
    for (const variable of [...byVar.keys()].sort()) {
      const values = byVar.get(variable)!;
      inner[variable] = values.length === 1 ? values[0] : values;
    }
    out[test] = inner;
  }
  return out;
}

function marshalStatement(s: Stmt): ValueObject {
  const out: ValueObject = {};
  if (s.sid !== '') out.Sid = s.sid;
  if (s.effect !== '') out.Effect = s.effect;
  if (s.action !== undefined) out.Action = s.action;
  if (s.notAction !== undefined) out.NotAction = s.notAction;
  if (s.resource !== undefined) out.Resource = s.resource;
  if (s.notResource !== undefined) out.NotResource = s.notResource;
  if (s.principal !== undefined && (s.principal instanceof Unknown || s.principal.length > 0)) out.Principal = marshalPrincipals(s.principal);
  if (s.notPrincipal !== undefined && (s.notPrincipal instanceof Unknown || s.notPrincipal.length > 0)) out.NotPrincipal = marshalPrincipals(s.notPrincipal);
  if (s.condition !== undefined && (s.condition instanceof Unknown || s.condition.length > 0)) out.Condition = marshalConditions(s.condition);
  return out;
}

// ------------------------------------------------------------------ merging

class Merged {
  version: Text = '';
  id: Text = '';
  readonly entries: Entry[] = [];

  adoptHeader(version: Text, id: Text): void {
    if (id instanceof Unknown || id !== '') this.id = id;
    // Go compares the version strings: a later document may upgrade it, never downgrade.
    if (version instanceof Unknown) this.version = version;
    else if (!(this.version instanceof Unknown) && version > this.version) this.version = version;
  }

  /** `iamPolicyDoc.Merge`: a statement with a Sid replaces the earlier one with that Sid; others are appended. */
  addStatement(stmt: Stmt, origin: StatementOrigin, mayBeReplacedBy?: Unknown): void {
    const entry: Entry = { stmt, origin, mayBeReplacedBy };
    if (stmt.sid instanceof Unknown) {
      this.markReplaceable(stmt.sid);
      this.entries.push(entry);
      return;
    }
    if (stmt.sid === '') {
      this.entries.push(entry);
      return;
    }
    const i = this.entries.findIndex((e) => e.stmt !== undefined && e.stmt.sid === stmt.sid);
    if (i >= 0) {
      this.entries[i] = entry;
      return;
    }
    // An earlier statement whose Sid is unknown may be this one's.
    for (const e of this.entries) if (e.stmt && e.stmt.sid instanceof Unknown) e.mayBeReplacedBy ??= e.stmt.sid;
    this.entries.push(entry);
  }

  /** Statements that are not known: they may replace any earlier statement with a Sid (unless `replaces` is false). */
  addUnknown(unknown: Unknown, origin: StatementOrigin, replaces: boolean): void {
    if (replaces) this.markReplaceable(unknown);
    this.entries.push({ unknown, origin });
  }

  private markReplaceable(by: Unknown): void {
    for (const e of this.entries) if (e.stmt && e.stmt.sid !== '') e.mayBeReplacedBy ??= by;
  }
}

function entryOfBuilt(e: DocumentEntry): { stmt?: Stmt; unknown?: Unknown; mayBeReplacedBy?: Unknown } {
  if ('unknown' in e) return { unknown: e.unknown };
  return { stmt: stmtFromJson(e.statement), mayBeReplacedBy: e.mayBeReplacedBy };
}

/**
 * Merges one source/override document into `merged`. Unknown documents are resolved through
 * `options.resolve` when possible, else their statements are unknown.
 */
function mergeDocument(merged: Merged, value: Value, path: string, labelBase: string, kind: 'source' | 'override', sids: Set<string> | undefined, options: BuildOptions): void {
  if (value === null) return;
  if (value instanceof Unknown) {
    const resolved = options.resolve?.(value);
    if (!resolved) {
      // Source documents must have Sids unique among them, so one cannot replace another; it can
      // still be replaced by the statements merged after it.
      merged.addUnknown(value, { path, label: labelBase }, kind === 'override');
      return;
    }
    if (resolved.document.error) throw new BuildError(`${labelBase} (${resolved.name}): ${resolved.document.error}`);
    merged.adoptHeader(resolved.document.version, resolved.document.id);
    for (const e of resolved.document.entries) {
      const inner = entryOfBuilt(e);
      const origin = { path, label: `${labelBase} (${resolved.name} ${e.origin.label})` };
      if (inner.unknown) merged.addUnknown(inner.unknown, origin, kind === 'override');
      else {
        checkSourceSid(inner.stmt!, sids, labelBase);
        merged.addStatement(inner.stmt!, origin, inner.mayBeReplacedBy);
      }
    }
    return;
  }
  if (typeof value !== 'string') throw new BuildError(`${labelBase}: a policy document must be a JSON string`);
  let doc: JsonDocument;
  try {
    doc = documentFromJson(value);
  } catch (err) {
    if (err instanceof BuildError) throw new BuildError(`merging ${kind} document ${labelBase}: ${err.message}`);
    throw err;
  }
  merged.adoptHeader(doc.version, doc.id);
  doc.statements.forEach((s, j) => {
    const origin = { path, label: `${labelBase} Statement[${j}]` };
    if (s instanceof Unknown) merged.addUnknown(s, origin, kind === 'override');
    else {
      checkSourceSid(s, sids, labelBase);
      merged.addStatement(s, origin);
    }
  });
}

function checkSourceSid(stmt: Stmt, sids: Set<string> | undefined, label: string): void {
  if (!sids || typeof stmt.sid !== 'string' || stmt.sid === '') return;
  if (sids.has(stmt.sid)) throw new BuildError(`merging source document ${label}: duplicate Sid (${stmt.sid}) in source_policy_documents`);
  sids.add(stmt.sid);
}

function listAttr(v: Value | undefined): Value[] | Unknown {
  if (v === undefined || v === null) return [];
  if (v instanceof Unknown) return v;
  return Array.isArray(v) ? v : [v];
}

function nonEmpty(v: Value | undefined): v is Exclude<Value, null> {
  return v !== undefined && v !== null && v !== '';
}

/** Builds the merged document of an `aws_iam_policy_document` from its evaluated configuration. */
export function buildPolicyDocument(attrs: ValueObject, options: BuildOptions = {}): BuiltPolicyDocument {
  const merged = new Merged();
  try {
    const sourceSids = new Set<string>();
    if (nonEmpty(attrs.source_json)) mergeDocument(merged, attrs.source_json, 'source_json', 'source_json', 'source', sourceSids, options);
    const sources = listAttr(attrs.source_policy_documents);
    if (sources instanceof Unknown) merged.addUnknown(sources, { path: 'source_policy_documents', label: 'source_policy_documents' }, false);
    else sources.forEach((v, i) => mergeDocument(merged, v, `source_policy_documents.${i}`, `source_policy_documents[${i}]`, 'source', sourceSids, options));

    const version = configText(attrs.version, 'version', DEFAULT_VERSION);
    const id = configText(attrs.policy_id, 'policy_id', '');
    merged.adoptHeader(version, id);
    const blocks = listAttr(attrs.statement);
    if (blocks instanceof Unknown) merged.addUnknown(blocks, { path: 'statement', label: 'statement' }, true);
    else {
      const own = new Set<string>();
      blocks.forEach((b, i) => {
        const origin = { path: `statement.${i}`, label: `statement.${i}` };
        if (b instanceof Unknown) return merged.addUnknown(b, origin, true);
        if (!isObject(b)) return;
        const stmt = stmtFromConfig(b, version);
        if (typeof stmt.sid === 'string' && stmt.sid !== '') {
          if (own.has(stmt.sid)) throw new BuildError(`duplicate Sid (${stmt.sid}). Remove the Sid or ensure the Sid is unique.`);
          own.add(stmt.sid);
        }
        merged.addStatement(stmt, origin);
      });
    }

    const overrides = listAttr(attrs.override_policy_documents);
    if (overrides instanceof Unknown) merged.addUnknown(overrides, { path: 'override_policy_documents', label: 'override_policy_documents' }, true);
    else overrides.forEach((v, i) => mergeDocument(merged, v, `override_policy_documents.${i}`, `override_policy_documents[${i}]`, 'override', undefined, options));
    if (nonEmpty(attrs.override_json)) mergeDocument(merged, attrs.override_json, 'override_json', 'override_json', 'override', undefined, options);
  } catch (err) {
    if (!(err instanceof BuildError)) throw err;
    return { version: merged.version, id: merged.id, entries: [], error: err.message };
  }
  const entries: DocumentEntry[] = merged.entries.map((e) =>
    e.stmt ? { statement: marshalStatement(e.stmt), origin: e.origin, ...(e.mayBeReplacedBy ? { mayBeReplacedBy: e.mayBeReplacedBy } : {}) } : { unknown: e.unknown!, origin: e.origin },
  );
  return { version: merged.version, id: merged.id, entries };
}

/** The merged document as a policy JSON value (Unknowns where it is not known). */
export function documentValue(doc: BuiltPolicyDocument): ValueObject {
  const out: ValueObject = {};
  if (doc.version !== '') out.Version = doc.version;
  if (doc.id !== '') out.Id = doc.id;
  if (doc.entries.length > 0) out.Statement = doc.entries.map((e) => ('unknown' in e ? e.unknown : e.statement));
  return out;
}

/** Go's encoding/json: HTML-significant characters and line/paragraph separators escaped. */
function goJson(v: Value, indent: boolean): string {
  const text = indent ? JSON.stringify(v, null, 2) : JSON.stringify(v);
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The first reason the document is not wholly known, if any. */
export function documentUnknown(doc: BuiltPolicyDocument): { where: string; unknown: Unknown } | undefined {
  if (doc.version instanceof Unknown) return { where: 'version', unknown: doc.version };
  if (doc.id instanceof Unknown) return { where: 'policy_id', unknown: doc.id };
  for (const e of doc.entries) {
    if ('unknown' in e) return { where: e.origin.label, unknown: e.unknown };
    const u = findUnknown(e.statement);
    if (u) return { where: e.origin.label, unknown: u };
  }
  for (const e of doc.entries) if ('mayBeReplacedBy' in e && e.mayBeReplacedBy) return { where: e.origin.label, unknown: e.mayBeReplacedBy };
  return undefined;
}

/** The data source renderer: `json` and `minified_json`, or Unknowns saying what they depend on. */
export function renderPolicyDocument(attrs: ValueObject, address: string): ValueObject {
  const doc = buildPolicyDocument(attrs);
  const unknownAs = (attr: string, reason: string) => new Unknown(`${address}.${attr}`, reason, { address, attrPath: attr });
  if (doc.error) {
    const reason = `the AWS provider would fail to read it: ${doc.error}`;
    return { json: unknownAs('json', reason), minified_json: unknownAs('minified_json', reason) };
  }
  const missing = documentUnknown(doc);
  if (missing) {
    const reason = `${missing.where} depends on ${missing.unknown.describe()}`;
    return { json: unknownAs('json', reason), minified_json: unknownAs('minified_json', reason) };
  }
  const value = documentValue(doc);
  return { json: goJson(value, true), minified_json: goJson(value, false) };
}
