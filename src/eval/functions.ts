/**
 * Terraform's built-in functions over the evaluator's Value model.
 *
 * Results are exact where the arguments are known. Where a result depends on something that is
 * not known, the function returns an `Unknown` named after the call whose reason keeps the
 * original unknown's description, so a finding can say where the uncertainty came from.
 * Functions that only move values around (concat, merge, length of a list...) keep partial
 * knowledge instead of giving up on the whole result.
 *
 * `try` and `can` are not here: they catch evaluation errors, so the evaluator must evaluate
 * their arguments itself (see LAZY_FUNCTIONS).
 */

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDecoder } from 'node:util';
import { addressToBigInt, bigIntToAddress, parseTerraformCidr } from '../net/cidr';
import { fail, FnError, setEntry } from './function-support';
import { EvalError, findUnknown, formatNumber, isObject, isUnknown, Unknown, Value, ValueObject, valuesEqual } from './value';

export interface FunctionContext {
  /** Absolute directory of the module being evaluated (for file(), templatefile(), path relative). */
  moduleDir: string;
  /** Absolute root directory of the scanned repository; files outside it must be refused. */
  repoRoot: string;
  /** Module packages fetched by --download-modules: readable too (a module reads its own files). */
  packageRoots?: readonly string[];
  /** Evaluates a template string (for templatefile): given the template text, the file path, and variables, returns a Value. Provided by the evaluator. */
  renderTemplate(text: string, file: string, vars: ValueObject): Value;
  /**
   * Functions of a dialect other than Terraform's (Terragrunt's `find_in_parent_folders`, ...),
   * looked up before the built-in table.
   */
  extraFunctions?: Readonly<Record<string, HclFunction>>;
}

export type HclFunction = (args: Value[], ctx: FunctionContext) => Value;

/** Functions whose arguments the evaluator must evaluate lazily, because they catch errors. */
export const LAZY_FUNCTIONS: ReadonlySet<string> = new Set(['try', 'can']);

/* eslint-disable @typescript-eslint/no-require-imports -- loaded only when a configuration calls them */
/** regex, regexall and replace with a /pattern/ (re2js): most configurations never call them. */
const regexFunctions = () => require('./regex') as typeof import('./regex');
/** csvdecode (csv-parse). */
const csvFunctions = () => require('./csv') as typeof import('./csv');
/* eslint-enable @typescript-eslint/no-require-imports */

// ---------------------------------------------------------------------------------------------
// Machinery shared by all functions
// ---------------------------------------------------------------------------------------------

/** The Unknown returned by a call whose result depends on `u`. */
function dependsOn(name: string, u: Unknown): Unknown {
  return new Unknown(`${name}(...)`, `depends on ${u.describe()}`);
}

type UnknownPolicy =
  /** Any Unknown anywhere inside any argument makes the whole result Unknown. */
  | 'deep'
  /** Only an argument that is itself Unknown does; the body copes with Unknowns nested inside. */
  | 'shallow'
  /** The body handles every Unknown itself (it may even pass one through). */
  | 'manual';

interface FunctionSpec {
  /** Smallest and largest number of arguments accepted. */
  arity: readonly [number, number];
  unknowns: UnknownPolicy;
  impl(args: Value[], ctx: FunctionContext, name: string): Value;
}

const VARIADIC = Infinity;

function spec(min: number, max: number, unknowns: UnknownPolicy, impl: FunctionSpec['impl']): FunctionSpec {
  return { arity: [min, max], unknowns, impl };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function checkArity(name: string, args: Value[], [min, max]: readonly [number, number]): void {
  if (args.length >= min && args.length <= max) return;
  let expected: string;
  if (min === max) expected = plural(min, 'argument');
  else if (max === VARIADIC) expected = `at least ${plural(min, 'argument')}`;
  else expected = `${min} to ${max} arguments`;
  throw new EvalError(`${name}: expects ${expected}, but got ${args.length}`);
}

function firstUnknown(args: Value[], policy: UnknownPolicy): Unknown | undefined {
  if (policy === 'manual') return undefined;
  for (const arg of args) {
    const u = policy === 'deep' ? findUnknown(arg) : isUnknown(arg) ? arg : undefined;
    if (u) return u;
  }
  return undefined;
}

function wrap(name: string, fn: FunctionSpec): HclFunction {
  return (args, ctx) => {
    checkArity(name, args, fn.arity);
    const u = firstUnknown(args, fn.unknowns);
    if (u) return dependsOn(name, u);
    try {
      return fn.impl(args, ctx, name);
    } catch (e) {
      if (e instanceof FnError) throw new EvalError(`${name}: ${e.message}`);
      throw e;
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Argument conversion (Terraform converts primitives automatically: "5" is a fine number)
// ---------------------------------------------------------------------------------------------

function kindOf(v: Value): string {
  if (v === null) return 'null';
  if (isUnknown(v)) return 'unknown value';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

function withArticle(kind: string): string {
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}


/** Parses a decimal number the way Terraform converts strings to numbers; undefined if invalid. */
function parseDecimal(text: string): number | undefined {
  return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : undefined;
}

function asString(v: Value, what = 'argument'): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) return fail(`${what} must not be null`);
  return fail(`${what} must be a string, not ${withArticle(kindOf(v))}`);
}

function asNumber(v: Value, what = 'argument'): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = parseDecimal(v);
    return n ?? fail(`${what} must be a number, but got the string "${v}"`);
  }
  if (v === null) return fail(`${what} must not be null`);
  return fail(`${what} must be a number, not ${withArticle(kindOf(v))}`);
}

function asInt(v: Value, what = 'argument'): number {
  const n = asNumber(v, what);
  if (!Number.isInteger(n)) fail(`${what} must be a whole number, not ${formatNumber(n)}`);
  return n;
}

function asBool(v: Value, what = 'argument'): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  if (v === null) return fail(`${what} must not be null`);
  if (typeof v === 'string') return fail(`${what} must be a bool, but got the string "${v}"`);
  return fail(`${what} must be a bool, not ${withArticle(kindOf(v))}`);
}

function asList(v: Value, what = 'argument'): Value[] {
  if (Array.isArray(v)) return v;
  if (v === null) return fail(`${what} must not be null`);
  return fail(`${what} must be a list, not ${withArticle(kindOf(v))}`);
}

function asObject(v: Value, what = 'argument'): ValueObject {
  if (isObject(v)) return v;
  if (v === null) return fail(`${what} must not be null`);
  return fail(`${what} must be a map or object, not ${withArticle(kindOf(v))}`);
}

/** Own-property check: `map[key]` alone would find `constructor` and friends on the prototype. */
function hasKey(obj: ValueObject, key: string): boolean {
  return Object.hasOwn(obj, key);
}

/**
 * Orders strings by code point, as Go does (it compares UTF-8 bytes); JavaScript's `<` compares
 * UTF-16 units, which disagrees for characters above U+FFFF.
 */
function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return (a.codePointAt(i) ?? 0) < (b.codePointAt(i) ?? 0) ? -1 : 1;
  }
  return a.length - b.length;
}

function sortedKeys(obj: ValueObject): string[] {
  return Object.keys(obj).sort(compareStrings);
}

let graphemeSegmenter: Intl.Segmenter | undefined;

/** User-perceived characters: Terraform measures strings (length, substr, format widths) in these. */
function graphemes(text: string): string[] {
  graphemeSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return Array.from(graphemeSegmenter.segment(text), (s) => s.segment);
}

function normalizeZero(n: number): number {
  return n === 0 ? 0 : n; // no -0 in results
}

const PRIMITIVE_KINDS = new Set(['string', 'number', 'bool']);

/**
 * Terraform gives a list or map one element type: mixing strings with numbers or bools turns
 * them all into strings; mixing numbers with bools is an error. Structures are left alone.
 */
function unifyPrimitives(values: Value[]): Value[] {
  const kinds = new Set(values.filter((v) => v !== null && !isUnknown(v)).map(kindOf));
  if (kinds.size <= 1 || ![...kinds].every((k) => PRIMITIVE_KINDS.has(k))) return values;
  if (!kinds.has('string')) fail(`all elements must have the same type, but got ${[...kinds].join(' and ')}`);
  return values.map((v) => (v === null || isUnknown(v) ? v : asString(v)));
}

function dedupe(values: Value[]): Value[] {
  const out: Value[] = [];
  for (const v of values) if (!out.some((seen) => valuesEqual(seen, v))) out.push(v);
  return out;
}

/** Terraform iterates sets of strings lexically, numbers numerically, false before true. */
function sortSetElements(values: Value[]): Value[] {
  if (values.every((v) => typeof v === 'string')) return [...(values as string[])].sort(compareStrings);
  if (values.every((v) => typeof v === 'number')) return [...(values as number[])].sort((a, b) => a - b);
  if (values.every((v) => typeof v === 'boolean')) return [...values].sort((a, b) => Number(a) - Number(b));
  return values;
}

/** A list turned into a Terraform set: one element type, no duplicates, set order. */
function toSetValues(values: Value[]): Value[] {
  return sortSetElements(dedupe(unifyPrimitives(values)));
}

/** Several lists as sets sharing one element type (setunion(["a"], [1]) is a set of strings). */
function toSets(lists: Value[][]): Value[][] {
  const unified = unifyPrimitives(lists.flat());
  let offset = 0;
  return lists.map((l) => {
    const part = unified.slice(offset, offset + l.length);
    offset += l.length;
    return toSetValues(part);
  });
}

function setHas(set: Value[], v: Value): boolean {
  return set.some((x) => valuesEqual(x, v));
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

/** JSON string as Terraform (Go) writes it: HTML-sensitive characters escaped too. */
function jsonQuote(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Terraform's JSON: no whitespace, object keys sorted, numbers in plain decimal. */
function jsonEncode(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) fail('cannot encode an infinite number as JSON');
    return formatNumber(v);
  }
  if (typeof v === 'string') return jsonQuote(v);
  if (isUnknown(v)) return fail('cannot encode an unknown value'); // callers check first
  if (Array.isArray(v)) return `[${v.map(jsonEncode).join(',')}]`;
  return `{${sortedKeys(v)
    .map((k) => `${jsonQuote(k)}:${jsonEncode(v[k])}`)
    .join(',')}}`;
}

function jsonDecode(text: string): Value {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return fail(`invalid JSON: ${(e as Error).message}`);
  }
  // JSON.parse yields exactly the null/boolean/number/string/array/object shapes of Value.
  return parsed as Value;
}

// ---------------------------------------------------------------------------------------------
// Type conversion
// ---------------------------------------------------------------------------------------------

const conversionFunctions: Record<string, FunctionSpec> = {
  tostring: spec(1, 1, 'shallow', ([v]) => {
    if (v === null) return null;
    if (Array.isArray(v) || isObject(v)) return fail(`cannot convert ${withArticle(kindOf(v))} to a string`);
    return asString(v);
  }),
  tonumber: spec(1, 1, 'shallow', ([v]) => {
    if (v === null || typeof v === 'number') return v;
    if (typeof v === 'string') {
      return parseDecimal(v) ?? fail(`cannot convert "${v}" to a number: it is not a decimal representation of a number`);
    }
    return fail(`cannot convert ${withArticle(kindOf(v))} to a number`);
  }),
  tobool: spec(1, 1, 'shallow', ([v]) => {
    if (v === null || typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    if (typeof v === 'string') return fail(`cannot convert "${v}" to a bool: only "true" or "false" are allowed`);
    return fail(`cannot convert ${withArticle(kindOf(v))} to a bool`);
  }),
  tolist: spec(1, 1, 'shallow', ([v]) => {
    if (v === null) return null;
    if (!Array.isArray(v)) return fail(`cannot convert ${withArticle(kindOf(v))} to a list`);
    return unifyPrimitives(v);
  }),
  // Sets are compared by value, so every element must be known.
  toset: spec(1, 1, 'deep', ([v]) => {
    if (v === null) return null;
    if (!Array.isArray(v)) return fail(`cannot convert ${withArticle(kindOf(v))} to a set`);
    return toSetValues(v);
  }),
  tomap: spec(1, 1, 'shallow', ([v]) => {
    if (v === null) return null;
    if (!isObject(v)) return fail(`cannot convert ${withArticle(kindOf(v))} to a map`);
    const keys = Object.keys(v);
    const unified = unifyPrimitives(keys.map((k) => v[k]));
    const out: ValueObject = {};
    keys.forEach((k, i) => setEntry(out, k, unified[i]));
    return out;
  }),
  // tomguard does not track sensitivity; the value itself is unchanged, known or not.
  sensitive: spec(1, 1, 'manual', ([v]) => v),
  nonsensitive: spec(1, 1, 'manual', ([v]) => v),
};

// ---------------------------------------------------------------------------------------------
// Collections
// ---------------------------------------------------------------------------------------------

function chunk(items: Value[], size: number): Value[] {
  if (size === 0) return [items];
  const out: Value[] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function rangeValues(nums: number[]): number[] {
  let start = 0;
  let limit: number;
  let step: number;
  if (nums.length === 1) {
    limit = nums[0];
    step = limit < 0 ? -1 : 1;
  } else if (nums.length === 2) {
    [start, limit] = nums;
    step = limit < start ? -1 : 1;
  } else {
    [start, limit, step] = nums;
  }
  if (step === 0) fail('step must not be zero');
  if (step < 0 && limit > start) fail('end must be less than start when step is negative');
  if (step > 0 && limit < start) fail('end must be greater than start when step is positive');
  const out: number[] = [];
  // Multiply rather than accumulate, so fractional steps do not drift.
  for (let i = 0; ; i++) {
    const v = start + i * step;
    if (step > 0 ? v >= limit : v <= limit) break;
    if (out.length >= 1024) {
      fail('more than 1024 values were generated; either decrease the difference between start and end or use a smaller step');
    }
    out.push(v);
  }
  return out;
}

/** flatten's walk; returns the Unknown that stops it, since an unknown element might be a list. */
function flattenInto(items: Value[], out: Value[]): Unknown | undefined {
  for (const item of items) {
    if (isUnknown(item)) return item;
    if (Array.isArray(item)) {
      const u = flattenInto(item, out);
      if (u) return u;
    } else {
      out.push(item);
    }
  }
  return undefined;
}

function transpose(obj: ValueObject): ValueObject {
  const inverted = new Map<string, string[]>();
  for (const key of sortedKeys(obj)) {
    for (const v of asList(obj[key], `the value of "${key}"`)) {
      const s = asString(v, `an element of "${key}"`);
      const keys = inverted.get(s) ?? [];
      keys.push(key);
      inverted.set(s, keys);
    }
  }
  const out: ValueObject = {};
  for (const k of [...inverted.keys()].sort(compareStrings)) setEntry(out, k, inverted.get(k) ?? []);
  return out;
}

const collectionFunctions: Record<string, FunctionSpec> = {
  length: spec(1, 1, 'shallow', ([v]) => {
    if (typeof v === 'string') return graphemes(v).length;
    if (Array.isArray(v)) return v.length;
    if (isObject(v)) return Object.keys(v).length;
    if (v === null) return fail('argument must not be null');
    return fail(`argument must be a string, a list or a map, not ${withArticle(kindOf(v))}`);
  }),
  concat: spec(1, VARIADIC, 'shallow', (args) => args.flatMap((a, i) => asList(a, `argument ${i + 1}`))),
  merge: spec(0, VARIADIC, 'shallow', (args) => {
    const out: ValueObject = {};
    args.forEach((a, i) => {
      if (a === null) return; // Terraform skips null arguments
      const obj = asObject(a, `argument ${i + 1}`);
      for (const k of Object.keys(obj)) setEntry(out, k, obj[k]);
    });
    return out;
  }),
  lookup: spec(2, 3, 'manual', (args, _ctx, name) => {
    const [map, key] = args;
    if (isUnknown(map)) return dependsOn(name, map);
    if (isUnknown(key)) return dependsOn(name, key);
    const obj = asObject(map, 'the first argument');
    const k = asString(key, 'the key');
    if (hasKey(obj, k)) return obj[k];
    if (args.length === 3) return args[2];
    return fail(`the given key "${k}" does not exist in the map`);
  }),
  coalesce: spec(1, VARIADIC, 'manual', (args, _ctx, name) => {
    for (const a of args) {
      // An unknown argument might be null or "", so nothing after it can be chosen yet.
      if (isUnknown(a)) return dependsOn(name, a);
      if (a === null || a === '') continue;
      const mixesStrings = args.some((o) => typeof o === 'string') && (typeof a === 'number' || typeof a === 'boolean');
      return mixesStrings ? asString(a) : a;
    }
    return fail('no non-null, non-empty-string arguments');
  }),
  coalescelist: spec(1, VARIADIC, 'manual', (args, _ctx, name) => {
    for (const [i, a] of args.entries()) {
      if (isUnknown(a)) return dependsOn(name, a);
      if (a === null) continue;
      const list = asList(a, `argument ${i + 1}`);
      if (list.length > 0) return list;
    }
    return fail('no non-null arguments');
  }),
  keys: spec(1, 1, 'shallow', ([m]) => sortedKeys(asObject(m))),
  values: spec(1, 1, 'shallow', ([m]) => {
    const obj = asObject(m);
    return sortedKeys(obj).map((k) => obj[k]);
  }),
  element: spec(2, 2, 'shallow', ([list, index]) => {
    const items = asList(list, 'the first argument');
    const i = asInt(index, 'the index');
    if (items.length === 0) fail('cannot use element function with an empty list');
    if (i < 0) fail('cannot use element function with a negative index');
    return items[i % items.length];
  }),
  index: spec(2, 2, 'manual', ([list, value], _ctx, name) => {
    if (isUnknown(list)) return dependsOn(name, list);
    const wanted = findUnknown(value);
    if (wanted) return dependsOn(name, wanted);
    for (const [i, item] of asList(list, 'the first argument').entries()) {
      // An unknown element before the first match might itself be the match.
      const u = findUnknown(item);
      if (u) return dependsOn(name, u);
      if (valuesEqual(item, value)) return i;
    }
    return fail('item not found');
  }),
  contains: spec(2, 2, 'manual', ([list, value], _ctx, name) => {
    if (isUnknown(list)) return dependsOn(name, list);
    const wanted = findUnknown(value);
    if (wanted) return dependsOn(name, wanted);
    let undecided: Unknown | undefined;
    for (const item of asList(list, 'the first argument')) {
      const u = findUnknown(item);
      if (u) undecided ??= u;
      else if (valuesEqual(item, value)) return true; // a known match settles it
    }
    return undecided ? dependsOn(name, undecided) : false;
  }),
  one: spec(1, 1, 'shallow', ([list]) => {
    const items = asList(list);
    if (items.length > 1) fail('must be a list, set, or tuple value with either zero or one elements');
    return items.length === 1 ? items[0] : null;
  }),
  flatten: spec(1, 1, 'shallow', ([list], _ctx, name) => {
    const out: Value[] = [];
    const u = flattenInto(asList(list), out);
    return u ? dependsOn(name, u) : out;
  }),
  // Equality needs the whole value, so both need every element known.
  distinct: spec(1, 1, 'deep', ([list]) => dedupe(asList(list))),
  compact: spec(1, 1, 'deep', ([list]) =>
    asList(list)
      .filter((v) => v !== null)
      .map((v, i) => asString(v, `element ${i}`))
      .filter((s) => s !== ''),
  ),
  slice: spec(3, 3, 'shallow', ([list, start, end]) => {
    const items = asList(list, 'the first argument');
    const from = asInt(start, 'start_index');
    const to = asInt(end, 'end_index');
    if (from < 0) fail('start_index must be greater than or equal to 0');
    if (to > items.length) fail(`end_index must be less than or equal to the length of the list (${items.length})`);
    if (from > to) fail('start_index must be less than or equal to end_index');
    return items.slice(from, to);
  }),
  reverse: spec(1, 1, 'shallow', ([list]) => [...asList(list)].reverse()),
  sort: spec(1, 1, 'deep', ([list]) =>
    asList(list)
      .map((v, i) => {
        if (v === null) fail(`element ${i} is null; a null value cannot be sorted`);
        return asString(v, `element ${i}`);
      })
      .sort(compareStrings),
  ),
  range: spec(1, 3, 'deep', (args) => rangeValues(args.map((a, i) => asNumber(a, `argument ${i + 1}`)))),
  zipmap: spec(2, 2, 'shallow', ([keys, vals], _ctx, name) => {
    const ks = asList(keys, 'keys');
    const vs = asList(vals, 'values');
    if (ks.length !== vs.length) fail(`number of keys (${ks.length}) does not match number of values (${vs.length})`);
    const out: ValueObject = {};
    for (const [i, k] of ks.entries()) {
      if (isUnknown(k)) return dependsOn(name, k);
      setEntry(out, asString(k, `key ${i}`), vs[i]);
    }
    return out;
  }),
  chunklist: spec(2, 2, 'shallow', ([list, size]) => {
    const n = asInt(size, 'the size');
    if (n < 0) fail('the size argument must be positive');
    return chunk(asList(list, 'the first argument'), n);
  }),
  transpose: spec(1, 1, 'deep', ([m]) => transpose(asObject(m))),
  matchkeys: spec(3, 3, 'manual', ([values, keys, searchset], _ctx, name) => {
    if (isUnknown(values)) return dependsOn(name, values);
    const u = findUnknown(keys) ?? findUnknown(searchset);
    if (u) return dependsOn(name, u);
    const vs = asList(values, 'values');
    const ks = asList(keys, 'keys');
    const search = asList(searchset, 'searchset');
    if (vs.length !== ks.length) fail('length of keys and values should be equal');
    return vs.filter((_, i) => setHas(search, ks[i]));
  }),
  alltrue: spec(1, 1, 'shallow', ([list], _ctx, name) => {
    let undecided: Unknown | undefined;
    for (const [i, v] of asList(list).entries()) {
      if (isUnknown(v)) undecided ??= v;
      else if (v === null || !asBool(v, `element ${i}`)) return false; // one false settles it
    }
    return undecided ? dependsOn(name, undecided) : true;
  }),
  anytrue: spec(1, 1, 'shallow', ([list], _ctx, name) => {
    let undecided: Unknown | undefined;
    for (const [i, v] of asList(list).entries()) {
      if (isUnknown(v)) undecided ??= v;
      else if (v !== null && asBool(v, `element ${i}`)) return true; // one true settles it
    }
    return undecided ? dependsOn(name, undecided) : false;
  }),
  setunion: spec(1, VARIADIC, 'deep', (args) =>
    toSetValues(toSets(args.map((a, i) => asList(a, `argument ${i + 1}`))).flat()),
  ),
  setintersection: spec(1, VARIADIC, 'deep', (args) => {
    const [first, ...rest] = toSets(args.map((a, i) => asList(a, `argument ${i + 1}`)));
    return first.filter((v) => rest.every((s) => setHas(s, v)));
  }),
  setsubtract: spec(2, 2, 'deep', (args) => {
    const [a, b] = toSets(args.map((a, i) => asList(a, `argument ${i + 1}`)));
    return a.filter((v) => !setHas(b, v));
  }),
  // Lists in, lists out: the product does not compare elements, so unknown elements are kept.
  setproduct: spec(2, VARIADIC, 'shallow', (args) => {
    let product: Value[][] = [[]];
    for (const [i, a] of args.entries()) {
      const items = asList(a, `argument ${i + 1}`);
      product = product.flatMap((prefix) => items.map((v) => [...prefix, v]));
    }
    return product;
  }),
};

// ---------------------------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------------------------

/**
 * Maps each code point with a one-to-one case mapping, as Go's unicode.ToUpper/ToTitle do:
 * full mappings such as "ß" → "SS" are not applied.
 */
function mapCase(text: string, convert: (ch: string) => string): string {
  return Array.from(text, (ch) => {
    const mapped = convert(ch);
    return Array.from(mapped).length === 1 ? mapped : ch;
  }).join('');
}

/** Go's strings.Title word boundaries: ASCII letters, digits and "_" continue a word, as do non-ASCII letters and digits. */
function isWordSeparator(ch: string): boolean {
  if (ch.length === 1 && ch.charCodeAt(0) <= 0x7f) return !/[A-Za-z0-9_]/.test(ch);
  if (/[\p{L}\p{Nd}]/u.test(ch)) return false;
  return /\s/u.test(ch);
}

function titleCase(text: string): string {
  let previous = ' ';
  return Array.from(text, (ch) => {
    const out = isWordSeparator(previous) ? mapCase(ch, (c) => c.toUpperCase()) : ch;
    previous = ch;
    return out;
  }).join('');
}

/** Go's unicode.IsSpace (JavaScript's trim also removes U+FEFF and keeps U+0085). */
const SPACE_CHARS = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING_SPACE = new RegExp(`^[${SPACE_CHARS}]+`);
const TRAILING_SPACE = new RegExp(`[${SPACE_CHARS}]+$`);

function trimChars(text: string, cutset: string): string {
  const chars = Array.from(text);
  const cut = new Set(Array.from(cutset));
  let start = 0;
  let end = chars.length;
  while (start < end && cut.has(chars[start])) start++;
  while (end > start && cut.has(chars[end - 1])) end--;
  return chars.slice(start, end).join('');
}

function substr(text: string, offset: number, length: number): string {
  const chars = graphemes(text);
  let from = offset < 0 ? offset + chars.length : offset;
  if (from < 0) from = 0;
  return chars.slice(from, length < 0 ? undefined : from + length).join('');
}

function replaceAll(text: string, search: string, replacement: string): string {
  if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
    return regexFunctions().regexReplace(search.slice(1, -1), text, replacement);
  }
  // Go inserts the replacement around every character when the search string is empty.
  if (search === '') return replacement + Array.from(text).join(replacement) + (text === '' ? '' : replacement);
  return text.split(search).join(replacement);
}

/** Go's url.QueryEscape: unreserved characters stay, spaces become "+", the rest %XX of UTF-8. */
function urlEncode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const stringFunctions: Record<string, FunctionSpec> = {
  join: spec(2, VARIADIC, 'deep', ([separator, ...lists]) => {
    const sep = asString(separator, 'the separator');
    const parts: string[] = [];
    lists.forEach((list, li) =>
      asList(list, `argument ${li + 2}`).forEach((v, i) => {
        if (v === null) fail(`element ${i} is null; cannot concatenate null values`);
        parts.push(asString(v, `element ${i}`));
      }),
    );
    return parts.join(sep);
  }),
  split: spec(2, 2, 'deep', ([separator, str]) => {
    const sep = asString(separator, 'the separator');
    const text = asString(str, 'the string');
    return sep === '' ? Array.from(text) : text.split(sep);
  }),
  lower: spec(1, 1, 'deep', ([s]) => mapCase(asString(s), (c) => c.toLowerCase())),
  upper: spec(1, 1, 'deep', ([s]) => mapCase(asString(s), (c) => c.toUpperCase())),
  title: spec(1, 1, 'deep', ([s]) => titleCase(asString(s))),
  trimspace: spec(1, 1, 'deep', ([s]) => asString(s).replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '')),
  trim: spec(2, 2, 'deep', ([s, cutset]) => trimChars(asString(s, 'the string'), asString(cutset, 'the cutset'))),
  trimprefix: spec(2, 2, 'deep', ([s, prefix]) => {
    const text = asString(s, 'the string');
    const p = asString(prefix, 'the prefix');
    return text.startsWith(p) ? text.slice(p.length) : text;
  }),
  trimsuffix: spec(2, 2, 'deep', ([s, suffix]) => {
    const text = asString(s, 'the string');
    const x = asString(suffix, 'the suffix');
    return x !== '' && text.endsWith(x) ? text.slice(0, text.length - x.length) : text;
  }),
  chomp: spec(1, 1, 'deep', ([s]) => asString(s).replace(/(?:\r\n?|\n)*$/, '')),
  indent: spec(2, 2, 'deep', ([spaces, s]) => {
    const n = asInt(spaces, 'the number of spaces');
    return asString(s, 'the string').split('\n').join(`\n${' '.repeat(Math.max(n, 0))}`);
  }),
  strrev: spec(1, 1, 'deep', ([s]) => graphemes(asString(s)).reverse().join('')),
  replace: spec(3, 3, 'deep', ([s, search, replacement]) =>
    replaceAll(asString(s, 'the string'), asString(search, 'the substring'), asString(replacement, 'the replacement')),
  ),
  substr: spec(3, 3, 'deep', ([s, offset, length]) =>
    substr(asString(s, 'the string'), asInt(offset, 'the offset'), asInt(length, 'the length')),
  ),
  startswith: spec(2, 2, 'deep', ([s, prefix]) => asString(s, 'the string').startsWith(asString(prefix, 'the prefix'))),
  endswith: spec(2, 2, 'deep', ([s, suffix]) => asString(s, 'the string').endsWith(asString(suffix, 'the suffix'))),
  strcontains: spec(2, 2, 'deep', ([s, sub]) => asString(s, 'the string').includes(asString(sub, 'the substring'))),
  format: spec(1, VARIADIC, 'deep', ([fmt, ...rest]) => formatString(asString(fmt, 'the format string'), rest)),
  formatlist: spec(1, VARIADIC, 'manual', ([fmt, ...rest], _ctx, name) => formatList(name, fmt, rest)),
  regex: spec(2, 2, 'deep', ([pattern, s]) => regexFunctions().regex(asString(pattern, 'the pattern'), asString(s, 'the string'))),
  regexall: spec(2, 2, 'deep', ([pattern, s]) => regexFunctions().regexAll(asString(pattern, 'the pattern'), asString(s, 'the string'))),
};

// ---------------------------------------------------------------------------------------------
// format and formatlist (Terraform's printf dialect)
// ---------------------------------------------------------------------------------------------

interface FormatVerb {
  /** The verb as written, e.g. "%-10.2f", for error messages. */
  raw: string;
  offset: number;
  /** 1-based argument number. */
  argNum: number;
  mode: string;
  sharp: boolean;
  zero: boolean;
  minus: boolean;
  plus: boolean;
  space: boolean;
  /** -1 when absent. */
  width: number;
  /** -1 when absent. */
  prec: number;
}

function readDigits(text: string, from: number): [string, number] {
  let end = from;
  while (end < text.length && text[end] >= '0' && text[end] <= '9') end++;
  return [text.slice(from, end), end];
}

function unrecognized(text: string, at: number): never {
  if (at >= text.length) return fail(`invalid format string starting at offset ${at}`);
  return fail(`unrecognized format character '${String.fromCodePoint(text.codePointAt(at) ?? 0)}' at offset ${at}`);
}

/** Records a flag character ("#", "0", "-", "+", " "); false when `ch` is not one. */
function applyFlag(verb: FormatVerb, ch: string | undefined): boolean {
  switch (ch) {
    case '#':
      verb.sharp = true;
      return true;
    case '0':
      verb.zero = true;
      return true;
    case '-':
      verb.minus = true;
      return true;
    case '+':
      verb.plus = true;
      return true;
    case ' ':
      verb.space = true;
      return true;
    default:
      return false;
  }
}

/** Parses the verb starting at `start` (a "%"); returns it with the offset just after it. */
function parseVerb(text: string, start: number, nextArg: number): [FormatVerb, number] {
  const verb: FormatVerb = {
    raw: '',
    offset: start,
    argNum: nextArg,
    mode: '',
    sharp: false,
    zero: false,
    minus: false,
    plus: false,
    space: false,
    width: -1,
    prec: -1,
  };
  let i = start + 1;
  while (applyFlag(verb, text[i])) i++;
  if (text[i] === '[') {
    const [digits, end] = readDigits(text, i + 1);
    if (digits === '' || digits.startsWith('0')) unrecognized(text, i + 1);
    if (text[end] !== ']') unrecognized(text, end);
    verb.argNum = Number(digits);
    i = end + 1;
  }
  if (text[i] >= '1' && text[i] <= '9') {
    const [digits, end] = readDigits(text, i);
    verb.width = Number(digits);
    i = end;
  }
  if (text[i] === '.') {
    const [digits, end] = readDigits(text, i + 1);
    verb.prec = digits === '' ? 0 : Number(digits);
    i = end;
  }
  if (i >= text.length || !/[A-Za-z]/.test(text[i])) unrecognized(text, i);
  verb.mode = text[i];
  verb.raw = text.slice(start, i + 1);
  return [verb, i + 1];
}

function formatString(text: string, args: Value[]): string {
  let out = '';
  let nextArg = 1;
  let highestUsed = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '%') {
      out += text[i++];
    } else if (text[i + 1] === '%') {
      out += '%';
      i += 2;
    } else {
      const [verb, end] = parseVerb(text, i, nextArg);
      out += formatOne(verb, args);
      highestUsed = Math.max(highestUsed, verb.argNum);
      nextArg = verb.argNum + 1;
      i = end;
    }
  }
  if (args.length > highestUsed) {
    fail(highestUsed === 0 ? 'too many arguments; no verbs in format string' : `too many arguments; only ${highestUsed} used by format string`);
  }
  return out;
}

function formatOne(verb: FormatVerb, args: Value[]): string {
  const where = `"${verb.raw}" at ${verb.offset}`;
  if (verb.argNum > args.length) {
    fail(`not enough arguments for ${where}: need index ${verb.argNum} but have ${args.length} total`);
  }
  const arg = args[verb.argNum - 1];
  if (verb.mode !== 'v' && arg === null) fail(`unsupported value for ${where}: null value cannot be formatted`);
  const convert = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof FnError) fail(`unsupported value for ${where}: ${e.message}`);
      throw e;
    }
  };
  switch (verb.mode) {
    case 'v':
      return formatAsIs(verb, arg);
    case 't':
      return convert(() => asBool(arg, 'value')) ? 'true' : 'false'; // Terraform applies no width here
    case 'b':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
      return formatInteger(verb, convert(() => asNumber(arg, 'value')), where);
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G':
      return formatFloat(verb, convert(() => asNumber(arg, 'value')));
    case 's':
    case 'q':
      return formatText(verb, convert(() => asString(arg, 'value')));
    default:
      return fail(`unsupported format verb '${verb.mode}' in "${verb.raw}" at offset ${verb.offset}`);
  }
}

/** Width padding for %v, %s and %q, measured in grapheme clusters. */
function padWidth(verb: FormatVerb, text: string): string {
  const missing = verb.width - graphemes(text).length;
  if (missing <= 0) return text;
  const pad = (verb.zero ? '0' : ' ').repeat(missing);
  return verb.minus ? text + pad : pad + text;
}

/** Width padding for numbers (Go's fmt): zeros go between the sign and the digits. */
function padNumber(verb: FormatVerb, lead: string, body: string, allowZero = true): string {
  const text = lead + body;
  if (verb.width <= text.length) return text;
  if (verb.minus) return text.padEnd(verb.width, ' ');
  if (verb.zero && allowZero) return lead + body.padStart(verb.width - lead.length, '0');
  return text.padStart(verb.width, ' ');
}

function signOf(verb: FormatVerb, n: number): string {
  if (n < 0) return '-';
  return verb.plus ? '+' : verb.space ? ' ' : '';
}

function formatAsIs(verb: FormatVerb, arg: Value): string {
  if (!verb.sharp && typeof arg === 'string') return padWidth(verb, arg);
  if (!verb.sharp && typeof arg === 'number') return padWidth(verb, (arg < 0 ? '-' : '') + formatGeneral(Math.abs(arg), -1));
  return padWidth(verb, jsonEncode(arg));
}

function formatInteger(verb: FormatVerb, n: number, where: string): string {
  if (!Number.isInteger(n)) fail(`unsupported value for ${where}: an integer is required`);
  const base = { b: 2, d: 10, o: 8, x: 16, X: 16 }[verb.mode as 'b' | 'd' | 'o' | 'x' | 'X'];
  let digits = BigInt(Math.abs(n)).toString(base);
  if (verb.mode === 'X') digits = digits.toUpperCase();
  if (verb.prec >= 0) digits = digits.padStart(verb.prec, '0');
  const prefix = verb.sharp ? { b: '0b', d: '', o: '0', x: '0x', X: '0X' }[verb.mode as 'b' | 'd' | 'o' | 'x' | 'X'] : '';
  // Go ignores the 0 flag for integers when a precision is given.
  return padNumber(verb, signOf(verb, n) + prefix, digits, verb.prec < 0);
}

/**
 * The decimal digits of a positive number, d1d2..., and the position of the decimal point
 * (value = 0.d1d2... × 10^dp): shortest round-trip digits, or rounded to `significant` digits.
 */
function decimalDigits(abs: number, significant?: number): { digits: string; dp: number } {
  const text = significant === undefined ? abs.toExponential() : abs.toExponential(Math.min(significant, 101) - 1);
  const [mantissa, exponent] = text.split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  return { digits: digits === '' ? '0' : digits, dp: Number(exponent) + 1 };
}

function exponentForm(digits: string, exp: number): string {
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
  return `${digits[0]}${fraction}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

function fixedForm(digits: string, dp: number, decimals: number): string {
  const intPart = dp > 0 ? digits.slice(0, dp).padEnd(dp, '0') : '0';
  let fraction = '';
  for (let k = 0; k < decimals; k++) fraction += digits[dp + k] ?? '0';
  return decimals > 0 ? `${intPart}.${fraction}` : intPart;
}

/** Go's %g for a non-negative number; prec < 0 means shortest. */
function formatGeneral(abs: number, prec: number): string {
  if (abs === 0) return '0';
  const shortest = prec < 0;
  const p = prec === 0 ? 1 : prec;
  const { digits, dp } = decimalDigits(abs, shortest ? undefined : p);
  const nd = digits.length;
  // Go switches to exponent form below 1e-4 or from the precision's digit count upward (6 for shortest).
  const eprec = shortest ? 6 : p > nd && nd >= dp ? nd : p;
  const exp = dp - 1;
  if (exp < -4 || exp >= eprec) return exponentForm(digits, exp);
  const decimals = shortest ? Math.max(nd - dp, 0) : Math.max((p > dp ? nd : p) - dp, 0);
  return fixedForm(digits, dp, decimals);
}

function formatFloat(verb: FormatVerb, n: number): string {
  const abs = Math.abs(n);
  let body: string;
  if (verb.mode === 'f') {
    const prec = verb.prec < 0 ? 6 : Math.min(verb.prec, 100);
    // toFixed switches to exponent notation from 1e21; such doubles are integers anyway.
    body = abs < 1e21 ? abs.toFixed(prec) : formatNumber(abs) + (prec > 0 ? `.${'0'.repeat(prec)}` : '');
  } else if (verb.mode === 'e' || verb.mode === 'E') {
    const [mantissa, exponent] = abs.toExponential(verb.prec < 0 ? 6 : Math.min(verb.prec, 100)).split('e');
    const exp = Number(exponent);
    body = `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  } else {
    body = formatGeneral(abs, verb.prec);
  }
  if (verb.mode === 'E' || verb.mode === 'G') body = body.toUpperCase();
  return padNumber(verb, signOf(verb, n), body);
}

function formatText(verb: FormatVerb, text: string): string {
  const truncated = verb.prec > 0 ? graphemes(text).slice(0, verb.prec).join('') : text;
  return padWidth(verb, verb.mode === 'q' ? jsonQuote(truncated) : truncated);
}

/**
 * formatlist: list arguments are walked in step (they must have one length), other arguments
 * repeat. An element that is unknown makes only its own result unknown.
 */
function formatList(name: string, fmt: Value, rest: Value[]): Value {
  if (isUnknown(fmt)) return dependsOn(name, fmt);
  const text = asString(fmt, 'the format string');
  let length = -1;
  let lengthFrom = 0;
  for (const [i, arg] of rest.entries()) {
    if (isUnknown(arg)) return dependsOn(name, arg); // might be a list of any length
    if (!Array.isArray(arg)) continue;
    if (length < 0) {
      length = arg.length;
      lengthFrom = i;
    } else if (arg.length !== length) {
      fail(`argument ${i + 2} has length ${arg.length}, which is inconsistent with argument ${lengthFrom + 2} of length ${length}`);
    }
  }
  const out: Value[] = [];
  for (let iteration = 0; iteration < (length < 0 ? 1 : length); iteration++) {
    const args = rest.map((a) => (Array.isArray(a) ? a[iteration] : a));
    const u = args.map(findUnknown).find((x) => x !== undefined);
    if (u) {
      out.push(dependsOn(name, u));
      continue;
    }
    try {
      out.push(formatString(text, args));
    } catch (e) {
      if (e instanceof FnError) fail(`error on format iteration ${iteration}: ${e.message}`);
      throw e;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

/** Digit value in Go's big.Int parsing: letters are case-insensitive up to base 36, then A-Z are 36-61. */
function digitValue(ch: string, base: number): number | undefined {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return c - 97 + 10;
  if (c >= 65 && c <= 90) return c - 65 + (base <= 36 ? 10 : 36);
  return undefined;
}

function parseInteger(text: string, base: number): number {
  const invalid = () => fail(`cannot parse "${text}" as a base ${base} integer`);
  const m = /^([+-]?)(.+)$/.exec(text);
  if (!m) return invalid();
  let value = 0n;
  for (const ch of m[2]) {
    const d = digitValue(ch, base);
    if (d === undefined || d >= base) return invalid();
    value = value * BigInt(base) + BigInt(d);
  }
  return Number(m[1] === '-' ? -value : value);
}

const numericFunctions: Record<string, FunctionSpec> = {
  abs: spec(1, 1, 'deep', ([n]) => normalizeZero(Math.abs(asNumber(n)))),
  ceil: spec(1, 1, 'deep', ([n]) => normalizeZero(Math.ceil(asNumber(n)))),
  floor: spec(1, 1, 'deep', ([n]) => normalizeZero(Math.floor(asNumber(n)))),
  signum: spec(1, 1, 'deep', ([n]) => normalizeZero(Math.sign(asNumber(n)))),
  pow: spec(2, 2, 'deep', ([a, b]) => Math.pow(asNumber(a, 'the base'), asNumber(b, 'the exponent'))),
  log: spec(2, 2, 'deep', ([n, base]) => Math.log(asNumber(n, 'the number')) / Math.log(asNumber(base, 'the base'))),
  max: spec(1, VARIADIC, 'deep', (args) => Math.max(...args.map((a, i) => asNumber(a, `argument ${i + 1}`)))),
  min: spec(1, VARIADIC, 'deep', (args) => Math.min(...args.map((a, i) => asNumber(a, `argument ${i + 1}`)))),
  sum: spec(1, 1, 'deep', ([list]) => {
    const items = asList(list);
    if (items.length === 0) fail('cannot sum an empty list');
    return items.reduce<number>((acc, v, i) => acc + asNumber(v, `element ${i}`), 0);
  }),
  parseint: spec(2, 2, 'deep', ([num, base]) => {
    if (typeof num !== 'string') return fail(`the first argument must be a string, not ${withArticle(kindOf(num))}`);
    const b = asInt(base, 'the base');
    if (b < 2 || b > 62) fail('the base must be a whole number between 2 and 62 inclusive');
    return parseInteger(num, b);
  }),
};

// ---------------------------------------------------------------------------------------------
// Encoding, hashing, identifiers
// ---------------------------------------------------------------------------------------------

const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return fail(`${what} is not valid UTF-8`);
  }
}

function hash(algorithm: string, data: string | Buffer, encoding: 'hex' | 'base64'): string {
  return crypto.createHash(algorithm).update(data).digest(encoding);
}

function base64Decode(text: string): string {
  // Go's standard decoder is strict about the alphabet and padding, unlike Buffer.from.
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) fail('failed to decode base64 data: the string is not valid base64');
  return decodeUtf8(Buffer.from(text, 'base64'), 'the result of decoding the provided string');
}

const UUID_NAMESPACES: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

/** RFC 4122 name-based UUID (version 5, SHA-1). */
function uuidV5(namespace: string, name: string): string {
  const ns = UUID_NAMESPACES[namespace] ?? namespace;
  if (!/^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/.test(ns)) {
    fail(`uuidv5() doesn't support namespace prefix "${namespace}"`);
  }
  const digest = crypto
    .createHash('sha1')
    .update(Buffer.from(ns.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  const hex = digest.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const encodingFunctions: Record<string, FunctionSpec> = {
  jsonencode: spec(1, 1, 'manual', ([v], _ctx, name) => {
    const u = findUnknown(v);
    // The encoded text is unknown, but the structure is kept for rules that read documents.
    if (u) return new Unknown(`${name}(...)`, `depends on ${u.describe()}`, undefined, v);
    return jsonEncode(v);
  }),
  jsondecode: spec(1, 1, 'deep', ([s]) => jsonDecode(asString(s))),
  csvdecode: spec(1, 1, 'deep', ([s]) => csvFunctions().csvDecode(asString(s))),
  urlencode: spec(1, 1, 'deep', ([s]) => urlEncode(asString(s))),
  base64encode: spec(1, 1, 'deep', ([s]) => Buffer.from(asString(s), 'utf8').toString('base64')),
  base64decode: spec(1, 1, 'deep', ([s]) => base64Decode(asString(s))),
  // Go's gzip output cannot be reproduced byte for byte, so its encoding is not known here.
  base64gzip: spec(1, 1, 'deep', () => new Unknown('base64gzip(...)', 'gzip output is not reproduced by tomguard')),
  md5: spec(1, 1, 'deep', ([s]) => hash('md5', asString(s), 'hex')),
  sha1: spec(1, 1, 'deep', ([s]) => hash('sha1', asString(s), 'hex')),
  sha256: spec(1, 1, 'deep', ([s]) => hash('sha256', asString(s), 'hex')),
  sha512: spec(1, 1, 'deep', ([s]) => hash('sha512', asString(s), 'hex')),
  base64sha256: spec(1, 1, 'deep', ([s]) => hash('sha256', asString(s), 'base64')),
  base64sha512: spec(1, 1, 'deep', ([s]) => hash('sha512', asString(s), 'base64')),
  uuidv5: spec(2, 2, 'deep', ([ns, name]) => uuidV5(asString(ns, 'the namespace'), asString(name, 'the name'))),
  uuid: spec(0, 0, 'deep', () => new Unknown('uuid()', 'a new random value on every run')),
  bcrypt: spec(1, 2, 'deep', () => new Unknown('bcrypt(...)', 'a new random salt on every run')),
};

// ---------------------------------------------------------------------------------------------
// Filesystem: only files inside the scanned repository may be read
// ---------------------------------------------------------------------------------------------

const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** realpath of the longest existing prefix, so a missing file under a symlinked directory is still placed correctly. */
function realpathLenient(p: string): string {
  const missing: string[] = [];
  let current = p;
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(current), ...missing);
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return p;
      missing.unshift(path.basename(current));
      current = parent;
    }
  }
}

function isWithin(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Inside the repository, or inside a downloaded module package. */
function isReadable(ctx: FunctionContext, real: string): boolean {
  return [ctx.repoRoot, ...(ctx.packageRoots ?? [])].some((root) => isWithin(realpathLenient(path.resolve(root)), real));
}

interface RepoPath {
  /** The path as the user would recognise it. */
  absolute: string;
  /** The same path with symlinks resolved, which is what gets read. */
  real: string;
}

/**
 * Resolves a path given to a file function: "~" is the home directory (as in Terraform),
 * relative paths start at the module directory, and the result must lie inside the repository.
 */
function resolveRepoPath(given: string, ctx: FunctionContext): RepoPath {
  const expanded = given === '~' || given.startsWith('~/') ? os.homedir() + given.slice(1) : given;
  const absolute = path.resolve(ctx.moduleDir, expanded);
  const real = realpathLenient(absolute);
  if (!isReadable(ctx, real)) {
    fail(`refusing to read "${absolute}" outside the scanned repository (${ctx.repoRoot}); scan with --allow-outside-root to read it`);
  }
  return { absolute, real };
}

function readRepoFile(given: Value, ctx: FunctionContext): { absolute: string; bytes: Buffer } {
  const { absolute, real } = resolveRepoPath(asString(given, 'the path'), ctx);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(real);
  } catch {
    return fail(`no file exists at "${absolute}"; this function works only with files that are part of the configuration`);
  }
  if (stat.isDirectory()) fail(`"${absolute}" is a directory, not a file`);
  if (stat.size > MAX_FILE_BYTES) fail(`"${absolute}" is ${stat.size} bytes, more than the 5 MB tomguard reads`);
  return { absolute, bytes: fs.readFileSync(real) };
}

function readRepoText(given: Value, ctx: FunctionContext): { absolute: string; text: string } {
  const { absolute, bytes } = readRepoFile(given, ctx);
  return { absolute, text: decodeUtf8(bytes, `the content of "${absolute}"`) };
}

function fileExists(given: Value, ctx: FunctionContext): boolean {
  const { absolute, real } = resolveRepoPath(asString(given, 'the path'), ctx);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(real);
  } catch {
    return false;
  }
  if (stat.isDirectory()) fail(`"${absolute}" is a directory, not a file`);
  if (!stat.isFile()) fail(`"${absolute}" is not a regular file`);
  return true;
}

function fileSet(dir: Value, pattern: Value, ctx: FunctionContext): string[] {
  const { absolute, real } = resolveRepoPath(asString(dir, 'the path'), ctx);
  const glob = asString(pattern, 'the pattern');
  if (glob === '') return []; // matches only the directory itself, which is not a file
  let matches: string[];
  try {
    // fast-glob (~40 ms to load) only when a configuration calls fileset().
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    matches = (require('fast-glob') as typeof import('fast-glob')).sync(glob, { cwd: real, onlyFiles: true, dot: true });
  } catch (e) {
    return fail(`invalid pattern "${glob}": ${(e as Error).message}`);
  }
  for (const m of matches) {
    const matched = path.resolve(real, m);
    if (!isReadable(ctx, realpathLenient(matched))) {
      fail(`refusing to read "${path.resolve(absolute, m)}" outside the scanned repository (${ctx.repoRoot}); scan with --allow-outside-root to read it`);
    }
  }
  return matches.sort(compareStrings);
}

/** Go's filepath.Clean for "/"-separated paths. */
function cleanPath(p: string): string {
  if (p === '') return '.';
  const normal = path.posix.normalize(p);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/** Go's filepath.Dir: "foo/" is "foo", "" and "file" are ".". */
function dirName(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf('/') + 1));
}

/** Go's filepath.Base: "" is ".", "/" is "/", trailing slashes ignored. */
function baseName(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function fileHash(algorithm: string, encoding: 'hex' | 'base64'): FunctionSpec {
  return spec(1, 1, 'deep', ([p], ctx) => hash(algorithm, readRepoFile(p, ctx).bytes, encoding));
}

const filesystemFunctions: Record<string, FunctionSpec> = {
  file: spec(1, 1, 'deep', ([p], ctx) => readRepoText(p, ctx).text),
  filebase64: spec(1, 1, 'deep', ([p], ctx) => readRepoFile(p, ctx).bytes.toString('base64')),
  fileexists: spec(1, 1, 'deep', ([p], ctx) => fileExists(p, ctx)),
  fileset: spec(2, 2, 'deep', ([dir, pattern], ctx) => fileSet(dir, pattern, ctx)),
  filemd5: fileHash('md5', 'hex'),
  filesha1: fileHash('sha1', 'hex'),
  filesha256: fileHash('sha256', 'hex'),
  filesha512: fileHash('sha512', 'hex'),
  filebase64sha256: fileHash('sha256', 'base64'),
  filebase64sha512: fileHash('sha512', 'base64'),
  // Unknowns inside the variables are the template's business: the evaluator renders them.
  templatefile: spec(2, 2, 'shallow', ([p, vars], ctx) => {
    const variables = asObject(vars, 'the variables');
    const { absolute, text } = readRepoText(p, ctx);
    return ctx.renderTemplate(text, absolute, variables);
  }),
  // Terraform resolves against its working directory; the module directory is the nearest we know.
  abspath: spec(1, 1, 'deep', ([p], ctx) => path.resolve(ctx.moduleDir, asString(p)).split(path.sep).join('/')),
  dirname: spec(1, 1, 'deep', ([p]) => dirName(asString(p))),
  basename: spec(1, 1, 'deep', ([p]) => baseName(asString(p))),
  // Expanding "~" would depend on the machine running tomguard, not on the configuration.
  pathexpand: spec(1, 1, 'deep', ([p]) => asString(p)),
};

// ---------------------------------------------------------------------------------------------
// Date and time (RFC 3339 timestamps, as Terraform uses)
// ---------------------------------------------------------------------------------------------

interface Timestamp {
  /** Nanoseconds since the Unix epoch. */
  instant: bigint;
  /** Offset of the written time zone from UTC, in seconds. */
  offset: number;
}

const NANOS_PER_SECOND = 1_000_000_000n;

function parseTimestamp(text: string): Timestamp {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return fail(`"${text}" is not a valid RFC 3339 timestamp`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, 0);
  // Date rolls 31 February over into March; a real date reads back the same.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    fail(`"${text}" is not a valid RFC 3339 timestamp: a field is out of range`);
  }
  const zone = m[8];
  const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60);
  const nanos = m[7] ? BigInt(m[7].slice(1, 10).padEnd(9, '0')) : 0n;
  return { instant: (BigInt(date.getTime() / 1000) - BigInt(offset)) * NANOS_PER_SECOND + nanos, offset };
}

/** Calendar fields of a timestamp in its own time zone. */
function wallClock(t: Timestamp): Date {
  let seconds = t.instant / NANOS_PER_SECOND;
  if (t.instant < 0n && seconds * NANOS_PER_SECOND !== t.instant) seconds -= 1n; // floor, not truncate
  return new Date(Number(seconds + BigInt(t.offset)) * 1000);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function zoneText(offset: number, colon: boolean): string {
  const abs = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / 3600))}${colon ? ':' : ''}${pad2(Math.floor((abs % 3600) / 60))}`;
}

function rfc3339(t: Timestamp): string {
  const d = wallClock(t);
  const date = `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${date}T${time}${t.offset === 0 ? 'Z' : zoneText(t.offset, true)}`;
}

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration, in nanoseconds: "1h30m", "-1.5h", "300ms". */
function parseDuration(text: string): bigint {
  const m = /^([+-]?)(.*)$/.exec(text) ?? ['', '', ''];
  const body = m[2];
  if (body === '0') return 0n;
  const parts = [...body.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)];
  if (body === '' || parts.map((p) => p[0]).join('') !== body) fail(`invalid duration "${text}"`);
  const total = parts.reduce((acc, p) => acc + Number(p[1]) * DURATION_UNITS[p[2]], 0);
  return BigInt(Math.round(total)) * (m[1] === '-' ? -1n : 1n);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** One formatdate verb: a run of one repeated letter. */
function dateVerb(token: string, d: Date, t: Timestamp): string {
  const n = token.length;
  const numeric = (value: number, what: string, allowed: number[] = [1, 2]): string => {
    if (!allowed.includes(n)) fail(`invalid date format verb "${token}": ${what}`);
    return n === 2 ? pad2(value) : String(value);
  };
  const hour = d.getUTCHours();
  switch (token[0]) {
    case 'Y':
      if (n === 2) return pad2(d.getUTCFullYear() % 100);
      if (n === 4) return String(d.getUTCFullYear()).padStart(4, '0');
      return fail(`invalid date format verb "${token}": year must either be "YY" or "YYYY"`);
    case 'M':
      if (n === 3) return MONTHS[d.getUTCMonth()].slice(0, 3);
      if (n === 4) return MONTHS[d.getUTCMonth()];
      return numeric(d.getUTCMonth() + 1, 'month must be "M", "MM", "MMM", or "MMMM"');
    case 'D':
      return numeric(d.getUTCDate(), 'day of month must either be "D" or "DD"');
    case 'E':
      if (n === 3) return WEEKDAYS[d.getUTCDay()].slice(0, 3);
      if (n === 4) return WEEKDAYS[d.getUTCDay()];
      return fail(`invalid date format verb "${token}": day of week must either be "EEE" or "EEEE"`);
    case 'h':
      return numeric(hour, '24-hour must either be "h" or "hh"');
    case 'H':
      return numeric(hour % 12 === 0 ? 12 : hour % 12, '12-hour must either be "H" or "HH"');
    case 'A':
    case 'a': {
      if (n !== 2) fail(`invalid date format verb "${token}": must be "${token[0]}${token[0]}"`);
      const marker = hour < 12 ? 'AM' : 'PM';
      return token[0] === 'A' ? marker : marker.toLowerCase();
    }
    case 'm':
      return numeric(d.getUTCMinutes(), 'minute must either be "m" or "mm"');
    case 's':
      return numeric(d.getUTCSeconds(), 'second must either be "s" or "ss"');
    case 'Z':
      if (n === 1) return t.offset === 0 ? 'Z' : zoneText(t.offset, true);
      if (n === 3) return t.offset === 0 ? 'UTC' : zoneText(t.offset, false);
      if (n === 4) return zoneText(t.offset, false);
      if (n === 5) return zoneText(t.offset, true);
      return fail(`invalid date format verb "${token}": timezone must be Z, ZZZZ, or ZZZZZ`);
    default:
      return fail(`invalid date format verb "${token}"`);
  }
}

function formatDate(format: string, t: Timestamp): string {
  const d = wallClock(t);
  let out = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c === "'") {
      if (format[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      // Quoted literal; '' inside it is one quote.
      let j = i + 1;
      let literal = '';
      for (; j < format.length; j++) {
        if (format[j] !== "'") literal += format[j];
        else if (format[j + 1] === "'") literal += format[++j];
        else break;
      }
      if (j >= format.length) fail("unterminated literal '");
      out += literal;
      i = j + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (format[j] === c) j++;
      out += dateVerb(format.slice(i, j), d, t);
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const timeFunctions: Record<string, FunctionSpec> = {
  timestamp: spec(0, 0, 'deep', () => new Unknown('timestamp()', 'the time when Terraform runs')),
  plantimestamp: spec(0, 0, 'deep', () => new Unknown('plantimestamp()', 'the time when Terraform plans')),
  formatdate: spec(2, 2, 'deep', ([fmt, ts]) => formatDate(asString(fmt, 'the format'), parseTimestamp(asString(ts, 'the timestamp')))),
  timeadd: spec(2, 2, 'deep', ([ts, duration]) => {
    const t = parseTimestamp(asString(ts, 'the timestamp'));
    return rfc3339({ instant: t.instant + parseDuration(asString(duration, 'the duration')), offset: t.offset });
  }),
  timecmp: spec(2, 2, 'deep', ([a, b]) => {
    const ta = parseTimestamp(asString(a, 'the first timestamp')).instant;
    const tb = parseTimestamp(asString(b, 'the second timestamp')).instant;
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  }),
};

// ---------------------------------------------------------------------------------------------
// IP networks (IPv4 and IPv6, with addresses as bigints)
// ---------------------------------------------------------------------------------------------

interface Network {
  /** 32 for IPv4, 128 for IPv6. */
  bits: number;
  /** The network address: host bits cleared, as Terraform does with "10.1.2.3/16". */
  base: bigint;
  prefix: number;
}

/** Terraform's cidr functions read prefixes as Go 1.16 did (src/net/cidr.ts); the network address clears the host bits. */
function parseNetwork(text: string): Network {
  const cidr = parseTerraformCidr(text);
  if (!cidr) return fail(`invalid CIDR expression: invalid CIDR address: ${text}`);
  const bits = cidr.version === 4 ? 32 : 128;
  const hostMask = (1n << BigInt(bits - cidr.prefix)) - 1n;
  return { bits, base: addressToBigInt(cidr.address) & ~hostMask, prefix: cidr.prefix };
}

function formatIp(value: bigint, bits: number): string {
  return bigIntToAddress(value, bits === 32 ? 4 : 6).toString();
}

function cidrSubnet(net: Network, newbits: number, netnum: number): string {
  if (newbits < 0) fail('newbits must not be negative');
  const prefix = net.prefix + newbits;
  if (prefix > net.bits) fail(`insufficient address space to extend prefix of ${net.prefix} by ${newbits}`);
  if (netnum < 0 || BigInt(netnum) >= 1n << BigInt(newbits)) {
    fail(`prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
  }
  return `${formatIp(net.base | (BigInt(netnum) << BigInt(net.bits - prefix)), net.bits)}/${prefix}`;
}

function cidrHost(net: Network, hostnum: number): string {
  const maxHost = (1n << BigInt(net.bits - net.prefix)) - 1n;
  const n = BigInt(hostnum);
  // Negative numbers count back from the last address: -1 is the broadcast address.
  const offset = n < 0n ? maxHost + 1n + n : n;
  if (offset < 0n || offset > maxHost) fail(`prefix of ${net.prefix} does not accommodate a host numbered ${hostnum}`);
  return formatIp(net.base + offset, net.bits);
}

/** cidrsubnets: consecutive subnets, each aligned to its own size, packed after the previous one. */
function cidrSubnets(net: Network, lengths: number[]): string[] {
  const networkSize = 1n << BigInt(net.bits - net.prefix);
  const networkEnd = net.base + networkSize;
  let cursor = net.base;
  // Error messages name the subnet allocated last; before the first, that is the block just below (wrapping at 0).
  const addressSpace = 1n << BigInt(net.bits);
  let previous = `${formatIp((net.base - networkSize + addressSpace) % addressSpace, net.bits)}/${net.prefix}`;
  return lengths.map((newbits) => {
    if (newbits < 1) fail('must extend prefix by at least one bit');
    if (newbits > 32) fail('may not extend prefix by more than 32 bits');
    const prefix = net.prefix + newbits;
    if (prefix > net.bits) {
      fail(`would extend prefix to ${prefix} bits, which is too long for an IPv${net.bits === 32 ? 4 : 6} address`);
    }
    const size = 1n << BigInt(net.bits - prefix);
    const start = ((cursor + size - 1n) / size) * size;
    if (start + size > networkEnd) {
      fail(`not enough remaining address space for a subnet with a prefix of ${prefix} bits after ${previous}`);
    }
    cursor = start + size;
    previous = `${formatIp(start, net.bits)}/${prefix}`;
    return previous;
  });
}

const networkFunctions: Record<string, FunctionSpec> = {
  cidrsubnet: spec(3, 3, 'deep', ([prefix, newbits, netnum]) =>
    cidrSubnet(parseNetwork(asString(prefix, 'the prefix')), asInt(newbits, 'newbits'), asInt(netnum, 'netnum')),
  ),
  cidrhost: spec(2, 2, 'deep', ([prefix, hostnum]) => cidrHost(parseNetwork(asString(prefix, 'the prefix')), asInt(hostnum, 'hostnum'))),
  cidrnetmask: spec(1, 1, 'deep', ([prefix]) => {
    const text = asString(prefix, 'the prefix');
    const net = parseNetwork(text);
    if (net.bits !== 32) fail(`IPv6 addresses cannot have a netmask: ${text}`);
    return formatIp(((1n << 32n) - 1n) ^ ((1n << BigInt(32 - net.prefix)) - 1n), 32);
  }),
  cidrsubnets: spec(1, VARIADIC, 'deep', ([prefix, ...newbits]) =>
    cidrSubnets(
      parseNetwork(asString(prefix, 'the prefix')),
      newbits.map((n, i) => asInt(n, `argument ${i + 2}`)),
    ),
  ),
};

// ---------------------------------------------------------------------------------------------
// Registry
// ---------------------------------------------------------------------------------------------

const SPECS: Record<string, FunctionSpec> = {
  ...conversionFunctions,
  ...collectionFunctions,
  ...stringFunctions,
  ...numericFunctions,
  ...encodingFunctions,
  ...filesystemFunctions,
  ...timeFunctions,
  ...networkFunctions,
};

/**
 * The function table, keyed by name. It has no prototype, so a configuration calling
 * `constructor(...)` or `toString(...)` finds nothing rather than a JavaScript built-in.
 */
export const FUNCTIONS: Record<string, HclFunction> = Object.assign(
  Object.create(null) as Record<string, HclFunction>,
  Object.fromEntries(Object.entries(SPECS).map(([name, fn]) => [name, wrap(name, fn)])),
);
