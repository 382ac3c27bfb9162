/**
 * JSON Schema of a TOM profile (YAML or JSON): one organisation's claims, rule parameters,
 * exemptions and external evidence. Shipped in the package; `tomguard profile validate` checks it.
 */
import { ALL_RULES } from '../../rules';
import { parameterCatalog, parametersSchema } from './rule-parameters';

/** The `parameters` part comes from the rules' `meta.parameters` (rule-parameters.ts). */
export const PROFILE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'tomguard TOM profile',
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, description: 'Short name shown in reports, e.g. "acme-dpa-2026".' },
    description: { type: 'string' },
    extends: { enum: ['reference'], description: 'Start from the built-in reference TOM: its claims and out-of-scope sections apply unless replaced.' },
    claims: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'section', 'title', 'rules'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
          section: { type: 'string', minLength: 1 },
          title: { type: 'string', minLength: 1 },
          rules: { type: 'array', items: { type: 'string', pattern: '^TG-[A-Z]{3}-[0-9]{3}$' } },
          externalEvidence: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['statement'],
              properties: {
                statement: { type: 'string', minLength: 1, description: 'What shows the claim outside the scanned code.' },
                link: { type: 'string' },
              },
            },
          },
        },
      },
    },
    outOfScope: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['section', 'title'],
        properties: { section: { type: 'string' }, title: { type: 'string' } },
      },
    },
    parameters: parametersSchema(parameterCatalog(ALL_RULES)),
    accounts: {
      type: 'array',
      description: 'The AWS accounts of an estate: existence claims (CloudTrail, GuardDuty, password policy, alerting) are judged per account. Without it, everything scanned together is one account.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'roots'],
        properties: {
          name: { type: 'string', minLength: 1 },
          roots: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Root directory globs relative to the working directory (* within a folder name, ** across folders).' },
        },
      },
    },
    exemptions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['reason'],
        anyOf: [{ required: ['address'] }, { required: ['tag'] }],
        properties: {
          rules: { type: 'array', items: { type: 'string', pattern: '^TG-[A-Z]{3}-[0-9]{3}$' } },
          address: { type: 'string', minLength: 1, description: 'Resource address glob: * matches any run of characters.' },
          tag: {
            type: 'object',
            additionalProperties: false,
            required: ['key'],
            properties: { key: { type: 'string' }, value: { type: 'string' } },
          },
          reason: { type: 'string', minLength: 1 },
          expires: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
        },
      },
    },
  },
};
