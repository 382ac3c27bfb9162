/**
 * Text from the scanned code must never become a workflow command: a file name, a for_each key and a
 * variable value carrying `::`, `,`, `%`, CR and LF reach the annotations escaped (core's escaping),
 * and the log (the text report) only between stop-commands markers.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ActionRun, annotations, runAction, workflowCommands } from './run-action';

jest.setTimeout(120_000);

const EVIL_FILE = 'odd\r\n::error::name,%25.tf';
const EVIL_KEY = 'a::b,c%d\n::error::key';
const EVIL_VALUE = 'Evil%25::warning::injected\r\n::error file=x.tf::pwned,%0A';

function hostileWorkspace(): string {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-workspace-'));
  fs.writeFileSync(
    path.join(workspace, 'main.tf'),
    `variable "policy" {
  default = ${JSON.stringify(EVIL_VALUE)}
}

resource "aws_lb" "front" {
  internal           = false
  load_balancer_type = "application"
}

resource "aws_lb_listener" "https" {
  for_each          = toset([${JSON.stringify(EVIL_KEY)}])
  load_balancer_arn = aws_lb.front.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.policy
}
`,
  );
  fs.writeFileSync(path.join(workspace, EVIL_FILE), 'resource "aws_db_instance" "x" {\n  storage_encrypted = false\n}\n');
  return workspace;
}

describe('untrusted text in workflow commands', () => {
  let run: ActionRun;
  beforeAll(() => {
    run = runAction(hostileWorkspace(), { inputs: { 'sarif-file': '' } });
  });

  it('runs no command the scanned code wrote', () => {
    const commands = workflowCommands(run.stdout);
    expect([...new Set(commands.map((c) => c.command))].sort()).toEqual(['debug', 'endgroup', 'error', 'group', 'notice', 'stop-commands', 'warning']);
    // Every annotation is one of ours: a rule result, or the step's failure.
    for (const c of annotations(run.stdout)) expect(c.props.title === undefined ? c.message : c.props.title).toMatch(/^(TG-[A-Z]{3}-\d{3}|tomguard: )/);
    expect(commands.some((c) => /pwned|injected|^::error::(name|key)/.test(c.raw.split('::').slice(0, 3).join('::')))).toBe(false);
  });

  it('carries the text through the escaping unchanged', () => {
    const list = annotations(run.stdout);
    const onFile = list.filter((a) => a.props.file === EVIL_FILE);
    expect(onFile.map((a) => a.props.title)).toContain('TG-ENC-001 aws_db_instance.x');
    expect(onFile[0].raw).toContain('file=odd%0D%0A%3A%3Aerror%3A%3Aname%2C%2525.tf,');
    const listener = list.find((a) => a.props.title?.startsWith('TG-TLS-001'))!;
    expect(listener.props.title).toBe(`TG-TLS-001 (unknown) aws_lb_listener.https[${JSON.stringify(EVIL_KEY)}]`);
    expect(listener.raw).toContain('title=TG-TLS-001 (unknown) aws_lb_listener.https["a%3A%3Ab%2Cc%25d\\n%3A%3Aerror%3A%3Akey"]');
    expect(listener.message).toContain(`ssl_policy = ${JSON.stringify(EVIL_VALUE)}`);
    expect(listener.raw).toContain('ssl_policy = "Evil%2525::warning::injected\\r\\n::error file=x.tf::pwned,%250A"');
  });

  it('logs the text report, raw file name and all, only with workflow commands stopped', () => {
    const start = run.stdout.indexOf('::stop-commands::');
    const token = /^::stop-commands::(.+)$/m.exec(run.stdout)![1];
    const end = run.stdout.indexOf(`\n::${token}::`);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const raw = run.stdout.indexOf(`${EVIL_FILE}:2`);
    expect(raw).toBeGreaterThan(start);
    expect(raw).toBeLessThan(end);
    expect(run.stdout.slice(start, end)).not.toContain(token + '::');
  });

  it('keeps the summary rows whole: one line each, no HTML', () => {
    const row = run.summary.split('\n').find((l) => l.includes('Storage is not encrypted'))!;
    expect(row).toContain('[odd ::error::name,%25.tf:2](https://github.com/acme/infra/blob/');
    expect(row).toContain('/odd%0D%0A%3A%3Aerror%3A%3Aname%2C%2525.tf#L2-L2)');
    expect(run.summary).not.toMatch(/<(?!br>|sub>|\/sub>)/);
  });
});
