import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import * as jsonParser from '../../src/hcl/json-parser';
import * as nativeParser from '../../src/hcl/native-parser';
import { HclSyntaxError } from '../../src/hcl/source-text';
import {
  DEFAULT_LIMITS,
  OWN_PARSER_BUG_PREFIX,
  firstInvalidUtf8Offset,
  listConfigFiles,
  loadConfigFile,
  loadModuleDir,
  parseHashicorpDiagnostics,
  readSourceFile,
} from '../../src/hcl/load-files';

const GOOD_TF = 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n';
const GOOD_JSON = '{\n  "resource": {\n    "aws_s3_bucket": {\n      "data": { "bucket": "data" }\n    }\n  }\n}\n';
const BROKEN_TF = 'resource "aws_s3_bucket" "b" {\n  bucket = \n}\n';
const INVALID_EXPRESSION = 'Invalid expression; Expected the start of an expression, but found an invalid expression token.';
const BROKEN_JSON = '{\n  "resource": {\n    "aws_s3_bucket": { "b": { "bucket": "x", } }\n  }\n}\n';
const isRoot = process.getuid?.() === 0;
/** The real `fs` module object (the `import * as fs` namespace above has read-only bindings that cannot be spied on). */
const realFs = jest.requireActual<typeof fs>('fs');

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-load-'));
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

function readText(file: string, limits = DEFAULT_LIMITS): string {
  const r = readSourceFile(file, limits);
  if ('error' in r) throw new Error(`unexpected error: ${r.error.message}`);
  return r.text;
}

function readError(file: string, limits = DEFAULT_LIMITS) {
  const r = readSourceFile(file, limits);
  if (!('error' in r)) throw new Error('expected an error');
  return r.error;
}

function errnoError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

describe('loadConfigFile: parsing', () => {
  it('loads a good .tf file with the path exactly as given', async () => {
    const file = write('main.tf', GOOD_TF);
    const r = await loadConfigFile(file);
    expect(r.errors).toEqual([]);
    expect(r.file?.path).toBe(file);
    expect(r.file?.syntax).toBe('hcl');
    expect(r.file?.body.blocks.map((b) => [b.type, ...b.labels])).toEqual([['resource', 'aws_s3_bucket', 'logs']]);
    expect(r.file?.body.blocks[0].body.attributes[0].range.start).toEqual({ line: 2, column: 3, offset: 36 });
  });

  it('keeps a relative path relative', async () => {
    const file = path.relative(process.cwd(), write('main.tf', GOOD_TF));
    expect(path.isAbsolute(file)).toBe(false);
    const r = await loadConfigFile(file);
    expect(r.errors).toEqual([]);
    expect(r.file?.path).toBe(file);
  });

  it('loads a good .tf.json file', async () => {
    const file = write('main.tf.json', GOOD_JSON);
    const r = await loadConfigFile(file);
    expect(r.errors).toEqual([]);
    expect(r.file?.path).toBe(file);
    expect(r.file?.syntax).toBe('json');
    expect(r.file?.body.blocks.map((b) => [b.type, ...b.labels])).toEqual([['resource', 'aws_s3_bucket', 'data']]);
  });

  it("reports a broken .tf file with HashiCorp's diagnostic, exact line and column", async () => {
    const file = write('broken.tf', BROKEN_TF);
    expect(await loadConfigFile(file)).toEqual({ errors: [{ file, line: 2, column: 12, message: INVALID_EXPRESSION }] });
  });

  it('reports every HashiCorp diagnostic of a file', async () => {
    const file = write('chars.tf', 'a = 1\n\n\n  @\n');
    expect(await loadConfigFile(file)).toEqual({
      errors: [
        { file, line: 4, column: 3, message: 'Invalid character; This character is not used within the language.' },
        { file, line: 4, column: 3, message: 'Argument or block definition required; An argument or block definition is required here.' },
      ],
    });
  });

  it('rejects what Terraform rejects even when our parser would accept it (redefined attribute)', async () => {
    const file = write('dup.tf', 'a = 1\na = 2\n');
    expect(await loadConfigFile(file)).toEqual({
      errors: [
        {
          file,
          line: 2,
          column: 1,
          message: 'Attribute redefined; The argument "a" was already set at dup.tf:1,1-2. Each argument may be set only once.',
        },
      ],
    });
  });

  it('under --strict rejects what Terraform rejects even when our parser returns a tree (validation is not skipped)', async () => {
    const fakeTree = { path: 'x', body: { attributes: [], blocks: [], range: {} }, comments: [], syntax: 'hcl' } as never;
    jest.spyOn(nativeParser, 'parseNativeFile').mockReturnValue(fakeTree);
    const file = write('broken.tf', BROKEN_TF);
    expect(await loadConfigFile(file, { ...DEFAULT_LIMITS, strict: true })).toEqual({ errors: [{ file, line: 2, column: 12, message: INVALID_EXPRESSION }] });
    // Without --strict our parser is the authority: its tree is used as it is.
    expect(await loadConfigFile(file)).toEqual({ file: fakeTree, errors: [] });
  });

  it('does not load HashiCorp\'s parser for a file ours accepts, and loads it to word an error', async () => {
    await jest.isolateModulesAsync(async () => {
      const loaded: string[] = [];
      jest.doMock('@cdktn/hcl2json', () => {
        loaded.push('@cdktn/hcl2json');
        return jest.requireActual('@cdktn/hcl2json');
      });
      const isolated = jest.requireActual<typeof import('../../src/hcl/load-files')>('../../src/hcl/load-files');
      const good = await isolated.loadConfigFile(write('main.tf', GOOD_TF));
      expect(good.errors).toEqual([]);
      expect(loaded).toEqual([]);
      const broken = write('broken.tf', BROKEN_TF);
      expect(await isolated.loadConfigFile(broken)).toEqual({ errors: [{ file: broken, line: 2, column: 12, message: INVALID_EXPRESSION }] });
      expect(loaded).toEqual(['@cdktn/hcl2json']);
    });
    jest.dontMock('@cdktn/hcl2json');
  });

  it('reports our own parse failure on HCL that HashiCorp accepts, asking for a report', async () => {
    const file = write('main.tf', GOOD_TF);
    jest.spyOn(nativeParser, 'parseNativeFile').mockImplementation((p) => {
      throw new HclSyntaxError('Expected something else.', p, 2, 5);
    });
    expect(await loadConfigFile(file)).toEqual({
      errors: [{ file, line: 2, column: 5, message: `${OWN_PARSER_BUG_PREFIX}Expected something else.` }],
    });
    expect(OWN_PARSER_BUG_PREFIX).toBe('tomguard could not parse this valid HCL (please report): ');
  });

  it('rejects top-level blocks with the wrong number of labels, as Terraform does when it decodes the file', async () => {
    const file = write('labels.tf', 'variable {}\nresource "aws_s3_bucket" {}\nlocals "x" {}\noutput "a" "b" {}\nmodule "m" {\n  source = "./m"\n}\n');
    expect(await loadConfigFile(file)).toEqual({
      errors: [
        { file, line: 1, column: 1, message: 'Missing name for variable; All variable blocks must have 1 label (name).' },
        { file, line: 2, column: 1, message: 'Missing name for resource; All resource blocks must have 2 labels (type, name).' },
        { file, line: 3, column: 1, message: 'Extraneous label for locals; Only no labels are expected.' },
        { file, line: 4, column: 1, message: 'Extraneous label for output; Only 1 label (name) is expected.' },
      ],
    });
  });

  it('turns an unexpected exception in our parser into an internal parser error', async () => {
    const file = write('main.tf', GOOD_TF);
    jest.spyOn(nativeParser, 'parseNativeFile').mockImplementation(() => {
      throw new TypeError('boom');
    });
    expect(await loadConfigFile(file)).toEqual({ errors: [{ file, message: 'internal parser error: boom' }] });
  });

  it("prefers HashiCorp's diagnostic when our parser crashes on a file that is invalid anyway", async () => {
    const file = write('broken.tf', BROKEN_TF);
    jest.spyOn(nativeParser, 'parseNativeFile').mockImplementation(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    expect(await loadConfigFile(file)).toEqual({ errors: [{ file, line: 2, column: 12, message: INVALID_EXPRESSION }] });
  });

  it('turns a failure of the HashiCorp parser itself into an internal parser error and returns no file', async () => {
    await jest.isolateModulesAsync(async () => {
      jest.doMock('@cdktn/hcl2json', () => ({
        parse: () => Promise.reject(new Error('Go program has already exited')),
      }));
      const isolated = jest.requireActual<typeof import('../../src/hcl/load-files')>('../../src/hcl/load-files');
      const file = write('main.tf', GOOD_TF);
      expect(await isolated.loadConfigFile(file, { ...DEFAULT_LIMITS, strict: true })).toEqual({
        errors: [{ file, message: 'internal parser error: HashiCorp parser failed: Go program has already exited' }],
      });
      // Our syntax error is then reported as is: without HashiCorp's verdict we cannot call it our bug.
      const broken = write('broken.tf', BROKEN_TF);
      expect(await isolated.loadConfigFile(broken)).toEqual({
        errors: [{ file: broken, line: 2, column: 12, message: 'Expected an expression, found newline.' }],
      });
    });
    jest.dontMock('@cdktn/hcl2json');
  });

  it('turns an unexpected exception in the JSON parser into an internal parser error', async () => {
    jest.spyOn(jsonParser, 'parseJsonFile').mockImplementation(() => {
      throw new Error('kaput');
    });
    const file = write('main.tf.json', GOOD_JSON);
    expect(await loadConfigFile(file)).toEqual({ errors: [{ file, message: 'internal parser error: kaput' }] });
  });

  it('reports broken JSON with the JSON parser position', async () => {
    const file = write('broken.tf.json', BROKEN_JSON);
    expect(await loadConfigFile(file)).toEqual({
      errors: [{ file, line: 3, column: 46, message: 'Invalid JSON: a quoted property name was expected here.' }],
    });
  });

  it('reports read errors from loadConfigFile without parsing', async () => {
    const file = write('bin.tf', Buffer.from('a = 1\n\u0000\u0001', 'latin1'));
    expect(await loadConfigFile(file)).toEqual({ errors: [{ file, line: 2, column: 1, message: 'binary file, not Terraform source' }] });
  });
});

describe('readSourceFile: decoding', () => {
  it('rejects binary files (NUL bytes)', () => {
    const file = write('bin.tf', Buffer.from([0x61, 0x20, 0x3d, 0x20, 0x31, 0x0a, 0x00, 0x01, 0x02]));
    expect(readError(file)).toEqual({ file, line: 2, column: 1, message: 'binary file, not Terraform source' });
  });

  it('finds a NUL byte far beyond the first 8 KiB', () => {
    const file = write('late.tf', Buffer.concat([Buffer.from('# x\n'.repeat(5000)), Buffer.from([0])]));
    expect(readError(file).message).toBe('binary file, not Terraform source');
  });

  it('recognises UTF-16 text without a byte order mark', () => {
    const file = write('u16.tf', Buffer.from('a = 1\nb = 2\n', 'utf16le'));
    expect(readError(file)).toEqual({ file, message: 'looks like UTF-16 text without a byte order mark: save the file as UTF-8' });
  });

  it('reports invalid UTF-8 with the line and column of the first bad byte', () => {
    // Line 2 is `b = "hé` (7 characters) then the bad byte 0xFF.
    const file = write('latin.tf', Buffer.from([...Buffer.from('a = 1\nb = "h\u00e9'), 0xff, ...Buffer.from('"\n')]));
    expect(readError(file)).toEqual({ file, line: 2, column: 8, message: 'not valid UTF-8 at line 2, column 8: save the file as UTF-8' });
  });

  it('counts columns in UTF-16 code units like the syntax tree (an emoji is two)', () => {
    const file = write('emoji.tf', Buffer.concat([Buffer.from('x = "\u{1F600}'), Buffer.from([0xc3, 0x28])]));
    expect(readError(file).message).toBe('not valid UTF-8 at line 1, column 8: save the file as UTF-8');
  });

  it('reports a truncated multi-byte sequence at the end of the file', () => {
    const file = write('trunc.tf', Buffer.from([0x61, 0x0a, 0x0a, 0x62, 0x20, 0xe2, 0x82]));
    expect(readError(file).message).toBe('not valid UTF-8 at line 3, column 3: save the file as UTF-8');
  });

  it('strips a UTF-8 byte order mark', async () => {
    const file = write('bom.tf', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOOD_TF)]));
    expect(readText(file)).toBe(GOOD_TF);
    const r = await loadConfigFile(file);
    expect(r.errors).toEqual([]);
    expect(r.file?.body.blocks[0].range.start).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it('decodes and parses a UTF-16LE file with a byte order mark', async () => {
    const source = 'resource "aws_s3_bucket" "b" {\n  bucket = "caf\u00e9-\u{1F600}"\n}\n';
    const file = write('u16le.tf', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(source, 'utf16le')]));
    expect(readText(file)).toBe(source);
    const r = await loadConfigFile(file);
    expect(r.errors).toEqual([]);
    const bucket = r.file?.body.blocks[0].body.attributes[0];
    expect(bucket?.name).toBe('bucket');
    expect(bucket?.expr).toMatchObject({ kind: 'literal', value: 'caf\u00e9-\u{1F600}' });
  });

  it('decodes a UTF-16BE file with a byte order mark', () => {
    const le = Buffer.from('a = "\u00e9"\n', 'utf16le');
    const be = Buffer.from(le).swap16();
    const file = write('u16be.tf', Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    expect(readText(file)).toBe('a = "\u00e9"\n');
  });

  it('rejects broken UTF-16 (a lone surrogate) despite its byte order mark', () => {
    const file = write('bad16.tf', Buffer.from([0xff, 0xfe, 0x61, 0x00, 0x00, 0xd8, 0x62, 0x00]));
    expect(readError(file).message).toBe('not valid UTF-16LE text despite its byte order mark: save the file as UTF-8');
  });

  it('rejects a file over the size limit', () => {
    const file = write('big.tf', '#'.repeat(150));
    expect(readError(file, { maxFileBytes: 100 })).toEqual({
      file,
      message: 'file is 150 bytes, over the 100-byte limit (raise it with --max-file-size)',
    });
    expect(readText(file, { maxFileBytes: 150 })).toBe('#'.repeat(150));
  });

  it('applies the 5 MB default limit', async () => {
    expect(DEFAULT_LIMITS).toEqual({ maxFileBytes: 5 * 1024 * 1024 });
    const file = path.join(tmp, 'huge.tf');
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 5 * 1024 * 1024 + 1); // sparse: cheap to create
    const expected = { file, message: 'file is 5242881 bytes, over the 5 MB limit (raise it with --max-file-size)' };
    expect(readError(file)).toEqual(expected);
    expect(await loadConfigFile(file, { maxFileBytes: 100 })).toEqual({
      errors: [{ file, message: 'file is 5242881 bytes, over the 100-byte limit (raise it with --max-file-size)' }],
    });
  });
});

describe('readSourceFile: file system', () => {
  it('reports a symlink loop', () => {
    const a = path.join(tmp, 'a.tf');
    const b = path.join(tmp, 'b.tf');
    fs.symlinkSync(b, a);
    fs.symlinkSync(a, b);
    expect(readError(a)).toEqual({ file: a, message: 'cannot read file: symlink loop' });
  });

  it('follows a symlink to a regular file', () => {
    const target = write('real.tf', GOOD_TF);
    const link = path.join(tmp, 'link.tf');
    fs.symlinkSync(target, link);
    expect(readText(link)).toBe(GOOD_TF);
  });

  it('reports a broken symlink and a missing file', () => {
    const link = path.join(tmp, 'dangling.tf');
    fs.symlinkSync(path.join(tmp, 'nowhere.tf'), link);
    expect(readError(link)).toEqual({ file: link, message: 'cannot read file: broken symlink (its target does not exist)' });
    const missing = path.join(tmp, 'missing.tf');
    expect(readError(missing)).toEqual({ file: missing, message: 'cannot read file: no such file or directory' });
  });

  it('rejects a directory named x.tf as not a regular file', async () => {
    const dir = path.join(tmp, 'x.tf');
    fs.mkdirSync(dir);
    expect(readError(dir)).toEqual({ file: dir, message: 'not a regular file: it is a directory' });
    expect(await loadConfigFile(dir)).toEqual({ errors: [{ file: dir, message: 'not a regular file: it is a directory' }] });
  });

  it('rejects a named pipe without blocking on it', () => {
    if (process.platform === 'win32') return; // no mkfifo on Windows
    const fifo = path.join(tmp, 'pipe.tf');
    execFileSync('mkfifo', [fifo]);
    expect(readError(fifo)).toEqual({ file: fifo, message: 'not a regular file: it is a named pipe' });
  });

  it('handles an unreadable file (chmod 000) according to who runs the tests', () => {
    const file = write('secret.tf', GOOD_TF);
    fs.chmodSync(file, 0o000);
    if (isRoot) {
      // root bypasses file permissions, so the file is still readable: that is correct behaviour, not a skip.
      expect(readText(file)).toBe(GOOD_TF);
    } else {
      expect(readError(file)).toEqual({ file, message: 'cannot read file: permission denied' });
    }
  });

  it('reports permission denied (simulated EACCES, so it is checked even as root)', () => {
    const file = write('secret.tf', GOOD_TF);
    jest.spyOn(realFs, 'openSync').mockImplementation(() => {
      throw errnoError('EACCES');
    });
    expect(readError(file)).toEqual({ file, message: 'cannot read file: permission denied' });
  });

  it('reports other read errors with their message', () => {
    const file = write('io.tf', GOOD_TF);
    jest.spyOn(realFs, 'readSync').mockImplementation(() => {
      throw errnoError('EIO');
    });
    expect(readError(file)).toEqual({ file, message: 'cannot read file: EIO: simulated' });
  });
});

describe('listConfigFiles', () => {
  it('lists *.tf and *.tf.json directly inside the directory, sorted, skipping hidden and other files', () => {
    for (const name of ['variables.tf', 'main.tf', 'b.tf.json', 'README.md', 'main.tf.bak', '.hidden.tf', 'terraform.tfvars', 'x.tfjson']) {
      write(name, GOOD_TF);
    }
    fs.mkdirSync(path.join(tmp, 'sub'));
    write('sub/nested.tf', GOOD_TF);
    fs.mkdirSync(path.join(tmp, '.terraform'));
    write('.terraform/cached.tf', GOOD_TF);
    expect(listConfigFiles(tmp)).toEqual({
      files: ['b.tf.json', 'main.tf', 'variables.tf'].map((n) => path.join(tmp, n)),
      errors: [],
    });
  });

  it('keeps the directory as given (relative, trailing slash)', () => {
    write('main.tf', GOOD_TF);
    const rel = path.relative(process.cwd(), tmp);
    expect(listConfigFiles(rel).files).toEqual([`${rel}${path.sep}main.tf`]);
    expect(listConfigFiles(`${tmp}/`).files).toEqual([`${tmp}/main.tf`]);
  });

  it('skips a directory named x.tf, as Terraform does', () => {
    fs.mkdirSync(path.join(tmp, 'x.tf'));
    expect(listConfigFiles(tmp)).toEqual({ files: [], errors: [] });
  });

  it('reports symlink loops and broken symlinks instead of listing them', () => {
    const a = path.join(tmp, 'a.tf');
    const b = path.join(tmp, 'b.tf');
    fs.symlinkSync(b, a);
    fs.symlinkSync(a, b);
    fs.symlinkSync(path.join(tmp, 'gone.tf'), path.join(tmp, 'c.tf'));
    expect(listConfigFiles(tmp)).toEqual({
      files: [],
      errors: [
        { file: a, message: 'cannot read file: symlink loop' },
        { file: b, message: 'cannot read file: symlink loop' },
        { file: path.join(tmp, 'c.tf'), message: 'cannot read file: broken symlink (its target does not exist)' },
      ],
    });
  });

  it('reports a missing directory, a file given as directory and a directory symlink loop', () => {
    const missing = path.join(tmp, 'nope');
    expect(listConfigFiles(missing)).toEqual({ files: [], errors: [{ file: missing, message: 'cannot read directory: no such file or directory' }] });
    const file = write('main.tf', GOOD_TF);
    expect(listConfigFiles(file)).toEqual({ files: [], errors: [{ file, message: 'cannot read directory: not a directory' }] });
    const d1 = path.join(tmp, 'd1');
    const d2 = path.join(tmp, 'd2');
    fs.symlinkSync(d2, d1);
    fs.symlinkSync(d1, d2);
    expect(listConfigFiles(d1)).toEqual({ files: [], errors: [{ file: d1, message: 'cannot read directory: symlink loop' }] });
  });
});

describe('loadModuleDir', () => {
  it('returns the good files and an error for each bad one', async () => {
    write('main.tf', GOOD_TF);
    write('data.tf.json', GOOD_JSON);
    write('broken.tf', BROKEN_TF);
    write('broken.tf.json', BROKEN_JSON);
    write('bin.tf', Buffer.from([0x00, 0x01]));
    write('latin.tf', Buffer.from([0x61, 0x3d, 0xe9, 0x0a]));
    write('big.tf', `# ${'x'.repeat(200)}\n`);
    write('.hidden.tf', BROKEN_TF);
    fs.symlinkSync(path.join(tmp, 'loop2.tf'), path.join(tmp, 'loop1.tf'));
    fs.symlinkSync(path.join(tmp, 'loop1.tf'), path.join(tmp, 'loop2.tf'));
    fs.mkdirSync(path.join(tmp, 'dir.tf'));
    const p = (n: string) => path.join(tmp, n);

    const r = await loadModuleDir(tmp, { maxFileBytes: 100 });
    expect(r.files.map((f) => [f.path, f.syntax])).toEqual([
      [p('data.tf.json'), 'json'],
      [p('main.tf'), 'hcl'],
    ]);
    expect(r.errors).toEqual([
      { file: p('big.tf'), message: 'file is 203 bytes, over the 100-byte limit (raise it with --max-file-size)' },
      { file: p('bin.tf'), line: 1, column: 1, message: 'binary file, not Terraform source' },
      { file: p('broken.tf'), line: 2, column: 12, message: INVALID_EXPRESSION },
      { file: p('broken.tf.json'), line: 3, column: 46, message: 'Invalid JSON: a quoted property name was expected here.' },
      { file: p('latin.tf'), line: 1, column: 3, message: 'not valid UTF-8 at line 1, column 3: save the file as UTF-8' },
      { file: p('loop1.tf'), message: 'cannot read file: symlink loop' },
      { file: p('loop2.tf'), message: 'cannot read file: symlink loop' },
    ]);
  });

  it('returns the listing error for an unreadable directory', async () => {
    const missing = path.join(tmp, 'nope');
    expect(await loadModuleDir(missing)).toEqual({ files: [], errors: [{ file: missing, message: 'cannot read directory: no such file or directory' }] });
  });

  it('returns nothing for an empty directory', async () => {
    expect(await loadModuleDir(tmp)).toEqual({ files: [], errors: [] });
  });
});

describe('parseHashicorpDiagnostics', () => {
  it('splits several diagnostics and keeps the caller path', () => {
    const msg =
      'parse config: [bad.tf:1,18-2,1: Invalid multi-line string; Quoted strings may not be split. ' +
      'bad.tf:2,6-3,1: Unterminated template string; No closing marker was found for the string.]';
    expect(parseHashicorpDiagnostics(msg, 'bad.tf', 'mod/bad.tf')).toEqual([
      { file: 'mod/bad.tf', line: 1, column: 18, message: 'Invalid multi-line string; Quoted strings may not be split.' },
      { file: 'mod/bad.tf', line: 2, column: 6, message: 'Unterminated template string; No closing marker was found for the string.' },
    ]);
  });

  it('accepts diagnostics separated by ", " or "; " and single-column ranges', () => {
    const msg = 'parse config: [a.tf:3,1-1: First; one., a.tf:4,2-3: Second; two.; a.tf:5,7-6,1: Third; three.]';
    expect(parseHashicorpDiagnostics(msg, 'a.tf', 'a.tf')?.map((d) => [d.line, d.column, d.message])).toEqual([
      [3, 1, 'First; one.'],
      [4, 2, 'Second; two.'],
      [5, 7, 'Third; three.'],
    ]);
  });

  it('handles file names with spaces, commas and regex characters, and references inside details', () => {
    const msg = 'parse config: [my (1), x+.tf:2,1-2: Attribute redefined; The argument "a" was already set at my (1), x+.tf:1,1-2. Each argument may be set only once.]';
    expect(parseHashicorpDiagnostics(msg, 'my (1), x+.tf', '/abs/my (1), x+.tf')).toEqual([
      {
        file: '/abs/my (1), x+.tf',
        line: 2,
        column: 1,
        message: 'Attribute redefined; The argument "a" was already set at my (1), x+.tf:1,1-2. Each argument may be set only once.',
      },
    ]);
  });

  it('keeps a diagnostic without a source range as a message, and ignores other errors', () => {
    expect(parseHashicorpDiagnostics('parse config: [Something failed; badly.]', 'a.tf', 'a.tf')).toEqual([{ file: 'a.tf', message: 'Something failed; badly.' }]);
    expect(parseHashicorpDiagnostics('Maximum call stack size exceeded', 'a.tf', 'a.tf')).toBeUndefined();
    expect(parseHashicorpDiagnostics('parse config: []', 'a.tf', 'a.tf')).toBeUndefined();
  });
});

describe('firstInvalidUtf8Offset', () => {
  it('agrees with the fatal TextDecoder on edge cases and random bytes', () => {
    const fixed: number[][] = [
      [0xc0, 0x80], // overlong
      [0xe0, 0x80, 0x80], // overlong
      [0xed, 0xa0, 0x80], // surrogate
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xf0, 0x9f, 0x98, 0x80], // valid emoji
      [0x41, 0xe2, 0x82, 0xac, 0x80], // stray continuation
      [0xf5, 0x80, 0x80, 0x80],
    ];
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0xff;
    const randomCases = Array.from({ length: 3000 }, () =>
      Array.from({ length: 1 + (rand() % 8) }, () => (rand() < 128 ? 0x80 | rand() % 64 : rand())),
    );
    for (const bytes of [...fixed, ...randomCases]) {
      const u8 = Uint8Array.from(bytes);
      const off = firstInvalidUtf8Offset(u8);
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(u8);
      } catch {
        valid = false;
      }
      expect([bytes, off === -1]).toEqual([bytes, valid]);
      if (off >= 0) {
        // The prefix before the reported byte is valid; the reported byte starts the problem.
        expect(() => new TextDecoder('utf-8', { fatal: true }).decode(u8.subarray(0, off))).not.toThrow();
      }
    }
  });
});
