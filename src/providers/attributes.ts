/**
 * Reading attributes the way rules need them: with the provider default when omitted, and a
 * description of the value and where it came from for messages.
 */
import { Unknown, Value, findUnknown, isObject } from '../eval/value';
import { AttrRead, GraphNode } from '../graph/model';

export interface Setting {
  read: AttrRead;
  /** The configured value, else the default; an Unknown when not known statically. */
  value: Value | undefined;
  /** True when the attribute is omitted and `value` is the provider default. */
  isDefault: boolean;
  /** `ssl_policy = "X"`, with `(provider default when omitted)` or `(var.x, set in main.tf:3)`. */
  describe: string;
}

/** Formats a value for a message: strings quoted, unknowns as `unknown (source: reason)`. */
export function show(value: Value | undefined): string {
  if (value === undefined) return 'not set';
  if (value instanceof Unknown) return `unknown (${value.describe()})`;
  return inline(value);
}

/** JSON-like text where unknown parts read `<aws_sns_topic.alerts.arn>` (JSON.stringify would call their toJSON first). */
function inline(v: Value): string {
  if (v instanceof Unknown) return `<${v.source}>`;
  if (Array.isArray(v)) return `[${v.map(inline).join(',')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.keys(v).map((k) => `${JSON.stringify(k)}:${inline(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** Reads `path`; when it is omitted, uses `defaultValue` (the provider's default) and says so. */
export function setting(node: GraphNode, path: string, defaultValue?: Value): Setting {
  const read = node.attr(path);
  const name = path.split('.').filter((s) => !/^\d+$/.test(s)).pop() ?? path;
  if (!read.present) {
    // `encrypt_at_rest {}` is written: the attribute is left out of a block that is there, not omitted with it.
    const block = enclosingBlock(node, path);
    const why = block ? `not set in the ${block} block: provider default` : 'provider default when omitted';
    const shown = defaultValue === undefined ? `${name} is not set${block ? ` in the ${block} block` : ''}` : `${name} = ${show(defaultValue)} (${why})`;
    return { read, value: defaultValue, isDefault: true, describe: shown };
  }
  if (node.isSensitive(path)) return { read, value: read.value, isDefault: false, describe: `${name} = (sensitive value)` };
  // An unknown already names where it came from; known values say which variables they came through.
  const origin = read.origins.length > 0 && !(read.value instanceof Unknown) ? ` (${read.origins.join(', ')})` : '';
  return { read, value: read.value, isDefault: false, describe: `${name} = ${show(read.value)}${origin}` };
}

/** The name of the nested block holding `path` when that block is written (`encrypt_at_rest {}`), else undefined. */
function enclosingBlock(node: GraphNode, path: string): string | undefined {
  const segments = path.split('.');
  segments.pop();
  while (segments.length > 0 && /^\d+$/.test(segments[segments.length - 1])) segments.pop();
  if (segments.length === 0) return undefined;
  return node.attr(segments.join('.')).present ? segments[segments.length - 1] : undefined;
}

/** A boolean setting: true/false, or an Unknown when not known (strings "true"/"false" accepted). */
export function asBoolean(v: Value | undefined): boolean | Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/** Every scalar inside a value (list elements and object values, depth first); Unknowns are scalars. */
export function leafValues(v: Value | undefined, out: Value[] = []): Value[] {
  if (v === undefined) return out;
  if (Array.isArray(v)) v.forEach((x) => leafValues(x, out));
  else if (isObject(v)) Object.values(v).forEach((x) => leafValues(x, out));
  else out.push(v);
  return out;
}

/** The values of a list attribute (a single value is a one-element list). */
export function listOf(v: Value | undefined): Value[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

export { findUnknown };
