import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES, RULE_AREAS } from '../../rules';
import { REFERENCE_PROFILE } from '../../src/profile/reference-profile';
import { CATALOG_IDS } from '../../src/rules/catalog';
import { ruleDoc } from '../../src/rules/docs';
import { SEVERITIES } from '../../src/rules/types';

const rulesDir = path.resolve(__dirname, '..', '..', 'rules');

describe('rule catalog', () => {
  it('each rule module is named after its ID and has complete metadata', () => {
    for (const area of RULE_AREAS) {
      const dir = path.join(rulesDir, area);
      if (!fs.existsSync(dir)) continue;
      for (const file of fs.readdirSync(dir).filter((f) => /^TG-.*\.ts$/.test(f))) {
        const rule = ALL_RULES.find((r) => `${r.meta.id}.ts` === file);
        expect({ file, found: !!rule }).toEqual({ file, found: true });
        const m = rule!.meta;
        expect(SEVERITIES).toContain(m.severity);
        expect(m.title.length).toBeGreaterThan(10);
        expect(m.fix.length).toBeGreaterThan(5);
        expect(m.appliesTo.length).toBeGreaterThan(0);
      }
    }
  });

  it('every rule has its documentation page, with a description, a remediation in HCL and references', () => {
    for (const r of ALL_RULES) {
      const doc = ruleDoc(r.meta.id);
      expect({ id: r.meta.id, heading: fs.readFileSync(doc.file, 'utf8').split('\n')[0] }).toEqual({ id: r.meta.id, heading: `# ${r.meta.id}: ${r.meta.title}` });
      expect(doc.description.length).toBeGreaterThan(40);
      expect(doc.remediation).toContain('```hcl');
      expect(Object.values(doc.references).flat().length).toBeGreaterThan(0);
    }
  });

  it('every page under docs/rules belongs to a rule', () => {
    const ids = new Set(ALL_RULES.map((r) => r.meta.id));
    const pages = fs.readdirSync(path.resolve(__dirname, '..', '..', 'docs', 'rules')).filter((f) => f.endsWith('.md'));
    expect(pages.filter((f) => !ids.has(f.replace(/\.md$/, '')))).toEqual([]);
  });

  // The public contract is the shared catalog (../shared/spec/rules.md); a clone without it skips.
  const specPath = path.resolve(__dirname, '..', '..', '..', 'shared', 'spec', 'rules.md');
  (fs.existsSync(specPath) ? it : it.skip)('the IDs are exactly those of the shared catalog (rules.md)', () => {
    const specIds = [...fs.readFileSync(specPath, 'utf8').matchAll(/^\| (TG-[A-Z]{3}-\d{3})\b/gm)].map((m) => m[1]).sort();
    expect([...CATALOG_IDS].sort()).toEqual(specIds);
    const shipped = ALL_RULES.map((r) => r.meta.id);
    expect(shipped.filter((id) => !specIds.includes(id))).toEqual([]);
  });

  it('every rule has its test file under the same name', () => {
    for (const r of ALL_RULES) {
      const area = RULE_AREAS.find((a) => fs.existsSync(path.join(rulesDir, a, `${r.meta.id}.ts`)));
      expect(fs.existsSync(path.resolve(__dirname, area!, `${r.meta.id}.test.ts`))).toBe(true);
    }
  });

  it('every rule evidences a claim of the reference profile, and IDs are unique', () => {
    const listed = new Set(REFERENCE_PROFILE.claims.flatMap((c) => c.rules));
    for (const r of ALL_RULES) expect(listed.has(r.meta.id)).toBe(true);
    expect(new Set(ALL_RULES.map((r) => r.meta.id)).size).toBe(ALL_RULES.length);
  });
});
