/**
 * Test fixtures for module downloads: a loopback HTTP server that plays a module registry and serves
 * archives and static files, and tiny tar and zip writers so hostile archives can be built exactly.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';

export interface ArchiveEntry {
  name: string;
  type?: 'file' | 'dir' | 'symlink' | 'hardlink';
  content?: string | Buffer;
  /** Link target for symlinks and hard links. */
  link?: string;
  mode?: number;
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

/** A ustar archive (names up to 100 bytes), written by hand so any name, even `../evil`, can be used. */
export function tarArchive(entries: ArchiveEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const content = Buffer.from(e.content ?? '');
    const type = e.type ?? 'file';
    const header = Buffer.alloc(512);
    header.write(e.name, 0, 100, 'utf8');
    header.write(octal(e.mode ?? (type === 'dir' ? 0o755 : 0o644), 8), 100, 'ascii');
    header.write(octal(0, 8), 108, 'ascii');
    header.write(octal(0, 8), 116, 'ascii');
    header.write(octal(type === 'file' ? content.length : 0, 12), 124, 'ascii');
    header.write(octal(0, 12), 136, 'ascii');
    header.write('        ', 148, 'ascii');
    header.write({ file: '0', dir: '5', symlink: '2', hardlink: '1' }[type], 156, 'ascii');
    if (e.link) header.write(e.link, 157, 100, 'utf8');
    header.write('ustar\0', 257, 'ascii');
    header.write('00', 263, 'ascii');
    let sum = 0;
    for (const b of header) sum += b;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
    blocks.push(header);
    if (type === 'file' && content.length > 0) {
      blocks.push(content, Buffer.alloc((512 - (content.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export function tgz(entries: ArchiveEntry[]): Buffer {
  return zlib.gzipSync(tarArchive(entries));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive with stored (uncompressed) entries, made on "unix" so modes (and symlinks) count. */
export function zipArchive(entries: ArchiveEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const type = e.type ?? 'file';
    const name = Buffer.from(type === 'dir' && !e.name.endsWith('/') ? `${e.name}/` : e.name);
    const data = Buffer.from(type === 'symlink' ? (e.link ?? '') : (e.content ?? ''));
    const mode = type === 'dir' ? 0o40755 : type === 'symlink' ? 0o120777 : 0o100644;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export interface SeenRequest {
  host: string;
  path: string;
  authorization?: string;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A server on 127.0.0.1 (also reachable as localhost) with routes by path; records every request. */
export class TestServer {
  readonly requests: SeenRequest[] = [];
  private readonly routes = new Map<string, Handler>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  port = 0;

  static async start(): Promise<TestServer> {
    const s = new TestServer();
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    s.port = (s.server.address() as AddressInfo).port;
    return s;
  }

  /** `127.0.0.1:PORT`, as a registry host in a module source. */
  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  get url(): string {
    return `http://${this.host}`;
  }

  route(pathname: string, handler: Handler | { status?: number; headers?: Record<string, string>; body?: string | Buffer }): void {
    this.routes.set(
      pathname,
      typeof handler === 'function'
        ? handler
        : (_req, res) => {
            res.writeHead(handler.status ?? 200, handler.headers ?? {});
            res.end(handler.body ?? '');
          },
    );
  }

  json(pathname: string, data: unknown): void {
    this.route(pathname, { headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) });
  }

  /** Serves every file below `dir` under `prefix` (git's dumb HTTP protocol needs nothing more). */
  staticDir(prefix: string, dir: string): void {
    const walk = (d: string) => {
      for (const dirent of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, dirent.name);
        if (dirent.isDirectory()) walk(p);
        else this.route(`${prefix}/${path.relative(dir, p).split(path.sep).join('/')}`, (_req, res) => res.end(fs.readFileSync(p)));
      }
    };
    walk(dir);
  }

  /**
   * A registry: discovery with a relative `modules.v1`, the versions list, and per version a download
   * endpoint answering with X-Terraform-Get (or a JSON body) pointing at a tar.gz served here.
   */
  registry(module: string, versions: Record<string, Buffer>, options: { jsonBody?: boolean; archiveHost?: string } = {}): void {
    this.json('/.well-known/terraform.json', { 'modules.v1': '/v1/modules/' });
    this.json(`/v1/modules/${module}/versions`, { modules: [{ versions: Object.keys(versions).map((version) => ({ version })) }] });
    for (const [version, archive] of Object.entries(versions)) {
      const archivePath = `/archives/${module.replace(/\//g, '-')}-${version}.tar.gz`;
      const location = options.archiveHost ? `http://${options.archiveHost}${archivePath}` : archivePath;
      this.route(archivePath, { headers: { 'content-type': 'application/gzip' }, body: archive });
      this.route(
        `/v1/modules/${module}/${version}/download`,
        options.jsonBody ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ location }) } : { status: 204, headers: { 'x-terraform-get': location } },
      );
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    this.requests.push({ host: req.headers.host ?? '', path: pathname, authorization: req.headers.authorization });
    const handler = this.routes.get(pathname);
    if (handler) return handler(req, res);
    res.writeHead(404);
    res.end('not found');
  }

  paths(): string[] {
    return this.requests.map((r) => r.path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Every path below `dir` (relative), for checking what an extraction wrote. */
export function listTree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const dirent of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, dirent.name);
      out.push(path.relative(dir, p).split(path.sep).join('/'));
      if (dirent.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}
