/**
 * Terraform's module registry protocol: service discovery (`/.well-known/terraform.json` →
 * `modules.v1`), the versions list, and the download endpoint whose answer (`X-Terraform-Get`, or a
 * JSON `location` in newer registries) names where the package really is.
 */
import { DownloadError, HttpOptions, getJson, isLoopbackHost, readText, request, statusError } from './http';
import { RegistrySource, registryAddress } from './source-address';

export type Env = Record<string, string | undefined>;

export interface RegistryOptions {
  env: Env;
  timeoutMs: number;
  insecureLoopbackHttp?: boolean;
}

/**
 * `TF_TOKEN_app_terraform_io` is the token for `app.terraform.io`: in the variable name `__` stands for
 * `-` and `_` for `.`, as Terraform decodes it; host names compare case-insensitively. A port cannot be
 * written in a variable name, so the token of a host applies whatever port the registry uses.
 */
export function tokenForHost(env: Env, host: string): string | undefined {
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('TF_TOKEN_') || !value) continue;
    const decoded = name.slice('TF_TOKEN_'.length).replace(/__/g, '-').replace(/_/g, '.').toLowerCase();
    if (decoded === hostname) return value;
  }
  return undefined;
}

/** `host[:port]` as URL.host prints it (the default https port left out). */
function normalHost(host: string): string {
  return host.toLowerCase().replace(/:443$/, '');
}

export class RegistryClient {
  /** Service discovery answers, once per host per scan. */
  private readonly bases = new Map<string, Promise<URL>>();

  constructor(private readonly options: RegistryOptions) {}

  /** The token goes only to URLs on the registry's own host (also after redirects), never elsewhere. */
  private http(host: string): HttpOptions {
    const token = tokenForHost(this.options.env, host);
    return {
      timeoutMs: this.options.timeoutMs,
      insecureLoopbackHttp: this.options.insecureLoopbackHttp,
      headersFor: (url): Record<string, string> => (token && normalHost(url.host) === normalHost(host) ? { Authorization: `Bearer ${token}` } : {}),
    };
  }

  private base(host: string): Promise<URL> {
    let found = this.bases.get(host);
    if (!found) {
      found = this.discover(host);
      // A failed discovery is not remembered: the next module may be luckier (a passing network fault).
      found.catch(() => this.bases.delete(host));
      this.bases.set(host, found);
    }
    return found;
  }

  private async discover(host: string): Promise<URL> {
    // The protocol is https only; plain http exists for tests against a loopback server.
    const scheme = this.options.insecureLoopbackHttp && isLoopbackHost(host.replace(/:\d+$/, '')) ? 'http' : 'https';
    const { data, url } = await getJson(`${scheme}://${host}/.well-known/terraform.json`, this.http(host), 'service discovery at');
    const service = data && typeof data === 'object' ? (data as Record<string, unknown>)['modules.v1'] : undefined;
    if (typeof service !== 'string') throw new DownloadError(`${host} does not offer a module registry (no "modules.v1" in its service discovery document)`);
    // The base may be relative to the discovery document; endpoints are relative to the base.
    const base = new URL(service, url);
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    return base;
  }

  private async endpoint(source: RegistrySource, suffix: string): Promise<URL> {
    const path = [source.namespace, source.name, source.provider].map(encodeURIComponent).join('/');
    return new URL(`${path}/${suffix}`, await this.base(source.host));
  }

  async versions(source: RegistrySource): Promise<string[]> {
    const { data } = await getJson(await this.endpoint(source, 'versions'), this.http(source.host), 'the versions list');
    const modules = (data as { modules?: Array<{ versions?: Array<{ version?: unknown }> }> } | null)?.modules;
    if (!Array.isArray(modules) || modules.length === 0 || !Array.isArray(modules[0]?.versions)) {
      throw new DownloadError(`the registry's versions list for ${registryAddress(source)} has no "modules[0].versions"`);
    }
    return modules[0].versions.map((v) => v?.version).filter((v): v is string => typeof v === 'string');
  }

  /** Where the package of one version is: a git, archive (or other go-getter) address. */
  async location(source: RegistrySource, version: string): Promise<string> {
    const url = await this.endpoint(source, `${encodeURIComponent(version)}/download`);
    const answer = await request(url, this.http(source.host), async (opened) => {
      const { response, url: answered } = opened;
      if (response.status !== 200 && response.status !== 204) throw statusError(answered, response.status, 'the download endpoint');
      let found = response.headers.get('x-terraform-get') ?? undefined;
      if (!found && response.status === 200) {
        const text = await readText(opened, 'the download endpoint');
        try {
          const body = JSON.parse(text) as { location?: unknown };
          if (typeof body?.location === 'string') found = body.location;
        } catch {
          // Not JSON: reported below as a missing location.
        }
      }
      return { location: found, answered };
    });
    let location = answer.location;
    if (!location) throw new DownloadError(`the registry gave no download location for ${registryAddress(source)} ${version} (no X-Terraform-Get header or "location")`);
    // As in Terraform: only locations that look relative are URLs to resolve; others are source addresses.
    if (/^(\/|\.\/|\.\.\/)/.test(location)) location = new URL(location, answer.answered).toString();
    return location;
  }
}
