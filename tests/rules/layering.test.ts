/**
 * Rules are policy over the provider models (issue 12): a rule file imports only the rule contract
 * (src/rules/types, context), the models (src/providers/...) and neutral helpers, never the evaluator,
 * the configuration loader, graph internals, the old support helpers or another rule.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const RULES_DIR = path.resolve(__dirname, '..', '..', 'rules');
const FORBIDDEN = [/\/src\/eval\//, /\/src\/config\//, /\/src\/graph\//, /\/src\/rules\/support\//, /^\.\.?\/(\.\.\/)?[a-z]+\/TG-|^\.\/TG-/];

function ruleFiles(): string[] {
  return fs
    .readdirSync(RULES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(RULES_DIR, d.name)).filter((f) => /^TG-.*\.ts$/.test(f)).map((f) => `${d.name}/${f}`));
}

function imports(file: string): string[] {
  const text = fs.readFileSync(path.join(RULES_DIR, file), 'utf8');
  return [...text.matchAll(/^import[^;]*?from '([^']+)'/gms)].map((m) => m[1]);
}

describe('rule layering', () => {
  it.each(ruleFiles())('%s imports only the rule contract and the models', (file) => {
    expect(imports(file).filter((spec) => FORBIDDEN.some((re) => re.test(spec)))).toEqual([]);
  });

  it.each(ruleFiles())('%s stays at most 200 lines', (file) => {
    expect(fs.readFileSync(path.join(RULES_DIR, file), 'utf8').split('\n').length).toBeLessThanOrEqual(200);
  });
});
