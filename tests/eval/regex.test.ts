/**
 * Terraform's regular expressions on re2js (src/eval/regex.ts): RE2 syntax the former translator to
 * JavaScript RegExp rejected or read differently, Go's FindAll and Expand, and go-cty's error texts.
 * tests/eval/functions.test.ts keeps the basic cases.
 */
import { FUNCTIONS } from '../../src/eval/functions';
import { EvalError, Value } from '../../src/eval/value';

function call(name: string, ...args: Value[]): Value {
  return FUNCTIONS[name](args, { moduleDir: '/', repoRoot: '/', renderTemplate: () => null });
}

function errorOf(name: string, ...args: Value[]): string {
  try {
    call(name, ...args);
  } catch (e) {
    expect(e).toBeInstanceOf(EvalError);
    return (e as Error).message;
  }
  throw new Error(`${name} did not fail`);
}

describe('RE2 syntax', () => {
  it.each<[string, Value[], Value]>([
    // flags scoped to a group, and the ungreedy flag
    ['regex', ['a(?i:b)c', 'xaBc'], 'aBc'],
    ['regex', ['(?i:A)b', 'ab aB'], 'ab'],
    ['regex', ['(?U)a+', 'aaa'], 'a'],
    ['regex', ['(?U)a+?', 'aaa'], 'aaa'],
    ['regex', ['(?is)A.B', 'a\nb'], 'a\nb'],
    // repeated empty-width assertions
    ['regexall', ['^*a', 'aa'], ['a', 'a']],
    ['regexall', ['\\b+', 'ab'], ['', '']],
    // classes
    ['regex', ['[[:^digit:]]+', '12ab3'], 'ab'],
    ['regex', ['\\p{Han}+', 'abc漢字'], '漢字'],
    ['regex', ['\\PL+', 'ab12cd'], '12'],
    ['regex', ['[\\p{Greek}\\d]+', 'xα1βy'], 'α1β'],
    // named groups in both spellings, and a group that did not take part
    ['regex', ['(?P<a>x)(?<b>y)', 'xy'], { a: 'x', b: 'y' }],
    ['regex', ['(?P<a>x)?(?P<b>y)', 'y'], { a: null, b: 'y' }],
    ['regex', ['(x)?(y)', 'y'], [null, 'y']],
    // "$" without (?m) is the end of the text only
    ['regexall', ['a$', 'a\na'], ['a']],
    ['regexall', ['(?m)a$', 'a\na'], ['a', 'a']],
  ])('%s(%j) is %j', (name, args, expected) => {
    expect(call(name, ...args)).toEqual(expected);
  });
});

describe('matching as Go does', () => {
  it.each<[string, Value[], Value]>([
    // FindAll: characters, not UTF-16 units; an empty match right after a match is skipped
    ['regexall', ['.', 'a😀'], ['a', '😀']],
    ['regexall', ['', '😀a'], ['', '', '']],
    ['regexall', ['x*', 'axxb'], ['', 'xx', '']],
    // leftmost-first alternation, as Perl and Go, not leftmost-longest
    ['regex', ['a|ab', 'ab'], 'a'],
    ['replace', ['😀😀', '/x*/', '-'], '-😀-😀-'],
  ])('%s(%j) is %j', (name, args, expected) => {
    expect(call(name, ...args)).toEqual(expected);
  });
});

describe("replace's template (Go's Regexp.Expand)", () => {
  it.each<[string, string, string, string]>([
    ['abc', '/(b)/', '[$1]', 'a[b]c'],
    ['abc', '/(b)/', '[$0]', 'a[b]c'],
    ['abc', '/(b)/', '$01', 'ac'], // a leading zero makes "01" a name, and there is no such group
    ['abc', '/(b)/', '${01}', 'ac'],
    ['abc', '/(b)/', '$2', 'ac'], // no group 2
    ['abc', '/(?P<x>b)/', '[$éx]', 'a[]c'], // a reference runs over Unicode letters and digits: "éx", no such group
    ['abc', '/(?P<x>b)/', '[${x}y]', 'a[by]c'],
    ['abc', '/(?P<x>b)/', '[$xy]', 'a[]c'],
    ['abc', '/b/', '${', 'a${c'], // a malformed reference stays as text
    ['abc', '/b/', '$}', 'a$}c'],
    ['abc', '/(b)?x?/', '<$1>', '<>a<b>c<>'],
  ])('replace(%j, %j, %j) is %j', (text, pattern, template, expected) => {
    expect(call('replace', text, pattern, template)).toBe(expected);
  });
});

describe("go-cty's error texts", () => {
  it.each<[string, Value[], string]>([
    ['regex', ['x{2,1}', 'x'], 'regex: invalid regexp pattern: invalid repeat count in {2,1}'],
    ['regex', ['a**', 'a'], 'regex: invalid regexp pattern: invalid nested repetition operator in **'],
    ['regex', ['(', 'a'], 'regex: invalid regexp pattern: missing closing ) in ('],
    ['regex', ['a)', 'a'], 'regex: invalid regexp pattern: unexpected ) in a)'],
    ['regex', ['(?<=a)b', 'ab'], 'regex: invalid regexp pattern: invalid named capture in (?<=a)b'],
    ['regex', ['(?P<n>a)(?P<n>b)', 'ab'], 'regex: invalid regexp pattern: duplicate capture group name in n'],
    ['regex', ['\\p{Klingon}', 'a'], 'regex: invalid regexp pattern: invalid character class range in \\p{Klingon}'],
    ['regexall', ['(a)(?P<n>b)', 'ab'], 'regexall: invalid regexp pattern: cannot mix both named and unnamed capture groups'],
    ['regex', ['(a)(?P<n>b)', 'zzz'], 'regex: invalid regexp pattern: cannot mix both named and unnamed capture groups'],
    ['replace', ['a', '/[/', 'b'], 'replace: invalid regexp pattern: missing closing ] in ['],
  ])('%s(%j) fails: %s', (name, args, message) => {
    expect(errorOf(name, ...args)).toBe(message);
  });

  it('replace does not require uniform groups (Go replaces with any pattern)', () => {
    expect(call('replace', 'ab', '/(a)(?P<n>b)/', '$n$1')).toBe('ba');
  });
});
