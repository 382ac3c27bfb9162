/**
 * Configuration that compute receives in plaintext (EC2 user data, Lambda and ECS environment
 * variables), as the credential rules need it: the text decoded where Terraform base64-encodes it,
 * each environment variable by name, and whether a known value was written in the scanned files,
 * supplied on the command line, or only known from a plan (which does not say how it was written).
 */
import { Unknown, Value, isObject } from '../../eval/value';
import { GraphNode } from '../../graph/model';
import { derivedVal, readVal, toString, unknownVal } from '../read';
import type { Val } from '../val';

/** Where a known value was written: the scanned files, the command line / environment (`--var`, `TF_VAR_`), or not known (plan JSON). */
export type WrittenIn = 'files' | 'outside' | 'plan';

export interface PlaintextText {
  /** The attribute (`user_data`, `user_data_base64`). */
  leaf: Val<string>;
  /** The text as the instance receives it (decoded from base64); for a template with unknown parts, its known parts. */
  text?: string;
  writtenIn: WrittenIn;
}

export interface EnvironmentVariable {
  name: string;
  /** The value; its `describe()` prints it, so messages about secrets must not use it. */
  value: Val<string>;
  writtenIn: WrittenIn;
}

/** Values given on the command line or in the environment at scan time: not written in any scanned file. */
const SUPPLIED_OUTSIDE = /\(set in (--var|TF_VAR_[^)]*)\)$/;

function writtenIn(node: GraphNode, origins: readonly string[]): WrittenIn {
  if (origins.some((o) => SUPPLIED_OUTSIDE.test(o))) return 'outside';
  // A plan read without its .tf files has no attribute lines and no origins: how a value was written is not known.
  return node.attrLocations.size === 0 && node.origins.size === 0 ? 'plan' : 'files';
}

function knownText(v: Value | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof Unknown && v.template) return v.template.filter((p): p is string => typeof p === 'string').join('\n');
  return undefined;
}

function decodeBase64(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** User data at `path`; `base64` when the provider expects it encoded (`user_data_base64`, a launch template's `user_data`). */
export function readUserData(node: GraphNode, path: string, base64: boolean): PlaintextText | undefined {
  const read = node.attr(path);
  if (!read.present) return undefined;
  const raw = knownText(read.value);
  // Encoded text that does not decode is scanned as it is: the provider would reject it, the text is still there.
  const text = raw !== undefined && base64 ? decodeBase64(raw) ?? raw : raw;
  return { leaf: readVal(node, path, toString), text, writtenIn: writtenIn(node, read.origins) };
}

/** Lambda's `environment.variables` map, one variable per key. */
export function readEnvironmentMap(node: GraphNode, path: string): EnvironmentVariable[] {
  const read = node.attr(path);
  if (!read.present || !isObject(read.value)) return [];
  return Object.keys(read.value).map((name) => {
    const value = readVal(node, `${path}.${name}`, toString);
    // Origins are recorded for the map as a whole when its entries have none of their own: a map mixing
    // a `--var` value with a literal then counts as supplied outside (a known limit).
    const own = node.attr(`${path}.${name}`).origins;
    return { name, value, writtenIn: writtenIn(node, own.length > 0 ? own : read.origins) };
  });
}

/** The `environment` list of each container of an ECS `container_definitions` (a JSON string, or `jsonencode(...)` with unknown parts). */
export function readContainerEnvironment(node: GraphNode, path: string): EnvironmentVariable[] {
  const read = node.attr(path);
  if (!read.present) return [];
  let containers: Value | undefined;
  if (read.value instanceof Unknown) containers = read.value.encodedFrom;
  else if (typeof read.value === 'string') {
    try {
      containers = JSON.parse(read.value) as Value;
    } catch {
      return [];
    }
  }
  if (!Array.isArray(containers)) return [];
  const origin = writtenIn(node, read.origins);
  return containers.flatMap((container, c) => {
    const env = isObject(container) ? container.environment : undefined;
    if (!Array.isArray(env)) return [];
    return env.flatMap((entry, e) => {
      if (!isObject(entry) || typeof entry.name !== 'string') return [];
      const at = `${path}.${c}.environment.${e}.value`;
      const v = entry.value;
      const value: Val<string> =
        v instanceof Unknown
          ? unknownVal(node, at, v.describe(), `${entry.name} = unknown (${v.describe()})`)
          : derivedVal(node, at, typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '', `${entry.name} = ${JSON.stringify(v)}`);
      return [{ name: entry.name, value, writtenIn: origin }];
    });
  });
}
