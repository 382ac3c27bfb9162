/**
 * Table-driven rule tests in the spirit of ESLint's RuleTester: each case is a small Terraform root
 * (files) and the exact results the rule must give (status, address, line of the finding).
 */
import { loadInput } from '../../src/load-input';
import { DEFAULT_PARAMETERS, RuleParameters } from '../../src/rules/parameters';
import { Rule, Status } from '../../src/rules/types';
import { ruleContext } from '../../src/rules/context';
import { writeTree } from './tmp-tree';

export interface ExpectedResult {
  status: Status;
  /** Resource address; omit for `not-evidenced`. */
  address?: string;
  /** The finding's startLine in `file` (default main.tf). */
  line?: number;
  /** The finding's startColumn (1-based), when the case pins it. */
  column?: number;
  file?: string;
  /** Substrings the message must contain. */
  message?: string | string[];
}

export interface RuleCase {
  name: string;
  files: Record<string, string>;
  /** What to scan, relative to the case's root: a file such as `plan.json` (default: the root directory). */
  input?: string;
  params?: Partial<RuleParameters>;
  vars?: Record<string, string>;
  /** Exact results, in any order. For `valid` cases without `expect`, every result must pass. */
  expect?: ExpectedResult[];
}

export async function runRule(rule: Rule, c: RuleCase) {
  const root = writeTree(c.files);
  const input = await loadInput(c.input ?? root, {
    cwd: root,
    env: {},
    variables: Object.entries(c.vars ?? {}).map(([name, value]) => ({ kind: 'var' as const, name, value })),
  });
  const results = rule.check(ruleContext(rule, { graph: input.graph, params: { ...DEFAULT_PARAMETERS, ...c.params } }));
  return { input, results };
}

function matches(actual: { status: Status; address?: string; line?: number; column?: number; file?: string; message: string }, expected: ExpectedResult): boolean {
  if (actual.status !== expected.status || actual.address !== expected.address) return false;
  if (expected.column !== undefined && actual.column !== expected.column) return false;
  if (expected.line !== undefined && actual.line !== expected.line) return false;
  if (expected.line !== undefined && actual.file !== (expected.file ?? 'main.tf')) return false;
  const parts = expected.message === undefined ? [] : Array.isArray(expected.message) ? expected.message : [expected.message];
  return parts.every((p) => actual.message.includes(p));
}

export function ruleTester(rule: Rule, cases: { valid: RuleCase[]; invalid: RuleCase[] }): void {
  const check = async (c: RuleCase, mustPass: boolean) => {
    const { input, results } = await runRule(rule, c);
    const loadErrors = input.diagnostics.filter((d) => d.severity === 'error');
    expect(loadErrors).toEqual([]);
    const actual = results.map((r) => ({
      status: r.status,
      address: r.node?.address,
      line: r.location?.startLine,
      column: r.location?.startColumn,
      file: r.location?.file,
      message: r.message,
    }));
    if (c.expect) {
      const unmatched = [...actual];
      const missing: ExpectedResult[] = [];
      for (const e of c.expect) {
        const i = unmatched.findIndex((a) => matches(a, e));
        if (i >= 0) unmatched.splice(i, 1);
        else missing.push(e);
      }
      expect({ missing, unexpected: unmatched }).toEqual({ missing: [], unexpected: [] });
    } else {
      expect(actual.length).toBeGreaterThan(0);
      expect(actual.filter((a) => a.status !== 'pass')).toEqual([]);
    }
    if (mustPass) expect(actual.filter((a) => a.status === 'fail')).toEqual([]);
    else expect(actual.some((a) => a.status !== 'pass')).toBe(true);
  };
  describe(`${rule.meta.id} valid`, () => {
    for (const c of cases.valid) it(c.name, () => check(c, true));
  });
  describe(`${rule.meta.id} invalid`, () => {
    for (const c of cases.invalid) it(c.name, () => check(c, false));
  });
}
