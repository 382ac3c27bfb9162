/**
 * The module download cache: `<dir>/<key>/` holds one package (the downloaded tree) and
 * `<dir>/<key>.json` beside it says what it is. The key is a hash of the package's identity (the
 * normalized address plus the resolved version or ref), so a second scan finds it without a request.
 * A package becomes visible only complete: it is built in `<dir>/.tmp-*` and renamed into place, the
 * metadata last, so an interrupted download leaves nothing that looks cached.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Env } from './registry';

export interface CacheMeta {
  kind: 'registry' | 'git' | 'archive';
  /** The normalized address: `registry.terraform.io/acme/net/aws`, a git URL, an archive URL. */
  address: string;
  /** Registry packages: the selected version, canonical (`1.2.0`). */
  version?: string;
  /** Git packages: the ref asked for. */
  ref?: string;
  /** Archive packages: how the archive was read. */
  format?: string;
  /** Registry packages: where the registry said the package is, and the module's directory in it. */
  location?: string;
  subdir?: string;
  fetchedAt: string;
}

/** `$XDG_CACHE_HOME/tomguard/modules`, else `~/.cache/tomguard/modules` (a relative XDG path is ignored, per the spec). */
export function defaultCacheDir(env: Env): string {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'tomguard', 'modules');
  return path.join(env.HOME || os.homedir(), '.cache', 'tomguard', 'modules');
}

/** Leftovers of interrupted downloads older than this are removed when the next one starts. */
const STALE_TMP_MS = 24 * 60 * 60 * 1000;

export class ModuleCache {
  constructor(readonly dir: string) {}

  static identity(meta: Pick<CacheMeta, 'kind' | 'address' | 'version' | 'ref' | 'format'>): string {
    return [meta.kind, meta.address, meta.version ?? meta.ref ?? '', meta.format ?? ''].join('\n');
  }

  private keyOf(identity: string): string {
    return createHash('sha256').update(identity).digest('hex').slice(0, 32);
  }

  /** The package directory and its metadata when a complete copy is cached. */
  lookup(identity: string): { dir: string; meta: CacheMeta } | undefined {
    const dir = path.join(this.dir, this.keyOf(identity));
    if (!fs.existsSync(dir)) return undefined;
    try {
      return { dir, meta: JSON.parse(fs.readFileSync(`${dir}.json`, 'utf8')) as CacheMeta };
    } catch {
      return undefined; // no (or damaged) metadata: not complete
    }
  }

  /** Registry versions of one module already in the cache (canonical), for working offline. */
  cachedVersions(address: string): string[] {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir).filter((n) => n.endsWith('.json'));
    } catch {
      return [];
    }
    const versions: string[] = [];
    for (const name of names) {
      try {
        const meta = JSON.parse(fs.readFileSync(path.join(this.dir, name), 'utf8')) as CacheMeta;
        if (meta.kind === 'registry' && meta.address === address && meta.version && fs.existsSync(path.join(this.dir, name.slice(0, -5)))) versions.push(meta.version);
      } catch {
        // A damaged metadata file is just not a cache entry.
      }
    }
    return versions;
  }

  /**
   * Builds a package with `fill(packageDir, scratchDir)` (both inside a fresh temporary directory of
   * the cache) and moves it into place. Returns the package directory.
   */
  async store(meta: CacheMeta, fill: (packageDir: string, scratchDir: string) => Promise<void>): Promise<string> {
    fs.mkdirSync(this.dir, { recursive: true });
    this.removeStaleTemporaries();
    const tmp = fs.mkdtempSync(path.join(this.dir, '.tmp-'));
    try {
      const pkg = path.join(tmp, 'package');
      await fill(pkg, tmp);
      if (!fs.existsSync(pkg)) fs.mkdirSync(pkg);
      const identity = ModuleCache.identity(meta);
      const final = path.join(this.dir, this.keyOf(identity));
      try {
        fs.renameSync(pkg, final);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST' && code !== 'ENOTEMPTY' && code !== 'EPERM') throw err;
        // Another scan finished the same package first: keep its copy; a copy without metadata is
        // the remains of an interrupted run and is replaced.
        if (!this.lookup(identity)) {
          fs.rmSync(final, { recursive: true, force: true });
          fs.renameSync(pkg, final);
        }
      }
      const metaTmp = path.join(tmp, 'meta.json');
      fs.writeFileSync(metaTmp, `${JSON.stringify(meta, null, 2)}\n`);
      fs.renameSync(metaTmp, `${final}.json`);
      return final;
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }

  private removeStaleTemporaries(): void {
    const now = Date.now();
    for (const name of fs.readdirSync(this.dir)) {
      if (!name.startsWith('.tmp-')) continue;
      const p = path.join(this.dir, name);
      try {
        if (now - fs.statSync(p).mtimeMs > STALE_TMP_MS) fs.rmSync(p, { recursive: true, force: true });
      } catch {
        // Removed by another run meanwhile.
      }
    }
  }
}
