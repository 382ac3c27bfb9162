/**
 * `Val<T>`: every leaf a rule reads from a provider model. It is known or unknown (with the reason),
 * says whether it is the provider default (the attribute is omitted), where it is written and which
 * variables or module calls it came through, and how to name it in a message (`describe()`).
 *
 * Rules ask three-valued questions (`is`, `oneOf`, `test`) and hand the answer to `verdict()`: an
 * unknown leaf answers `'unknown'`, never `false` or `true`, so "not known" cannot turn into "pass".
 * Only adapters construct leaves (src/providers/read.ts); rules never see the evaluator's values.
 */
import type { SourceLocation } from '../graph/model';

/** A three-valued answer: yes, no, or not known statically. */
export type Tri = true | false | 'unknown';

/** Where a leaf's lines are: its resource, which finds an attribute path's lines (or its own). */
export interface Located {
  readonly address: string;
  locationOf(path: string): SourceLocation | undefined;
}

export interface ValInit<T> {
  owner: Located;
  /** The attribute path on the owner: `ssl_policy`, `default_action.0.type`. */
  path: string;
  known: boolean;
  value?: T;
  /** Why the value is not known (`aws_kms_key.k.arn (known after apply)`). */
  reason?: string;
  /** Written in the configuration (false: omitted, and `value` is the provider default if any). */
  present: boolean;
  isDefault: boolean;
  origins?: readonly string[];
  /** The message text: `ssl_policy = "X" (provider default when omitted)`, or how to word it when asked. */
  described: string | (() => string);
  /** Written with a value of another type than the attribute takes (`encrypted = "yes"`): unknown, worded apart. */
  mistyped?: boolean;
}

export class Val<T> {
  readonly owner: Located;
  readonly path: string;
  readonly known: boolean;
  /** Written in the configuration; false when omitted (then `isDefault` says whether a default applies). */
  readonly present: boolean;
  /** The attribute is omitted and the value is the provider's default. */
  readonly isDefault: boolean;
  /** Variables and module calls the value came through (`var.x, set in prod.tfvars:3`). */
  readonly origins: readonly string[];
  readonly reason?: string;
  /** Written with a value of another type than the attribute takes (`encrypted = "yes"`); then not known. */
  readonly mistyped: boolean;
  private readonly raw?: T;
  private described: string | (() => string);

  constructor(init: ValInit<T>) {
    this.owner = init.owner;
    this.path = init.path;
    this.known = init.known;
    this.raw = init.value;
    this.reason = init.reason;
    this.present = init.present;
    this.isDefault = init.isDefault;
    this.origins = init.origins ?? [];
    this.described = init.described;
    this.mistyped = init.mistyped ?? false;
  }

  /** The value when known (undefined when unknown, or omitted without a default). */
  get value(): T | undefined {
    return this.known ? this.raw : undefined;
  }

  /** The attribute's lines, else the nearest enclosing block's, else the resource's. */
  get location(): SourceLocation | undefined {
    return this.owner.locationOf(this.path);
  }

  /** `storage_encrypted = false (provider default when omitted)`, `kms_key_id = unknown (var.k (no value given))`. */
  describe(): string {
    if (typeof this.described === 'function') this.described = this.described();
    return this.described;
  }

  /** Applies `predicate` to the known value (undefined when omitted without default); unknown stays unknown. */
  test(predicate: (value: T | undefined) => boolean): Tri {
    return this.known ? predicate(this.raw) : 'unknown';
  }

  is(expected: T): Tri {
    return this.test((v) => v === expected);
  }

  oneOf(expected: readonly T[]): Tri {
    return this.test((v) => v !== undefined && expected.includes(v));
  }

  /** Known and not undefined: a value was written, or a default applies. */
  get isKnownValue(): boolean {
    return this.known && this.raw !== undefined;
  }

  /** The same leaf with its value converted (an unknown stays unknown). */
  map<U>(convert: (value: T | undefined) => U | undefined): Val<U> {
    return new Val<U>({ ...this.init(), value: this.known ? convert(this.raw) : undefined });
  }

  /** The same leaf with another message text. */
  describedAs(text: string): Val<T> {
    return new Val<T>({ ...this.init(), value: this.raw, described: text });
  }

  private init(): ValInit<T> {
    const { owner, path, known, reason, present, isDefault, origins, described, mistyped } = this;
    return { owner, path, known, reason, present, isDefault, origins, described, mistyped };
  }
}

/** All true: true; any false: false; else unknown. */
export function allOf(answers: readonly Tri[]): Tri {
  if (answers.includes(false)) return false;
  return answers.includes('unknown') ? 'unknown' : true;
}

/** Any true: true; all false: false; else unknown. */
export function anyOf(answers: readonly Tri[]): Tri {
  if (answers.includes(true)) return true;
  return answers.includes('unknown') ? 'unknown' : false;
}

export function not(answer: Tri): Tri {
  return answer === 'unknown' ? 'unknown' : !answer;
}
