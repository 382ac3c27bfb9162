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

describe('the reference profile, generated from meta.claim', () => {
  it('maps every claim to the rules of the catalog that evidence it', () => {
    expect(Object.fromEntries(REFERENCE_PROFILE.claims.map((c) => [c.id, c.rules.join(' ')]))).toEqual({
      'transit-tls12': 'TG-TLS-001 TG-TLS-002 TG-TLS-003 TG-TLS-004 TG-TLS-005 TG-TLS-006 TG-TLS-007 TG-TLS-008',
      'rest-kms': 'TG-ENC-001 TG-ENC-002 TG-ENC-003 TG-ENC-004 TG-ENC-005 TG-ENC-006 TG-ENC-007 TG-ENC-008 TG-ENC-009 TG-ENC-010',
      'network-private': 'TG-NET-001 TG-NET-002 TG-NET-003 TG-NET-004 TG-NET-005 TG-NET-008',
      'network-monitoring': 'TG-NET-006 TG-NET-007',
      'iam-least-privilege': 'TG-IAM-001 TG-IAM-002 TG-IAM-003 TG-IAM-006 TG-IAM-007',
      authentication: 'TG-IAM-004 TG-IAM-005',
      'audit-logging': 'TG-LOG-001 TG-LOG-003 TG-LOG-006',
      'threat-detection': 'TG-LOG-002 TG-LOG-005',
      'backup-recovery': 'TG-BAK-001 TG-BAK-002 TG-BAK-003 TG-BAK-004 TG-ENC-006',
      patching: 'TG-SYS-001 TG-SYS-002',
      retention: 'TG-LOG-004',
    });
  });
});
