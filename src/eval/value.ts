/**
 * Runtime values of the evaluator.
 *
 * Known values are plain JSON-like data. Anything that cannot be known statically is an `Unknown`
 * carrying where it came from; it propagates through every operator and function so a rule can
 * never mistake it for false, empty or absent.
 */

/**
 * A variable without a default (a required input): the caller must give it a value, so an attribute set
 * from it is present (rules.md, "Presence versus value") even though the value itself is not known.
 */
export interface RequiredInput {
  /** The variable as written where it is read: `var.kms_key_arn`, `module.logs.var.kms_key_id`. */
  variable: string;
  /** For a module variable: the call that sets it and, when that value is itself a required variable, that one. */
  setBy?: { call: string; from?: RequiredInput };
}

export class Unknown {
  constructor(
    /** What the value is, as a user would write it: `aws_vpc.main.id`, `var.public`, `data.aws_ami.x`. */
    readonly source: string,
    /** Why it is not known: "known after apply", "no value given", ... */
    readonly reason: string,
    /**
     * When the value is an attribute of a resource instance (`aws_subnet.a.id`): which one. Lets a
     * rule follow exactly the element of a list it reads, where edges only say "somewhere in here".
     */
    readonly ref?: { address: string; attrPath: string },
    /**
     * For an encoding of a partly known value (`jsonencode({ Resource = aws_s3_bucket.b.arn })`): the
     * value before encoding, Unknowns inside. The encoded string is unknown, but its structure is not,
     * so a rule reading a policy can still judge every statement that is known.
     */
    readonly encodedFrom?: Value,
    /**
     * For a string template with unknown parts (`"${aws_s3_bucket.b.arn}/*"`): its pieces in order,
     * known text and Unknowns, so a rule can still judge the text around the unknown parts.
     */
    readonly template?: ReadonlyArray<string | Unknown>,
    /**
     * Set when the value is exactly a required variable's (passed on unchanged: through locals, module
     * inputs); dropped by anything that computes a new value from it (a conditional, a function).
     */
    readonly requiredInput?: RequiredInput,
  ) {}

  /** The same unknown value, known to come from a required variable. */
  fromRequired(input: RequiredInput): Unknown {
    return new Unknown(this.source, this.reason, this.ref, this.encodedFrom, this.template, input);
  }

  describe(): string {
    return `${this.source} (${this.reason})`;
  }

  toJSON(): { unknown: true; source: string; reason: string } {
    return { unknown: true, source: this.source, reason: this.reason };
  }
}

export type Value = null | boolean | number | string | Unknown | Value[] | ValueObject;
export interface ValueObject {
  [key: string]: Value;
}

/**
 * Tag on the object of one resource instance, so that reading an attribute the configuration does
 * not set (a computed one such as `id` or `arn`) yields an Unknown named after the instance.
 */
export const RESOURCE_ADDRESS = Symbol('tomguard.resourceAddress');

/** On nested block objects of a resource instance: their path inside it (`domain_name_configuration.0`). */
export const RESOURCE_PATH = Symbol('tomguard.resourcePath');

export type TaggedObject = ValueObject & { [RESOURCE_ADDRESS]?: string; [RESOURCE_PATH]?: string };

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

export function isObject(v: Value | undefined): v is ValueObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown);
}

/** The first Unknown found anywhere inside a value (depth-first), if any. */
export function findUnknown(v: Value): Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (Array.isArray(v)) {
    for (const item of v) {
      const u = findUnknown(item);
      if (u) return u;
    }
  } else if (isObject(v)) {
    for (const key of Object.keys(v)) {
      const u = findUnknown(v[key]);
      if (u) return u;
    }
  }
  return undefined;
}

export function typeName(v: Value): string {
  if (v === null) return 'null';
  if (v instanceof Unknown) return 'unknown';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

/** Structural equality as HCL's `==` defines it (numbers and strings never equal each other). */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && valuesEqual(a[k], b[k]));
  }
  return false;
}

/** Converts a value to its string form as Terraform does for template interpolation. */
export function toStringValue(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) throw new EvalError('Cannot convert null to a string.');
  throw new EvalError(`Cannot convert a ${typeName(v)} to a string.`);
}

/**
 * A number as Terraform prints it: plain decimal notation, never an exponent (Terraform's
 * numbers are arbitrary precision, so 1e21 prints as 1000000000000000000000).
 */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const text = String(n);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const point = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const intLength = (point < 0 ? mantissa.length : point) + Number(text.slice(e + 1));
  let plain: string;
  if (intLength <= 0) plain = `0.${'0'.repeat(-intLength)}${digits}`;
  else if (intLength >= digits.length) plain = digits + '0'.repeat(intLength - digits.length);
  else plain = `${digits.slice(0, intLength)}.${digits.slice(intLength)}`;
  return (negative ? '-' : '') + plain;
}

/**
 * An evaluation error with a user-facing message (the caller adds file and line). Thrown and caught
 * as control flow while evaluating (one per unknown reference or failed function call, thousands in
 * a large estate), and only its message is ever shown: capturing a stack trace for each was ~2% of a
 * recursive corpus scan, so none is captured.
 */
export class EvalError extends Error {
  constructor(message?: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = limit;
    }
  }
}
