/** Reading numeric settings (retention periods, limits) the way rules need them. */
import { Unknown, Value } from '../../eval/value';

/**
 * A number setting: numbers as they are, numeric strings (`"7"`, from a string-typed variable) as
 * numbers, an Unknown as it is; anything else (a list, a non-numeric string) is undefined.
 */
export function asNumber(v: Value | undefined): number | Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** `1 day`, `7 days`. */
export function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}
