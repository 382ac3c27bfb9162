/**
 * Text output keeps each result to about 200 characters: the verdict and the deciding value stay,
 * the provenance chain (where a variable was set, which module passed it, why a value is unknown) is
 * what gets left out, and the whole message stays in JSON `details.message` and in
 * `tomguard explain RULE --finding FILE:LINE`.
 */
export const MESSAGE_LIMIT = 200;

interface Group {
  start: number;
  end: number;
  depth: number;
}

/** Balanced parenthesised groups with their nesting depth (1 = outermost). */
function groups(text: string): Group[] {
  const out: Group[] = [];
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') open.push(i);
    else if (text[i] === ')' && open.length > 0) {
      const start = open.pop()!;
      out.push({ start, end: i + 1, depth: open.length + 1 });
    }
  }
  return out;
}

/** Replaces a group with a marker that says something was left out. */
function mark(text: string, g: Group): string {
  return `${text.slice(0, g.start)}(…)${text.slice(g.end)}`;
}

/** Removes a group and the space before it. */
function drop(text: string, g: Group): string {
  const start = g.start > 0 && text[g.start - 1] === ' ' ? g.start - 1 : g.start;
  return text.slice(0, start) + text.slice(g.end);
}

const longest = (list: Group[]) => list.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));

/** `(main.tf:4)`, `(examples/x/database.tf:12)`: where a referenced resource is, said again in JSON. */
const LOCATION = /^\([^()\s]+\.(?:tf|tfvars|json|hcl):\d+\)$/;

export function shortenMessage(message: string, limit = MESSAGE_LIMIT): string {
  if (message.length <= limit) return message;
  let text = message;
  // 1. Nested provenance: "(var.x (set in a.tfvars:3))" → "(var.x)".
  for (;;) {
    const inner = groups(text).filter((g) => g.depth >= 2);
    if (inner.length === 0 || text.length <= limit) break;
    text = drop(text, longest(inner));
  }
  // 2. Locations of referenced resources.
  for (;;) {
    const located = groups(text).filter((g) => LOCATION.test(text.slice(g.start, g.end)));
    if (located.length === 0 || text.length <= limit) break;
    text = drop(text, longest(located));
  }
  // 3. The longest remaining asides, one at a time.
  for (;;) {
    const outer = groups(text).filter((g) => g.end - g.start > 30);
    if (outer.length === 0 || text.length <= limit) break;
    text = mark(text, longest(outer));
  }
  // 4. Still long: end at a word boundary.
  if (text.length > limit) {
    const room = text.slice(0, limit - 1);
    const space = room.lastIndexOf(' ');
    text = `${(space > limit / 2 ? room.slice(0, space) : room).replace(/[\s;:,]+$/, '')}…`;
  }
  return text;
}
