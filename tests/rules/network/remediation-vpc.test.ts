/**
 * Each VPC network rule's remediation (the first ```hcl block of docs/rules/<ID>.md) passes its own
 * rule: the fix a finding points to really fixes it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rule as net001 } from '../../../rules/network/TG-NET-001';
import { rule as net002 } from '../../../rules/network/TG-NET-002';
import { rule as net003 } from '../../../rules/network/TG-NET-003';
import { rule as net006 } from '../../../rules/network/TG-NET-006';
import { rule as net007 } from '../../../rules/network/TG-NET-007';
import { runRule } from '../../helpers/rule-tester';

function remediation(id: string): string {
  const doc = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'docs', 'rules', `${id}.md`), 'utf8');
  const block = /```hcl\n([\s\S]*?)```/.exec(doc);
  if (!block) throw new Error(`docs/rules/${id}.md has no hcl block`);
  return block[1];
}

describe('remediation HCL passes its own rule', () => {
  it.each([net001, net002, net003, net006, net007])('$meta.id', async (rule) => {
    const { results } = await runRule(rule, { name: rule.meta.id, files: { 'main.tf': remediation(rule.meta.id) } });
    expect(results.length).toBeGreaterThan(0);
    expect(results.map((r) => [r.node?.address, r.status, r.message]).filter(([, status]) => status !== 'pass')).toEqual([]);
  });
});
