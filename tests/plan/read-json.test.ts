import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseJsonText, readJsonFile } from '../../src/plan/read-json';
import { jsonTooDeepAt, outlineJson } from '../../src/nesting-depth';

function write(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-read-json-'));
  const file = path.join(dir, 'plan.json');
  fs.writeFileSync(file, text);
  return file;
}

const change = '{"address":"a_b.c","mode":"managed","type":"a_b","name":"c","change":{"actions":["create"],"after":{"k":"v"}}}';
const planned = '{"root_module":{"resources":[{"address":"a_b.c","mode":"managed","type":"a_b","name":"c","values":{"quote\\"{[":"x\\\\"}}]}}';

describe('outlineJson', () => {
  it('finds each top-level member value, skipping brackets and escaped quotes inside strings', () => {
    const text = `{"a": {"x\\"}": [1, "]"]}, "b":[ ], "c" : "s,}"}`;
    const members = outlineJson(text, 10).members;
    expect([...members.keys()]).toEqual(['a', 'b', 'c']);
    expect(text.slice(...members.get('a')!)).toBe(' {"x\\"}": [1, "]"]}');
    expect(text.slice(...members.get('b')!)).toBe('[ ]');
    expect(text.slice(...members.get('c')!)).toBe(' "s,}"');
  });

  it('reports the first bracket past the limit, ignoring brackets in strings', () => {
    expect(jsonTooDeepAt('[["[[[[", [[]]]]', 3)).toBe(11);
    expect(jsonTooDeepAt('[["[[[[", [[]]]]', 4)).toBeUndefined();
    expect(jsonTooDeepAt('["\\\\", [[]]]', 2)).toBe(8);
  });
});

describe('readJsonFile', () => {
  it('does not build planned_values when resource_changes lists resources, and keeps the file text as it is', () => {
    const text = `{"format_version":"1.2","planned_values":${planned},\n"resource_changes":[${change}]}`;
    const read = readJsonFile(write(text), 'plan.json');
    expect(read).toEqual({ text, data: { format_version: '1.2', planned_values: {}, resource_changes: [JSON.parse(change)] } });
  });

  it('reads planned_values when resource_changes is empty', () => {
    const text = `{"format_version":"1.2","planned_values":${planned},"resource_changes":[ ]}`;
    const read = readJsonFile(write(text), 'plan.json');
    expect(read).toEqual({ text, data: JSON.parse(text) });
  });

  it('reports a syntax error after planned_values as for the whole file (blanking keeps every offset)', () => {
    const text = `{"format_version":"1.2","planned_values":${planned},\n"resource_changes":[${change}],\n"x": tru}`;
    const read = readJsonFile(write(text), 'plan.json');
    expect(read).toEqual(parseJsonText(text, 'plan.json'));
    expect(read).toEqual({ error: { file: 'plan.json', line: 3, column: 6, message: 'Invalid JSON: this character is not valid JSON.', severity: 'error' } });
  });

  it('still reports a syntax error inside a planned_values it does not build', () => {
    const text = `{"format_version":"1.2","planned_values":{"root_module":\n{"resources": [,]}},"resource_changes":[${change}]}`;
    const read = readJsonFile(write(text), 'plan.json');
    expect(read).toEqual({ error: { file: 'plan.json', line: 2, column: 16, message: 'Invalid JSON: a value was expected here.', severity: 'error' } });
  });

  it.each([
    ['{"a":[1,]}', 1, 9, 'a value was expected here'],
    ['{"a" 1}', 1, 6, 'a ":" was expected after the property name'],
    ['{"a":1,}', 1, 8, 'a quoted property name was expected here'],
    ['{"a":\n  "\\q"}', 2, 3, 'this escape sequence is not valid JSON'],
    ['[1] x', 1, 5, 'this character is not valid JSON'],
    ['{"resource_changes":[{"a":1}', 1, 29, 'the JSON ends early (a truncated file?)'],
  ])('says where and how %j breaks', (text, line, column, what) => {
    expect(parseJsonText(text, 'p.json')).toEqual({ error: { file: 'p.json', line, column, message: `Invalid JSON: ${what}.`, severity: 'error' } });
  });
});
