/**
 * Each IAM rule's remediation (the first ```hcl block of docs/rules/<ID>.md, as `tomguard explain`
 * shows it) passes its own rule: every result it gives is `pass`. Where the fix is to remove the
 * resource the rule is about (TG-IAM-003 user attachments, TG-IAM-006 access keys) the snippet gives
 * no result at all; every other snippet gives at least one pass.
 */
import { findRule } from '../../../rules';
import { ruleDoc } from '../../../src/rules/docs';
import { runRule } from '../../helpers/rule-tester';

const RULES = ['TG-IAM-001', 'TG-IAM-002', 'TG-IAM-003', 'TG-IAM-004', 'TG-IAM-005', 'TG-IAM-006', 'TG-IAM-007', 'TG-TLS-008'];
const FIXED_BY_REMOVING = new Set(['TG-IAM-003', 'TG-IAM-006']);

function firstHcl(markdown: string): string {
  const m = /```hcl\n([\s\S]*?)```/.exec(markdown);
  if (!m) throw new Error('no ```hcl block');
  return m[1];
}

describe('IAM remediation snippets pass their own rule', () => {
  it.each(RULES)('%s', async (id) => {
    const rule = findRule(id)!;
    const { input, results } = await runRule(rule, { name: id, files: { 'main.tf': firstHcl(ruleDoc(id).remediation) } });
    expect(input.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(results.filter((r) => r.status !== 'pass').map((r) => `${r.status} ${r.node?.address}: ${r.message}`)).toEqual([]);
    if (!FIXED_BY_REMOVING.has(id)) expect(results.length).toBeGreaterThan(0);
    else expect(results).toEqual([]);
  });
});
