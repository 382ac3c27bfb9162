/**
 * Terraform's module version constraints (`~> 5.0`, `>= 1.2, < 2.0`, `= 1.0.0`), with the semantics of
 * hashicorp/go-version that `terraform init` uses for modules, so tomguard picks the version Terraform
 * would pick. `semver` only orders versions (its range syntax differs: `~>` is not npm's `~`).
 */
import * as semver from 'semver';

export interface Version {
  /** As the registry lists it (used in the download URL). */
  text: string;
  /** MAJOR.MINOR.PATCH[-PRERELEASE], missing segments as 0: what is compared and used as a cache key. */
  canonical: string;
  segments: [number, number, number];
  /** How many segments were written (`~> 1.2` fixes the major version, `~> 1.2.3` the minor). */
  specified: number;
  prerelease: boolean;
}

type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~>';

interface Clause {
  op: Operator;
  version: Version;
}

export type Constraint = Clause[];

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const CLAUSE = /^\s*(~>|>=|<=|!=|=|>|<)?\s*(\S+)\s*$/;

export function parseVersion(text: string): Version | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  const segments: [number, number, number] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  const canonical = `${segments.join('.')}${m[4] ?? ''}`;
  if (!semver.valid(canonical)) return undefined; // e.g. a prerelease identifier with a leading zero
  return { text, canonical, segments, specified: m[3] !== undefined ? 3 : m[2] !== undefined ? 2 : 1, prerelease: m[4] !== undefined };
}

/** Throws with a message naming the bad part. An empty or absent constraint is no constraint. */
export function parseConstraint(text: string | undefined): Constraint {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((part) => {
    const m = CLAUSE.exec(part);
    const version = m ? parseVersion(m[2]) : undefined;
    if (!m || !version) throw new Error(`invalid version constraint "${text}": "${part.trim()}" is not an operator and a version`);
    return { op: (m[1] ?? '=') as Operator, version };
  });
}

const compare = (a: Version, b: Version) => semver.compare(a.canonical, b.canonical);
const sameSegments = (a: Version, b: Version) => a.segments.every((s, i) => s === b.segments[i]);

/** go-version: a prerelease version only satisfies a clause that names a prerelease of the same release. */
function prereleaseCheck(v: Version, c: Version): boolean {
  if (v.prerelease && c.prerelease) return sameSegments(v, c);
  return !v.prerelease;
}

function clauseMatches(v: Version, { op, version: c }: Clause): boolean {
  switch (op) {
    case '=':
      return compare(v, c) === 0;
    case '!=':
      return compare(v, c) !== 0;
    case '>':
      return prereleaseCheck(v, c) && compare(v, c) > 0;
    case '>=':
      return prereleaseCheck(v, c) && compare(v, c) >= 0;
    case '<':
      return prereleaseCheck(v, c) && compare(v, c) < 0;
    case '<=':
      return prereleaseCheck(v, c) && compare(v, c) <= 0;
    case '~>':
      // Pessimistic: at least c, and the segments before the last written one stay fixed
      // (`~> 1.2` is >= 1.2.0 < 2.0.0, `~> 1.2.3` is >= 1.2.3 < 1.3.0). As in go-version, `~> 1`
      // fixes nothing and means >= 1.0.0.
      if (!prereleaseCheck(v, c) || (c.prerelease && !v.prerelease) || compare(v, c) < 0) return false;
      return v.segments.slice(0, c.specified - 1).every((s, i) => s === c.segments[i]);
  }
}

/**
 * Terraform installs a prerelease module version only when the constraint names exactly that version;
 * otherwise prereleases are never selected, not even by `>=`.
 */
export function satisfies(v: Version, constraint: Constraint): boolean {
  if (v.prerelease && !constraint.some((c) => c.op === '=' && compare(v, c.version) === 0)) return false;
  return constraint.every((c) => clauseMatches(v, c));
}

/** The one version an exact constraint (`1.0.0`, `= 1.0.0`) allows, else undefined. */
export function exactVersion(constraint: Constraint): Version | undefined {
  return constraint.length === 1 && constraint[0].op === '=' ? constraint[0].version : undefined;
}

/** The newest listed version that satisfies the constraint, or a reason listing what there is. */
export function selectVersion(available: readonly string[], constraintText: string | undefined): { version: Version } | { reason: string } {
  let constraint: Constraint;
  try {
    constraint = parseConstraint(constraintText);
  } catch (err) {
    return { reason: (err as Error).message };
  }
  const versions = available.map(parseVersion).filter((v): v is Version => v !== undefined).sort(compare);
  const matching = versions.filter((v) => satisfies(v, constraint));
  if (matching.length > 0) return { version: matching[matching.length - 1] };
  if (versions.length === 0) return { reason: 'the registry lists no versions' };
  const newest = versions.slice(-8).reverse().map((v) => v.text);
  const listed = `${newest.join(', ')}${versions.length > newest.length ? ', ...' : ''}`;
  return { reason: constraint.length === 0 ? `no release version (only prereleases: ${listed})` : `no version matches "${constraintText}" (available: ${listed})` };
}
