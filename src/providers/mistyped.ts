/**
 * A leaf whose written value has another type than the attribute takes (`encrypted = "yes"`): read.ts
 * makes it unknown with a fixed reason. Rules word it apart from "not known statically" ("... is not a
 * boolean"), so they ask here rather than compare reasons themselves.
 */
import type { Val } from './val';

const MISTYPED_REASON = 'a value of an unexpected type';

export function isMistyped(leaf: Val<unknown>): boolean {
  return !leaf.known && leaf.reason === MISTYPED_REASON;
}
