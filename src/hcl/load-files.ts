/**
 * Reading Terraform files from disk: listing a module directory, decoding each file safely and
 * parsing it (native HCL for `.tf`, JSON for `.tf.json`).
 *
 * tomguard's own parser is the authority: it rejects exactly what HashiCorp's HCL parser rejects
 * (proved by `npm run corpus:parser` and tests/hcl/parser-differential.test.ts). HashiCorp's parser
 * (`@cdktn/hcl2json`, a Go/wasm build of hashicorp/hcl, slow to load and to run) is asked only when
 * ours reports a syntax error, so the error reads as `terraform validate` would word it, and on every
 * file under `scan --strict`. Nothing in this module throws for bad input: every problem becomes a LoadError.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { parse as Hcl2JsonParse } from '@cdktn/hcl2json';
import { ConfigFile } from './ast';
import { LABEL_COUNTS } from './label-counts';
import { parseNativeFile } from './native-parser';
import { HclLimitError, HclSyntaxError } from './source-text';

/** JSON syntax (and jsonc-parser) only for `.tf.json` files, which most roots do not have. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const parseJsonFile: typeof import('./json-parser').parseJsonFile = (file, text) => (require('./json-parser') as typeof import('./json-parser')).parseJsonFile(file, text);

export interface LoadError {
  /** The path exactly as the caller gave it (or as built from the directory the caller gave). */
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface LoadLimits {
  maxFileBytes: number;
  /** `scan --strict`: confirm every `.tf` file with HashiCorp's parser too, not only the ones ours rejects. */
  strict?: boolean;
}

export const DEFAULT_LIMITS: LoadLimits = { maxFileBytes: 5 * 1024 * 1024 };

/** Prefix of the error reported when HashiCorp's parser accepts a file that ours rejects. */
export const OWN_PARSER_BUG_PREFIX = 'tomguard could not parse this valid HCL (please report): ';

// ------------------------------------------------------------------------------------ listing

function isConfigFileName(name: string): boolean {
  return !name.startsWith('.') && (name.endsWith('.tf') || name.endsWith('.tf.json'));
}

/** Joins without normalising, so `./mod` stays `./mod/main.tf` (paths are kept as the caller wrote them). */
function joinKeepingDir(dir: string, name: string): string {
  return dir.endsWith('/') || dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string'
    ? (err as { code: string }).code
    : undefined;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A short human description of a filesystem error, without the path (LoadError.file carries it). */
function describeFsError(err: unknown): string {
  switch (errnoCode(err)) {
    case 'ELOOP':
      return 'symlink loop';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no such file or directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'EISDIR':
      return 'is a directory';
    default:
      return errorMessage(err);
  }
}

/**
 * Lists a module directory's Terraform files: `*.tf` and `*.tf.json` directly inside dir (not
 * recursive), sorted by name. Hidden entries (`.foo.tf`) are skipped. Real directories are skipped
 * too, as Terraform does; symlinks are followed, and a symlink loop or a dangling symlink becomes a
 * LoadError instead of a file. Anything else that matches (a symlink to a directory, a FIFO) is listed
 * so that reading it reports why it is not a regular file, as Terraform would fail on it as well.
 */
export function listConfigFiles(dir: string): { files: string[]; errors: LoadError[] } {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    return { files: [], errors: [{ file: dir, message: `cannot read directory: ${describeFsError(err)}` }] };
  }
  const files: string[] = [];
  const errors: LoadError[] = [];
  const names = entries
    .filter((e) => isConfigFileName(e.name) && !e.isDirectory())
    .map((e) => ({ name: e.name, symlink: e.isSymbolicLink() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, symlink } of names) {
    const file = joinKeepingDir(dir, name);
    if (symlink) {
      try {
        fs.statSync(file);
      } catch (err) {
        const code = errnoCode(err);
        const reason = code === 'ENOENT' ? 'broken symlink (its target does not exist)' : describeFsError(err);
        errors.push({ file, message: `cannot read file: ${reason}` });
        continue;
      }
    }
    files.push(file);
  }
  return { files, errors };
}

// ------------------------------------------------------------------------------------ reading

function formatLimit(bytes: number): string {
  const MB = 1024 * 1024;
  if (bytes >= MB && bytes % MB === 0) return `${bytes / MB} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes}-byte`;
}

function describeFileKind(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/** Offset of the first byte that makes `bytes` invalid UTF-8 (WHATWG decoder rules), or -1. */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return i; // truncated sequence at end of file
      const c = bytes[i + k];
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** 1-based line and column (UTF-16 code units, as in the syntax tree) of a byte offset in valid UTF-8 prefix. */
function lineColumnOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const prefix = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(lineStart, offset));
  return { line, column: prefix.length + 1 };
}

/** True when the bytes look like BOM-less UTF-16 text (mostly ASCII with a NUL in every other byte). */
function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 4) return false;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  return (oddZeros >= pairs * 0.9 && evenZeros === 0) || (evenZeros >= pairs * 0.9 && oddZeros === 0);
}

/** Decodes a file's bytes into text, or explains why it is not Terraform source text. */
function decodeSource(bytes: Uint8Array): { text: string } | { message: string; line?: number; column?: number } {
  const utf16 =
    bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : undefined;
  if (utf16) {
    let text: string;
    try {
      text = new TextDecoder(utf16, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(2));
    } catch {
      return { message: `not valid ${utf16 === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'} text despite its byte order mark: save the file as UTF-8` };
    }
    if (text.includes('\u0000')) return { message: 'binary file, not Terraform source' };
    return { text };
  }
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul !== -1) {
    if (looksLikeUtf16WithoutBom(body)) return { message: 'looks like UTF-16 text without a byte order mark: save the file as UTF-8' };
    return { message: 'binary file, not Terraform source', ...lineColumnOfByte(body, nul) };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    const bad = firstInvalidUtf8Offset(body);
    const { line, column } = lineColumnOfByte(body, bad < 0 ? 0 : bad);
    return { message: `not valid UTF-8 at line ${line}, column ${column}: save the file as UTF-8`, line, column };
  }
}

/**
 * Reads and decodes one source file safely: only regular files (symlinks followed), at most
 * `limits.maxFileBytes`, no binary content, UTF-8 (BOM stripped) or UTF-16 with a byte order mark.
 */
export function readSourceFile(file: string, limits: LoadLimits = DEFAULT_LIMITS): { text: string } | { error: LoadError } {
  const fail = (message: string): { error: LoadError } => ({ error: { file, message } });
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not hang; it is rejected just below as not a regular file.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') {
      try {
        if (fs.lstatSync(file).isSymbolicLink()) return fail('cannot read file: broken symlink (its target does not exist)');
      } catch {
        // fall through to the plain "no such file" message
      }
    }
    return fail(`cannot read file: ${describeFsError(err)}`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return fail(`not a regular file: it is ${describeFileKind(st)}`);
    const max = limits.maxFileBytes;
    const tooBig = (size: number) => fail(`file is ${size} bytes, over the ${formatLimit(max)} limit (raise it with --max-file-size)`);
    if (st.size > max) return tooBig(st.size);
    // Read until EOF rather than trusting st.size: the file may change while we read it.
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.allocUnsafe(Math.min(Math.max(st.size, 64 * 1024), max) + 1);
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(Buffer.from(chunk.subarray(0, n)));
      total += n;
      if (total > max) return tooBig(Math.max(total, st.size));
    }
    const decoded = decodeSource(Buffer.concat(chunks, total));
    if ('text' in decoded) return decoded;
    // The position of the first bad byte, when there is one, so editors can jump to it.
    return { error: { file, ...(decoded.line !== undefined ? { line: decoded.line, column: decoded.column } : {}), message: decoded.message } };
  } catch (err) {
    return fail(`cannot read file: ${describeFsError(err)}`);
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // nothing useful to do
    }
  }
}

// ------------------------------------------------------------------------------------ HashiCorp's parser

let hcl2jsonParse: typeof Hcl2JsonParse | undefined;

/**
 * Loads `@cdktn/hcl2json` on first use: importing it reads, unzips and starts its wasm runtime
 * (~150 ms), which runs that never parse a `.tf` file (--help, plan-only input) should not pay.
 * A plain require, not `import()`: this package is CommonJS, and jest's VM rejects `import()`.
 */
function hashicorpParser(): typeof Hcl2JsonParse {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  hcl2jsonParse ??= (require('@cdktn/hcl2json') as typeof import('@cdktn/hcl2json')).parse;
  return hcl2jsonParse;
}

type HashicorpResult = { kind: 'accepted' } | { kind: 'rejected'; errors: LoadError[] } | { kind: 'failed'; message: string };

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Splits hcl2json's rejection message into diagnostics. It is Go's `fmt.Errorf("parse config: %v", diags)`:
 * `parse config: [name.tf:2,7-3,1: Summary; Detail. name.tf:4,1-2: Summary; Detail.]`, diagnostics joined
 * by a space, each starting with the file name we passed and a range `line,col-[line,]col`.
 */
export function parseHashicorpDiagnostics(message: string, nameGiven: string, file: string): LoadError[] | undefined {
  const m = /^parse config: \[([\s\S]*)\]\s*$/.exec(message);
  if (!m) return undefined;
  const inner = m[1];
  const start = new RegExp(`(?:^|[ ;,] ?)${escapeRegExp(nameGiven)}:(\\d+),(\\d+)(?:-(?:\\d+,)?\\d+)?: `, 'g');
  const hits: { index: number; bodyStart: number; line: number; column: number }[] = [];
  for (let h = start.exec(inner); h; h = start.exec(inner)) {
    hits.push({ index: h.index, bodyStart: h.index + h[0].length, line: Number(h[1]), column: Number(h[2]) });
  }
  if (hits.length === 0 || hits[0].index !== 0) {
    const text = inner.trim();
    return text ? [{ file, message: text }] : undefined;
  }
  return hits.map((h, k) => ({
    file,
    line: h.line,
    column: h.column,
    message: inner.slice(h.bodyStart, k + 1 < hits.length ? hits[k + 1].index : inner.length).trim(),
  }));
}

async function checkWithHashicorp(file: string, text: string): Promise<HashicorpResult> {
  const name = path.basename(file);
  try {
    const parse = hashicorpParser();
    await parse(name, text);
    return { kind: 'accepted' };
  } catch (err) {
    const message = errorMessage(err);
    const errors = parseHashicorpDiagnostics(message, name, file);
    return errors ? { kind: 'rejected', errors } : { kind: 'failed', message: `HashiCorp parser failed: ${message}` };
  }
}

// ------------------------------------------------------------------------------------ loading

/**
 * Reads and parses one file (native HCL for `.tf`, JSON for `.tf.json`). Never throws for bad input.
 * A `.tf` file is returned only when both tomguard's parser and HashiCorp's accept it.
 */
export async function loadConfigFile(file: string, limits: LoadLimits = DEFAULT_LIMITS): Promise<{ file?: ConfigFile; errors: LoadError[] }> {
  // Several roots in one run (--recursive, examples calling a shared module) read the same files:
  // parse each unchanged file once per process.
  let key: string | undefined;
  try {
    const st = fs.statSync(file);
    key = `${file}\u0000${st.size}\u0000${st.mtimeMs}\u0000${limits.maxFileBytes}\u0000${limits.strict === true}`;
  } catch {
    key = undefined;
  }
  const cached = key ? parseCache.get(key) : undefined;
  if (cached) return cached;
  const result = await loadConfigFileUncached(file, limits);
  if (key) parseCache.set(key, result);
  return result;
}

const parseCache = new Map<string, { file?: ConfigFile; errors: LoadError[] }>();

async function loadConfigFileUncached(file: string, limits: LoadLimits): Promise<{ file?: ConfigFile; errors: LoadError[] }> {
  const read = readSourceFile(file, limits);
  if ('error' in read) return { errors: [read.error] };
  const { text } = read;

  if (file.endsWith('.tf.json')) {
    try {
      return { file: parseJsonFile(file, text), errors: [] };
    } catch (err) {
      if (err instanceof HclSyntaxError) return { errors: [{ file, line: err.line, column: err.column, message: err.message }] };
      return { errors: [{ file, message: `internal parser error: ${errorMessage(err)}` }] };
    }
  }

  let parsed: ConfigFile | undefined;
  let ownFailure: unknown;
  try {
    parsed = parseNativeFile(file, text);
  } catch (err) {
    ownFailure = err;
  }
  if (parsed && file.endsWith('.tf')) {
    const labelErrors = checkTopLevelLabels(parsed);
    if (labelErrors.length > 0) return { errors: labelErrors };
  }
  // The clean path of every scan: our parser accepted the file, and it accepts only what HashiCorp's does.
  if (parsed && !limits.strict) return { file: parsed, errors: [] };
  // A limit (nesting, line length) is ours to report: HashiCorp's parser might exhaust its stack on the same input.
  if (ownFailure instanceof HclLimitError) return { errors: [{ file, line: ownFailure.line, column: ownFailure.column, message: ownFailure.message }] };

  const hashicorp = await checkWithHashicorp(file, text);
  if (hashicorp.kind === 'rejected') return { errors: hashicorp.errors }; // the file is invalid: say it as Terraform does
  const errors: LoadError[] = [];
  if (ownFailure instanceof HclSyntaxError) {
    // Only when HashiCorp's parser accepted the file do we know the fault is ours.
    const prefix = hashicorp.kind === 'accepted' ? OWN_PARSER_BUG_PREFIX : '';
    errors.push({ file, line: ownFailure.line, column: ownFailure.column, message: prefix + ownFailure.message });
  } else if (ownFailure !== undefined) {
    errors.push({ file, message: `internal parser error: ${errorMessage(ownFailure)}` });
  }
  // Under --strict a file HashiCorp's parser could not handle is not scanned; otherwise our parser's error stands.
  if (hashicorp.kind === 'failed' && (errors.length === 0 || limits.strict)) errors.push({ file, message: `internal parser error: ${hashicorp.message}` });
  return errors.length > 0 ? { errors } : { file: parsed, errors };
}

const LABEL_NAMES: Record<number, string> = { 1: 'name', 2: 'type, name' };

/**
 * Terraform rejects a top-level block with the wrong number of labels (`variable {}`,
 * `resource "aws_s3_bucket" {}`) when it decodes the file; HCL's syntax allows them, so the parsers
 * cannot. Checked here so such a file is never scanned as valid.
 */
function checkTopLevelLabels(parsed: ConfigFile): LoadError[] {
  const errors: LoadError[] = [];
  for (const block of parsed.body.blocks) {
    const want = LABEL_COUNTS[block.type];
    if (want === undefined || block.labels.length === want) continue;
    const labels = want === 0 ? 'no labels' : `${want} label${want === 1 ? '' : 's'} (${LABEL_NAMES[want]})`;
    const message =
      block.labels.length < want
        ? `Missing name for ${block.type}; All ${block.type} blocks must have ${labels}.`
        : `Extraneous label for ${block.type}; Only ${labels} ${want === 1 ? 'is' : 'are'} expected.`;
    errors.push({ file: parsed.path, line: block.range.start.line, column: block.range.start.column, message });
  }
  return errors;
}

/** All Terraform files of a module directory; one bad file never loses the others. */
export async function loadModuleDir(dir: string, limits: LoadLimits = DEFAULT_LIMITS): Promise<{ files: ConfigFile[]; errors: LoadError[] }> {
  const listed = listConfigFiles(dir);
  const files: ConfigFile[] = [];
  const errors: LoadError[] = [...listed.errors];
  for (const name of listed.files) {
    const loaded = await loadConfigFile(name, limits);
    if (loaded.file) files.push(loaded.file);
    errors.push(...loaded.errors);
  }
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, errors };
}

/**
 * A directory's files read with tomguard's own parsers only, for discovering what calls what: `--changed`
 * reads the whole repository to find a module's callers but scans only a few roots, and HashiCorp's
 * confirmation (most of a load's time) is left to the scan of those. Never use this for what is
 * scanned. A file our parser cannot read gets the full load.
 */
export async function peekModuleDir(dir: string, limits: LoadLimits = DEFAULT_LIMITS): Promise<ConfigFile[]> {
  const out: ConfigFile[] = [];
  for (const file of listConfigFiles(dir).files) {
    const read = readSourceFile(file, limits);
    if ('text' in read) {
      try {
        out.push(file.endsWith('.tf.json') ? parseJsonFile(file, read.text) : parseNativeFile(file, read.text));
        continue;
      } catch {
        // the full load below reports the problem the way a scan would
      }
    }
    const loaded = await loadConfigFile(file, limits);
    if (loaded.file) out.push(loaded.file);
  }
  return out;
}
