/**
 * Plan values to graph values: `after` with `after_unknown` marking what is known only after apply,
 * and `after_sensitive` / `sensitive_values` marking what must never be printed.
 */
import { Unknown, Value, ValueObject } from '../eval/value';
import { MAX_PLAN_NESTING } from '../nesting-depth';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Sets a property without ever touching the prototype (plan JSON is untrusted input). */
export function setOwn(obj: ValueObject, key: string, value: Value): void {
  if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

function isJsonObject(v: unknown): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Real plans nest values a few dozen levels; hostile ones thousands. Deeper values are refused (the
 * loader reports "nested too deeply") at a fixed depth rather than wherever the stack runs out.
 */
export const MAX_VALUE_DEPTH = MAX_PLAN_NESTING;

const tooDeep = () => new RangeError(`plan value nested more than ${MAX_VALUE_DEPTH} levels deep`);

/**
 * Merges `after` with its `after_unknown` mirror (true leaves are unknown). `after` is JSON as
 * `JSON.parse` gives it: a subtree without unknown marks is returned as it is, not copied (most of a
 * large plan is known; copying it doubled the garbage the loader made).
 */
export function planValue(after: unknown, unknownMarks: unknown, address: string, path = '', depth = 0): Value {
  if (depth > MAX_VALUE_DEPTH) throw tooDeep();
  if (unknownMarks === true) return new Unknown(path ? `${address}.${path}` : address, 'known after apply');
  if (typeof unknownMarks !== 'object' || unknownMarks === null) {
    // No walk to check the depth of a known subtree: readJsonFile refused the whole document before
    // parsing if it nests more than MAX_PLAN_NESTING (= this) levels anywhere.
    return after === undefined ? null : (after as Value);
  }
  const sub = (p: string | number) => (path ? `${path}.${p}` : String(p));
  if (Array.isArray(after) || Array.isArray(unknownMarks)) {
    const a = Array.isArray(after) ? after : [];
    const u = Array.isArray(unknownMarks) ? unknownMarks : [];
    const n = Math.max(a.length, u.length);
    const out: Value[] = [];
    for (let i = 0; i < n; i++) out.push(planValue(a[i] ?? null, u[i], address, sub(i), depth + 1));
    return out;
  }
  if (isJsonObject(after) || isJsonObject(unknownMarks)) {
    const a = isJsonObject(after) ? after : {};
    const u = isJsonObject(unknownMarks) ? unknownMarks : {};
    const out: ValueObject = {};
    for (const k of Object.keys(a)) setOwn(out, k, planValue(a[k], u[k], address, sub(k), depth + 1));
    for (const k of Object.keys(u)) if (!(k in a) || a[k] === undefined) setOwn(out, k, planValue(null, u[k], address, sub(k), depth + 1));
    return out;
  }
  if (after === undefined) return null;
  return after as Value;
}

/** Dotted paths whose leaves are `true` in a sensitivity mirror (`after_sensitive`, `sensitive_values`). */
export function sensitivePaths(marks: unknown, path = '', out = new Set<string>()): Set<string> {
  if (marks === true) {
    out.add(path);
  } else if (Array.isArray(marks)) {
    marks.forEach((m, i) => sensitivePaths(m, path ? `${path}.${i}` : String(i), out));
  } else if (isJsonObject(marks)) {
    for (const k of Object.keys(marks)) sensitivePaths(marks[k], path ? `${path}.${k}` : k, out);
  }
  return out;
}
