/**
 * JSON Schema for the parts of `terraform show -json` output tomguard reads (plan format 0.1–1.2,
 * Terraform and OpenTofu, and state output). Everything else may be present and is ignored.
 */
import Ajv, { ErrorObject } from 'ajv';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { Diagnostic } from '../diagnostics';
import { lineColumnAt } from './read-json';

const valueModule = {
  $id: 'valueModule',
  type: 'object',
  properties: {
    address: { type: 'string' },
    resources: {
      type: 'array',
      items: {
        type: 'object',
        required: ['address', 'type', 'name'],
        properties: {
          address: { type: 'string' },
          mode: { enum: ['managed', 'data'] },
          type: { type: 'string' },
          name: { type: 'string' },
          index: { type: ['integer', 'string'] },
          values: { type: ['object', 'null'] },
          sensitive_values: { type: ['object', 'boolean', 'null'] },
        },
      },
    },
    child_modules: { type: 'array', items: { $ref: 'valueModule' } },
  },
};

const configModule = {
  $id: 'configModule',
  type: 'object',
  properties: {
    resources: {
      type: 'array',
      items: {
        type: 'object',
        required: ['address', 'type', 'name'],
        properties: {
          address: { type: 'string' },
          mode: { enum: ['managed', 'data'] },
          type: { type: 'string' },
          name: { type: 'string' },
          expressions: { type: 'object' },
        },
      },
    },
    module_calls: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        properties: {
          source: { type: 'string' },
          expressions: { type: 'object' },
          module: { $ref: 'configModule' },
        },
      },
    },
    outputs: { type: 'object', additionalProperties: { type: 'object' } },
  },
};

const planSchema = {
  type: 'object',
  properties: {
    format_version: { type: 'string', pattern: '^[0-9]+\\.[0-9]+$' },
    terraform_version: { type: 'string' },
    planned_values: { type: 'object', properties: { root_module: { $ref: 'valueModule' } } },
    values: { type: 'object', properties: { root_module: { $ref: 'valueModule' } } },
    prior_state: { type: 'object', properties: { values: { type: 'object', properties: { root_module: { $ref: 'valueModule' } } } } },
    resource_changes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['address', 'type', 'name', 'change'],
        properties: {
          address: { type: 'string' },
          module_address: { type: 'string' },
          mode: { enum: ['managed', 'data'] },
          type: { type: 'string' },
          name: { type: 'string' },
          index: { type: ['integer', 'string'] },
          change: {
            type: 'object',
            required: ['actions'],
            properties: {
              actions: { type: 'array', items: { enum: ['no-op', 'create', 'read', 'update', 'delete', 'forget', 'open', 'close'] } },
              after: { type: ['object', 'null'] },
              after_unknown: { type: ['object', 'boolean', 'null'] },
              after_sensitive: { type: ['object', 'boolean', 'null'] },
            },
          },
        },
      },
    },
    configuration: { type: 'object', properties: { root_module: { $ref: 'configModule' } } },
  },
};

let compiled: ReturnType<Ajv['compile']> | undefined;

function validator() {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addSchema(valueModule);
    ajv.addSchema(configModule);
    compiled = ajv.compile(planSchema);
  }
  return compiled;
}

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
  const validate = validator();
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
