/**
 * Terraform's regular expressions (`regex`, `regexall`, and `replace` with a `/.../` pattern) on
 * re2js, a port of Go's RE2: the same syntax (scoped flags, `\pN`, `[[:alpha:]]`, `\Q...\E`, no
 * backreferences or lookaround), leftmost-first matching and Go's error texts. functions.ts loads
 * this file only when one of those functions runs.
 */
import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js';
import { fail, setEntry } from './function-support';
import type { Value, ValueObject } from './value';

interface Pattern {
  re: RE2JS;
  /** One entry per capture group in order: its name, or null when unnamed. */
  groupNames: (string | null)[];
}

/** A match as Go reports it: the text of group 0 and of every capture group, null when a group did not take part. */
type Groups = (string | null)[];

const patterns = new Map<string, Pattern>();

function compile(pattern: string): Pattern {
  const cached = patterns.get(pattern);
  if (cached) return cached;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    // go-cty's text for a syntax error ("missing closing ] in [a"); re2js's message is Go's regexp error.
    if (e instanceof RE2JSSyntaxException) fail(`invalid regexp pattern: ${e.getDescription()} in ${e.getPattern() ?? pattern}`);
    if (e instanceof RE2JSException) fail(`invalid regexp pattern: ${e.message}`);
    throw e;
  }
  const groupNames: (string | null)[] = new Array<string | null>(re.groupCount()).fill(null);
  for (const [name, index] of Object.entries(re.namedGroups())) groupNames[index - 1] = name;
  const compiled = { re, groupNames };
  patterns.set(pattern, compiled);
  return compiled;
}

/**
 * Every match as Go's FindAll finds them. re2js's `matchAll` searches as Java does, which also
 * reports an empty match right where the previous match ended; Go skips it.
 */
function findAll(p: Pattern, text: string): { start: number; end: number; groups: Groups }[] {
  const matches: { start: number; end: number; groups: Groups }[] = [];
  let previousEnd = -1;
  for (const m of p.re.matchAll(text)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (!(start === end && start === previousEnd)) matches.push({ start, end, groups: Array.from(m, (g) => g ?? null) });
    previousEnd = end;
  }
  return matches;
}

/** regex() and regexall() check this before matching, as Terraform decides the result type first. */
function requireUniformGroups(p: Pattern): void {
  const named = p.groupNames.filter((n) => n !== null).length;
  if (named > 0 && named < p.groupNames.length) fail('invalid regexp pattern: cannot mix both named and unnamed capture groups');
}

/** The match, a list of unnamed captures, or an object of named ones. */
function matchValue(p: Pattern, groups: Groups): Value {
  if (p.groupNames.length === 0) return groups[0];
  if (p.groupNames[0] === null) return groups.slice(1);
  const out: ValueObject = {};
  p.groupNames.forEach((name, k) => setEntry(out, name ?? String(k + 1), groups[k + 1]));
  return out;
}

export function regex(pattern: string, text: string): Value {
  const p = compile(pattern);
  requireUniformGroups(p);
  const m = p.re.exec(text);
  return m ? matchValue(p, Array.from(m, (g: string | undefined | null) => g ?? null)) : fail('pattern did not match any part of the given string');
}

export function regexAll(pattern: string, text: string): Value[] {
  const p = compile(pattern);
  requireUniformGroups(p);
  return findAll(p, text).map((match) => matchValue(p, match.groups));
}

/**
 * Go's Regexp.Expand: `$1`, `${1}`, `$name`, `${name}` and `$$`. A reference takes the longest run
 * of (Unicode) letters, digits and `_`, so `$1x` names the group `1x`; a number with a leading zero
 * (`$01`) is a name too. A group that does not exist or did not match expands to nothing.
 */
function expand(template: string, p: Pattern, groups: Groups): string {
  const group = (ref: string): string => {
    const index = /^(0|[1-9]\d*)$/.test(ref) ? Number(ref) : p.groupNames.indexOf(ref) + 1;
    return index > 0 || ref === '0' ? (groups[index] ?? '') : '';
  };
  let out = '';
  let i = 0;
  while (i < template.length) {
    if (template[i] !== '$') {
      out += template[i++];
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    const ref = template[i + 1] === '{' ? /^\{([\p{L}\p{Nd}_]+)\}/u.exec(template.slice(i + 1)) : /^([\p{L}\p{Nd}_]+)/u.exec(template.slice(i + 1));
    if (!ref) {
      out += '$'; // a malformed reference: Go keeps the "$" as text
      i++;
      continue;
    }
    out += group(ref[1]);
    i += 1 + ref[0].length;
  }
  return out;
}

/** `replace(text, "/pattern/", replacement)`: Go's ReplaceAllString. */
export function regexReplace(pattern: string, text: string, replacement: string): string {
  const p = compile(pattern);
  let out = '';
  let last = 0;
  for (const match of findAll(p, text)) {
    out += text.slice(last, match.start) + expand(replacement, p, match.groups);
    last = match.end;
  }
  return out + text.slice(last);
}
