import { runCli } from '../../helpers/cli';
import { writeTree } from '../../helpers/tmp-tree';

interface F {
  resource: string;
  ruleId: string;
  status: string;
  suppressed: boolean;
  suppression?: { reason?: string; expires?: string; at: string };
  message: string;
}

async function scanJson(files: Record<string, string>, args: string[] = []) {
  const root = writeTree(files);
  const r = await runCli(['scan', '--format', 'json', '--rules', 'TG-ENC-001', ...args], root);
  return { code: r.code, report: JSON.parse(r.out) as { findings: F[]; errors: unknown[]; warnings: Array<{ file: string; line: number; message: string; severity: string }>; summary: Record<string, number> } };
}

const BAD = (name: string) => `resource "aws_db_instance" "${name}" {\n  storage_encrypted = false\n}\n`;

describe('tomguard:ignore suppressions', () => {
  it('suppresses from the line above the block, keeps the finding in JSON with the reason, and does not fail', async () => {
    const { code, report } = await scanJson({ 'main.tf': `# tomguard:ignore TG-ENC-001 reason: legacy DB, migration in SEC-123\n${BAD('db')}` });
    expect(code).toBe(0);
    expect(report.findings).toEqual([
      expect.objectContaining({ resource: 'aws_db_instance.db', status: 'fail', suppressed: true, suppression: { reason: 'legacy DB, migration in SEC-123', at: 'main.tf:1' } }),
    ]);
    expect(report.summary).toEqual({ pass: 0, fail: 0, unknown: 0, suppressed: 1 });
  });

  it('suppresses from inside the block and above the attribute, with // comments', async () => {
    const { code, report } = await scanJson({
      'main.tf': 'resource "aws_db_instance" "db" {\n  // tomguard:ignore TG-ENC-001 reason: test data only\n  storage_encrypted = false\n}\n',
    });
    expect(code).toBe(0);
    expect(report.findings[0].suppressed).toBe(true);
  });

  it('does not suppress other rules or other resources', async () => {
    const { code, report } = await scanJson({ 'main.tf': `# tomguard:ignore TG-NET-002 reason: other rule\n${BAD('a')}\n${BAD('b')}` });
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.suppressed)).toEqual([false, false]);
  });

  it('an expired suppression stops suppressing and says so', async () => {
    const { code, report } = await scanJson({ 'main.tf': `# tomguard:ignore TG-ENC-001 reason: temporary exp:2020-01-31\n${BAD('db')}` });
    expect(code).toBe(1);
    expect(report.findings[0].suppressed).toBe(false);
    expect(report.findings[0].message).toContain('(suppression at main.tf:1 expired on 2020-01-31)');
    expect(report.warnings).toEqual([{ file: 'main.tf', line: 1, message: 'Suppression of TG-ENC-001 expired on 2020-01-31: the finding counts again.', severity: 'warning' }]);
  });

  it('a future expiry still suppresses', async () => {
    const { report } = await scanJson({ 'main.tf': `# tomguard:ignore TG-ENC-001 reason: until migration exp:2999-12-31\n${BAD('db')}` });
    expect(report.findings[0].suppression).toEqual({ reason: 'until migration', expires: '2999-12-31', at: 'main.tf:1' });
  });

  it('a suppression without a reason applies but is reported', async () => {
    const { code, report } = await scanJson({ 'main.tf': `# tomguard:ignore TG-ENC-001\n${BAD('db')}` });
    expect(code).toBe(0);
    expect(report.findings[0].suppressed).toBe(true);
    expect(report.warnings).toEqual([
      { file: 'main.tf', line: 1, message: 'Suppression of TG-ENC-001 has no reason: add "reason: ..." so reviewers and auditors know why.', severity: 'warning' },
    ]);
  });

  it('on a module call block it covers every resource of that module, also nested ones', async () => {
    const { code, report } = await scanJson({
      'main.tf': 'module "legacy" {\n  # tomguard:ignore TG-ENC-001 reason: decommissioned in Q3\n  source = "./legacy"\n}\n' + BAD('root'),
      'legacy/main.tf': BAD('inner') + 'module "deeper" {\n  source = "../deeper"\n}\n',
      'deeper/main.tf': BAD('deepest'),
    });
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.resource, f.suppressed])).toEqual([
      ['module.legacy.module.deeper.aws_db_instance.deepest', true],
      ['module.legacy.aws_db_instance.inner', true],
      ['aws_db_instance.root', false],
    ]);
  });

  it('reports a suppression naming an unknown rule', async () => {
    const { report } = await scanJson({ 'main.tf': `# tomguard:ignore TG-XYZ-001 reason: typo\n${BAD('db')}` });
    expect(report.warnings).toEqual([{ file: 'main.tf', line: 1, message: 'tomguard:ignore names unknown rule TG-XYZ-001.', severity: 'warning' }]);
  });
});
