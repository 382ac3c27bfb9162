/**
 * Every rule's documented fix passes its own rule: the first ```hcl block of docs/rules/<ID>.md, scanned
 * as a root on its own, loads without errors and gives only passing results. What the documentation
 * tells users to write is what the rule accepts.
 */
import { ALL_RULES } from '../../rules';
import { ruleDoc } from '../../src/rules/docs';
import { runRule } from '../helpers/rule-tester';

/** Rules whose fix is to delete the resource (a user policy, an access key): the fixed code gives no result. */
const FIXED_BY_REMOVING = new Set(['TG-IAM-003', 'TG-IAM-006']);

function firstHcl(id: string): string {
  const block = /```hcl\n([\s\S]*?)```/.exec(ruleDoc(id).remediation);
  if (!block) throw new Error(`docs/rules/${id}.md has no hcl block in its Remediation`);
  return block[1];
}

describe('the documented remediation passes its own rule', () => {
  it.each(ALL_RULES.map((r) => [r.meta.id, r] as const))('%s', async (id, rule) => {
    const { input, results } = await runRule(rule, { name: id, files: { 'main.tf': firstHcl(id) } });
    expect(input.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(results.filter((r) => r.status !== 'pass').map((r) => `${r.status} ${r.node?.address}: ${r.message}`)).toEqual([]);
    if (FIXED_BY_REMOVING.has(id)) expect(results).toEqual([]);
    else expect(results.length).toBeGreaterThan(0);
  });
});
