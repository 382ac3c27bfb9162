/**
 * Nesting limits checked on the text before a parser sees it: JSON.parse, the YAML parser and the code
 * that walks their results recurse once per level, so 10,000 brackets would exhaust the stack. A plain
 * scan over the characters finds the first place that goes too deep, to report it with its position.
 */

/** Plan and state JSON: Terraform's own output stays far below this. */
export const MAX_PLAN_NESTING = 1000;
/** Profiles: the schema is five levels deep. */
export const MAX_PROFILE_NESTING = 100;

/** Offset of the first bracket ({ or [) of JSON text that opens level `limit + 1`, if any. */
export function jsonTooDeepAt(text: string, limit: number): number | undefined {
  return outlineJson(text, limit).tooDeepAt;
}

/** What one pass over JSON text learns: where it first nests too deep, and where each top-level member's value lies. */
export interface JsonOutline {
  tooDeepAt?: number;
  /** Members of a top-level object: key (as written) → [start, end) of its value, surrounding spaces included. */
  members: Map<string, [number, number]>;
}

export function outlineJson(text: string, limit: number): JsonOutline {
  const members = new Map<string, [number, number]>();
  let depth = 0;
  let key: string | undefined;
  let valueStart = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Jump to the closing quote natively (strings are most of a plan's bytes); a quote after an odd
      // run of backslashes is escaped.
      let j = text.indexOf('"', i + 1);
      while (j !== -1) {
        let k = j - 1;
        while (text.charCodeAt(k) === 0x5c) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      if (j === -1) break;
      if (depth === 1 && key === undefined) {
        const colon = text.indexOf(':', j + 1);
        if (colon !== -1) {
          key = text.slice(i + 1, j);
          valueStart = colon + 1;
          j = colon;
        }
      }
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return { tooDeepAt: i, members };
    } else if (c === 0x7d || c === 0x5d) {
      if (depth-- === 1 && key !== undefined) {
        members.set(key, [valueStart, i]);
        key = undefined;
      }
    } else if (c === 0x2c && depth === 1 && key !== undefined) {
      members.set(key, [valueStart, i]);
      key = undefined;
    }
  }
  return { members };
}

/**
 * The same for YAML (a superset of JSON): levels are flow brackets plus block indentation and `- `
 * entries. Quoted scalars and comments are skipped; an approximation that never undercounts real nesting
 * by much, which is all a limit needs.
 */
export function yamlTooDeepAt(text: string, limit: number): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let lineStart = true;
  let column = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      lineStart = true;
      column = 0;
      continue;
    }
    if (lineStart && flow === 0) {
      if (ch === ' ' || (ch === '-' && text[i + 1] === ' ')) {
        column++;
        continue;
      }
      if (ch !== '#') {
        while (indents.length > 0 && indents[indents.length - 1] >= column) indents.pop();
        indents.push(column);
        if (indents.length > limit) return i;
      }
    }
    lineStart = false;
    const prev = i > 0 ? text[i - 1] : ' ';
    const tokenStart = /[\s[{,:]/.test(prev);
    if (ch === '#' && /\s/.test(prev)) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if ((ch === '"' || ch === "'") && tokenStart) {
      for (i++; i < text.length && text[i] !== ch; i++) if (ch === '"' && text[i] === '\\') i++;
    } else if (ch === '[' || ch === '{') {
      if (++flow + indents.length > limit) return i;
    } else if ((ch === ']' || ch === '}') && flow > 0) {
      flow--;
    }
  }
  return undefined;
}
