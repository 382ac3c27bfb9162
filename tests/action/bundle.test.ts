/**
 * The bundled action run as the runner runs it (see run-action.ts): annotations on stdout, the
 * outputs file, the job summary, the exit code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { ActionRun, REPOSITORY, SHA, annotations, runAction, workflowCommands, workspaceWith } from './run-action';

jest.setTimeout(120_000);

const blob = `https://github.com/${REPOSITORY}/blob/${SHA}`;

describe('the action on examples/saas-broken (in infra/ of the workspace)', () => {
  let run: ActionRun;
  beforeAll(() => {
    run = runAction(workspaceWith({ infra: 'examples/saas-broken' }), { inputs: { paths: 'infra', 'fail-on': 'high', 'sarif-file': 'tomguard.sarif', args: '--format json=report.json' } });
  });

  it('reports what the CLI built from the sources reports (same rules, parser and version)', async () => {
    const fromSources = await runCli(['scan', 'infra', '--format', 'json'], run.workspace);
    const bundled = fs.readFileSync(path.join(run.workspace, 'report.json'), 'utf8');
    expect(JSON.parse(bundled)).toEqual(JSON.parse(fromSources.out));
  });

  it('annotates each failure at its lines, errors (critical, high) before warnings (medium)', () => {
    const list = annotations(run.stdout);
    expect(list[0].raw).toBe(
      '::error title=TG-NET-001 aws_db_instance.main,file=infra/database.tf,line=40,endLine=40::the data store is publicly accessible: publicly_accessible = true (var.db_public); ' +
        'subnet group aws_db_subnet_group.main includes a public subnet: module.network.aws_subnet.public["eu-north-1a"]…%0AFix: set publicly_accessible = false and use a subnet group of private subnets only',
    );
    expect(list).toContainEqual(
      expect.objectContaining({ command: 'warning', props: { title: 'TG-ENC-002 aws_rds_cluster.reporting', file: 'infra/database.tf', line: '70', endLine: '88' } }),
    );
    const kinds = list.slice(0, -1).map((a) => a.command); // the last is the step's failure
    expect(kinds).toEqual([...Array(11).fill('error'), 'warning']);
    expect(list.map((a) => a.props.title).slice(0, 4)).toEqual(['TG-NET-001 aws_db_instance.main', 'TG-NET-003 aws_db_instance.main', 'TG-NET-003 aws_rds_cluster.reporting', 'TG-IAM-001 aws_iam_role_policy.task_debug']);
  });

  it('fails the step with the CLI exit code 1 and says why', () => {
    expect(run.code).toBe(1);
    const failure = annotations(run.stdout).at(-1)!;
    expect(failure).toMatchObject({ command: 'error', props: {}, message: 'tomguard: failures at or above fail-on (high); 4 TOM claims broken.' });
  });

  it('sets the outputs and writes SARIF into the workspace', () => {
    expect(run.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'tomguard.sarif', failures: '12', unknown: '0', 'claims-broken': '4' });
    const sarif = JSON.parse(fs.readFileSync(path.join(run.workspace, 'tomguard.sarif'), 'utf8'));
    expect(sarif.runs[0].results.length).toBeGreaterThanOrEqual(12);
  });

  it('writes the claim table and every result with links to the lines into the job summary', () => {
    expect(run.summary).toContain('## tomguard: ❌ 4 of 11 TOM claims broken');
    expect(run.summary).toContain('| 2.1 | Personal data in databases and backups is encrypted at rest with AWS KMS (AES-256) | ❌ broken | 2 results fail (TG-ENC-001, TG-ENC-002). |');
    expect(run.summary).toContain('| 2.2 | AWS services monitor network traffic | ✅ holds | All 2 results pass. |');
    expect(run.summary).toContain(`[infra/database.tf:28](${blob}/infra/database.tf#L28-L28)`);
    expect(run.summary).toContain(`[infra/database.tf:70](${blob}/infra/database.tf#L70-L88)`);
    expect(run.summary).toContain('### Results (12)');
    expect(run.summary.match(/^\| (🔴|🟠)/gm)).toHaveLength(12);
  });

  it('keeps the text report in a log group with workflow commands stopped', () => {
    const commands = workflowCommands(run.stdout).map((c) => c.command);
    expect(commands.slice(commands.indexOf('group'), commands.indexOf('group') + 2)).toEqual(['group', 'stop-commands']);
    expect(run.stdout).toContain('✗ infra/database.tf:28  aws_db_instance.main  TG-ENC-001');
  });
});

describe('inputs', () => {
  const workspace = workspaceWith({ infra: 'examples/saas-broken' });

  it('runs in working-directory and reports paths relative to the workspace; args reach the CLI', () => {
    const run = runAction(workspace, {
      inputs: {
        'working-directory': 'infra',
        paths: '.',
        'fail-on': 'none',
        'sarif-file': '',
        args: `--skip-rules TG-NET-002,TG-NET-003 --var 'db_public=false' --format "markdown=tom report.md"`,
      },
    });
    expect(run.code).toBe(0);
    const titles = annotations(run.stdout).map((a) => `${a.props.title} ${a.props.file}:${a.props.line}`);
    expect(titles).toContain('TG-ENC-001 aws_db_instance.main infra/database.tf:28');
    expect(titles.some((t) => /TG-NET-00[23]/.test(t))).toBe(false);
    // db_public = false: the data store is no longer public, only its subnet group still is.
    expect(annotations(run.stdout).find((a) => a.props.title === 'TG-NET-001 aws_db_instance.main')?.message).not.toContain('publicly_accessible = true');
    expect(fs.existsSync(path.join(workspace, 'infra', 'tom report.md'))).toBe(true);
    expect(run.outputs).toMatchObject({ 'exit-code': '0', 'sarif-file': '' });
    expect(run.summary).toContain(`[infra/database.tf:28](${blob}/infra/database.tf#L28-L28)`);
  });

  it('annotations: false and summary: false leave those out, not the failure of the step', () => {
    const run = runAction(workspace, { inputs: { paths: 'infra', annotations: 'false', summary: 'false', 'sarif-file': '' } });
    expect(run.code).toBe(1);
    expect(annotations(run.stdout).map((a) => a.raw)).toEqual(['::error::tomguard: failures at or above fail-on (low); 4 TOM claims broken.']);
    expect(run.summary).toBe('');
  });

  it.each([
    ['fail-on', 'severe', /--fail-on must be one of critical, high, medium, low, none, got "severe"/],
    ['annotations', 'yes', /Input annotations must be true or false, got "yes"/],
    ['args', '--var "unclosed', /unclosed double quote/],
    ['args', '--bogus', /Unknown argument: bogus/],
    ['working-directory', 'nowhere', /working-directory nowhere is not a directory/],
  ])('a wrong input (%s: %s) fails the step with exit code 2', (name, value, message) => {
    const run = runAction(workspace, { inputs: { paths: 'infra', [name]: value } });
    expect(run.code).toBe(2);
    expect(run.outputs['exit-code']).toBe('2');
    expect(annotations(run.stdout).at(-1)!.message).toMatch(message);
  });
});

describe('a clean scan', () => {
  it('passes, and a summary file that cannot be written is a warning, not a failure', () => {
    const run = runAction(workspaceWith({ infra: 'examples/saas-reference' }), { inputs: { paths: 'infra' }, env: { GITHUB_STEP_SUMMARY: '/nonexistent/summary' } });
    expect(run.code).toBe(0);
    expect(run.outputs).toEqual({ 'exit-code': '0', 'sarif-file': 'tomguard.sarif', failures: '0', unknown: '0', 'claims-broken': '0' });
    expect(annotations(run.stdout).map((a) => `${a.command} ${a.message}`)).toEqual([expect.stringMatching(/^warning tomguard: the job summary was not written: /)]);
  });
});

describe('a file Terraform would reject', () => {
  it('is an input error annotated at its line, first, and the step fails with exit code 2', () => {
    const workspace = workspaceWith({ infra: 'examples/saas-broken' });
    fs.writeFileSync(path.join(workspace, 'infra', 'broken.tf'), 'resource "aws_s3_bucket" "b" {\n  bucket = \n}\n');
    const run = runAction(workspace, { inputs: { paths: 'infra' } });
    expect(run.code).toBe(2);
    const first = annotations(run.stdout)[0];
    expect(first).toMatchObject({ command: 'error', props: { title: 'tomguard: input error', file: 'infra/broken.tf', line: '2' } });
    expect(annotations(run.stdout).at(-1)!.message).toBe('tomguard: 1 input error: the results are incomplete.');
    expect(run.outputs['exit-code']).toBe('2');
    expect(run.summary).toContain('| 🛑 input error |  |  | [infra/broken.tf:2]');
  });
});

describe('a shared local module in several roots', () => {
  it('is one annotation naming the roots', () => {
    const run = runAction(workspaceWith({ '.': 'tests/fixtures/monorepo' }), { inputs: { recursive: 'true', 'sarif-file': '' } });
    const backups = annotations(run.stdout).filter((a) => a.props.title?.startsWith('TG-BAK-001'));
    expect(backups).toEqual([expect.objectContaining({ command: 'error', props: { title: 'TG-BAK-001 module.db.aws_db_instance.this [envs/prod, envs/staging]', file: 'modules/db/main.tf', line: '30', endLine: '30' } })]);
    expect(run.summary).toContain(`[modules/db/main.tf:30](${blob}/modules/db/main.tf#L30-L30) (envs/prod, envs/staging)`);
  });
});
