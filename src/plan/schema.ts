/** Checks plan/state JSON against src/plan/plan-schema.ts and says where it does not fit. */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { Diagnostic } from '../diagnostics';
import { lineColumnAt } from './read-json';
import { validate as generatedValidate } from '../generated/plan-validator';

/** Precompiled by ajv (scripts/generate-validators.ts): compiling the schema at start cost ~40 ms of ajv loading. */
const validate = generatedValidate as unknown as ValidateFunction;

function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return `the required property "${(e.params as { missingProperty: string }).missingProperty}" is missing`;
    case 'type':
      return `expected ${(e.params as { type: string | string[] }).type} here`;
    case 'enum':
      return `expected one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return 'expected a version such as "1.2"';
    default:
      return e.message ?? 'invalid value';
  }
}

/** Schema problems with their JSON pointer and, when the text is at hand, line and column. */
export function validatePlanShape(data: unknown, text: string, file: string): Diagnostic[] {
  if (validate(data)) return [];
  let tree: ReturnType<typeof parseTree> | undefined;
  const out: Diagnostic[] = [];
  for (const e of (validate.errors ?? []).slice(0, 10)) {
    const pointer = e.instancePath || '/';
    const segments = e.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    let at: { line: number; column: number } | undefined;
    if (text.length < 64 * 1024 * 1024) {
      tree ??= parseTree(text);
      const node = tree ? findNodeAtLocation(tree, segments) : undefined;
      if (node) at = lineColumnAt(text, node.offset);
    }
    out.push({ file, line: at?.line, column: at?.column, message: `Not a valid Terraform plan/state JSON at ${pointer}: ${describe(e)}.`, severity: 'error' });
  }
  return out;
}
