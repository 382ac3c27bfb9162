import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FUNCTIONS, FunctionContext, LAZY_FUNCTIONS } from '../../src/eval/functions';
import { EvalError, RESOURCE_ADDRESS, TaggedObject, Unknown, Value, ValueObject } from '../../src/eval/value';

let repo: string;
let moduleDir: string;
let outside: string;
let rendered: { text: string; file: string; vars: ValueObject }[];
let ctx: FunctionContext;

beforeAll(() => {
  repo = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-fn-repo-'));
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-fn-outside-'));
  moduleDir = path.join(repo, 'modules', 'app');
  fs.mkdirSync(path.join(moduleDir, 'files', 'sub'), { recursive: true });
  fs.writeFileSync(path.join(moduleDir, 'hello.txt'), 'Hello\n');
  fs.writeFileSync(path.join(moduleDir, 'greeting.tftpl'), 'Hi ${name}!');
  fs.writeFileSync(path.join(moduleDir, 'binary.bin'), Buffer.from([0xff, 0xfe, 0x00]));
  fs.writeFileSync(path.join(moduleDir, 'big.txt'), Buffer.alloc(5 * 1024 * 1024 + 1, 'a'));
  fs.writeFileSync(path.join(moduleDir, 'files', 'a.txt'), 'a');
  fs.writeFileSync(path.join(moduleDir, 'files', 'b.json'), '{}');
  fs.writeFileSync(path.join(moduleDir, 'files', 'sub', 'c.txt'), 'c');
  fs.writeFileSync(path.join(repo, 'root.txt'), 'at the root');
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret');
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(moduleDir, 'link.txt'));
});

afterAll(() => {
  fs.rmSync(repo, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

beforeEach(() => {
  rendered = [];
  ctx = {
    moduleDir,
    repoRoot: repo,
    renderTemplate(text, file, vars) {
      rendered.push({ text, file, vars });
      return text.replace(/\$\{(\w+)\}/g, (_, name: string) => String(vars[name]));
    },
  };
});

function call(name: string, ...args: Value[]): Value {
  const fn = FUNCTIONS[name];
  if (!fn) throw new Error(`no function ${name}`);
  return fn(args, ctx);
}

const u = new Unknown('var.x', 'no value given');

/** The result is an Unknown named after the call that still says where the unknown came from. */
function expectUnknown(v: Value, source: string): void {
  expect(v).toBeInstanceOf(Unknown);
  expect((v as Unknown).source).toBe(source);
  expect((v as Unknown).reason).toContain('var.x (no value given)');
}

function expectError(name: string, args: Value[], message: string | RegExp): void {
  let thrown: unknown;
  try {
    call(name, ...args);
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(EvalError);
  const text = (thrown as Error).message;
  if (typeof message === 'string') expect(text).toBe(message);
  else expect(text).toMatch(message);
}

type Case = [string, Value[], Value];

function cases(table: Case[]): void {
  it.each(table)('%s(%j)', (name, args, expected) => {
    expect(call(name, ...args)).toEqual(expected);
  });
}

describe('registry', () => {
  it('exports the lazy functions separately', () => {
    expect([...LAZY_FUNCTIONS].sort()).toEqual(['can', 'try']);
    expect(FUNCTIONS.try).toBeUndefined();
    expect(FUNCTIONS.can).toBeUndefined();
  });

  it('does not expose JavaScript built-ins as functions', () => {
    expect(FUNCTIONS.constructor).toBeUndefined();
    expect(FUNCTIONS.toString).toBeUndefined();
    expect(FUNCTIONS.hasOwnProperty).toBeUndefined();
  });

  it('checks argument counts', () => {
    expectError('upper', [], 'upper: expects 1 argument, but got 0');
    expectError('lookup', [{}], 'lookup: expects 2 to 3 arguments, but got 1');
    expectError('concat', [], 'concat: expects at least 1 argument, but got 0');
    expectError('uuid', [1], 'uuid: expects 0 arguments, but got 1');
  });

  it('keeps the original unknown in the reason through nested calls', () => {
    const inner = call('jsonencode', { a: u });
    expect(inner).toEqual(new Unknown('jsonencode(...)', 'depends on var.x (no value given)', undefined, { a: u }));
    const outer = call('upper', inner);
    expect(outer).toBeInstanceOf(Unknown);
    expect((outer as Unknown).source).toBe('upper(...)');
    expect((outer as Unknown).reason).toBe('depends on jsonencode(...) (depends on var.x (no value given))');
  });
});

describe('type conversion', () => {
  cases([
    ['tostring', [1.5], '1.5'],
    ['tostring', [true], 'true'],
    ['tostring', ['a'], 'a'],
    ['tostring', [null], null],
    ['tostring', [1e21], '1000000000000000000000'],
    ['tonumber', ['42'], 42],
    ['tonumber', ['-1.5e2'], -150],
    ['tonumber', [7], 7],
    ['tonumber', [null], null],
    ['tobool', ['true'], true],
    ['tobool', [false], false],
    ['tobool', [null], null],
    ['tolist', [['a', 1, true]], ['a', '1', 'true']],
    ['tolist', [[1, 2]], [1, 2]],
    ['tolist', [null], null],
    ['toset', [['b', 'a', 'b']], ['a', 'b']],
    ['toset', [[3, 1, 3]], [1, 3]],
    ['toset', [['a', 1]], ['1', 'a']],
    ['toset', [[{ a: 1 }, { a: 1 }]], [{ a: 1 }]],
    ['tomap', [{ a: 1, b: 'x' }], { a: '1', b: 'x' }],
    ['tomap', [{ a: 1, b: 2 }], { a: 1, b: 2 }],
    ['tomap', [null], null],
    ['nonsensitive', ['x'], 'x'],
    ['sensitive', [{ a: 1 }], { a: 1 }],
  ]);

  it('rejects impossible conversions', () => {
    expectError('tostring', [[1]], 'tostring: cannot convert a list to a string');
    expectError('tonumber', ['abc'], 'tonumber: cannot convert "abc" to a number: it is not a decimal representation of a number');
    expectError('tonumber', [true], 'tonumber: cannot convert a bool to a number');
    expectError('tobool', ['yes'], 'tobool: cannot convert "yes" to a bool: only "true" or "false" are allowed');
    expectError('tolist', [{}], 'tolist: cannot convert an object to a list');
    expectError('tolist', [[1, true]], 'tolist: all elements must have the same type, but got number and bool');
    expectError('tomap', [[1]], 'tomap: cannot convert a list to a map');
    expectError('toset', ['a'], 'toset: cannot convert a string to a set');
  });

  it('propagates unknowns', () => {
    expectUnknown(call('tostring', u), 'tostring(...)');
    expectUnknown(call('tonumber', u), 'tonumber(...)');
    expectUnknown(call('toset', [u, 'a']), 'toset(...)');
    expect(call('tolist', [u, 1])).toEqual([u, 1]);
    expect(call('tomap', { a: u })).toEqual({ a: u });
    expect(call('sensitive', u)).toBe(u);
  });
});

describe('collections', () => {
  cases([
    ['length', ['héllo'], 5],
    ['length', ['👍🏽'], 1],
    ['length', [[1, 2, 3]], 3],
    ['length', [{ a: 1, b: 2 }], 2],
    ['length', [''], 0],
    ['concat', [[1], [2, 3], []], [1, 2, 3]],
    ['concat', [[[1]], [2]], [[1], 2]],
    ['merge', [{ a: 1, b: 2 }, { b: 3 }, null, { c: 4 }], { a: 1, b: 3, c: 4 }],
    ['merge', [], {}],
    ['lookup', [{ a: 'x' }, 'a'], 'x'],
    ['lookup', [{ a: 'x' }, 'b', 'dflt'], 'dflt'],
    ['lookup', [{}, 'constructor', 'dflt'], 'dflt'],
    ['coalesce', [null, '', 'b'], 'b'],
    ['coalesce', [1, 2], 1],
    ['coalesce', ['', 1], '1'],
    ['coalescelist', [[], [1, 2]], [1, 2]],
    ['coalescelist', [null, [], ['a']], ['a']],
    ['keys', [{ b: 1, a: 2, c: 3 }], ['a', 'b', 'c']],
    ['values', [{ b: 1, a: 2 }], [2, 1]],
    ['element', [['a', 'b', 'c'], 1], 'b'],
    ['element', [['a', 'b', 'c'], 4], 'b'],
    ['index', [['a', 'b', 'c'], 'b'], 1],
    ['contains', [['a', 'b'], 'b'], true],
    ['contains', [['a', 'b'], 'z'], false],
    ['contains', [[1], '1'], false],
    ['contains', [[{ a: [1] }], { a: [1] }], true],
    ['one', [[]], null],
    ['one', [['x']], 'x'],
    ['flatten', [[[1, [2, [3]]], [], 4]], [1, 2, 3, 4]],
    ['flatten', [[{ a: [1] }]], [{ a: [1] }]],
    ['distinct', [[1, 2, 1, '1', 2]], [1, 2, '1']],
    ['compact', [['a', '', null, 'b']], ['a', 'b']],
    ['compact', [[1, '']], ['1']],
    ['slice', [['a', 'b', 'c', 'd'], 1, 3], ['b', 'c']],
    ['slice', [['a'], 1, 1], []],
    ['reverse', [[1, 2, 3]], [3, 2, 1]],
    ['sort', [['b', 'a', '10', '9']], ['10', '9', 'a', 'b']],
    ['sort', [[10, 9]], ['10', '9']],
    ['range', [3], [0, 1, 2]],
    ['range', [1, 4], [1, 2, 3]],
    ['range', [4, 1], [4, 3, 2]],
    ['range', [-3], [0, -1, -2]],
    ['range', [0, 1, 0.25], [0, 0.25, 0.5, 0.75]],
    ['range', [10, 0, -4], [10, 6, 2]],
    ['range', [0], []],
    ['zipmap', [['a', 'b'], [1, { c: 2 }]], { a: 1, b: { c: 2 } }],
    ['chunklist', [[1, 2, 3, 4, 5], 2], [[1, 2], [3, 4], [5]]],
    ['chunklist', [[1, 2], 0], [[1, 2]]],
    ['chunklist', [[], 3], []],
    ['transpose', [{ a: ['1', '2'], b: ['2', '3'] }], { '1': ['a'], '2': ['a', 'b'], '3': ['b'] }],
    ['matchkeys', [['i-1', 'i-2', 'i-3'], ['us-a', 'us-b', 'us-a'], ['us-a']], ['i-1', 'i-3']],
    ['matchkeys', [['a'], ['k'], []], []],
    ['alltrue', [[true, 'true']], true],
    ['alltrue', [[]], true],
    ['alltrue', [[true, false]], false],
    ['alltrue', [[true, null]], false],
    ['anytrue', [[false, true]], true],
    ['anytrue', [[]], false],
    ['anytrue', [[null, false]], false],
    ['setunion', [['b', 'a'], ['c', 'a']], ['a', 'b', 'c']],
    ['setunion', [['a'], [1]], ['1', 'a']],
    ['setintersection', [['a', 'b', 'c'], ['b', 'c', 'd'], ['c', 'b']], ['b', 'c']],
    ['setsubtract', [['a', 'b', 'c'], ['b']], ['a', 'c']],
    [
      'setproduct',
      [
        ['a', 'b'],
        [1, 2],
      ],
      [
        ['a', 1],
        ['a', 2],
        ['b', 1],
        ['b', 2],
      ],
    ],
    ['setproduct', [['a'], []], []],
  ]);

  it('keeps partial knowledge where the content is not inspected', () => {
    expect(call('length', [u, 1])).toBe(2);
    expect(call('length', { a: u })).toBe(1);
    expect(call('concat', [u], [1])).toEqual([u, 1]);
    expect(call('merge', { a: u }, { b: 1 })).toEqual({ a: u, b: 1 });
    expect(call('lookup', { a: u }, 'a')).toBe(u);
    expect(call('keys', { b: u, a: 1 })).toEqual(['a', 'b']);
    expect(call('values', { b: u, a: 1 })).toEqual([1, u]);
    expect(call('element', [u, 'b'], 2)).toBe(u);
    expect(call('index', ['b', u], 'b')).toBe(0);
    expect(call('contains', [u, 'a'], 'a')).toBe(true);
    expect(call('coalesce', 'a', u)).toBe('a');
    expect(call('flatten', [[{ a: u }]])).toEqual([{ a: u }]);
    expect(call('reverse', [1, u])).toEqual([u, 1]);
    expect(call('slice', [u, 1, 2], 1, 3)).toEqual([1, 2]);
    expect(call('zipmap', ['a'], [u])).toEqual({ a: u });
    expect(call('chunklist', [u, 1, 2], 2)).toEqual([[u, 1], [2]]);
    expect(call('matchkeys', [u, 'v'], ['a', 'b'], ['a'])).toEqual([u]);
    expect(call('setproduct', [u], [1])).toEqual([[u, 1]]);
    expect(call('alltrue', [u, false])).toBe(false);
    expect(call('anytrue', [u, true])).toBe(true);
    expect(call('one', [u])).toBe(u);
  });

  it('returns Unknown where an unknown decides the result', () => {
    expectUnknown(call('length', u), 'length(...)');
    expectUnknown(call('concat', u, [1]), 'concat(...)');
    expectUnknown(call('merge', u, { b: 1 }), 'merge(...)');
    expectUnknown(call('lookup', { a: 1 }, u), 'lookup(...)');
    expectUnknown(call('lookup', u, 'a'), 'lookup(...)');
    expectUnknown(call('coalesce', null, u, 'x'), 'coalesce(...)');
    expectUnknown(call('coalescelist', [], u), 'coalescelist(...)');
    expectUnknown(call('keys', u), 'keys(...)');
    expectUnknown(call('element', ['a'], u), 'element(...)');
    expectUnknown(call('index', [u, 'b'], 'b'), 'index(...)');
    expectUnknown(call('contains', [u, 'a'], 'z'), 'contains(...)');
    expectUnknown(call('contains', ['a'], u), 'contains(...)');
    expectUnknown(call('flatten', [[1], u]), 'flatten(...)');
    expectUnknown(call('distinct', [1, u]), 'distinct(...)');
    expectUnknown(call('compact', [u, 'a']), 'compact(...)');
    expectUnknown(call('sort', ['a', u]), 'sort(...)');
    expectUnknown(call('range', u), 'range(...)');
    expectUnknown(call('zipmap', [u], [1]), 'zipmap(...)');
    expectUnknown(call('transpose', { a: [u] }), 'transpose(...)');
    expectUnknown(call('matchkeys', ['v'], [u], ['a']), 'matchkeys(...)');
    expectUnknown(call('alltrue', [u, true]), 'alltrue(...)');
    expectUnknown(call('anytrue', [u, false]), 'anytrue(...)');
    expectUnknown(call('setunion', ['a'], [u]), 'setunion(...)');
    expectUnknown(call('setintersection', ['a'], [u]), 'setintersection(...)');
    expectUnknown(call('setsubtract', [u], ['a']), 'setsubtract(...)');
  });

  it('drops the resource tag when merging', () => {
    const tagged: TaggedObject = { a: 1 };
    tagged[RESOURCE_ADDRESS] = 'aws_s3_bucket.b';
    const merged = call('merge', tagged, { b: 2 }) as TaggedObject;
    expect(merged).toEqual({ a: 1, b: 2 });
    expect(merged[RESOURCE_ADDRESS]).toBeUndefined();
  });

  it('keeps a "__proto__" key as data', () => {
    const decoded = call('jsondecode', '{"__proto__": 1}') as ValueObject;
    const merged = call('merge', decoded, { b: 2 }) as ValueObject;
    expect(Object.keys(merged)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(call('keys', call('zipmap', ['__proto__'], [1]))).toEqual(['__proto__']);
  });

  it('rejects bad arguments', () => {
    expectError('length', [null], 'length: argument must not be null');
    expectError('length', [5], 'length: argument must be a string, a list or a map, not a number');
    expectError('concat', [[1], 'a'], 'concat: argument 2 must be a list, not a string');
    expectError('merge', [[1]], 'merge: argument 1 must be a map or object, not a list');
    expectError('lookup', [{ a: 'x' }, 'b'], 'lookup: the given key "b" does not exist in the map');
    expectError('lookup', [['a'], 'b'], 'lookup: the first argument must be a map or object, not a list');
    expectError('coalesce', [null, ''], 'coalesce: no non-null, non-empty-string arguments');
    expectError('coalescelist', [[], null], 'coalescelist: no non-null arguments');
    expectError('keys', [[1]], 'keys: argument must be a map or object, not a list');
    expectError('element', [[], 0], 'element: cannot use element function with an empty list');
    expectError('element', [['a'], -1], 'element: cannot use element function with a negative index');
    expectError('element', [['a'], 1.5], 'element: the index must be a whole number, not 1.5');
    expectError('index', [['a'], 'z'], 'index: item not found');
    expectError('contains', [{ a: 1 }, 'a'], 'contains: the first argument must be a list, not an object');
    expectError('one', [[1, 2]], 'one: must be a list, set, or tuple value with either zero or one elements');
    expectError('slice', [[1], 0, 2], 'slice: end_index must be less than or equal to the length of the list (1)');
    expectError('slice', [[1, 2], 2, 1], 'slice: start_index must be less than or equal to end_index');
    expectError('slice', [[1], -1, 1], 'slice: start_index must be greater than or equal to 0');
    expectError('sort', [['a', null]], 'sort: element 1 is null; a null value cannot be sorted');
    expectError('range', [1, 4, -1], 'range: end must be less than start when step is negative');
    expectError('range', [4, 1, 1], 'range: end must be greater than start when step is positive');
    expectError('range', [0, 1, 0], 'range: step must not be zero');
    expectError('range', [0, 2000], /^range: more than 1024 values were generated/);
    expectError('zipmap', [['a'], []], 'zipmap: number of keys (1) does not match number of values (0)');
    expectError('zipmap', [[null], [1]], 'zipmap: key 0 must not be null');
    expectError('chunklist', [[1], -1], 'chunklist: the size argument must be positive');
    expectError('matchkeys', [['x'], ['a', 'b'], ['a']], 'matchkeys: length of keys and values should be equal');
    expectError('alltrue', [['x']], 'alltrue: element 0 must be a bool, but got the string "x"');
    expectError('setproduct', [['a']], 'setproduct: expects at least 2 arguments, but got 1');
  });
});

describe('strings', () => {
  cases([
    ['join', [', ', ['a', 1, true]], 'a, 1, true'],
    ['join', ['-', ['a'], ['b', 'c']], 'a-b-c'],
    ['join', [',', []], ''],
    ['split', [',', 'a,b,,c'], ['a', 'b', '', 'c']],
    ['split', [',', ''], ['']],
    ['split', ['', 'abc'], ['a', 'b', 'c']],
    ['lower', ['HELLO Straße'], 'hello straße'],
    ['upper', ['straße'], 'STRAßE'],
    ['title', ['hello world-wide foo_bar élan'], 'Hello World-Wide Foo_bar Élan'],
    ['trimspace', ['  \n hi there \t'], 'hi there'],
    ['trim', ['?!hello?!', '!?'], 'hello'],
    ['trimprefix', ['helloworld', 'hello'], 'world'],
    ['trimprefix', ['helloworld', 'x'], 'helloworld'],
    ['trimsuffix', ['helloworld', 'world'], 'hello'],
    ['chomp', ['hello\r\n\n'], 'hello'],
    ['chomp', ['a\nb'], 'a\nb'],
    ['indent', [2, 'a\nb\nc'], 'a\n  b\n  c'],
    ['strrev', ['abc👍🏽'], '👍🏽cba'],
    ['replace', ['1 + 2 + 3', '+', '-'], '1 - 2 - 3'],
    ['replace', ['a/b/c', '/', '_'], 'a_b_c'],
    ['replace', ['abc', '', '-'], '-a-b-c-'],
    ['replace', ['hello world', '/w(or)ld/', '$1'], 'hello or'],
    ['replace', ['hello world', '/w(or)ld/', '<${1}x>'], 'hello <orx>'],
    ['replace', ['abc', '/(?P<mid>b)/', '[${mid}]'], 'a[b]c'],
    ['replace', ['abc', '/(?P<mid>b)/', '[$mid]'], 'a[b]c'],
    ['replace', ['abc', '/(b)/', '$1x'], 'ac'],
    ['replace', ['abc', '/b/', '$$'], 'a$c'],
    ['replace', ['abc', '/b/', '$'], 'a$c'],
    ['replace', ['baaac', '/a*/', '-'], '-b-c-'],
    ['replace', ['Hello', '/(?i)h/', 'J'], 'Jello'],
    ['replace', ['a.b.c', '/\\./', '-'], 'a-b-c'],
    ['substr', ['hello world', 1, 4], 'ello'],
    ['substr', ['🤔🤷 hi', 0, 1], '🤔'],
    ['substr', ['hello', -3, -1], 'llo'],
    ['substr', ['hello', 10, 2], ''],
    ['substr', ['hello', -10, 2], 'he'],
    ['startswith', ['hello', 'he'], true],
    ['startswith', ['hello', 'lo'], false],
    ['endswith', ['hello', 'lo'], true],
    ['strcontains', ['hello', 'ell'], true],
    ['strcontains', ['hello', 'xyz'], false],
  ]);

  it('propagates unknowns', () => {
    expectUnknown(call('join', ',', ['a', u]), 'join(...)');
    expectUnknown(call('split', ',', u), 'split(...)');
    expectUnknown(call('upper', u), 'upper(...)');
    expectUnknown(call('replace', u, 'a', 'b'), 'replace(...)');
    expectUnknown(call('startswith', u, 'x'), 'startswith(...)');
    expectUnknown(call('substr', 'abc', u, 1), 'substr(...)');
  });

  it('rejects bad arguments', () => {
    expectError('join', [',', ['a', null]], 'join: element 1 is null; cannot concatenate null values');
    expectError('join', [',', 'a'], 'join: argument 2 must be a list, not a string');
    expectError('upper', [[1]], 'upper: argument must be a string, not a list');
    expectError('lower', [null], 'lower: argument must not be null');
    expectError('replace', ['a', '/(/', 'b'], /^replace: invalid regexp pattern: /);
  });
});

describe('regular expressions', () => {
  cases([
    ['regex', ['[a-z]+', '53453453.345345aaabbbccc23454'], 'aaabbbccc'],
    ['regex', ['(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)', '2019-02-01'], ['2019', '02', '01']],
    [
      'regex',
      ['^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?', 'https://terraform.io/docs/'],
      { scheme: 'https', authority: 'terraform.io' },
    ],
    ['regex', ['(?<year>\\d{4})', 'in 2024'], { year: '2024' }],
    ['regex', ['(a)?b', 'b'], [null]],
    ['regexall', ['[a-z]+', '1234abcd5678efgh9'], ['abcd', 'efgh']],
    ['regexall', ['[a-z]+', '123'], []],
    ['regexall', ['(\\d)', 'a1b2'], [['1'], ['2']]],
    ['regexall', ['a*', 'baaac'], ['', 'aaa', '']],
    // RE2 syntax that JavaScript spells differently or rejects in unicode mode
    ['regex', ['\\Aab\\z', 'ab'], 'ab'],
    ['regex', ['(?m)^b$', 'a\nb\nc'], 'b'],
    ['regex', ['[[:digit:]]+', 'ab12c'], '12'],
    ['regex', ['[^[:alpha:]]+', 'ab12c'], '12'],
    ['regex', ['\\pL+', '123Ünï'], 'Ünï'],
    ['regex', ['\\p{Greek}+', 'abc αβγ'], 'αβγ'],
    ['regex', ['a{', 'xa{'], 'a{'],
    ['regex', ['a{2}', 'aaa'], 'aa'],
    ['regex', ['[]a]+', 'x]a]'], ']a]'],
    ['regex', ['(?s)x.y', 'x\ny'], 'x\ny'],
    ['regex', ['x.y', 'x\ry'], 'x\ry'],
    ['regex', ['\\Qa.b\\E', 'axb a.b'], 'a.b'],
    ['regex', ['\\x41\\x{42}\\101', 'ABA'], 'ABA'],
    ['regex', ['\\-\\_', 'a-_'], '-_'],
    ['regex', ['[\\d\\-]+', 'x12-3y'], '12-3'],
    ['regex', ['(?i)HELLO', 'say hello'], 'hello'],
    ['regex', ['a(?i:b)', 'aB'], 'aB'],
  ]);

  it('rejects what RE2 rejects', () => {
    expectError('regex', ['[a-z]+', '123'], 'regex: pattern did not match any part of the given string');
    expectError('regex', ['x.y', 'x\ny'], 'regex: pattern did not match any part of the given string');
    expectError('regex', ['(a)(?P<n>b)', 'ab'], 'regex: invalid regexp pattern: cannot mix both named and unnamed capture groups');
    // go-cty's texts: Go's error code, then the offending part of the pattern
    expectError('regex', ['(?=a)', 'a'], 'regex: invalid regexp pattern: invalid or unsupported Perl syntax in (?=');
    expectError('regex', ['(a)\\1', 'aa'], 'regex: invalid regexp pattern: invalid escape sequence in \\1');
    expectError('regexall', ['[a', 'a'], 'regexall: invalid regexp pattern: missing closing ] in [a');
  });

  it('propagates unknowns', () => {
    expectUnknown(call('regex', '[a-z]+', u), 'regex(...)');
    expectUnknown(call('regexall', u, 'abc'), 'regexall(...)');
  });
});

describe('format and formatlist', () => {
  cases([
    ['format', ['Hello, %s!', 'Ander'], 'Hello, Ander!'],
    ['format', ['There are %d lights', 4], 'There are 4 lights'],
    ['format', ['%.2f', 3.14159], '3.14'],
    ['format', ['%f', 10], '10.000000'],
    ['format', ['%8.3f|', -3.14159], '  -3.142|'],
    ['format', ['%v', [1, 'a', null]], '[1,"a",null]'],
    ['format', ['%v', { b: 1, a: true }], '{"a":true,"b":1}'],
    ['format', ['%v %v', true, null], 'true null'],
    ['format', ['%v', 1.5], '1.5'],
    ['format', ['%v', 1234567], '1.234567e+06'],
    ['format', ['%#v', 'hi'], '"hi"'],
    ['format', ['%q', 'a"b<'], '"a\\"b\\u003c"'],
    ['format', ['%t', 'true'], 'true'],
    ['format', ['%5d|%-5d|%05d', 42, 42, 42], '   42|42   |00042'],
    ['format', ['%+d % d %+05d', 5, 5, -5], '+5  5 -0005'],
    ['format', ['%x %X %o %b %#x', 255, 255, 8, 5, 255], 'ff FF 10 101 0xff'],
    ['format', ['%e|%E', 1000, 0.00012], '1.000000e+03|1.200000E-04'],
    ['format', ['%g %g %G', 0.00000000000000000000001, 1000, 1e-7], '1e-23 1000 1E-07'],
    ['format', ['%.3g', 3.14159], '3.14'],
    ['format', ['%10s|%-4s|', 'hi', '💃🏿'], '        hi|💃🏿   |'],
    ['format', ['%.3s|%6.2q', 'abcdef', 'hello'], 'abc|  "he"'],
    ['format', ['100%%'], '100%'],
    ['format', ['%[2]s %[1]s %s', 'a', 'b'], 'b a b'],
    ['format', ['%d', '12'], '12'],
    ['format', ['%s', 1.5], '1.5'],
    ['format', ['%s', false], 'false'],
    ['formatlist', ['Hello, %s!', ['Valentina', 'Ander']], ['Hello, Valentina!', 'Hello, Ander!']],
    ['formatlist', ['%s-%s', ['a', 'b'], 'x'], ['a-x', 'b-x']],
    ['formatlist', ['%s=%d', ['a', 'b'], [1, 2]], ['a=1', 'b=2']],
    ['formatlist', ['hi'], ['hi']],
    ['formatlist', ['%s', []], []],
  ]);

  it('rejects bad format strings and arguments', () => {
    expectError('format', ['%d', 1.5], 'format: unsupported value for "%d" at 0: an integer is required');
    expectError('format', ['%d', true], 'format: unsupported value for "%d" at 0: value must be a number, not a bool');
    expectError('format', ['%s %s', 'a'], 'format: not enough arguments for "%s" at 3: need index 2 but have 1 total');
    expectError('format', ['x', 1], 'format: too many arguments; no verbs in format string');
    expectError('format', ['%s', 1, 2], 'format: too many arguments; only 1 used by format string');
    expectError('format', ['%z', 1], `format: unsupported format verb 'z' in "%z" at offset 0`);
    expectError('format', ['%☠', 1], `format: unrecognized format character '☠' at offset 1`);
    expectError('format', ['%', 1], 'format: invalid format string starting at offset 1');
    expectError('format', ['%s', null], 'format: unsupported value for "%s" at 0: null value cannot be formatted');
    expectError('format', ['%s', [1]], 'format: unsupported value for "%s" at 0: value must be a string, not a list');
    expectError(
      'formatlist',
      ['%s %s', ['a'], ['b', 'c']],
      'formatlist: argument 3 has length 2, which is inconsistent with argument 2 of length 1',
    );
    expectError('formatlist', ['%d', ['x']], /^formatlist: error on format iteration 0: unsupported value for "%d"/);
  });

  it('propagates unknowns', () => {
    expectUnknown(call('format', 'Hello, %s!', u), 'format(...)');
    expectUnknown(call('format', '%v', [1, u]), 'format(...)');
    expectUnknown(call('formatlist', '%s', u), 'formatlist(...)');
    const partial = call('formatlist', '%s!', [u, 'b']) as Value[];
    expectUnknown(partial[0], 'formatlist(...)');
    expect(partial[1]).toBe('b!');
  });
});

describe('numbers', () => {
  cases([
    ['abs', [-3.5], 3.5],
    ['abs', ['-2'], 2],
    ['ceil', [4.1], 5],
    ['ceil', [-0.5], 0],
    ['floor', [-4.1], -5],
    ['signum', [-7], -1],
    ['signum', [0], 0],
    ['signum', [3], 1],
    ['pow', [2, 10], 1024],
    ['log', [16, 2], 4],
    ['max', [3, '7', 1], 7],
    ['min', [3, 1, 2], 1],
    ['sum', [[1, 2, 3.5]], 6.5],
    ['parseint', ['FF', 16], 255],
    ['parseint', ['-1010', 2], -10],
    ['parseint', ['zz', 36], 1295],
    ['parseint', ['Z', 62], 61],
    ['parseint', ['+12', 10], 12],
  ]);

  it('rejects bad arguments', () => {
    expectError('max', [], 'max: expects at least 1 argument, but got 0');
    expectError('max', ['x'], 'max: argument 1 must be a number, but got the string "x"');
    expectError('sum', [[]], 'sum: cannot sum an empty list');
    expectError('sum', [[1, true]], 'sum: element 1 must be a number, not a bool');
    expectError('parseint', ['12', 1], 'parseint: the base must be a whole number between 2 and 62 inclusive');
    expectError('parseint', ['9', 8], 'parseint: cannot parse "9" as a base 8 integer');
    expectError('parseint', ['', 10], 'parseint: cannot parse "" as a base 10 integer');
    expectError('parseint', [10, 10], 'parseint: the first argument must be a string, not a number');
  });

  it('propagates unknowns', () => {
    expectUnknown(call('max', u, 1), 'max(...)');
    expectUnknown(call('sum', [1, u]), 'sum(...)');
    expectUnknown(call('abs', u), 'abs(...)');
  });
});

describe('encoding and hashing', () => {
  cases([
    ['jsonencode', [{ b: [1, true, null], a: '<x>&' }], '{"a":"\\u003cx\\u003e\\u0026","b":[1,true,null]}'],
    ['jsonencode', ['line\n'], '"line\\n"'],
    ['jsonencode', [1e21], '1000000000000000000000'],
    ['jsonencode', [0.0000001], '0.0000001'],
    ['jsonencode', [null], 'null'],
    ['jsondecode', ['{"a":[1,"x",null,true]}'], { a: [1, 'x', null, true] }],
    ['jsondecode', ['"s"'], 's'],
    ['jsondecode', ['null'], null],
    ['csvdecode', ['a,b\n1,2\n"x,y","q""\nr"\r\n\n'], [{ a: '1', b: '2' }, { a: 'x,y', b: 'q"\nr' }]],
    ['csvdecode', ['a,b\n'], []],
    ['urlencode', ['a b&c/ü~'], 'a+b%26c%2F%C3%BC~'],
    ['base64encode', ['Hello World'], 'SGVsbG8gV29ybGQ='],
    ['base64decode', ['SGVsbG8gV29ybGQ='], 'Hello World'],
    ['md5', ['hello world'], '5eb63bbbe01eeed093cb22bb8f5acdc3'],
    ['sha1', ['hello world'], '2aae6c35c94fcfb415dbe95f408b9ce91ee846ed'],
    ['sha256', ['hello world'], 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9'],
    [
      'sha512',
      ['hello world'],
      '309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f',
    ],
    ['base64sha256', ['hello world'], 'uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek='],
    ['base64sha512', ['hello world'], 'MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw=='],
    ['uuidv5', ['dns', 'www.example.com'], '2ed6657d-e927-568b-95e1-2665a8aea6a2'],
    ['uuidv5', ['6ba7b811-9dad-11d1-80b4-00c04fd430c8', 'https://example.com'], '4fd35a71-71ef-5a55-a9d9-aa75c889a6d0'],
  ]);

  it('rejects bad input', () => {
    expectError('jsondecode', ['nope'], /^jsondecode: invalid JSON: /);
    expectError('jsonencode', [Infinity], 'jsonencode: cannot encode an infinite number as JSON');
    expectError('base64decode', ['not base64!'], 'base64decode: failed to decode base64 data: the string is not valid base64');
    expectError('base64decode', ['/w=='], 'base64decode: the result of decoding the provided string is not valid UTF-8');
    expectError('csvdecode', [''], 'csvdecode: missing header line');
    expectError('csvdecode', ['a,b\n1\n'], 'csvdecode: CSV record on line 2 has 1 fields, but the header has 2');
    expectError('csvdecode', ['a\nx"y\n'], 'csvdecode: CSV record on line 2: bare " in non-quoted field');
    expectError('csvdecode', ['a,a\n'], 'csvdecode: duplicate column name "a"');
    expectError('uuidv5', ['nope', 'x'], `uuidv5: uuidv5() doesn't support namespace prefix "nope"`);
  });

  it('returns Unknown for non-deterministic or unreproducible results', () => {
    expect(call('uuid')).toEqual(new Unknown('uuid()', 'a new random value on every run'));
    expect(call('timestamp')).toEqual(new Unknown('timestamp()', 'the time when Terraform runs'));
    expect(call('bcrypt', 'pw')).toBeInstanceOf(Unknown);
    expect((call('base64gzip', 'x') as Unknown).source).toBe('base64gzip(...)');
    expectUnknown(call('jsonencode', [u]), 'jsonencode(...)');
    expectUnknown(call('sha256', u), 'sha256(...)');
    expectUnknown(call('jsondecode', u), 'jsondecode(...)');
  });
});

describe('filesystem', () => {
  it('reads files relative to the module directory or by absolute path', () => {
    expect(call('file', 'hello.txt')).toBe('Hello\n');
    expect(call('file', path.join(moduleDir, 'hello.txt'))).toBe('Hello\n');
    expect(call('file', '../../root.txt')).toBe('at the root');
    expect(call('filebase64', 'binary.bin')).toBe('//4A');
    expect(call('filemd5', 'hello.txt')).toBe('09f7e02f1290be211da707a266f153b3');
    expect(call('filesha256', 'hello.txt')).toBe('66a045b452102c59d840ec097d59d9467e13a3f34f6494e539ffd32c1bb35f18');
  });

  it('refuses files outside the repository, also through symlinks and "~"', () => {
    const secret = path.join(outside, 'secret.txt');
    expectError('file', [secret], `file: refusing to read "${secret}" outside the scanned repository (${repo}); scan with --allow-outside-root to read it`);
    expectError('file', ['../../../' + path.basename(outside) + '/secret.txt'], /^file: refusing to read ".*secret\.txt" outside the scanned repository/);
    expectError('file', ['link.txt'], `file: refusing to read "${path.join(moduleDir, 'link.txt')}" outside the scanned repository (${repo}); scan with --allow-outside-root to read it`);
    expectError('file', ['~/.bashrc'], /^file: refusing to read ".*\.bashrc" outside the scanned repository/);
    expectError('filebase64', [secret], /^filebase64: refusing to read/);
    expectError('fileexists', [secret], /^fileexists: refusing to read/);
    expectError('templatefile', [secret, {}], /^templatefile: refusing to read/);
    expectError('fileset', [outside, '*'], /^fileset: refusing to read/);
    expectError('filesha256', [secret], /^filesha256: refusing to read/);
  });

  it('reports missing, binary, oversized files and directories', () => {
    const missing = path.join(moduleDir, 'missing.txt');
    expectError('file', ['missing.txt'], new RegExp(`^file: no file exists at "${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
    expectError('file', ['binary.bin'], `file: the content of "${path.join(moduleDir, 'binary.bin')}" is not valid UTF-8`);
    expectError('file', ['big.txt'], /^file: ".*big\.txt" is 5242881 bytes, more than the 5 MB tomguard reads$/);
    expectError('file', ['files'], `file: "${path.join(moduleDir, 'files')}" is a directory, not a file`);
  });

  it('checks file existence', () => {
    expect(call('fileexists', 'hello.txt')).toBe(true);
    expect(call('fileexists', 'nope.txt')).toBe(false);
    expectError('fileexists', ['files'], `fileexists: "${path.join(moduleDir, 'files')}" is a directory, not a file`);
  });

  it('lists files with fileset', () => {
    expect(call('fileset', moduleDir, 'files/**')).toEqual(['files/a.txt', 'files/b.json', 'files/sub/c.txt']);
    expect(call('fileset', 'files', '*.txt')).toEqual(['a.txt']);
    expect(call('fileset', 'files', '{a,sub/c}.txt')).toEqual(['a.txt', 'sub/c.txt']);
    expect(call('fileset', 'nowhere', '*')).toEqual([]);
    expect(call('fileset', 'files', '')).toEqual([]);
  });

  it('renders templates through the evaluator', () => {
    expect(call('templatefile', 'greeting.tftpl', { name: 'Ann' })).toBe('Hi Ann!');
    expect(rendered).toEqual([{ text: 'Hi ${name}!', file: path.join(moduleDir, 'greeting.tftpl'), vars: { name: 'Ann' } }]);
    // Unknown variables are the template's business, not templatefile's.
    call('templatefile', 'greeting.tftpl', { name: u });
    expect(rendered[1].vars.name).toBe(u);
    expectUnknown(call('templatefile', 'greeting.tftpl', u), 'templatefile(...)');
    expectUnknown(call('templatefile', u, {}), 'templatefile(...)');
    expectError('templatefile', ['greeting.tftpl', ['x']], 'templatefile: the variables must be a map or object, not a list');
  });

  it('propagates unknown paths', () => {
    expectUnknown(call('file', u), 'file(...)');
    expectUnknown(call('fileexists', u), 'fileexists(...)');
    expectUnknown(call('filebase64', u), 'filebase64(...)');
  });

  cases([
    ['dirname', ['foo/bar/baz.txt'], 'foo/bar'],
    ['dirname', ['baz.txt'], '.'],
    ['dirname', ['foo/'], 'foo'],
    ['dirname', ['/'], '/'],
    ['dirname', [''], '.'],
    ['basename', ['foo/bar/baz.txt'], 'baz.txt'],
    ['basename', ['foo/bar/'], 'bar'],
    ['basename', [''], '.'],
    ['basename', ['/'], '/'],
    ['pathexpand', ['~/.ssh/id_rsa'], '~/.ssh/id_rsa'],
  ]);

  it('makes paths absolute against the module directory', () => {
    expect(call('abspath', 'x/../y')).toBe(path.join(moduleDir, 'y'));
    expect(call('abspath', '/etc')).toBe('/etc');
  });
});

describe('date and time', () => {
  cases([
    ['formatdate', ['DD MMM YYYY hh:mm ZZZ', '2018-01-02T23:12:01Z'], '02 Jan 2018 23:12 UTC'],
    ['formatdate', ['EEEE, DD-MMM-YY hh:mm:ss ZZZ', '2018-01-02T23:12:01-08:00'], 'Tuesday, 02-Jan-18 23:12:01 -0800'],
    ['formatdate', ["h:mm AA 'o''clock' Z", '2018-01-02T15:04:05+05:30'], "15:04 PM o'clock +05:30"],
    ['formatdate', ['HH aa D/M EEE MMMM ZZZZ ZZZZZ', '2018-03-04T00:05:09Z'], '12 am 4/3 Sun March +0000 +00:00'],
    ['formatdate', ['YYYY-MM-DD', '2018-01-02T23:12:01.123456789Z'], '2018-01-02'],
    ['timeadd', ['2017-11-22T00:00:00Z', '10m'], '2017-11-22T00:10:00Z'],
    ['timeadd', ['2017-11-22T00:00:00+01:00', '-1h30m'], '2017-11-21T22:30:00+01:00'],
    ['timeadd', ['2017-11-22T00:00:00Z', '1.5h'], '2017-11-22T01:30:00Z'],
    ['timeadd', ['2017-12-31T23:59:59.5Z', '500ms'], '2018-01-01T00:00:00Z'],
    ['timecmp', ['2017-11-22T00:00:00Z', '2017-11-22T01:00:00+01:00'], 0],
    ['timecmp', ['2017-11-22T00:00:00Z', '2017-11-22T00:00:01Z'], -1],
    ['timecmp', ['2017-11-22T00:00:00.5Z', '2017-11-22T00:00:00Z'], 1],
  ]);

  it('rejects bad timestamps, durations and verbs', () => {
    expectError('formatdate', ['YYY', '2018-01-02T23:12:01Z'], 'formatdate: invalid date format verb "YYY": year must either be "YY" or "YYYY"');
    expectError('formatdate', ['DD', 'not a date'], 'formatdate: "not a date" is not a valid RFC 3339 timestamp');
    expectError('formatdate', ['DD', '2017-02-30T00:00:00Z'], /^formatdate: "2017-02-30T00:00:00Z" is not a valid RFC 3339 timestamp: a field is out of range$/);
    expectError('formatdate', ["'open", '2018-01-02T23:12:01Z'], "formatdate: unterminated literal '");
    expectError('timeadd', ['2017-11-22T00:00:00Z', '1d'], 'timeadd: invalid duration "1d"');
  });

  it('propagates unknowns', () => {
    expectUnknown(call('formatdate', 'YYYY', u), 'formatdate(...)');
    const ts = call('timestamp');
    const formatted = call('formatdate', 'YYYY', ts);
    expect((formatted as Unknown).reason).toBe('depends on timestamp() (the time when Terraform runs)');
  });
});

describe('IP networks', () => {
  cases([
    ['cidrsubnet', ['172.16.0.0/12', 4, 2], '172.18.0.0/16'],
    ['cidrsubnet', ['10.1.2.0/24', 4, 15], '10.1.2.240/28'],
    ['cidrsubnet', ['10.1.2.3/16', 8, 1], '10.1.1.0/24'],
    ['cidrsubnet', ['10.0.0.0/16', '8', '3'], '10.0.3.0/24'],
    ['cidrsubnet', ['fd00:fd12:3456:7890::/56', 16, 162], 'fd00:fd12:3456:7800:a200::/72'],
    ['cidrhost', ['10.12.112.0/20', 16], '10.12.112.16'],
    ['cidrhost', ['10.12.112.0/20', 268], '10.12.113.12'],
    ['cidrhost', ['10.0.0.0/24', -1], '10.0.0.255'],
    ['cidrhost', ['fd00:fd12:3456:7890:00a2::/72', 34], 'fd00:fd12:3456:7890::22'],
    ['cidrhost', ['::ffff:0:0/96', 1], '::ffff:0:1'],
    ['cidrnetmask', ['172.16.0.0/12'], '255.240.0.0'],
    ['cidrnetmask', ['10.0.0.0/32'], '255.255.255.255'],
    ['cidrnetmask', ['0.0.0.0/0'], '0.0.0.0'],
    ['cidrsubnets', ['10.1.0.0/16', 4, 4, 8, 4], ['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20']],
    [
      'cidrsubnets',
      ['fd00:fd12:3456:7890::/56', 16, 16, 16, 32],
      ['fd00:fd12:3456:7800::/72', 'fd00:fd12:3456:7800:100::/72', 'fd00:fd12:3456:7800:200::/72', 'fd00:fd12:3456:7800:300::/88'],
    ],
    ['cidrsubnets', ['10.0.0.0/8'], []],
    // Prefixes as Terraform reads them for these functions: Go 1.16's parser (leading zeros are decimal)
    ['cidrhost', ['010.001.0.0/16', 1], '10.1.0.1'],
    ['cidrhost', ['0010.0.0.0/8', 1], '10.0.0.1'],
    ['cidrnetmask', ['10.0.0.0/008'], '255.0.0.0'],
    ['cidrhost', ['::1.2.3.0/120', 5], '::102:305'],
    ['cidrsubnet', ['::ffff:10.0.0.0/104', 8, 1], '::ffff:a01:0/112'],
    ['cidrhost', ['2001:DB8::/32', 255], '2001:db8::ff'],
  ]);

  it('rejects impossible subnets and hosts', () => {
    expectError('cidrsubnet', ['10.0.0.0/30', 4, 0], 'cidrsubnet: insufficient address space to extend prefix of 30 by 4');
    expectError('cidrsubnet', ['10.0.0.0/16', 2, 4], 'cidrsubnet: prefix extension of 2 does not accommodate a subnet numbered 4');
    expectError('cidrsubnet', ['nope', 1, 1], 'cidrsubnet: invalid CIDR expression: invalid CIDR address: nope');
    expectError('cidrsubnet', ['10.0.0.256/8', 1, 1], 'cidrsubnet: invalid CIDR expression: invalid CIDR address: 10.0.0.256/8');
    expectError('cidrsubnet', ['10.0.0.0/33', 1, 1], 'cidrsubnet: invalid CIDR expression: invalid CIDR address: 10.0.0.0/33');
    for (const text of ['10.0.0.0', ' 10.0.0.0/8', '10.0.0.0/8 ', '10.0.0.0/0008', 'fe80::/64%eth0', 'fe80::%eth0/64', '::ffff:1.2.3/120', '1::2::3/64', '0x0a.0.0.0/8']) {
      expectError('cidrhost', [text, 1], `cidrhost: invalid CIDR expression: invalid CIDR address: ${text}`);
    }
    expectError('cidrhost', ['10.0.0.0/24', 256], 'cidrhost: prefix of 24 does not accommodate a host numbered 256');
    expectError('cidrhost', ['10.0.0.0/24', -257], 'cidrhost: prefix of 24 does not accommodate a host numbered -257');
    expectError('cidrnetmask', ['fd00::/8'], 'cidrnetmask: IPv6 addresses cannot have a netmask: fd00::/8');
    expectError('cidrsubnets', ['10.0.0.0/30', 1, 1, 1], 'cidrsubnets: not enough remaining address space for a subnet with a prefix of 31 bits after 10.0.0.2/31');
    expectError('cidrsubnets', ['10.0.0.0/24', 0], 'cidrsubnets: must extend prefix by at least one bit');
    expectError('cidrsubnets', ['10.0.0.0/24', 9], 'cidrsubnets: would extend prefix to 33 bits, which is too long for an IPv4 address');
  });

  it('propagates unknowns', () => {
    expectUnknown(call('cidrsubnet', u, 8, 1), 'cidrsubnet(...)');
    expectUnknown(call('cidrhost', '10.0.0.0/24', u), 'cidrhost(...)');
  });
});

describe('robustness', () => {
  // Odd shapes a configuration can pass by mistake: none may crash with anything but an EvalError.
  const shapes: Value[] = [null, true, 0, -1, 1.5, '', 'x', '10.0.0.0/8', [], [null], [1, 'a'], [[1]], {}, { a: null }, { a: [1] }, u];

  it.each(Object.keys(FUNCTIONS).sort())('%s fails only with EvalError', (name) => {
    for (let count = 0; count <= 3; count++) {
      const combos: Value[][] = count === 0 ? [[]] : shapes.map((s) => Array.from({ length: count }, (_, k) => (k === 0 ? s : shapes[(k * 5) % shapes.length])));
      for (const args of combos) {
        try {
          call(name, ...args);
        } catch (e) {
          if (!(e instanceof EvalError)) throw new Error(`${name}(${JSON.stringify(args)}) threw ${String(e)}`, { cause: e });
        }
      }
    }
  });
});
