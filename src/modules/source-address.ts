/**
 * Classifies a remote module `source` the way `terraform init` does (registry address, git, HTTP
 * archive), limited to what `--download-modules` fetches. Anything else is `unsupported` with a reason,
 * so the call stays unresolved with an explanation instead of being guessed at.
 */
import * as path from 'node:path';

export type ArchiveFormat = 'zip' | 'tar.gz' | 'tar';

export interface RegistrySource {
  kind: 'registry';
  /** Lower-cased, with the port if one was given (`localhost:8080`). */
  host: string;
  namespace: string;
  name: string;
  provider: string;
  subdir?: string;
}

export interface GitSource {
  kind: 'git';
  /** The clone URL, without the `ref`/`depth` query arguments. */
  url: string;
  ref?: string;
  subdir?: string;
}

export interface ArchiveSource {
  kind: 'archive';
  /** The download URL, without an `archive=` query argument. */
  url: string;
  format: ArchiveFormat;
  subdir?: string;
}

export type RemoteSource = RegistrySource | GitSource | ArchiveSource;
export type ParsedSource = RemoteSource | { kind: 'unsupported'; reason: string };

export const DEFAULT_REGISTRY_HOST = 'registry.terraform.io';

// Terraform's rules for registry address parts (internal/addrs/module_source.go).
const NAME_PART = /^[0-9A-Za-z](?:[0-9A-Za-z_-]{0,62}[0-9A-Za-z])?$/;
const PROVIDER_PART = /^[0-9a-z]{1,64}$/;
const HOST_PART = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\d{1,5})?$/;
/** Hosts that are version-control shorthands, never registries (as in Terraform). */
const VCS_HOSTS = new Set(['github.com', 'bitbucket.org', 'gitlab.com']);
/** Archive extensions go-getter recognises that tomguard does not extract. */
const OTHER_ARCHIVES = /\.(?:tar\.bz2|tbz2|tar\.xz|txz|tar\.zst|bz2|xz|gz)$/i;

/**
 * Splits go-getter's `//subdir` off a source: it is the first `//` after the scheme's `://` and before
 * the query, which stays with the address (`git::https://h/r.git//modules/x?ref=v1`).
 */
export function splitSubdir(source: string): { base: string; subdir?: string } {
  const schemeEnd = source.indexOf('://');
  const start = schemeEnd >= 0 ? schemeEnd + 3 : 0;
  const queryAt = source.indexOf('?', start);
  const beforeQuery = queryAt >= 0 ? source.slice(0, queryAt) : source;
  const query = queryAt >= 0 ? source.slice(queryAt) : '';
  const at = beforeQuery.indexOf('//', start);
  if (at < 0) return { base: source };
  const subdir = beforeQuery.slice(at + 2);
  return { base: beforeQuery.slice(0, at) + query, subdir: subdir === '' ? undefined : subdir };
}

/** A subdirectory inside a package must stay inside it (`//../x` would read outside the download). */
export function checkSubdir(subdir: string | undefined): string | undefined {
  if (subdir === undefined) return undefined;
  const norm = path.posix.normalize(subdir.replace(/\\/g, '/')).replace(/\/+$/, '');
  if (norm.startsWith('/') || norm === '..' || norm.startsWith('../') || norm.includes('\0')) {
    throw new Error(`the subdirectory "${subdir}" points outside the module package`);
  }
  return norm === '.' || norm === '' ? undefined : norm;
}

export function parseSource(source: string): ParsedSource {
  try {
    return parse(source.trim());
  } catch (err) {
    return { kind: 'unsupported', reason: (err as Error).message };
  }
}

function parse(source: string): ParsedSource {
  const unsupported = (why: string): ParsedSource => ({ kind: 'unsupported', reason: why });
  const forced = /^([A-Za-z0-9]+)::(.*)$/s.exec(source);
  if (forced) {
    const getter = forced[1].toLowerCase();
    if (getter === 'git') return parseGit(forced[2]);
    return unsupported(`"${getter}::" sources are not downloaded by tomguard (only registry, git over https and https archives)`);
  }
  if (/^[\w.-]+@[\w.-]+:/.test(source) || source.startsWith('ssh://')) {
    return unsupported('git over ssh is not supported (tomguard uses no ssh keys); use an https URL or run terraform init first');
  }
  if (/^https?:\/\//i.test(source)) return parseHttp(source);
  if (/^github\.com\//i.test(source)) return parseGitHub(source);
  if (/^(bitbucket\.org|gitlab\.com)\//i.test(source)) {
    return unsupported(`the ${source.split('/')[0]} shorthand is not supported; write it as "git::https://..."`);
  }
  const registry = parseRegistry(source);
  if (registry) return registry;
  return unsupported('not a module registry address, a git URL or an https archive');
}

/** `[host/]namespace/name/provider[//subdir]`; undefined when the text is not shaped like one. */
export function parseRegistry(source: string): RegistrySource | undefined {
  const { base, subdir } = splitSubdir(source);
  if (base.includes('?')) return undefined;
  const parts = base.split('/');
  if (parts.length !== 3 && parts.length !== 4) return undefined;
  const host = parts.length === 4 ? parts.shift()!.toLowerCase() : DEFAULT_REGISTRY_HOST;
  const [namespace, name, provider] = parts;
  if (!HOST_PART.test(host) || VCS_HOSTS.has(host.replace(/:\d+$/, ''))) return undefined;
  if (!NAME_PART.test(namespace) || !NAME_PART.test(name) || !PROVIDER_PART.test(provider)) return undefined;
  return { kind: 'registry', host, namespace, name, provider, subdir: checkSubdir(subdir) };
}

function parseGit(address: string): ParsedSource {
  const { base, subdir } = splitSubdir(address);
  if (/^[\w.-]+@[\w.-]+:/.test(base) || /^ssh:\/\//i.test(base)) {
    return { kind: 'unsupported', reason: 'git over ssh is not supported (tomguard uses no ssh keys); use an https URL or run terraform init first' };
  }
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return { kind: 'unsupported', reason: `"${base}" is not a valid git URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { kind: 'unsupported', reason: `git over ${url.protocol.replace(/:$/, '')} is not supported; only https` };
  }
  if (url.searchParams.has('sshkey')) return { kind: 'unsupported', reason: 'git sources with an "sshkey" argument are not supported' };
  const ref = url.searchParams.get('ref') ?? undefined;
  // go-getter's own arguments are not part of the clone URL; tomguard always clones shallowly.
  url.searchParams.delete('ref');
  url.searchParams.delete('depth');
  if (ref !== undefined && !isSafeRef(ref)) return { kind: 'unsupported', reason: `"${ref}" is not a valid git ref` };
  return { kind: 'git', url: url.toString(), ref, subdir: checkSubdir(subdir) };
}

/** `github.com/org/repo[//subdir][?ref=x]` is go-getter's shorthand for `git::https://github.com/org/repo.git`. */
function parseGitHub(source: string): ParsedSource {
  const { base, subdir } = splitSubdir(source);
  const queryAt = base.indexOf('?');
  const query = queryAt >= 0 ? base.slice(queryAt) : '';
  const parts = (queryAt >= 0 ? base.slice(0, queryAt) : base).split('/');
  if (parts.length !== 3 || !parts[1] || !parts[2]) {
    return { kind: 'unsupported', reason: 'GitHub sources must look like github.com/ORG/REPO (a subdirectory goes after "//")' };
  }
  const repo = parts[2].endsWith('.git') ? parts[2] : `${parts[2]}.git`;
  return parseGit(`https://github.com/${parts[1]}/${repo}${subdir ? `//${subdir}` : ''}${query}`);
}

function parseHttp(source: string): ParsedSource {
  const { base, subdir } = splitSubdir(source);
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return { kind: 'unsupported', reason: `"${base}" is not a valid URL` };
  }
  const hint = url.searchParams.get('archive');
  url.searchParams.delete('archive');
  const format = hint !== null ? archiveFormatOf(`x.${hint}`) : archiveFormatOf(url.pathname);
  if (!format) {
    if (hint !== null || OTHER_ARCHIVES.test(url.pathname)) {
      return { kind: 'unsupported', reason: `archive type "${hint ?? url.pathname.split('.').pop()}" is not supported (only .zip, .tar.gz, .tgz and .tar)` };
    }
    return { kind: 'unsupported', reason: 'an HTTP source must name an archive (.zip, .tar.gz, .tgz, .tar, or ?archive=...); other HTTP sources are not supported' };
  }
  return { kind: 'archive', url: url.toString(), format, subdir: checkSubdir(subdir) };
}

function archiveFormatOf(name: string): ArchiveFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith('.zip')) return 'zip';
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'tar.gz';
  if (lower.endsWith('.tar')) return 'tar';
  return undefined;
}

/** Refs are passed to git as arguments: nothing that could read as an option or a revision expression. */
export function isSafeRef(ref: string): boolean {
  return /^[A-Za-z0-9_][A-Za-z0-9._/+-]*$/.test(ref) && !ref.includes('..') && !ref.endsWith('.lock') && !ref.endsWith('/');
}

/** The registry address as users write it, with the default host left out. */
export function registryAddress(s: RegistrySource): string {
  return `${s.host === DEFAULT_REGISTRY_HOST ? '' : `${s.host}/`}${s.namespace}/${s.name}/${s.provider}`;
}
