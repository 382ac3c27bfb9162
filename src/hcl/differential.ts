/**
 * Differential check of tomguard's HCL parser against HashiCorp's (`@cdktn/hcl2json`) on one file.
 *
 * tomguard's parser is the authority on a scan (HashiCorp's runs only on errors and under --strict),
 * so it must accept exactly what HashiCorp's accepts and read the same values. This compares both:
 * accept/reject, and when both accept, every attribute. hcl2json answers with JSON where literals are
 * values and anything else is its source text wrapped in `${...}`; tomguard's tree is rendered into that
 * same shape (literals exactly, expressions as source text) and compared with whitespace removed from
 * expression text, since hcl2json keeps the author's spacing only inside `${...}`.
 * Used by `npm run corpus:parser` and the fuzz test; not on the scan path.
 */
import { Body, Expr, TemplatePart } from './ast';
import { parseNativeFile } from './native-parser';
import { HclSyntaxError } from './source-text';

export interface ParserOutcome {
  accepted: boolean;
  /** When rejected: the first error, `line:column: message` (tomguard) or hcl2json's message. */
  error?: string;
}

export interface Disagreement {
  line: number;
  what: string;
  tomguard: string;
  hashicorp: string;
}

export interface DifferentialResult {
  tomguard: ParserOutcome;
  hashicorp: ParserOutcome;
  disagreements: Disagreement[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

let hcl2json: ((name: string, text: string) => Promise<unknown>) | undefined;

async function parseWithHashicorp(name: string, text: string): Promise<{ value: Json } | { error: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  hcl2json ??= (require('@cdktn/hcl2json') as typeof import('@cdktn/hcl2json')).parse;
  try {
    return { value: (await hcl2json(name, text)) as Json };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/** Runs both parsers on one file's text and lists where they disagree. */
export async function compareParsers(file: string, text: string): Promise<DifferentialResult> {
  let body: Body | undefined;
  let ownError: string | undefined;
  try {
    body = parseNativeFile(file, text).body;
  } catch (err) {
    ownError = err instanceof HclSyntaxError ? `${err.line}:${err.column}: ${err.message}` : `crash: ${String(err)}`;
  }
  const theirs = await parseWithHashicorp(file.replace(/^.*[\\/]/, ''), text);
  const tomguard: ParserOutcome = body ? { accepted: true } : { accepted: false, error: ownError };
  // hcl2json also fails converting valid HCL it cannot express as JSON (blocks of one type with and
  // without labels): that is not a syntax verdict, so it counts as accepted, with no values to compare.
  const syntaxRejected = 'error' in theirs && /^parse config: /.test(theirs.error);
  const hashicorp: ParserOutcome = syntaxRejected ? { accepted: false, error: (theirs as { error: string }).error } : { accepted: true };
  const disagreements: Disagreement[] = [];
  if (tomguard.accepted !== hashicorp.accepted) {
    disagreements.push({
      line: lineOfError(ownError) ?? lineOfError(hashicorp.error?.replace(/^parse config: \[[^:]*:/, '')) ?? 1,
      what: 'accept/reject',
      tomguard: tomguard.accepted ? 'accepted' : `rejected: ${ownError}`,
      hashicorp: hashicorp.accepted ? 'accepted' : `rejected: ${hashicorp.error}`,
    });
  } else if (body && 'value' in theirs) {
    compareBody(body, theirs.value, '', text, disagreements);
  }
  return { tomguard, hashicorp, disagreements };
}

function lineOfError(message: string | undefined): number | undefined {
  const m = message ? /^(\d+)[:,]/.exec(message) : null;
  return m ? Number(m[1]) : undefined;
}

// ------------------------------------------------------------------------------------ structure

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** hcl2json's shape: attributes by name; blocks as `type → label1 → … → [body, …]`. */
function compareBody(body: Body, theirs: Json, path: string, text: string, out: Disagreement[]): void {
  const line = body.range.start.line;
  if (!isObject(theirs)) {
    out.push({ line, what: `body ${path || '(file)'}`, tomguard: 'a body', hashicorp: JSON.stringify(theirs) });
    return;
  }
  const seen = new Set<string>();
  for (const attr of body.attributes) {
    seen.add(attr.name);
    const mine = normalise(render(attr.expr, text));
    const other = normalise(theirs[attr.name]);
    if (mine !== other) out.push({ line: attr.range.start.line, what: `attribute ${path}${attr.name}`, tomguard: mine, hashicorp: other });
  }
  // Group blocks as hcl2json does, keeping each group's order.
  const groups = new Map<string, { labels: string[]; bodies: Body[]; line: number }>();
  for (const block of body.blocks) {
    const key = JSON.stringify([block.type, ...block.labels]);
    const group = groups.get(key) ?? { labels: [block.type, ...block.labels], bodies: [], line: block.range.start.line };
    group.bodies.push(block.body);
    groups.set(key, group);
  }
  for (const { labels, bodies, line: blockLine } of groups.values()) {
    // An argument and a block of the same name (legal syntax, rejected later by Terraform's schema) merge in hcl2json's JSON.
    if (seen.has(labels[0]) && body.attributes.some((a) => a.name === labels[0])) continue;
    seen.add(labels[0]);
    let node: Json | undefined = theirs;
    for (const label of labels) node = isObject(node) ? node[label] : undefined;
    const blockPath = `${path}${labels.join('.')}`;
    if (!Array.isArray(node) || node.length !== bodies.length) {
      out.push({ line: blockLine, what: `block ${blockPath}`, tomguard: `${bodies.length} block(s)`, hashicorp: JSON.stringify(node ?? null).slice(0, 200) });
      continue;
    }
    bodies.forEach((b, k) => compareBody(b, node[k], `${blockPath}[${k}].`, text, out));
  }
  for (const key of Object.keys(theirs)) {
    if (!seen.has(key)) out.push({ line, what: `${path}${key}`, tomguard: 'absent', hashicorp: JSON.stringify(theirs[key]).slice(0, 200) });
  }
}

// ------------------------------------------------------------------------------------ values

/**
 * tomguard's expression in hcl2json's terms: literals, tuples and objects as values, quoted templates
 * and heredocs as their text with `${...}` for interpolations, anything else as `${source}`.
 */
function render(e: Expr, text: string): Json {
  switch (e.kind) {
    case 'literal':
      return typeof e.value === 'string' ? escapeTemplateText(e.value) : e.value;
    case 'unary':
      // hcl2json folds a negated number literal into the number.
      return e.op === '-' && e.operand.kind === 'literal' && typeof e.operand.value === 'number' ? -e.operand.value : expressionText(e, text);
    case 'tuple':
      return e.items.map((item) => render(item, text));
    case 'object': {
      const out: { [key: string]: Json } = {};
      for (const item of e.items) {
        out[objectKey(item.key, item.bareKey, text)] = render(item.value, text);
      }
      return out;
    }
    case 'template': {
      // hcl2json unwraps a quoted template that is a single interpolation ("${1}" gives 1).
      const only = e.parts.length === 1 ? e.parts[0] : undefined;
      if (!e.heredoc && only?.kind === 'interp' && only.expr.kind !== 'conditional') return render(only.expr, text);
      return renderParts(e.parts, text);
    }
    default:
      return expressionText(e, text);
  }
}

/** hcl2json writes a key that is a literal or a traversal as its text, a template as template text. */
function objectKey(key: Expr, bare: boolean, text: string): string {
  if (bare) return String((key as { value: unknown }).value);
  if (key.kind === 'literal') return String(key.value);
  if (key.kind === 'template') return renderParts(key.parts, text);
  if (key.kind === 'var' || key.kind === 'getattr') return sourceOf(key, text);
  return `\${${sourceOf(key, text)}}`;
}

function renderParts(parts: TemplatePart[], text: string): string {
  return parts
    .map((p) => {
      if (p.kind === 'lit') return escapeTemplateText(p.value);
      // hcl2json writes a conditional interpolation back as an %{ if } directive.
      if (p.kind === 'interp' && p.expr.kind === 'template') return renderParts(p.expr.parts, text);
      if (p.kind === 'interp' && p.expr.kind === 'literal' && p.expr.value !== null) return escapeTemplateText(String(p.expr.value));
      if (p.kind === 'interp' && p.expr.kind !== 'conditional') return `\${${sourceOf(p.expr, text)}}`;
      return '%{directive}';
    })
    .join('');
}

/** A literal string as template text: a literal `${` or `%{` is written `$${` / `%%{`. */
function escapeTemplateText(s: string): string {
  return s.replace(/([$%])\{/g, '$1$1{');
}

function expressionText(e: Expr, text: string): string {
  return `\${${sourceOf(e, text)}}`;
}

function sourceOf(e: Expr, text: string): string {
  return text.slice(e.range.start.offset, e.range.end.offset);
}

/**
 * A comparable string for a value: numbers as JSON (hcl2json turns an overflowing number into null),
 * strings holding expressions with all whitespace removed, directives reduced to a marker.
 */
function normalise(v: Json | undefined): string {
  return JSON.stringify(v === undefined ? '(absent)' : canonical(v));
}

function canonical(v: Json): Json {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const unescaped = v.replace(/([$%])\1\{/g, '');
    if (!/[$%]\{/.test(unescaped)) return v;
    // Directives are compared only up to the first one: hcl2json keeps their source, tomguard their meaning.
    const directive = /(^|[^%])%\{/.exec(v);
    const upTo = directive ? v.slice(0, directive.index + directive[1].length) + '%{directive}' : v;
    return upTo.replace(/\s+/g, '');
  }
  if (Array.isArray(v)) return v.map(canonical);
  if (isObject(v)) {
    const out: { [key: string]: Json } = {};
    for (const k of Object.keys(v).sort()) out[k.replace(/\s+/g, '')] = canonical(v[k]);
    return out;
  }
  return v;
}

