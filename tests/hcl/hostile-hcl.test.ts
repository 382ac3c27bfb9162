/**
 * Hostile inputs: each gives one exact, positioned error and never a stack overflow, a hang or a
 * whole 100 MB file in memory. The limits live in src/hcl/native-parser.ts (MAX_NESTING,
 * MAX_OPERATOR_CHAIN, MAX_LINE_LENGTH), src/hcl/json-parser.ts and src/hcl/load-files.ts.
 */
import * as path from 'node:path';
import { loadConfigFile, LoadError } from '../../src/hcl/load-files';
import { runCli } from '../helpers/cli';
import { writeTree } from '../helpers/tmp-tree';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const realFs = require('fs') as typeof import('fs');

const DEEP = 10_000;
const NESTING = 'Nesting too deep: more than 256 levels of blocks, brackets, parentheses, objects or templates. Terraform configurations are never nested this deeply; flatten this part of the file.';
const JSON_NESTING = 'Nesting too deep: more than 256 levels of arrays and objects. Terraform configurations are never nested this deeply; flatten this part of the file.';

/** name, file name, content, then the expected error's line, column and message. */
const HOSTILE: [string, string, string | Buffer, number | undefined, number | undefined, string][] = [
  ['10,000 nested blocks', 'main.tf', 'a {\n'.repeat(DEEP) + '}\n'.repeat(DEEP), 257, 3, NESTING],
  ['10,000 nested brackets', 'main.tf', 'x = ' + '['.repeat(DEEP) + ']'.repeat(DEEP) + '\n', 1, 261, NESTING],
  ['10,000 nested parentheses', 'main.tf', 'x = ' + '('.repeat(DEEP) + '1' + ')'.repeat(DEEP) + '\n', 1, 261, NESTING],
  ['10,000 nested objects', 'main.tf', 'x = ' + '{a = '.repeat(DEEP) + '1' + '}'.repeat(DEEP) + '\n', 1, 1285, NESTING],
  ['10,000 nested interpolations', 'main.tf', 'x = ' + '"${'.repeat(DEEP) + '1' + '}"'.repeat(DEEP) + '\n', 1, 773, NESTING],
  ['10,000 unary operators', 'main.tf', 'x = ' + '!'.repeat(DEEP) + 'true\n', 1, 260, NESTING],
  ['2,000 chained operators', 'main.tf', 'x = ' + Array(2000).fill('1').join('+') + '\n', 1, 2054, 'Expression too long: more than 1024 "+" operators in a row. Split it into locals.'],
  ['10,000 nested .tf.json arrays', 'main.tf.json', '{"locals": {"x": ' + '['.repeat(DEEP) + ']'.repeat(DEEP) + '}}', 1, 272, JSON_NESTING],
  ['10,000 nested .tf.json objects', 'main.tf.json', '{"locals": {"x": ' + '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP) + '}}', 1, 1288, JSON_NESTING],
  [
    '1 MB single line',
    'main.tf',
    'x = "' + 'a'.repeat(1024 * 1024) + '"\n',
    1,
    262145,
    'Line too long: line 1 has 1048582 characters, over the limit of 262144 for one line of HCL. Break it over several lines (generated data belongs in a .json file read with file()).',
  ],
  ['NUL byte', 'main.tf', Buffer.from('x = 1\ny = "\u0000"\n', 'latin1'), 2, 6, 'binary file, not Terraform source'],
  ['invalid UTF-8', 'main.tf', Buffer.from([0x78, 0x20, 0x3d, 0x20, 0x22, 0xff, 0x22, 0x0a]), 1, 6, 'not valid UTF-8 at line 1, column 6: save the file as UTF-8'],
];

describe('hostile HCL and JSON inputs', () => {
  it.each(HOSTILE)('%s: one clear error with its position', async (_name, fileName, content, line, column, message) => {
    const dir = writeTree({ [fileName]: content });
    const file = path.join(dir, fileName);
    const expected: LoadError = { file, ...(line !== undefined ? { line, column } : {}), message };
    expect(await loadConfigFile(file)).toEqual({ errors: [expected] });
  });

  it('a 100 MB file: the size-limit error, decided from its size without reading it', async () => {
    const dir = writeTree({});
    const file = path.join(dir, 'main.tf');
    realFs.writeFileSync(file, '');
    realFs.truncateSync(file, 100 * 1024 * 1024); // sparse: instant, no disk space used
    const reads = jest.spyOn(realFs, 'readSync');
    try {
      expect(await loadConfigFile(file)).toEqual({
        errors: [{ file, message: 'file is 104857600 bytes, over the 5 MB limit (raise it with --max-file-size)' }],
      });
      expect(reads).not.toHaveBeenCalled();
      // The spy does see reads: a small file is read through it.
      const small = path.join(dir, 'small.tf');
      realFs.writeFileSync(small, 'x = 1\n');
      expect((await loadConfigFile(small)).errors).toEqual([]);
      expect(reads).toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });

  it('deeply nested terraform.tfvars: the nesting error from a scan, with its position', async () => {
    const dir = writeTree({
      'main.tf': 'variable "v" {}\n',
      'terraform.tfvars': 'v = ' + '['.repeat(DEEP) + ']'.repeat(DEEP) + '\n',
    });
    const result = await runCli(['scan', dir, '--format', 'json'], path.dirname(dir));
    expect(result.code).toBe(2);
    const report = JSON.parse(result.out) as { errors: LoadError[] };
    expect(report.errors).toEqual([{ file: `${path.basename(dir)}/terraform.tfvars`, line: 1, column: 261, message: NESTING, severity: 'error' }]);
  });

  it('deeply nested terraform.tfvars.json is read without a crash', async () => {
    const dir = writeTree({
      'main.tf': 'variable "v" {}\n',
      'terraform.tfvars.json': '{"v": ' + '['.repeat(DEEP) + ']'.repeat(DEEP) + '}',
    });
    const result = await runCli(['scan', dir, '--format', 'json'], path.dirname(dir));
    expect(result.err).toBe('');
    expect((JSON.parse(result.out) as { errors: LoadError[] }).errors).toEqual([]);
  });
});
