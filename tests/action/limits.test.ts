/** The annotation budget (50, most severe first) and the 1 MiB step summary limit. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { annotations, runAction } from './run-action';

jest.setTimeout(120_000);

/** 30 databases, each with results of every severity: critical, high, medium, low and unknown. */
function manyResults(): string {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-workspace-'));
  const dbs = Array.from({ length: 30 }, (_, i) => `resource "aws_db_instance" "db${String(i).padStart(2, '0')}" {\n  storage_encrypted = false\n}\n`);
  fs.writeFileSync(path.join(workspace, 'main.tf'), dbs.join('\n'));
  return workspace;
}

describe('many results', () => {
  const SUMMARY_LIMIT = 1024 * 1024;
  // Another step's summary already fills all but 20 kB of this step's 1 MiB.
  const before = `${'x'.repeat(SUMMARY_LIMIT - 20_000)}\n`;
  let run: ReturnType<typeof runAction>;
  beforeAll(() => {
    run = runAction(manyResults(), { inputs: { 'sarif-file': '' }, summaryBefore: before });
  });

  it('annotates 50, the most severe first, and says where the rest are', () => {
    const list = annotations(run.stdout).filter((a) => a.props.title); // less the step's failure
    expect(list).toHaveLength(50);
    expect(list.slice(0, 30).every((a) => a.command === 'error' && a.props.title.startsWith('TG-NET-001 '))).toBe(true);
    expect(list.slice(30).every((a) => a.command === 'error' && /^TG-(ENC|BAK)-001 /.test(a.props.title))).toBe(true);
    const total = Number(/(\d+) more results are listed in the job summary only/.exec(run.stdout)?.[1]) + 50;
    expect(total).toBeGreaterThan(150);
    expect(run.summary).toContain(`### Results (${total})`);
  });

  it('keeps the step summary within 1 MiB and says how many results it left out', () => {
    expect(Buffer.byteLength(run.summary)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    const rows = run.summary.match(/^\| [^|]+ \| TG-/gm)!.length;
    const left = Number(/\*\*(\d+) more results not listed:\*\* GitHub limits a step summary to 1 MiB/.exec(run.summary)?.[1]);
    const total = Number(/### Results \((\d+)\)/.exec(run.summary)![1]);
    expect(rows).toBeGreaterThan(10);
    expect(rows + left).toBe(total);
  });
});
