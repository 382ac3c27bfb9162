/**
 * `scan --recursive --shard K/N` + `tomguard merge`: the merged report is byte for byte the report of
 * the unsharded scan (JSON and SARIF), also when an estate-wide existence claim or an account-wide
 * setting is evidenced in one shard only; mixing reports of different scans is refused.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { writeTree } from '../helpers/tmp-tree';

const monorepo = path.resolve(__dirname, '..', 'fixtures', 'monorepo');

interface Finding {
  ruleId: string;
  status: string;
  root?: string;
}

/** Writes the N shard reports (JSON) into a temporary directory and returns their paths. */
async function shardReports(cwd: string, count: number, extra: string[] = []): Promise<{ files: string[]; codes: number[] }> {
  const out = writeTree({});
  const files: string[] = [];
  const codes: number[] = [];
  for (let k = 1; k <= count; k++) {
    const file = path.join(out, `shard-${k}.json`);
    const r = await runCli(['scan', '--recursive', '.', '--shard', `${k}/${count}`, '--format', `json=${file}`, ...extra], cwd);
    expect(r.err).toBe('');
    files.push(file);
    codes.push(r.code);
  }
  return { files, codes };
}

const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

describe('tomguard merge on the fixture monorepo', () => {
  let unsharded: { code: number; out: string };
  beforeAll(async () => {
    unsharded = await runCli(['scan', '--recursive', '.', '--format', 'json'], monorepo);
  });

  it.each([2, 3, 6])('merges %i shards into the unsharded JSON report, byte for byte, with its exit code', async (count) => {
    const { files } = await shardReports(monorepo, count);
    const merged = await runCli(['merge', ...files, '--format', 'json'], monorepo);
    expect(merged.err).toBe('');
    expect(merged.out).toBe(unsharded.out);
    expect(merged.code).toBe(unsharded.code);
    expect(merged.code).toBe(1);
  });

  it('splits the four roots across the shards, each exactly once, and a shard may have none', async () => {
    const { files, codes } = await shardReports(monorepo, 6);
    const inputs = files.map((f) => read(f).inputs.map((i: { path: string }) => i.path));
    expect(inputs.flat().sort()).toEqual(['account', 'envs/prod', 'envs/staging', 'live/cache']);
    const empty = inputs.findIndex((list) => list.length === 0);
    expect(empty).toBeGreaterThanOrEqual(0);
    expect(codes[empty]).toBe(0);
  });

  it('judges CloudTrail over the estate: a shard without the account root lacks it, the merged report has it once', async () => {
    const { files } = await shardReports(monorepo, 3);
    const reports = files.map(read);
    const withoutAccount = reports.find((r) => r.inputs.length > 0 && !r.inputs.some((i: { path: string }) => i.path === 'account'));
    // That shard alone does not see the trail: its own report says not evidenced.
    expect(withoutAccount.findings.filter((f: Finding) => f.ruleId === 'TG-LOG-001').map((f: Finding) => f.status)).toEqual(['not-evidenced']);
    expect(withoutAccount.claims.find((c: { id: string }) => c.id === 'audit-logging').status).toBe('not-evidenced');
    const merged = JSON.parse((await runCli(['merge', ...files, '--format', 'json'], monorepo)).out);
    expect(merged.findings.filter((f: Finding) => f.ruleId === 'TG-LOG-001').map((f: Finding) => `${f.status} ${f.root}`)).toEqual(['pass account']);
    expect(merged.claims.find((c: { id: string }) => c.id === 'audit-logging')).toEqual(JSON.parse(unsharded.out).claims.find((c: { id: string }) => c.id === 'audit-logging'));
    expect(merged.shard).toBeUndefined();
  });

  it('writes the SARIF of the unsharded scan from the shard reports', async () => {
    const full = await runCli(['scan', '--recursive', '.', '--format', 'sarif'], monorepo);
    const { files } = await shardReports(monorepo, 3);
    const merged = await runCli(['merge', ...files, '--format', 'sarif'], monorepo);
    expect(merged.out).toBe(full.out);
    expect(JSON.parse(merged.out).runs.map((r: { automationDetails: { id: string } }) => r.automationDetails.id)).toEqual(['tomguard/account/', 'tomguard/envs/prod/', 'tomguard/envs/staging/', 'tomguard/live/cache/']);
  });

  it('applies --fail-on, --only-failures and the text format to the merged report as scan does', async () => {
    const { files } = await shardReports(monorepo, 2);
    const full = await runCli(['scan', '--recursive', '.', '--only-failures', '--no-color', '--fail-on', 'critical'], monorepo);
    const merged = await runCli(['merge', ...files, '--only-failures', '--no-color', '--fail-on', 'critical'], monorepo);
    expect(merged.out).toBe(full.out);
    expect(merged.code).toBe(full.code);
  });
});

describe('account-wide settings across shards', () => {
  // EBS encryption by default is set in `account`; every other root has an unencrypted volume.
  const VOLUME = 'resource "aws_ebs_volume" "data" {\n  availability_zone = "eu-north-1a"\n  size              = 10\n}\n';
  const tree = () =>
    writeTree({
      'account/main.tf': 'resource "aws_ebs_encryption_by_default" "on" {\n  enabled = true\n}\n',
      ...Object.fromEntries(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'].map((name) => [`apps/${name}/main.tf`, VOLUME])),
    });

  it('a shard without the account root still sees its setting, and the merge equals the unsharded scan', async () => {
    const root = tree();
    const full = await runCli(['scan', '--recursive', '.', '--rules', 'TG-ENC-003', '--format', 'json'], root);
    expect(JSON.parse(full.out).findings.map((f: Finding) => f.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    const { files } = await shardReports(root, 3, ['--rules', 'TG-ENC-003']);
    const reports = files.map(read);
    // The precondition of this test: some shard holds volumes but not the account root.
    expect(reports.some((r) => r.inputs.length > 0 && !r.inputs.some((i: { path: string }) => i.path === 'account'))).toBe(true);
    for (const r of reports) expect(r.findings.map((f: Finding) => f.status).filter((s: string) => s !== 'pass')).toEqual([]);
    const merged = await runCli(['merge', ...files, '--format', 'json'], root);
    expect(merged.out).toBe(full.out);
  });
});

describe('merge refuses what is not one complete sharded scan', () => {
  let files: string[];
  let dir: string;
  beforeAll(async () => {
    ({ files } = await shardReports(monorepo, 3));
    dir = path.dirname(files[0]);
  });

  const fails = async (args: string[], message: string) => {
    const r = await runCli(['merge', ...args], monorepo);
    expect(r.err).toBe(`tomguard: ${message}\nRun "tomguard --help" for usage.\n`);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  };

  it('a missing shard', async () => {
    await fails([files[0], files[2]], 'Shard 2 of 3 is missing: merge needs the reports of all 3 shards.');
  });

  it('a shard given twice', async () => {
    await fails([files[0], files[0], files[1], files[2]], `Shard 1/3 is given twice: ${files[0]} and ${files[0]}.`);
  });

  it('shards of a different N', async () => {
    const { files: two } = await shardReports(monorepo, 2);
    await fails([files[0], two[1]], `${files[0]} is shard 1/3 and ${two[1]} is shard 2/2: they split the scan into different numbers of shards.`);
  });

  it('shards of a different scan (other rules)', async () => {
    const { files: other } = await shardReports(monorepo, 3, ['--rules', 'TG-LOG-001']);
    await fails([files[0], other[1], files[2]], `${files[0]} and ${other[1]} are shards of different scans (other paths, options, profile, rules or roots): merge the shards of one run.`);
  });

  it('a report of another tomguard version', async () => {
    const old = path.join(dir, 'old.json');
    fs.writeFileSync(old, JSON.stringify({ ...read(files[1]), tool: { name: 'tomguard', version: '0.0.1' } }));
    await fails([files[0], old, files[2]], `${old} was written by tomguard 0.0.1, and this is tomguard ${read(files[0]).tool.version}: scan and merge with the same version.`);
  });

  it('an unsharded report, SARIF, and a file that is not JSON', async () => {
    const full = path.join(dir, 'full.json');
    fs.writeFileSync(full, unshardedText());
    await fails([full], `${full} is the report of an unsharded scan: merge takes the reports of "tomguard scan --recursive --shard K/N --format json" (all N of them).`);
    const sarif = path.join(dir, 'x.sarif');
    fs.writeFileSync(sarif, JSON.stringify({ version: '2.1.0', runs: [] }));
    await fails([sarif], `${sarif} is SARIF: merge reads the JSON reports of "tomguard scan --shard K/N --format json" and writes SARIF from them (--format sarif).`);
    const text = path.join(dir, 'x.txt');
    fs.writeFileSync(text, 'not json');
    await fails([text], `${text} is not JSON (Unexpected token 'o', "not json" is not valid JSON): merge reads the reports of "tomguard scan --recursive --shard K/N --format json".`);
    await fails([path.join(dir, 'absent.json')], `Cannot read ${path.join(dir, 'absent.json')}: no such file.`);
  });

  function unshardedText(): string {
    return JSON.stringify({ ...read(files[0]), shard: undefined });
  }
});

describe('scan --shard usage', () => {
  it.each([
    [['scan', '.', '--shard', '1/2'], '--shard splits the roots of a --recursive scan across CI jobs: use it with --recursive (and merge the shard reports with "tomguard merge").'],
    [['scan', '--recursive', '.', '--shard', '3/2'], `--shard needs K/N with 1 ≤ K ≤ N ≤ 256 (this job's number and the number of jobs, e.g. --shard 2/4), got "3/2".`],
    [['scan', '--recursive', '.', '--shard', 'two'], `--shard needs K/N with 1 ≤ K ≤ N ≤ 256 (this job's number and the number of jobs, e.g. --shard 2/4), got "two".`],
  ])('%j is a usage error', async (args, message) => {
    const r = await runCli(args, monorepo);
    expect(r.err).toBe(`tomguard: ${message}\nRun "tomguard --help" for usage.\n`);
    expect(r.code).toBe(2);
  });

  it('keeps a shard report complete under --only-failures, so the merge still sees every result', async () => {
    const dir = writeTree({});
    const file = path.join(dir, 's.json');
    await runCli(['scan', '--recursive', '.', '--shard', '1/1', '--only-failures', '--format', `json=${file}`], monorepo);
    expect(read(file).findings.some((f: Finding) => f.status === 'pass')).toBe(true);
  });
});
