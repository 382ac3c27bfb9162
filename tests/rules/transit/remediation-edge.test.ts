/** Each migrated edge rule's remediation HCL (docs/rules/<ID>.md, the first hcl block) passes its own rule. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rule as log003 } from '../../../rules/logging/TG-LOG-003';
import { rule as tls001 } from '../../../rules/transit/TG-TLS-001';
import { rule as tls002 } from '../../../rules/transit/TG-TLS-002';
import { rule as tls003 } from '../../../rules/transit/TG-TLS-003';
import { Rule } from '../../../src/rules/types';
import { runRule } from '../../helpers/rule-tester';

function remediation(id: string): string {
  const doc = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'docs', 'rules', `${id}.md`), 'utf8');
  const block = /```hcl\n([\s\S]*?)```/.exec(doc);
  if (!block) throw new Error(`docs/rules/${id}.md has no hcl block`);
  return block[1];
}

describe.each([tls001, tls002, tls003, log003].map((r: Rule) => [r.meta.id, r] as const))('%s remediation', (id, rule) => {
  it('passes its own rule', async () => {
    const { input, results } = await runRule(rule, { name: id, files: { 'main.tf': remediation(id) } });
    expect(input.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.status !== 'pass').map((r) => `${r.node?.address}: ${r.message}`)).toEqual([]);
  });
});
