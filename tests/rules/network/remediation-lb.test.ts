/**
 * The load balancer network rules' remediation (the first ```hcl block of docs/rules/<ID>.md) passes
 * its own rule: the fix a finding points to really fixes it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rule as net005 } from '../../../rules/network/TG-NET-005';
import { rule as net008 } from '../../../rules/network/TG-NET-008';
import { runRule } from '../../helpers/rule-tester';

function remediation(id: string): string {
  const doc = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'docs', 'rules', `${id}.md`), 'utf8');
  const block = /```hcl\n([\s\S]*?)```/.exec(doc);
  if (!block) throw new Error(`docs/rules/${id}.md has no hcl block`);
  return block[1];
}

describe('remediation HCL passes its own rule', () => {
  it.each([net005, net008])('$meta.id', async (rule) => {
    const { results } = await runRule(rule, { name: rule.meta.id, files: { 'main.tf': remediation(rule.meta.id) } });
    expect(results.map((r) => [r.node?.address, r.status])).toEqual([['aws_lb.app', 'pass']]);
  });
});
