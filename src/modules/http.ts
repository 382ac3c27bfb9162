/**
 * The only way module downloads touch the network over HTTP: Node's built-in fetch, https only,
 * redirects followed by hand (so credentials are decided per URL, never carried to another host),
 * a timeout on every wait and a byte limit on every body.
 */
import * as fs from 'node:fs';

export class DownloadError extends Error {}

export interface HttpOptions {
  /** Longest wait for a response, and for each further piece of its body. */
  timeoutMs: number;
  /** Test-only: plain http is allowed to 127.0.0.1, localhost and ::1 (see docs/design.md). */
  insecureLoopbackHttp?: boolean;
  /** Extra headers for one URL (after each redirect too): how credentials stay with their host. */
  headersFor?: (url: URL) => Record<string, string>;
}

const MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Registry answers are small JSON documents; anything bigger is not a registry. */
const MAX_JSON_BYTES = 8 * 1024 * 1024;

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** https, or http to a loopback address when the test-only switch is on. */
export function checkScheme(url: URL, options: Pick<HttpOptions, 'insecureLoopbackHttp'>): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && options.insecureLoopbackHttp && isLoopbackHost(url.hostname)) return;
  if (url.protocol === 'http:') throw new DownloadError(`refusing plain http for ${url.host} (only https is downloaded)`);
  throw new DownloadError(`refusing to download from a ${url.protocol.replace(/:$/, '')} URL`);
}

/** Aborts a request when nothing arrives for `ms`; `touch` restarts the clock on each piece of data. */
class IdleTimeout {
  readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  fired = false;

  constructor(readonly ms: number) {
    this.touch();
  }

  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.fired = true;
      this.controller.abort();
    }, this.ms);
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}

function describeFailure(err: unknown, url: URL, idle: IdleTimeout): string {
  if (idle.fired) return `no answer from ${url.host} within ${idle.ms < 1000 ? `${idle.ms} ms` : `${Math.round(idle.ms / 1000)} s`}`;
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  switch (cause?.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve the host name ${url.hostname}`;
    case 'ECONNREFUSED':
      return `connection to ${url.host} refused`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `connection to ${url.host} was closed`;
  }
  return `request to ${url.host} failed: ${cause?.message ?? (err as Error).message}`;
}

export interface OpenResponse {
  response: Response;
  /** The URL that answered, after redirects (relative locations resolve against it). */
  url: URL;
  idle: IdleTimeout;
}

/** GET with redirects followed by hand. Use `request`, which always releases the response. */
async function open(address: string | URL, options: HttpOptions): Promise<OpenResponse> {
  let url = new URL(address);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    checkScheme(url, options);
    const idle = new IdleTimeout(options.timeoutMs);
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'manual', headers: options.headersFor?.(url) ?? {}, signal: idle.controller.signal });
    } catch (err) {
      idle.clear();
      throw new DownloadError(describeFailure(err, url, idle));
    }
    if (!REDIRECTS.has(response.status)) return { response, url, idle };
    idle.clear();
    idle.controller.abort(); // the redirect's own body is not wanted
    const location = response.headers.get('location');
    if (!location) throw new DownloadError(`${url.host} answered ${response.status} without a Location`);
    url = new URL(location, url);
  }
  throw new DownloadError(`more than ${MAX_REDIRECTS} redirects from ${new URL(address).host}`);
}

/**
 * Opens a GET and hands the response to `use`; afterwards, however `use` ends, the timer is stopped
 * and whatever of the body was not read is abandoned (aborting the transfer).
 */
export async function request<T>(address: string | URL, options: HttpOptions, use: (opened: OpenResponse) => Promise<T>): Promise<T> {
  const opened = await open(address, options);
  try {
    return await use(opened);
  } finally {
    opened.idle.clear();
    opened.idle.controller.abort();
  }
}

export function statusError(url: URL, status: number, what: string): DownloadError {
  const hint = status === 401 || status === 403 ? ' (set TF_TOKEN_<host> for a private registry)' : '';
  return new DownloadError(`${what} ${url.toString()} answered HTTP ${status}${hint}`);
}

/** Reads a body piece by piece, keeping the idle timer alive and stopping past `maxBytes`. */
async function* chunks(opened: OpenResponse, maxBytes: number, what: string): AsyncGenerator<Uint8Array> {
  const { response, idle } = opened;
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) throw new DownloadError(`${what} is ${formatSize(declared)}, more than the ${formatSize(maxBytes)} limit`);
  if (!response.body) return;
  let total = 0;
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      idle.touch();
      total += chunk.byteLength;
      if (total > maxBytes) throw new DownloadError(`${what} is more than the ${formatSize(maxBytes)} limit`);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof DownloadError) throw err;
    throw new DownloadError(describeFailure(err, opened.url, idle));
  }
}

export function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

export async function readText(opened: OpenResponse, what: string): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks(opened, MAX_JSON_BYTES, what)) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString('utf8');
}

export function getJson(address: string | URL, options: HttpOptions, what: string): Promise<{ data: unknown; url: URL }> {
  return request(address, options, async (opened) => {
    if (opened.response.status !== 200) throw statusError(opened.url, opened.response.status, what);
    const text = await readText(opened, what);
    try {
      return { data: JSON.parse(text) as unknown, url: opened.url };
    } catch {
      throw new DownloadError(`${what} ${opened.url.toString()} did not answer with JSON`);
    }
  });
}

/** Streams a download into `file` (created new), refusing bodies over `maxBytes`. */
export function downloadToFile(address: string, file: string, maxBytes: number, options: HttpOptions): Promise<void> {
  return request(address, options, async (opened) => {
    if (opened.response.status !== 200) throw statusError(opened.url, opened.response.status, 'downloading');
    const handle = await fs.promises.open(file, 'wx', 0o600);
    try {
      for await (const chunk of chunks(opened, maxBytes, `the archive at ${opened.url.host}`)) await handle.write(chunk);
    } finally {
      await handle.close();
    }
  });
}
