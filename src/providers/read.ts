/**
 * How adapters turn a graph node's attribute into a `Val<T>` leaf: the provider default when omitted,
 * unknown (with its reason) when not known statically, and the message text rules print. The only
 * place a model leaf is made from the evaluator's values.
 */
import { Unknown, Value } from '../eval/value';
import { GraphNode, ResourceGraph } from '../graph/model';
import { asBoolean, setting } from './attributes';
import { PresenceOptions, presenceOf } from './presence';
import { Val, ValInit } from './val';

/** Converts a known value to the leaf's type; undefined when it has another type. */
export type Convert<T> = (value: Value) => T | undefined;

export const toBoolean: Convert<boolean> = (v) => {
  const b = asBoolean(v);
  return typeof b === 'boolean' ? b : undefined;
};
export const toString: Convert<string> = (v) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
/** Numbers, and numeric strings (Terraform converts `"7"` where a number is expected). */
export const toNumber: Convert<number> = (v) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
/** Any value as it is: for leaves a rule only describes or compares structurally. */
export const asIs: Convert<Value> = (v) => v;

/** Reads `path` of `node` as a leaf; when omitted, `defaultValue` is the provider default and says so. */
export function readVal<T>(node: GraphNode, path: string, convert: Convert<T>, defaultValue?: T): Val<T> {
  const read = node.attr(path);
  // Worded only when a message needs it: a large plan has hundreds of thousands of leaves, few of them shown.
  const described = () => setting(node, path, defaultValue as Value | undefined).describe;
  // One init object per leaf (no spreads): adapters make a leaf per attribute of every resource.
  const init: ValInit<T> = { owner: node, path, known: true, present: read.present, isDefault: !read.present && defaultValue !== undefined, origins: read.origins, described };
  const v = read.present ? read.value : (defaultValue as Value | undefined);
  if (v instanceof Unknown) {
    init.known = false;
    init.reason = v.describe();
  } else if (!read.present) {
    init.value = defaultValue;
  } else if (v !== undefined) {
    init.value = convert(v);
    // A value of another type (`encrypted = "yes"`) is one Terraform would reject or convert in ways we do not model.
    if (init.value === undefined) Object.assign(init, { known: false, reason: 'a value of an unexpected type', mistyped: true });
  }
  return new Val<T>(init);
}

/** A leaf that is not read from one attribute (a count, a derived fact): known, described as given. */
export function derivedVal<T>(owner: GraphNode, path: string, value: T, described: string): Val<T> {
  return new Val<T>({ owner, path, known: true, value, present: true, isDefault: false, described });
}

/** A derived leaf that is not known statically, with why. */
export function unknownVal<T>(owner: GraphNode, path: string, reason: string, described: string): Val<T> {
  return new Val<T>({ owner, path, known: false, reason, present: true, isDefault: false, described });
}

/**
 * Whether `path` holds a value at all, for attributes whose presence is the evidence (a KMS key, a log
 * destination): rules.md "Presence versus value", see presence.ts. Known true when set (also a
 * reference or a required variable), known false when unset, unknown otherwise.
 */
export function readPresence(graph: ResourceGraph, node: GraphNode, path: string, options: PresenceOptions = {}): Val<boolean> & { target?: GraphNode } {
  const p = presenceOf(graph, node, path, options);
  const read = node.attr(path);
  const val = new Val<boolean>({
    owner: node,
    path,
    known: p.status !== 'unknown',
    value: p.status === 'set',
    reason: p.status === 'unknown' ? p.describe : undefined,
    present: read.present,
    isDefault: false,
    origins: read.origins,
    described: p.describe,
  });
  return Object.assign(val, { target: p.target });
}
