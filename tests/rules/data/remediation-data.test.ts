/**
 * Each data-service rule's remediation (the first ```hcl block of docs/rules/<ID>.md) passes its own
 * rule: what the documentation tells users to write is what the rule accepts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runRule } from '../../helpers/rule-tester';
import { Rule } from '../../../src/rules/types';
import { rule as enc002 } from '../../../rules/encryption/TG-ENC-002';
import { rule as enc005 } from '../../../rules/encryption/TG-ENC-005';
import { rule as enc006 } from '../../../rules/encryption/TG-ENC-006';
import { rule as enc008 } from '../../../rules/encryption/TG-ENC-008';
import { rule as enc009 } from '../../../rules/encryption/TG-ENC-009';
import { rule as tls005 } from '../../../rules/transit/TG-TLS-005';
import { rule as tls006 } from '../../../rules/transit/TG-TLS-006';
import { rule as tls007 } from '../../../rules/transit/TG-TLS-007';
import { rule as bak001 } from '../../../rules/backup/TG-BAK-001';
import { rule as bak002 } from '../../../rules/backup/TG-BAK-002';
import { rule as bak003 } from '../../../rules/backup/TG-BAK-003';
import { rule as bak004 } from '../../../rules/backup/TG-BAK-004';
import { rule as log006 } from '../../../rules/logging/TG-LOG-006';
import { rule as sys001 } from '../../../rules/system/TG-SYS-001';

const RULES: Rule[] = [enc002, enc005, enc006, enc008, enc009, tls005, tls006, tls007, bak001, bak002, bak003, bak004, log006, sys001];

function remediation(id: string): string {
  const page = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'docs', 'rules', `${id}.md`), 'utf8');
  const block = /```hcl\n([\s\S]*?)```/.exec(page);
  if (!block) throw new Error(`${id}: no hcl block in its documentation`);
  return block[1];
}

describe('data-service remediations pass their own rule', () => {
  it.each(RULES.map((r) => [r.meta.id, r] as const))('%s', async (_id, rule) => {
    const { input, results } = await runRule(rule, { name: rule.meta.id, files: { 'main.tf': remediation(rule.meta.id) } });
    expect(input.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.status !== 'pass').map((r) => `${r.node?.address}: ${r.status}: ${r.message}`)).toEqual([]);
  });
});
