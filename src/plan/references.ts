/**
 * Graph edges from a plan's `configuration`: every expression with `references` becomes an edge from
 * each instance of the resource to what it names. In real plans the IDs that link resources (subnet
 * IDs, route table IDs) are unknown until apply, so these references are the only link.
 *
 * References are resolved through module boundaries: `module.net.subnet_ids` follows the output's own
 * references inside the child module; `var.x` in a child follows the call's argument in the parent.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

export interface ConfigResource {
  address: string;
  type: string;
  name: string;
  mode?: string;
  expressions?: JsonObject;
  for_each_expression?: JsonObject;
  count_expression?: JsonObject;
}

export interface ConfigModule {
  resources?: ConfigResource[];
  module_calls?: Record<string, { source?: string; expressions?: JsonObject; module?: ConfigModule }>;
  outputs?: Record<string, { expression?: JsonObject }>;
}

/** One parsed reference: `aws_subnet.private[0].id` → resource `aws_subnet.private`, key 0, path `id`. */
export interface ParsedRef {
  kind: 'resource' | 'module' | 'var' | 'local' | 'other';
  /** For resources: `type.name` or `data.type.name`; for modules: the call name; for vars: the name. */
  target: string;
  key?: string | number;
  /** Attribute path after the target (`id`), or for modules the output name and rest. */
  rest: string[];
  usesInstanceKey: boolean;
}

/** Splits `a.b["k"][0].c` into segments, keeping index keys typed. */
export function splitReference(ref: string): Array<string | { key: string | number }> {
  const out: Array<string | { key: string | number }> = [];
  const re = /([^.[\]]+)|\[("(?:[^"\\]|\\.)*"|\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(ref))) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push({ key: m[2].startsWith('"') ? (JSON.parse(m[2]) as string) : Number(m[2]) });
  }
  return out;
}

export function parseReference(ref: string): ParsedRef {
  const segs = splitReference(ref);
  const names = (from: number) => segs.slice(from).map((s) => (typeof s === 'string' ? s : String(s.key)));
  const first = segs[0];
  if (first === 'count' || first === 'each' || first === 'path' || first === 'terraform' || first === 'self') {
    return { kind: 'other', target: String(first), rest: [], usesInstanceKey: first === 'count' || first === 'each' };
  }
  if (first === 'var' || first === 'local') return { kind: first, target: String(segs[1] ?? ''), rest: names(2), usesInstanceKey: false };
  if (first === 'module') {
    const key = typeof segs[2] === 'object' ? segs[2].key : undefined;
    return { kind: 'module', target: String(segs[1] ?? ''), key, rest: names(key === undefined ? 2 : 3), usesInstanceKey: false };
  }
  const base = first === 'data' ? 3 : 2;
  const target = segs.slice(0, base).map(String).join('.');
  const keySeg = segs[base];
  const key = typeof keySeg === 'object' ? keySeg.key : undefined;
  return { kind: 'resource', target, key, rest: names(key === undefined ? base : base + 1), usesInstanceKey: false };
}

export interface ExpressionRefs {
  /** Attribute path of the expression (`subnet_ids`, `default_action.0.target_group_arn`). */
  path: string;
  references: string[];
}

/** Walks a resource's `expressions` (nested blocks are lists of expression objects). */
export function expressionRefs(expressions: Json | undefined, path = '', out: ExpressionRefs[] = []): ExpressionRefs[] {
  if (Array.isArray(expressions)) {
    expressions.forEach((e, i) => expressionRefs(e, path ? `${path}.${i}` : String(i), out));
    return out;
  }
  if (typeof expressions !== 'object' || expressions === null) return out;
  const refs = expressions.references;
  if (Array.isArray(refs)) {
    out.push({ path, references: refs.filter((r): r is string => typeof r === 'string') });
    return out;
  }
  if ('constant_value' in expressions) return out;
  for (const [k, v] of Object.entries(expressions)) expressionRefs(v, path ? `${path}.${k}` : k, out);
  return out;
}

/** Names of the attributes the configuration sets (top level), to tell "omitted" from "computed". */
export function configuredAttributes(expressions: JsonObject | undefined): Set<string> {
  return new Set(Object.keys(expressions ?? {}));
}
