/**
 * Applies a variable's `type` constraint to its value the way Terraform converts it: primitives are
 * converted (`"5"` → 5 for number), object attributes declared `optional(T, default)` are filled in,
 * undeclared object attributes are dropped. Without this, reading an optional attribute that the
 * caller left out would be an error instead of null or its default.
 */
import { Expr } from '../hcl/ast';
import { evaluate } from '../eval/evaluate';
import { Scope } from '../eval/scope';
import { EvalError, Unknown, Value, ValueObject, isObject } from '../eval/value';

export function convertToType(value: Value, type: Expr, constants: Scope): Value {
  if (value instanceof Unknown || value === null) return value;
  if (type.kind === 'var') return convertPrimitive(value, type.name);
  if (type.kind !== 'call') return value;
  const [arg] = type.args;
  switch (type.name) {
    case 'list':
    case 'set':
      return Array.isArray(value) && arg ? value.map((v) => convertToType(v, arg, constants)) : value;
    case 'map':
      if (!isObject(value) || !arg) return value;
      return Object.fromEntries(Object.keys(value).map((k) => [k, convertToType(value[k], arg, constants)]));
    case 'tuple':
      if (!Array.isArray(value) || arg?.kind !== 'tuple') return value;
      return value.map((v, i) => (arg.items[i] ? convertToType(v, arg.items[i], constants) : v));
    case 'object':
      return arg?.kind === 'object' && isObject(value) ? convertObject(value, arg, constants) : value;
    case 'optional':
      return arg ? convertToType(value, arg, constants) : value;
    default:
      return value;
  }
}

function convertObject(value: ValueObject, type: Extract<Expr, { kind: 'object' }>, constants: Scope): ValueObject {
  const out: ValueObject = {};
  for (const item of type.items) {
    if (item.key.kind !== 'literal' || typeof item.key.value !== 'string') continue;
    const name = item.key.value;
    const attrType = item.value;
    if (Object.prototype.hasOwnProperty.call(value, name) && value[name] !== null) {
      out[name] = convertToType(value[name], attrType, constants);
    } else if (attrType.kind === 'call' && attrType.name === 'optional') {
      const def = attrType.args[1];
      out[name] = def ? convertToType(evaluate(def, constants), attrType.args[0], constants) : null;
    } else {
      // A required attribute left out: Terraform rejects the value; keep it absent.
      if (Object.prototype.hasOwnProperty.call(value, name)) out[name] = null;
    }
  }
  return out;
}

function convertPrimitive(value: Value, name: string): Value {
  if (name === 'number' && typeof value === 'string' && value.trim() !== '' && !isNaN(Number(value))) return Number(value);
  if (name === 'bool' && (value === 'true' || value === 'false')) return value === 'true';
  if (name === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
  return value;
}

/** Converts, reporting a broken type expression as an error rather than failing the whole value. */
export function safeConvert(value: Value, type: Expr | undefined, constants: Scope, onError: (m: string) => void): Value {
  if (!type) return value;
  try {
    return convertToType(value, type, constants);
  } catch (err) {
    if (!(err instanceof EvalError)) throw err;
    onError(`Could not apply the variable's type: ${err.message}`);
    return value;
  }
}
