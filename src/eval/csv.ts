/**
 * Terraform's `csvdecode` on csv-parse, read as Go's encoding/csv reads it: RFC 4180 quoting, blank
 * lines skipped, a header row naming the columns and every row as long as the header. functions.ts
 * loads this file only when a configuration calls `csvdecode`.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { fail, setEntry } from './function-support';
import type { Value, ValueObject } from './value';

const OPTIONS = { record_delimiter: ['\r\n', '\n'], skip_empty_lines: true, relax_column_count: true };

/**
 * tomguard's wording of csv-parse's quoting errors, close to Go's (`bare " in non-quoted-field`).
 * They name the line where the failing record starts: csv-parse does not say exactly where inside
 * a record spanning lines (a quoted line break) the error is.
 */
const QUOTE_ERRORS: Record<string, string> = {
  INVALID_OPENING_QUOTE: 'bare " in non-quoted field',
  CSV_INVALID_CLOSING_QUOTE: 'extraneous or missing " in quoted field',
  CSV_QUOTE_NOT_CLOSED: 'missing closing quote',
};

/** The 1-based line of a byte offset. */
function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let k = bytes.indexOf(0x0a); k >= 0 && k < offset; k = bytes.indexOf(0x0a, k + 1)) line++;
  return line;
}

/** The line of the record that follows `offset`: blank lines (skipped, as Go does) are not its start. */
function recordLine(bytes: Buffer, offset: number): number {
  let start = offset;
  for (;;) {
    if (bytes[start] === 0x0a) start += 1;
    else if (bytes[start] === 0x0d && bytes[start + 1] === 0x0a) start += 2;
    else break;
  }
  return lineAt(bytes, start);
}

/**
 * Where each complete record ends (byte offsets, line ending included), from a second parse: only an
 * error message needs them, and asking csv-parse for them (`info`, `on_record`) makes it five times slower.
 * csv-parse's own line count differs from Go's (a lone "\r" is a line for it).
 */
function recordEnds(bytes: Buffer): number[] {
  const ends: number[] = [];
  try {
    parse(bytes, {
      ...OPTIONS,
      on_record: (record, context) => {
        ends.push(context.bytes);
        return record;
      },
    });
  } catch {
    // The records before the failing one are all an error message needs.
  }
  return ends;
}

/** The line where record `index` starts: 0 is the header; by default the record that failed to parse. */
function lineOfRecord(text: string, index?: number): number {
  const bytes = Buffer.from(text, 'utf8');
  const ends = recordEnds(bytes);
  const k = index ?? ends.length;
  return recordLine(bytes, k === 0 ? 0 : (ends[k - 1] ?? 0));
}

function parseRecords(text: string): string[][] {
  let records: string[][];
  try {
    records = parse(text, OPTIONS);
  } catch (e) {
    if (!(e instanceof CsvError) || !QUOTE_ERRORS[e.code]) throw e;
    return fail(`CSV record on line ${lineOfRecord(text)}: ${QUOTE_ERRORS[e.code]}`);
  }
  // Go turns a quoted "\r\n" into "\n"; an unquoted field cannot hold one (it would end the record).
  return records.map((fields) => fields.map((field) => (field.includes('\r\n') ? field.replace(/\r\n/g, '\n') : field)));
}

export function csvDecode(text: string): Value {
  const [header, ...rows] = parseRecords(text);
  if (!header) return fail('missing header line');
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) fail(`duplicate column name "${name}"`);
    seen.add(name);
  }
  return rows.map((row, k) => {
    if (row.length !== header.length) {
      fail(`CSV record on line ${lineOfRecord(text, k + 1)} has ${row.length} fields, but the header has ${header.length}`);
    }
    const out: ValueObject = {};
    header.forEach((name, column) => setEntry(out, name, row[column]));
    return out;
  });
}
