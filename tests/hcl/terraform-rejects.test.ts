/**
 * Inputs Terraform rejects. Each must be rejected by HashiCorp's parser (the oracle) and by tomguard's
 * own parser, and a default `tomguard scan` (where HashiCorp's parser runs only after ours reports an
 * error) must report a parse error at HashiCorp's file, line and column: never a scan that passes.
 */
import * as path from 'node:path';
import { parse as hcl2json } from '@cdktn/hcl2json';
import { parseNativeFile } from '../../src/hcl/native-parser';
import { HclSyntaxError } from '../../src/hcl/source-text';
import { runCli } from '../helpers/cli';
import { writeTree } from '../helpers/tmp-tree';

/** name, main.tf, then HashiCorp's line, column and diagnostic summary. */
const REJECTED: [string, string, number, number, string][] = [
  ["attribute set twice", "a = 1\na = 2\n", 2, 1, "Attribute redefined"],
  ["attribute set twice in a block", "resource \"aws_s3_bucket\" \"b\" {\n  bucket = \"x\"\n  bucket = \"y\"\n}\n", 3, 3, "Attribute redefined"],
  ["two arguments on one line", "locals {\n  a = 1 b = 2\n}\n", 2, 9, "Missing newline after argument"],
  ["nested block in a single-line block", "a { b {} }\n", 1, 5, "Argument definition required"],
  ["single-line block closed on the next line", "a { b = 1\n}\n", 1, 10, "Invalid single-argument block definition"],
  ["single-line block ended by a comment", "a { b = 1 # c\n}\n", 1, 11, "Invalid single-argument block definition"],
  ["closing brace right after an argument", "a {\n  b = 1 }\n", 2, 9, "Missing newline after argument"],
  ["closing brace right after a nested block", "a {\n  b {}}\n", 2, 7, "Missing newline after block definition"],
  ["trailing brace after an attribute", "x = 1}\n", 1, 6, "Missing newline after argument"],
  ["lone CR line ending", "x = 1\ry = 2\n", 1, 6, "Invalid character"],
  ["byte order mark in the middle", "x = 1\n\ufeffy = 2\n", 2, 1, "Invalid character"],
  ["chained legacy index", "x = a.1.2\n", 1, 7, "Invalid legacy index syntax"],
  ["number with two dots", "x = 1.5.e2\n", 1, 5, "Invalid number literal"],
  ["number with three parts", "x = 1.5.0\n", 1, 5, "Invalid number literal"],
  ["grouping ellipsis in a tuple for", "x = [for a in b : a...]\n", 1, 20, "Invalid 'for' expression"],
  ["heredoc marker followed by spaces", "x = <<EOT   \na\nEOT\n", 1, 5, "Invalid expression"],
  ["heredoc closed on the last line without newline", "x = <<EOT\na\nEOT", 3, 4, "Unterminated template string"],
  ["unterminated heredoc", "x = <<EOT\nhello\n", 3, 1, "Unterminated template string"],
  ["unterminated string", "x = \"abc\n", 1, 9, "Invalid multi-line string"],
  ["unterminated block comment", "x = 1 /* abc\n", 1, 8, "Invalid expression"],
  ["unclosed block", "a {\n  b = 1\n", 1, 3, "Unclosed configuration block"],
  ["invalid escape", "x = \"a\\qb\"\n", 1, 7, "Invalid escape sequence"],
  ["surrogate unicode escape", "x = \"a\\uD800\"\n", 1, 7, "Invalid escape sequence"],
  ["unicode escape past U+10FFFF", "x = \"\\U00110000\"\n", 1, 6, "Invalid escape sequence"],
  ["identifier starting with a digit", "1a = 2\n", 1, 1, "Argument or block definition required"],
  ["identifier starting with a dash", "-a = 2\n", 1, 1, "Argument or block definition required"],
  ["missing value", "x =\n", 1, 4, "Invalid expression"],
  ["unclosed list", "x = [1, 2\n", 1, 5, "Unterminated tuple constructor expression"],
  ["list items without comma", "x = [1 2]\n", 1, 8, "Missing item separator"],
  ["unknown template directive", "x = \"%{ foo }\"\n", 1, 9, "Invalid template control keyword"],
  ["unclosed if directive", "x = \"%{if a}b\"\n", 1, 14, "Unexpected end of template"],
  ["block label with interpolation", "a \"${b}\" {}\n", 1, 4, "Invalid string literal"],
  ["stray closing brace", "}\n", 1, 1, "Argument or block definition required"],
];

describe('inputs Terraform rejects', () => {
  it('has at least 25 cases', () => {
    expect(REJECTED.length).toBeGreaterThanOrEqual(25);
  });

  it.each(REJECTED)('%s: HashiCorp\'s parser rejects it', async (_name, source, line, column, summary) => {
    await expect(hcl2json('main.tf', source)).rejects.toThrow(`main.tf:${line},${column}`);
    await expect(hcl2json('main.tf', source)).rejects.toThrow(`: ${summary};`);
  });

  it.each(REJECTED)('%s: tomguard\'s parser rejects it on its own', (_name, source) => {
    expect(() => parseNativeFile('main.tf', source)).toThrow(HclSyntaxError);
  });

  it.each(REJECTED)('%s: a default scan reports the parse error with file, line and column', async (_name, source, line, column, summary) => {
    const dir = writeTree({ 'main.tf': source });
    const result = await runCli(['scan', dir, '--format', 'json'], path.dirname(dir));
    expect(result.code).toBe(2);
    const report = JSON.parse(result.out) as { errors: { file: string; line?: number; column?: number; message: string }[]; findings: { status: string }[] };
    // HashiCorp's parser may add follow-on diagnostics; the first is the fault.
    expect(new Set(report.errors.map((e) => e.file))).toEqual(new Set([`${path.basename(dir)}/main.tf`]));
    expect(report.errors[0]).toMatchObject({ file: `${path.basename(dir)}/main.tf`, line, column });
    expect(report.errors[0].message.split(';')[0]).toBe(summary);
    // The file was not read: nothing in it can count as evidence that a claim passes.
    expect(report.findings.filter((f) => f.status === 'pass')).toEqual([]);
  });
});
