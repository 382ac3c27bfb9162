/**
 * The remediation HCL of each compute rule's documentation page (its first ```hcl block) passes the
 * rule: what the docs tell users to write is what the rule accepts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rule as enc003 } from '../../../rules/encryption/TG-ENC-003';
import { rule as enc010 } from '../../../rules/encryption/TG-ENC-010';
import { rule as net004 } from '../../../rules/network/TG-NET-004';
import { rule as sys002 } from '../../../rules/system/TG-SYS-002';
import { runRule } from '../../helpers/rule-tester';

function remediation(id: string): string {
  const page = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'docs', 'rules', `${id}.md`), 'utf8');
  const block = /```hcl\n([\s\S]*?)```/.exec(page.slice(page.indexOf('## Remediation')));
  if (!block) throw new Error(`${id}: no hcl block under ## Remediation`);
  return block[1];
}

describe('compute rules: the remediation HCL passes its own rule', () => {
  // TG-ENC-010 reports only findings: its remediation gives no result at all.
  it.each([enc003, enc010, net004, sys002])('$meta.id', async (rule) => {
    const { input, results } = await runRule(rule, { name: rule.meta.id, files: { 'main.tf': remediation(rule.meta.id) } });
    expect(input.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    if (rule !== enc010) expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.status !== 'pass').map((r) => `${r.node?.address}: ${r.message}`)).toEqual([]);
  });
});
