/**
 * `count` and `for_each` expansion: which instance keys a resource or module call has, and the
 * `count` / `each` bindings each instance's body is evaluated with.
 */
import { Value, Unknown, isObject, EvalError, typeName } from '../eval/value';

export interface InstanceKey {
  /** Suffix of the address: `[0]`, `["logs"]`, or '' for a single instance. */
  suffix: string;
  key?: string | number;
  bindings: Record<string, Value>;
}

export type Expansion =
  | { known: true; instances: InstanceKey[]; kind: 'single' | 'count' | 'for_each' }
  | { known: false; reason: Unknown; kind: 'count' | 'for_each'; bindings: Record<string, Value> };

export function addressSuffix(key: string | number): string {
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/** Instances one count expands to at most. */
export const MAX_COUNT = 10_000;

export function expandCount(count: Value): Expansion {
  if (count instanceof Unknown) {
    return { known: false, reason: count, kind: 'count', bindings: { count: { index: new Unknown('count.index', `count depends on ${count.describe()}`) } } };
  }
  const n = typeof count === 'string' && /^\d+$/.test(count) ? Number(count) : count;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    const shown = typeof count === 'number' ? String(count) : JSON.stringify(count);
    throw new EvalError(`count must be a whole number of zero or more, got ${typeName(count)} ${shown}.`);
  }
  // A hostile count (1e20) would exhaust memory long before Terraform's provider limits matter.
  if (n > MAX_COUNT) throw new EvalError(`count is ${n}, more than the ${MAX_COUNT} instances tomguard expands; this resource's instances are unknown.`);
  const instances: InstanceKey[] = [];
  for (let i = 0; i < n; i++) instances.push({ suffix: addressSuffix(i), key: i, bindings: { count: { index: i } } });
  return { known: true, instances, kind: 'count' };
}

export function expandForEach(forEach: Value): Expansion {
  if (forEach instanceof Unknown) {
    const u = new Unknown('each', `for_each depends on ${forEach.describe()}`);
    return { known: false, reason: forEach, kind: 'for_each', bindings: { each: { key: u, value: u } } };
  }
  const instances: InstanceKey[] = [];
  if (Array.isArray(forEach)) {
    // A set of strings: key and value are the element.
    const seen = new Set<string>();
    for (const item of forEach) {
      if (item instanceof Unknown) {
        return { known: false, reason: item, kind: 'for_each', bindings: { each: { key: item, value: item } } };
      }
      if (typeof item !== 'string') throw new EvalError(`for_each over a set needs strings, got ${typeName(item)}.`);
      if (seen.has(item)) continue;
      seen.add(item);
      instances.push({ suffix: addressSuffix(item), key: item, bindings: { each: { key: item, value: item } } });
    }
    instances.sort((a, b) => String(a.key).localeCompare(String(b.key)));
    return { known: true, instances, kind: 'for_each' };
  }
  if (isObject(forEach)) {
    for (const key of Object.keys(forEach).sort()) {
      instances.push({ suffix: addressSuffix(key), key, bindings: { each: { key, value: forEach[key] } } });
    }
    return { known: true, instances, kind: 'for_each' };
  }
  if (forEach === null) throw new EvalError('for_each cannot be null.');
  throw new EvalError(`for_each needs a map or a set of strings, got ${typeName(forEach)}.`);
}

export const SINGLE: Expansion = { known: true, instances: [{ suffix: '', bindings: {} }], kind: 'single' };
