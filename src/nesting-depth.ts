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
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string: brackets inside it do not nest.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return i;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return undefined;
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
