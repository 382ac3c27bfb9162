/**
 * A profile parameter, declared in the `meta` of the rules that read it. The profile schema, the
 * starter profile and the defaults are generated from these declarations (src/profile/rule-parameters.ts),
 * so a rule with a new parameter needs no other file. Two rules may read the same parameter; they
 * must then declare it identically (tests/profile/rule-parameters.test.ts checks).
 */
import type { RuleParameters } from './parameters';

export interface RuleParameter<T = unknown> {
  /** The key in `ctx.params`: `allowedInternetPorts`. */
  key: string;
  /** The key under `parameters:` in a profile: `allowed_internet_ports`. */
  profileKey: string;
  /** JSON Schema of the profile value. */
  schema: Record<string, unknown>;
  /** The reference TOM's value; undefined when the parameter is off unless set. */
  default: T | undefined;
  /** One line for the starter profile's comment. */
  description: string;
}

export interface DeclaredParameter<T> extends RuleParameter<T> {
  /** The profile's value, else the default. */
  of(params: RuleParameters): T;
}

export function parameter<T>(declaration: RuleParameter<T>): DeclaredParameter<T> {
  return {
    ...declaration,
    of: (params) => ((params as unknown as Record<string, unknown>)[declaration.key] as T | undefined) ?? (declaration.default as T),
  };
}
