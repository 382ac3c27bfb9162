/**
 * JSON Schema for the parts of `terraform show -json` output tomguard reads (plan format 0.1–1.2,
 * Terraform and OpenTofu, and state output). Everything else may be present and is ignored.
 * Compiled ahead of time into src/generated/plan-validator.ts (npm run generate:validators).
 */
/** What names a resource, in planned values and in the configuration alike. */
const RESOURCE_IDENTITY = {
  address: { type: 'string' },
  mode: { enum: ['managed', 'data'] },
  type: { type: 'string' },
  name: { type: 'string' },
};

export const VALUE_MODULE_SCHEMA = {
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
          ...RESOURCE_IDENTITY,
          index: { type: ['integer', 'string'] },
          values: { type: ['object', 'null'] },
          sensitive_values: { type: ['object', 'boolean', 'null'] },
        },
      },
    },
    child_modules: { type: 'array', items: { $ref: 'valueModule' } },
  },
};

export const CONFIG_MODULE_SCHEMA = {
  $id: 'configModule',
  type: 'object',
  properties: {
    resources: {
      type: 'array',
      items: {
        type: 'object',
        required: ['address', 'type', 'name'],
        properties: {
          ...RESOURCE_IDENTITY,
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

export const PLAN_SCHEMA = {
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
