/**
 * Parsing a policy value into statements: JSON strings (literal, heredoc, jsonencode), decoded objects,
 * template policies with unknown parts; element names read case-insensitively (see policy.ts).
 */
import { Unknown, Value, ValueObject, isObject } from '../../../eval/value';
import type { GraphNode } from '../../../graph/model';
import { ParsedPolicy, PolicyCondition, PolicyText, Principals, Statement, TemplatePieces, UnknownStatements, rememberPieces, templatePieces } from './policy';

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
    rememberPieces(partial, pieces);
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
