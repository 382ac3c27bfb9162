/**
 * `terraform { source = ... }`: which module a Terragrunt unit deploys.
 *
 * A local path is relative to the unit's directory (Terragrunt resolves it there even when the
 * source is set in an included file); `//` separates the directory to copy from the module's
 * directory inside it (`../../modules//redis` is `../../modules/redis`). Anything go-getter would
 * download (`git::`, `https://`, `tfr:///`, `github.com/...`, `s3::`) is remote and not read.
 */
import * as path from 'node:path';

export type ResolvedSource = { kind: 'local'; dir: string } | { kind: 'remote'; reason: string };

const FORCED_GETTER = /^[A-Za-z0-9]+::/;
const URL_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const KNOWN_HOSTS = /^(github\.com|gitlab\.com|bitbucket\.org|[^/]+\.amazonaws\.com|www\.googleapis\.com|storage\.googleapis\.com)\//;

export function isRemoteSource(source: string): boolean {
  if (source.startsWith('file://')) return false;
  return FORCED_GETTER.test(source) || URL_SCHEME.test(source) || source.startsWith('git@') || KNOWN_HOSTS.test(source);
}

/** Splits go-getter's `dir//subdir` (the `//` of a URL scheme does not count). */
export function splitSubdir(source: string): { base: string; subdir: string } {
  const schemeEnd = source.indexOf('://');
  const from = schemeEnd >= 0 ? schemeEnd + 3 : 0;
  const at = source.indexOf('//', from);
  if (at < 0) return { base: source, subdir: '' };
  return { base: source.slice(0, at), subdir: source.slice(at + 2) };
}

export function resolveSource(source: string, unitDir: string): ResolvedSource {
  if (isRemoteSource(source)) {
    const registry = source.startsWith('tfr:');
    return {
      kind: 'remote',
      reason: `the Terragrunt source "${source}" is ${registry ? 'a registry module' : 'remote'}; tomguard reads only local module sources (Terragrunt would download it into .terragrunt-cache)`,
    };
  }
  const local = source.startsWith('file://') ? source.slice('file://'.length) : source;
  // A query string (?ref=...) means nothing for a local directory.
  const { base, subdir } = splitSubdir(local.split('?')[0]);
  return { kind: 'local', dir: path.resolve(unitDir, base, subdir) };
}
