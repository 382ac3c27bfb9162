/**
 * Reads a JSON input (plan or state) the way pipelines produce it: UTF-8 with or without BOM, or
 * UTF-16 with a BOM (PowerShell's `>`), with parse errors at a line and column.
 */
import * as fs from 'node:fs';
import { MAX_PLAN_NESTING, jsonTooDeepAt } from '../nesting-depth';
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
  const deep = jsonTooDeepAt(text, MAX_PLAN_NESTING);
  if (deep !== undefined) {
    const at = lineColumnAt(text, deep);
    return { error: { file: shown, ...at, message: `${shown} is nested more than ${MAX_PLAN_NESTING} levels deep here; Terraform's plan and state JSON never is, so it is not read.`, severity: 'error' } };
  }
  return parseJsonText(text, shown);
}

export function parseJsonText(text: string, shown: string): JsonRead {
  try {
    return { text, data: JSON.parse(text) };
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    const at = pos ? lineColumnAt(text, Number(pos[1])) : text.trim() === '' ? undefined : lineColumnAt(text, text.length);
    const what = /Unexpected end/.test(message) ? 'the JSON ends early (a truncated file?)' : message.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected/, 'unexpected');
    return {
      error: {
        file: shown,
        line: at?.line,
        column: at?.column,
        message: text.trim() === '' ? `${shown} is empty.` : `Invalid JSON: ${what}.`,
        severity: 'error',
      },
    };
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
