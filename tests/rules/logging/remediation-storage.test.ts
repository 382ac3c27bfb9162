/**
 * Each rule's remediation (the first ```hcl block of docs/rules/<ID>.md) passes its own rule: the fix
 * the documentation gives is one the rule accepts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rule as enc004 } from '../../../rules/encryption/TG-ENC-004';
import { rule as enc007 } from '../../../rules/encryption/TG-ENC-007';
import { rule as log001 } from '../../../rules/logging/TG-LOG-001';
import { rule as log002 } from '../../../rules/logging/TG-LOG-002';
import { rule as log004 } from '../../../rules/logging/TG-LOG-004';
import { rule as log005 } from '../../../rules/logging/TG-LOG-005';
import { rule as tls004 } from '../../../rules/transit/TG-TLS-004';
import { ruleTester } from '../../helpers/rule-tester';

function remediation(id: string): string {
  const page = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'docs', 'rules', `${id}.md`), 'utf8');
  const block = /```hcl\n([\s\S]*?)```/.exec(page);
  if (!block) throw new Error(`docs/rules/${id}.md has no hcl block`);
  return block[1];
}

for (const rule of [enc004, enc007, log001, log002, log004, log005, tls004]) {
  // No `expect`: the rule gives at least one result, and every result passes.
  ruleTester(rule, { valid: [{ name: 'the documented remediation passes', files: { 'main.tf': remediation(rule.meta.id) } }], invalid: [] });
}
