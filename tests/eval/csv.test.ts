/**
 * csvdecode on csv-parse (src/eval/csv.ts), read as Go's encoding/csv reads it. tests/eval/functions.test.ts
 * keeps the basic cases.
 */
import { FUNCTIONS } from '../../src/eval/functions';
import { EvalError, Value } from '../../src/eval/value';

function csvdecode(text: string): Value {
  return FUNCTIONS.csvdecode([text], { moduleDir: '/', repoRoot: '/', renderTemplate: () => null });
}

function errorOf(text: string): string {
  try {
    csvdecode(text);
  } catch (e) {
    expect(e).toBeInstanceOf(EvalError);
    return (e as Error).message;
  }
  throw new Error('csvdecode did not fail');
}

describe('csvdecode', () => {
  it.each<[string, Value]>([
    ['a,b\r\n1,2\r\n', [{ a: '1', b: '2' }]],
    ['a\r\n\r\n\n1\n\r\n', [{ a: '1' }]], // blank lines, either ending, are skipped
    ['a\n"x\r\ny"\n', [{ a: 'x\ny' }]], // a quoted CRLF is read as LF
    ['a\nx\ry\n', [{ a: 'x\ry' }]], // a lone CR is data
    ['a,b\n 1 , 2\n', [{ a: ' 1 ', b: ' 2' }]], // spaces are kept
    ['a,b\n1,\n', [{ a: '1', b: '' }]],
    ['a,b\n,\n', [{ a: '', b: '' }]],
    ['"a,1","b""2"\nx,y', [{ 'a,1': 'x', 'b"2': 'y' }]],
    ['ä,😀\nö,ü\n', [{ ä: 'ö', '😀': 'ü' }]],
    ['n\n007\ntrue\n', [{ n: '007' }, { n: 'true' }]], // every value is a string
    ['a\n', []],
  ])('csvdecode(%j) is %j', (text, expected) => {
    expect(csvdecode(text)).toEqual(expected);
  });

  it('takes __proto__ as a column name like any other', () => {
    const [row] = csvdecode('__proto__,b\n1,2\n') as Record<string, Value>[];
    expect(Object.keys(row)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });

  it.each<[string, string]>([
    ['', 'csvdecode: missing header line'],
    ['\n\r\n', 'csvdecode: missing header line'],
    ['a,b,a\n', 'csvdecode: duplicate column name "a"'],
    // errors name the line where the record starts: blank lines and quoted line breaks count
    ['a,b\n\n\n1\n', 'csvdecode: CSV record on line 4 has 1 fields, but the header has 2'],
    ['a,b\n"x\ny",1\n1,2,3\n', 'csvdecode: CSV record on line 4 has 3 fields, but the header has 2'],
    ['a,b\r\n"x\r\ny"\r\n', 'csvdecode: CSV record on line 2 has 1 fields, but the header has 2'],
    ['a\n\nx"y\n', 'csvdecode: CSV record on line 3: bare " in non-quoted field'],
    ['a\n"x"y\n', 'csvdecode: CSV record on line 2: extraneous or missing " in quoted field'],
    ['a\n1\n"x\ny\n', 'csvdecode: CSV record on line 3: missing closing quote'],
    ['"a\n', 'csvdecode: CSV record on line 1: missing closing quote'],
  ])('csvdecode(%j) fails: %s', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });
});
