/**
 * Reads a JSON input (plan or state) the way pipelines produce it: UTF-8 with or without BOM, or
 * UTF-16 with a BOM (PowerShell's `>`), with parse errors at a line and column.
 */
import * as fs from 'node:fs';
import { JsonOutline, MAX_PLAN_NESTING, outlineJson } from '../nesting-depth';
import { Diagnostic } from '../diagnostics';

/** Plans of tens of megabytes are normal; V8 strings cap out near 512 MB. */
export const MAX_PLAN_BYTES = 500 * 1024 * 1024;

export function decodeJsonBytes(buf: Buffer): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  return new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(start));
}

export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

export type JsonRead = { text: string; data: unknown } | { error: Diagnostic };

export function readJsonFile(file: string, shown: string, maxBytes = MAX_PLAN_BYTES): JsonRead {
  let buf: Buffer;
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return { error: { file: shown, message: `${shown} is not a regular file.`, severity: 'error' } };
    if (st.size > maxBytes) return { error: { file: shown, message: `${shown} is ${st.size} bytes, over the ${Math.round(maxBytes / 1048576)} MB limit for JSON inputs.`, severity: 'error' } };
    buf = fs.readFileSync(file);
  } catch (err) {
    return { error: { file: shown, message: `Cannot read ${shown}: ${(err as Error).message}`, severity: 'error' } };
  }
  let text: string;
  try {
    text = decodeJsonBytes(buf);
  } catch {
    return { error: { file: shown, message: `${shown} is not valid UTF-8 (or UTF-16 with a byte order mark): re-create it with terraform show -json plan.out > plan.json.`, severity: 'error' } };
  }
  const outline = outlineJson(text, MAX_PLAN_NESTING);
  const deep = outline.tooDeepAt;
  if (deep !== undefined) {
    const at = lineColumnAt(text, deep);
    return { error: { file: shown, ...at, message: `${shown} is nested more than ${MAX_PLAN_NESTING} levels deep here; Terraform's plan and state JSON never is, so it is not read.`, severity: 'error' } };
  }
  const blanked = withoutUnusedPlannedValues(text, outline);
  const read = parseJsonText(blanked, shown);
  if (!('data' in read)) return read;
  if (blanked !== text && !isValidJson(text, outline.members.get('planned_values')!)) return parseJsonText(text, shown);
  return { ...read, text };
}

/** Whether a member's value parses (syntax only: what it builds is dropped at once). */
function isValidJson(text: string, [start, end]: [number, number]): boolean {
  try {
    JSON.parse(text.slice(start, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * A plan states every resource twice: in resource_changes (with unknowns and actions, what tomguard
 * reads) and in planned_values (~40% of the file, read only when resource_changes is empty). Parsing
 * planned_values anyway cost ~0.3 s and ~200 MB of heap for a 50k-resource plan that the collector then
 * kept walking, so its value is blanked to `{}` padded with spaces: every offset, and so every error
 * position, stays what it is in the file. Its syntax is still checked (parsed apart and dropped at once),
 * so a broken planned_values is the same error as before.
 */
function withoutUnusedPlannedValues(text: string, outline: JsonOutline): string {
  const planned = outline.members.get('planned_values');
  const changes = outline.members.get('resource_changes');
  if (!planned || !changes) return text;
  const changesText = text.slice(changes[0], Math.min(changes[1], changes[0] + 64)).trim();
  if (!changesText.startsWith('[') || /^\[\s*\]/.test(changesText)) return text;
  const [start, end] = planned;
  if (text.slice(start, end).trimStart()[0] !== '{') return text;
  return text.slice(0, start) + '{}' + ' '.repeat(end - start - 2) + text.slice(end);
}

export function parseJsonText(text: string, shown: string): JsonRead {
  try {
    return { text, data: JSON.parse(text) };
  } catch {
    if (text.trim() === '') return { error: { file: shown, message: `${shown} is empty.`, severity: 'error' } };
    // JSON.parse's message often has no position: jsonc-parser (loaded only now) finds it, in words.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const found = (require('../json-syntax-error') as typeof import('../json-syntax-error')).firstJsonSyntaxError(text);
    const offset = found?.offset ?? text.length;
    const what = offset >= text.trimEnd().length ? 'the JSON ends early (a truncated file?)' : (found?.message ?? 'the text is not valid JSON');
    return { error: { file: shown, ...lineColumnAt(text, offset), message: `Invalid JSON: ${what}.`, severity: 'error' } };
  }
}

/** The first non-space character of a file, to tell JSON from HCL without reading it all. */
export function looksLikeJson(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(64);
    const n = fs.readSync(fd, buf, 0, 64, 0);
    fs.closeSync(fd);
    let head: string;
    try {
      head = decodeJsonBytes(buf.subarray(0, n - (n % 2)));
    } catch {
      head = buf.subarray(0, n).toString('latin1');
    }
    return /^\s*[{[]/.test(head.replace(/^\uFEFF/, ''));
  } catch {
    return false;
  }
}
