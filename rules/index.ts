/**
 * Every rule tomguard ships: one module per rule at `rules/<area>/TG-XXX-NNN.ts` exporting `rule`
 * (metadata + check), with its tests at `tests/rules/<area>/TG-XXX-NNN.test.ts`. Modules are found by
 * file name, so adding a rule is adding its file; tests/rules/catalog.test.ts checks that every ID of
 * the catalog has exactly one module and that each module's ID matches its file name.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Rule } from '../src/rules/types';

export const RULE_AREAS = ['transit', 'encryption', 'network', 'iam', 'logging', 'backup', 'system'] as const;

const RULE_FILE = /^TG-[A-Z]{3}-\d{3}\.(ts|js)$/;

function discover(): Rule[] {
  const rules: Rule[] = [];
  for (const area of RULE_AREAS) {
    const dir = path.join(__dirname, area);
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      if (!RULE_FILE.test(file) || file.endsWith('.d.ts')) continue;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(dir, file)) as { rule?: Rule };
      if (!mod.rule) throw new Error(`Rule module ${area}/${file} does not export "rule".`);
      rules.push(mod.rule);
    }
  }
  return rules.sort((a, b) => a.meta.id.localeCompare(b.meta.id));
}

export const ALL_RULES: readonly Rule[] = discover();

export function findRule(id: string): Rule | undefined {
  return ALL_RULES.find((r) => r.meta.id === id.toUpperCase());
}
