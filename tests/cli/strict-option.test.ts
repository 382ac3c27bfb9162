import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { writeTree } from '../helpers/tmp-tree';

const VALID = 'resource "aws_s3_bucket" "b" {\n  bucket = "data"\n}\n';

describe('scan --strict', () => {
  it('gives the same report as a default scan on a valid root', async () => {
    const dir = writeTree({ 'main.tf': VALID });
    const plain = await runCli(['scan', dir, '--format', 'json'], path.dirname(dir));
    const strict = await runCli(['scan', dir, '--format', 'json', '--strict'], path.dirname(dir));
    expect(strict.code).toBe(plain.code);
    expect(JSON.parse(strict.out)).toEqual(JSON.parse(plain.out));
    expect(JSON.parse(strict.out).errors).toEqual([]);
  });

  it('can be set in .tomguard.yml', async () => {
    const dir = writeTree({ 'main.tf': 'a = 1\na = 2\n', '.tomguard.yml': 'strict: true\n' });
    const result = await runCli(['scan', '.', '--format', 'json'], dir);
    expect(result.err).toBe('');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.out).errors).toEqual([
      {
        file: 'main.tf',
        line: 2,
        column: 1,
        message: 'Attribute redefined; The argument "a" was already set at main.tf:1,1-2. Each argument may be set only once.',
        severity: 'error',
      },
    ]);
  });
});
