/**
 * Finds the rule modules by file name at run time (tsc output and jest). The GitHub Action's bundle
 * has no rule files to list, so scripts/build-action.mjs replaces this module with one that imports
 * the same files statically, in the same order: keep the file filter and the order in step with it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Rule } from '../src/rules/types';

export interface RuleModule {
  /** `transit/TG-TLS-001.ts`: for error messages. */
  name: string;
  loaded: { rule?: Rule };
}

export const RULE_FILE = /^TG-[A-Z]{3}-\d{3}\.(ts|js)$/;

export function ruleModules(areas: readonly string[]): RuleModule[] {
  const out: RuleModule[] = [];
  for (const area of areas) {
    const dir = path.join(__dirname, area);
    if (!fs.existsSync(dir)) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      if (!RULE_FILE.test(file) || file.endsWith('.d.ts')) continue;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      out.push({ name: `${area}/${file}`, loaded: require(path.join(dir, file)) as { rule?: Rule } });
    }
  }
  return out;
}
