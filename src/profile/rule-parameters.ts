/**
 * Everything a profile knows about rule parameters, generated from the rules' `meta.parameters`: the
 * `parameters` part of the profile schema, the defaults, the profile-key mapping and the starter
 * profile's lines. Declarations of one parameter by several rules must agree.
 */
import type { RuleParameter } from '../rules/parameter';
import type { RuleParameters } from '../rules/parameters';
import type { Rule } from '../rules/types';

export interface CatalogParameter {
  declaration: RuleParameter;
  /** The rules that read it, in catalog order. */
  rules: string[];
}

/** The parameters of `rules` by profile key, in first-declared order; throws when two declarations disagree. */
export function parameterCatalog(rules: readonly Rule[]): Map<string, CatalogParameter> {
  const out = new Map<string, CatalogParameter>();
  for (const rule of rules) {
    for (const p of rule.meta.parameters ?? []) {
      const seen = out.get(p.profileKey);
      if (!seen) {
        out.set(p.profileKey, { declaration: p, rules: [rule.meta.id] });
        continue;
      }
      const { of: _a, ...mine } = p as RuleParameter & { of?: unknown };
      const { of: _b, ...theirs } = seen.declaration as RuleParameter & { of?: unknown };
      if (JSON.stringify(mine) !== JSON.stringify(theirs)) {
        throw new Error(`${rule.meta.id} declares parameter ${p.profileKey} differently from ${seen.rules[0]}`);
      }
      seen.rules.push(rule.meta.id);
    }
  }
  return out;
}

/** The schema of a profile's `parameters:` mapping. */
export function parametersSchema(catalog: Map<string, CatalogParameter>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [key, { declaration, rules }] of catalog) properties[key] = { ...declaration.schema, description: `${declaration.description} (${rules.join(', ')})` };
  return { type: 'object', additionalProperties: false, properties };
}

/** The reference TOM's parameters: every declared default. */
export function defaultParameters(catalog: Map<string, CatalogParameter>): RuleParameters {
  const out: Record<string, unknown> = {};
  for (const { declaration } of catalog.values()) if (declaration.default !== undefined) out[declaration.key] = declaration.default;
  return out as unknown as RuleParameters;
}

/** `ctx.params` from a profile's `parameters:` mapping (already schema-checked), over the defaults. */
export function profileParameters(catalog: Map<string, CatalogParameter>, given: Record<string, unknown>): RuleParameters {
  const out: Record<string, unknown> = { ...defaultParameters(catalog) };
  for (const [profileKey, value] of Object.entries(given)) {
    const p = catalog.get(profileKey);
    if (p) out[p.declaration.key] = value;
  }
  return out as unknown as RuleParameters;
}

/** YAML flow text for a default (the starter profile writes them inline). */
function flow(value: unknown): string {
  return JSON.stringify(value).replace(/,/g, ', ');
}

/** The starter profile's `parameters:` lines: each default with its description and rules. */
export function starterParameterLines(catalog: Map<string, CatalogParameter>): string[] {
  const rows = [...catalog].map(([key, { declaration, rules }]) => ({
    text: declaration.default === undefined ? `# ${key}:` : `${key}: ${flow(declaration.default)}`,
    comment: `${rules.join(', ')}: ${declaration.description}`,
  }));
  const width = Math.max(...rows.map((r) => r.text.length));
  return rows.map((r) => `  ${r.text.padEnd(width)}   # ${r.comment}`);
}
