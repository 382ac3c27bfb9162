/**
 * What the function table (functions.ts) shares with the function bodies kept in their own files
 * (regex.ts, csv.ts), which are loaded only when such a function runs.
 */
import type { Value, ValueObject } from './value';

/**
 * An argument problem found inside a function body. The registry wrapper turns it into an
 * EvalError prefixed with the function name, so shared helpers need not know which function
 * called them.
 */
export class FnError extends Error {}

export function fail(message: string): never {
  throw new FnError(message);
}

/** Sets a key, including `__proto__`, which plain assignment would treat as the prototype. */
export function setEntry(obj: ValueObject, key: string, value: Value): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}
