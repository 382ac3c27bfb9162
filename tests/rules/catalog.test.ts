import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES, RULE_AREAS } from '../../rules';
import { REFERENCE_PROFILE } from '../../src/profile/reference-profile';
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
        expect(m.description.length).toBeGreaterThan(40);
        expect(m.remediation).toContain('```hcl');
        expect(m.fix.length).toBeGreaterThan(5);
        expect(m.appliesTo.length).toBeGreaterThan(0);
      }
    }
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
