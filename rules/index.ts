/**
 * Every rule tomguard ships: one module per rule at `rules/<area>/TG-XXX-NNN.ts` exporting `rule`
 * (metadata + check), with its tests at `tests/rules/<area>/TG-XXX-NNN.test.ts`. Modules are found by
 * file name, so adding a rule is adding its file; tests/rules/catalog.test.ts checks that every ID of
 * the catalog has exactly one module and that each module's ID matches its file name.
 */
import { Rule } from '../src/rules/types';
import { ruleModules } from './rule-modules';

export const RULE_AREAS = ['transit', 'encryption', 'network', 'iam', 'logging', 'backup', 'system'] as const;

function discover(): Rule[] {
  const rules: Rule[] = [];
  for (const { name, loaded } of ruleModules(RULE_AREAS)) {
    if (!loaded.rule) throw new Error(`Rule module ${name} does not export "rule".`);
    rules.push(loaded.rule);
  }
  return rules.sort((a, b) => a.meta.id.localeCompare(b.meta.id));
}

export const ALL_RULES: readonly Rule[] = discover();

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id.toUpperCase());
}
