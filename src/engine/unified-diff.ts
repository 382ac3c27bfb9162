/**
 * Reads `git diff --unified=0` output: for each file, the lines of the new version that were added or
 * changed, the places where lines were only deleted, and the text of deleted lines (PR mode needs to
 * see a removed `resource "aws_cloudtrail"` block). No context lines, so every hunk is exactly its
 * header's counts.
 */

export interface FileDiff {
  /** Path in the new version, relative to the work tree root; undefined when the file was deleted. */
  path?: string;
  /** Path in the old version; undefined for a new file. */
  oldPath?: string;
  /** Added or changed lines of the new version, as inclusive [first, last] ranges. */
  added: Array<[number, number]>;
  /** Lines were deleted between line n and n + 1 of the new version (0: before the first line). */
  deletedAfter: number[];
  /** The text of every deleted line. */
  removed: string[];
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Git's C-style quoting of unusual paths (`"a/we\"ird\tname.tf"`), undone; UTF-8 octal escapes included. */
export function unquotePath(raw: string): string {
  if (!raw.startsWith('"')) return raw;
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, '\\': 92 };
  for (let i = 1; i < raw.length - 1; i++) {
    const c = raw[i];
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = raw[++i];
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(raw.slice(i, i + 3), 8));
      i += 2;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** `b/path` (or `a/path`) without its prefix; undefined for /dev/null. */
function headerPath(rest: string, prefix: 'a/' | 'b/'): string | undefined {
  const p = unquotePath(rest.replace(/\t.*$/, ''));
  if (p === '/dev/null') return undefined;
  return p.startsWith(prefix) ? p.slice(2) : p;
}

export function parseUnifiedDiff(text: string): FileDiff[] {
  const files: FileDiff[] = [];
  let current: FileDiff | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  for (const line of text.split('\n')) {
    // Inside a hunk the header's counts say how many lines follow: a deleted line reading "-- x" is content.
    if (current && (oldLeft > 0 || newLeft > 0)) {
      if (line.startsWith('-')) {
        current.removed.push(line.slice(1));
        oldLeft--;
      } else if (line.startsWith('+')) {
        newLeft--;
      }
      // "\ No newline at end of file" counts for nothing.
      continue;
    }
    if (line.startsWith('diff --git ')) {
      current = { added: [], deletedAfter: [], removed: [] };
      files.push(current);
      continue;
    }
    if (!current) continue;
    if (line.startsWith('--- ')) current.oldPath = headerPath(line.slice(4), 'a/');
    else if (line.startsWith('+++ ')) current.path = headerPath(line.slice(4), 'b/');
    else if (line.startsWith('rename from ')) current.oldPath = unquotePath(line.slice(12));
    else if (line.startsWith('rename to ')) current.path = unquotePath(line.slice(10));
    else if (line.startsWith('@@ ')) {
      const m = HUNK.exec(line);
      if (!m) continue;
      oldLeft = m[2] === undefined ? 1 : Number(m[2]);
      const start = Number(m[3]);
      newLeft = m[4] === undefined ? 1 : Number(m[4]);
      if (newLeft > 0) current.added.push([start, start + newLeft - 1]);
      else current.deletedAfter.push(start);
    }
  }
  return files;
}
