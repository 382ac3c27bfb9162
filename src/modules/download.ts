/**
 * `--download-modules`: turns a remote module source (and its `version` constraint) into a directory
 * in the download cache, or into a one-line reason why not. Never throws: a module that cannot be
 * fetched is an unresolved call, and the scan goes on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractArchive } from './archive';
import { CacheMeta, ModuleCache, defaultCacheDir } from './cache';
import { cloneGit } from './git';
import { DownloadError, downloadToFile } from './http';
import { Env, RegistryClient } from './registry';
import { ArchiveSource, GitSource, RegistrySource, parseSource, registryAddress } from './source-address';
import { Version, exactVersion, parseConstraint, selectVersion } from './version-constraint';

/** What a user or test may set; everything has a default. */
export interface DownloadSettings {
  /** Default: `$XDG_CACHE_HOME/tomguard/modules`, else `~/.cache/tomguard/modules`. */
  cacheDir?: string;
  /** Per request: the wait for an answer and for each further piece of a body. Default 30 s. */
  timeoutMs?: number;
  /** One git clone. Default 5 minutes. */
  gitTimeoutMs?: number;
  /** Largest archive downloaded. Default 100 MB. */
  maxDownloadBytes?: number;
  /** Largest package after extraction or checkout. Default 500 MB. */
  maxExtractedBytes?: number;
  /** Most files and directories in one package. Default 20,000. */
  maxEntries?: number;
  /**
   * Test-only (no command-line option): allows plain http to 127.0.0.1, localhost and ::1, so tests
   * can run a registry on a loopback port. Everything else stays https-only.
   */
  insecureLoopbackHttp?: boolean;
}

export interface DownloadOptions extends DownloadSettings {
  /** Where TF_TOKEN_<host>, XDG_CACHE_HOME, HOME and PATH (for git) are read: the scan's env, not process.env. */
  env: Env;
}

export type FetchResult =
  | {
      /** The module's directory (the package, or a subdirectory of it). */
      dir: string;
      /** The whole downloaded package: relative module paths inside it must stay inside it. */
      packageDir: string;
      /** Worth telling the user although the module was found (e.g. an older cached version was used offline). */
      warning?: string;
    }
  | { reason: string };

const DEFAULTS = {
  timeoutMs: 30_000,
  gitTimeoutMs: 300_000,
  maxDownloadBytes: 100 * 1024 * 1024,
  maxExtractedBytes: 500 * 1024 * 1024,
  maxEntries: 20_000,
};

interface Package {
  packageDir: string;
  subdir?: string;
  warning?: string;
}

/** One per scan: remembers answers, so a module called from many places is fetched and looked up once. */
export class ModuleDownloader {
  private readonly options: DownloadOptions & typeof DEFAULTS;
  private readonly cache: ModuleCache;
  private readonly registry: RegistryClient;
  private readonly memo = new Map<string, Promise<FetchResult>>();

  constructor(options: DownloadOptions) {
    this.options = { ...DEFAULTS, ...stripUndefined(options), env: options.env };
    this.cache = new ModuleCache(options.cacheDir ?? defaultCacheDir(options.env));
    this.registry = new RegistryClient({ env: options.env, timeoutMs: this.options.timeoutMs, insecureLoopbackHttp: options.insecureLoopbackHttp });
  }

  fetch(source: string, version?: string): Promise<FetchResult> {
    const key = `${source}\n${version ?? ''}`;
    let result = this.memo.get(key);
    if (!result) {
      result = this.fetchOnce(source, version);
      this.memo.set(key, result);
    }
    return result;
  }

  private async fetchOnce(source: string, version: string | undefined): Promise<FetchResult> {
    const parsed = parseSource(source);
    if (parsed.kind === 'unsupported') return { reason: `remote module "${source}" cannot be downloaded: ${parsed.reason}` };
    try {
      if (parsed.kind !== 'registry' && version !== undefined) {
        // Terraform rejects this combination at init, so there is no version it would install.
        throw new DownloadError('"version" applies only to registry modules, and Terraform rejects it for this source');
      }
      const pkg = parsed.kind === 'registry' ? await this.registryPackage(parsed, version) : await this.directPackage(parsed);
      return { dir: moduleDir(pkg.packageDir, pkg.subdir), packageDir: pkg.packageDir, ...(pkg.warning ? { warning: pkg.warning } : {}) };
    } catch (err) {
      // Anything at all (network, disk, a library's surprise) ends as this call's reason, never the scan.
      const message = (err as Error)?.message ?? String(err);
      return { reason: `could not download module "${source}": ${message.replace(/\s*\n\s*/g, ' ')}` };
    }
  }

  private async registryPackage(source: RegistrySource, versionText: string | undefined): Promise<Package> {
    const address = `${source.host}/${source.namespace}/${source.name}/${source.provider}`.toLowerCase();
    const cached = (v: Version) => this.cache.lookup(ModuleCache.identity({ kind: 'registry', address, version: v.canonical }));
    const fromCache = (hit: { dir: string; meta: CacheMeta }, warning?: string): Package => ({ packageDir: hit.dir, subdir: joinSubdirs(hit.meta.subdir, source.subdir), warning });
    const constraint = parseConstraint(versionText);
    // An exact pin already cached needs no request at all.
    const exact = exactVersion(constraint);
    const exactHit = exact && cached(exact);
    if (exactHit) return fromCache(exactHit);

    let listed: string[];
    try {
      listed = await this.registry.versions(source);
    } catch (err) {
      // Offline, or the registry is down: the newest cached version that satisfies the constraint
      // still lets the scan see the module, with a warning that it may not be the newest.
      const fallback = selectVersion(this.cache.cachedVersions(address), versionText);
      const hit = 'version' in fallback ? cached(fallback.version) : undefined;
      if (!hit || !('version' in fallback)) throw err;
      return fromCache(hit, `could not list the versions of ${registryAddress(source)} (${(err as Error).message}); scanned the cached version ${fallback.version.canonical}`);
    }
    const chosen = selectVersion(listed, versionText);
    if ('reason' in chosen) throw new DownloadError(chosen.reason);
    const hit = cached(chosen.version);
    if (hit) return fromCache(hit);

    const location = await this.registry.location(source, chosen.version.text);
    const target = parseSource(location);
    if (target.kind === 'unsupported') throw new DownloadError(`version ${chosen.version.text} is at "${location}", which cannot be downloaded: ${target.reason}`);
    if (target.kind === 'registry') throw new DownloadError(`version ${chosen.version.text} points at another registry address ("${location}"), which Terraform does not allow`);
    const meta: CacheMeta = { kind: 'registry', address, version: chosen.version.canonical, location, subdir: target.subdir, fetchedAt: new Date().toISOString() };
    const packageDir = await this.cache.store(meta, (pkg, scratch) => this.fetchInto(target, pkg, scratch));
    return { packageDir, subdir: joinSubdirs(target.subdir, source.subdir) };
  }

  /** Git and archive sources name their content exactly (URL and ref), so a cached copy is always reused. */
  private async directPackage(source: GitSource | ArchiveSource): Promise<Package> {
    const meta: CacheMeta =
      source.kind === 'git'
        ? { kind: 'git', address: source.url, ref: source.ref, fetchedAt: '' }
        : { kind: 'archive', address: source.url, format: source.format, fetchedAt: '' };
    const hit = this.cache.lookup(ModuleCache.identity(meta));
    if (hit) return { packageDir: hit.dir, subdir: source.subdir };
    meta.fetchedAt = new Date().toISOString();
    const packageDir = await this.cache.store(meta, (pkg, scratch) => this.fetchInto(source, pkg, scratch));
    return { packageDir, subdir: source.subdir };
  }

  private async fetchInto(source: GitSource | ArchiveSource, packageDir: string, scratch: string): Promise<void> {
    const limits = { maxExtractedBytes: this.options.maxExtractedBytes, maxEntries: this.options.maxEntries };
    if (source.kind === 'git') {
      await cloneGit(source.url, source.ref, packageDir, { env: this.options.env, timeoutMs: this.options.gitTimeoutMs, insecureLoopbackHttp: this.options.insecureLoopbackHttp, limits });
      return;
    }
    // Registry credentials are never sent here: the archive host is not the registry (as in Terraform).
    const file = path.join(scratch, 'download');
    await downloadToFile(source.url, file, this.options.maxDownloadBytes, { timeoutMs: this.options.timeoutMs, insecureLoopbackHttp: this.options.insecureLoopbackHttp });
    await extractArchive(file, source.format, packageDir, limits);
    fs.rmSync(file, { force: true });
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function joinSubdirs(a: string | undefined, b: string | undefined): string | undefined {
  return a && b ? `${a}/${b}` : (a ?? b);
}

/**
 * The module directory inside a package. A `*` in a path segment matches one directory, as go-getter
 * allows (`//*` is the single top-level folder of a GitHub tarball); it must match exactly one.
 */
function moduleDir(packageDir: string, subdir: string | undefined): string {
  let dir = packageDir;
  for (const segment of (subdir ?? '').split('/').filter(Boolean)) {
    if (!/[*?]/.test(segment)) {
      dir = path.join(dir, segment);
      continue;
    }
    const pattern = new RegExp(`^${segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    const matches = fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && pattern.test(d.name)) : [];
    if (matches.length !== 1) throw new DownloadError(`the subdirectory pattern "${subdir}" matches ${matches.length} directories in the package (it must match one)`);
    dir = path.join(dir, matches[0].name);
  }
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new DownloadError(`the package has no directory "${subdir}"`);
  return dir;
}

const downloaders = new WeakMap<DownloadSettings, WeakMap<Env, ModuleDownloader>>();

/** The downloader of one scan: same settings object and env → the same downloader (and its memory). */
export function downloaderFor(settings: DownloadSettings, env: Env): ModuleDownloader {
  let byEnv = downloaders.get(settings);
  if (!byEnv) downloaders.set(settings, (byEnv = new WeakMap()));
  let downloader = byEnv.get(env);
  if (!downloader) byEnv.set(env, (downloader = new ModuleDownloader({ ...settings, env })));
  return downloader;
}

/** One fetch with a fresh downloader (no memory shared with other calls). */
export function fetchModule(source: string, version: string | undefined, options: DownloadOptions): Promise<FetchResult> {
  return new ModuleDownloader(options).fetch(source, version);
}
