/**
 * Extracts a downloaded module archive (tar, tar.gz, zip) into an empty directory, trusting nothing in
 * it: an entry whose path is absolute or climbs out with `..` refuses the whole archive; only regular
 * files and directories are written (links, devices and FIFOs are skipped, so nothing can point
 * outside); the entry count and the extracted bytes are capped (archive bombs); files are written
 * without execute bits. The libraries only parse: every write happens here, through `safeTarget`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Parser, ReadEntry } from 'tar';
import * as yauzl from 'yauzl';
import { ArchiveFormat } from './source-address';
import { formatSize } from './http';

export class ArchiveError extends Error {}

export interface ExtractLimits {
  maxExtractedBytes: number;
  maxEntries: number;
}

/**
 * The path an entry may be written to inside `dest`, undefined for the archive's root itself, or an
 * ArchiveError when the name is absolute or escapes (`../evil`, `a/../../evil`, `C:\x`).
 */
export function safeTarget(dest: string, name: string): string | undefined {
  const slashed = name.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed) || slashed.includes('\0')) {
    throw new ArchiveError(`archive entry "${name}" has an absolute path; refusing the archive`);
  }
  const norm = path.posix.normalize(slashed);
  if (norm === '..' || norm.startsWith('../')) throw new ArchiveError(`archive entry "${name}" points outside the extraction directory; refusing the archive`);
  if (norm === '.' || norm === './') return undefined;
  const target = path.join(dest, ...norm.split('/').filter(Boolean));
  // Belt and braces: whatever normalisation did, the result must be below dest.
  if (!target.startsWith(dest + path.sep)) throw new ArchiveError(`archive entry "${name}" points outside the extraction directory; refusing the archive`);
  return target;
}

/** Counts and writes entries for both formats, enforcing the limits. */
class Writer {
  private entries = 0;
  private bytes = 0;
  private readonly open = new Set<number>();

  constructor(
    private readonly dest: string,
    readonly limits: ExtractLimits,
  ) {}

  countEntry(): void {
    if (++this.entries > this.limits.maxEntries) throw new ArchiveError(`the archive has more than ${this.limits.maxEntries} entries; refusing it`);
  }

  directory(name: string): void {
    const target = safeTarget(this.dest, name);
    if (target) fs.mkdirSync(target, { recursive: true, mode: 0o755 });
  }

  /** Opens a new file for an entry; the returned sink counts bytes against the limit as they come. */
  file(name: string, declaredSize: number): { write(chunk: Buffer): void; close(): void } | undefined {
    const target = safeTarget(this.dest, name);
    if (!target) return undefined;
    this.addBytes(declaredSize);
    this.bytes -= declaredSize; // counted for real as data arrives; the declared size only fails early
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
    // A repeated name replaces the earlier file (as tar does); no path component can be a link, since none are written.
    const fd = fs.openSync(target, 'w', 0o644);
    this.open.add(fd);
    return {
      write: (chunk: Buffer) => {
        this.addBytes(chunk.length);
        fs.writeSync(fd, chunk);
      },
      close: () => {
        if (this.open.delete(fd)) fs.closeSync(fd);
      },
    };
  }

  /** After a failure: files still open are closed (the directory is then deleted whole). */
  closeAll(): void {
    for (const fd of this.open) fs.closeSync(fd);
    this.open.clear();
  }

  private addBytes(n: number): void {
    this.bytes += n;
    if (this.bytes > this.limits.maxExtractedBytes) throw new ArchiveError(`the archive extracts to more than ${formatSize(this.limits.maxExtractedBytes)}; refusing it`);
  }
}

export async function extractArchive(file: string, format: ArchiveFormat, dest: string, limits: ExtractLimits): Promise<void> {
  fs.mkdirSync(dest, { recursive: true });
  const writer = new Writer(dest, limits);
  if (format === 'zip') return extractZip(file, writer);
  if (format === 'tar.gz') {
    const magic = Buffer.alloc(2);
    const fd = fs.openSync(file, 'r');
    fs.readSync(fd, magic, 0, 2, 0);
    fs.closeSync(fd);
    if (magic[0] !== 0x1f || magic[1] !== 0x8b) throw new ArchiveError('the download is not a gzip file');
  }
  return extractTar(file, writer);
}

const TAR_FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

function extractTar(file: string, writer: Writer): Promise<void> {
  return new Promise((resolve, reject) => {
    // tar's own limit on the gzip expansion ratio (default 1000) also stops gzip bombs early.
    const parser = new Parser({ strict: true });
    const input = fs.createReadStream(file);
    let settled = false;
    const fail = (err: Error, fromParser = false) => {
      if (settled) return;
      settled = true;
      input.destroy();
      writer.closeAll();
      if (!fromParser) parser.abort(err);
      reject(err instanceof ArchiveError ? err : new ArchiveError(`not a valid tar archive (${err.message})`));
    };
    parser.on('entry', (entry: ReadEntry) => {
      if (settled) return entry.resume();
      try {
        writer.countEntry();
        if (entry.type === 'Directory') {
          writer.directory(entry.path);
        } else if (TAR_FILE_TYPES.has(entry.type)) {
          const sink = writer.file(entry.path, entry.size);
          if (sink) {
            entry.on('data', (chunk: Buffer) => {
              try {
                if (!settled) sink.write(chunk);
              } catch (err) {
                fail(err as Error);
              }
            });
            entry.on('end', () => sink.close());
            return;
          }
        } else {
          // Symlinks, hard links, devices, FIFOs: never written. Path checks still apply above.
          safeTarget('/x', entry.path);
        }
        entry.resume();
      } catch (err) {
        entry.resume();
        fail(err as Error);
      }
    });
    parser.on('error', (err: Error) => fail(err, true));
    parser.on('end', () => {
      if (!settled) {
        settled = true;
        resolve();
      }
    });
    input.on('error', (err) => fail(err));
    input.pipe(parser as unknown as NodeJS.WritableStream);
  });
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const UNIX_MADE_BY = 3;

function extractZip(file: string, writer: Writer): Promise<void> {
  return new Promise((resolve, reject) => {
    // decodeStrings makes yauzl itself reject absolute and `..` names; validateEntrySizes catches
    // entries whose data is longer than their header says.
    yauzl.open(file, { lazyEntries: true, autoClose: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: false }, (openErr, zip) => {
      if (openErr || !zip) return reject(new ArchiveError(`not a valid zip archive (${openErr?.message ?? 'unreadable'})`));
      let settled = false;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        writer.closeAll();
        zip.close();
        reject(err instanceof ArchiveError ? err : new ArchiveError(`not a valid zip archive (${err.message})`));
      };
      zip.on('error', fail);
      zip.on('end', () => {
        if (!settled) {
          settled = true;
          resolve();
        }
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        if (settled) return;
        try {
          writer.countEntry();
          const mode = entry.versionMadeBy >> 8 === UNIX_MADE_BY ? (entry.externalFileAttributes >>> 16) & S_IFMT : 0;
          const isDir = entry.fileName.endsWith('/') || mode === S_IFDIR;
          if (isDir) {
            writer.directory(entry.fileName);
            return zip.readEntry();
          }
          if (mode !== 0 && mode !== S_IFREG) {
            safeTarget('/x', entry.fileName); // a link or special file: skipped, but a bad name still refuses
            return zip.readEntry();
          }
          if (entry.isEncrypted()) throw new ArchiveError(`archive entry "${entry.fileName}" is encrypted`);
          const sink = writer.file(entry.fileName, entry.uncompressedSize);
          if (!sink) return zip.readEntry();
          zip.openReadStream(entry, (streamErr, stream) => {
            if (streamErr || !stream) {
              sink.close();
              return fail(streamErr ?? new Error('unreadable entry'));
            }
            stream.on('data', (chunk: Buffer) => {
              try {
                if (!settled) sink.write(chunk);
              } catch (err) {
                stream.destroy();
                fail(err as Error);
              }
            });
            stream.on('error', (err) => {
              sink.close();
              fail(err);
            });
            stream.on('end', () => {
              sink.close();
              if (!settled) zip.readEntry();
            });
          });
        } catch (err) {
          fail(err as Error);
        }
      });
      // The central directory says how many entries there are: refuse a bomb before reading any.
      if (zip.entryCount > writer.limits.maxEntries) return fail(new ArchiveError(`the archive has more than ${writer.limits.maxEntries} entries; refusing it`));
      zip.readEntry();
    });
  });
}
