/**
 * The same rules give the same findings, at the same source lines, whether an example is scanned as
 * HCL or as the real plan terraform made from it (tests/fixtures/plans, see scripts/generate-plans.sh).
 */
import * as path from 'node:path';
import { scan } from '../../src/engine/scan';
import { ALL_RULES } from '../../rules';

const repo = path.resolve(__dirname, '..', '..');

async function findings(input: string, sourceRoot?: string) {
  const report = await scan([input], { rules: ALL_RULES, cwd: repo, env: {}, sourceRoot, today: '2026-01-01' });
  expect(report.errors.filter((e) => e.severity === 'error')).toEqual([]);
  return report.findings.map((f) => `${f.ruleId} ${f.status} ${f.resource} ${f.file}:${f.startLine}`).sort();
}

describe.each(['saas-reference', 'saas-broken'])('%s scanned as HCL and as its plan', (example) => {
  it('gives the same findings at the same lines', async () => {
    const hcl = await findings(`examples/${example}`);
    const plan = await findings(`tests/fixtures/plans/${example}.plan.json`, `examples/${example}`);
    expect(plan).toEqual(hcl);
  });
});
