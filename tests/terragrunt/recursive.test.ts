/** --recursive over a Terragrunt repository: the units are the roots. */
import * as path from 'node:path';
import { findRoots } from '../../src/engine/recursive';
import { runCli } from '../helpers/cli';
import { writeTree } from '../helpers/tmp-tree';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'terragrunt');

describe('--recursive with Terragrunt units', () => {
  it('finds exactly the units: not the module they deploy, not the directory of root.hcl', async () => {
    expect(await findRoots('.', FIXTURE, {})).toEqual(['live/prod/redis', 'live/prod/remote-app', 'live/prod/vpc', 'live/staging/redis']);
    expect(await findRoots('live/staging', FIXTURE, {})).toEqual(['live/staging/redis']);
  });

  it('ignores .terragrunt-cache, and a repository-level terragrunt.hcl that units include', async () => {
    const root = writeTree({
      'terragrunt.hcl': 'terraform {\n  extra_arguments "vars" {\n    commands = ["plan"]\n  }\n}\n',
      'modules/app/main.tf': 'resource "aws_s3_bucket" "b" {}\n',
      'live/app/terragrunt.hcl': 'include {\n  path = find_in_parent_folders()\n}\nterraform {\n  source = "../../modules//app"\n}\n',
      'live/app/.terragrunt-cache/abc/def/main.tf': 'resource "aws_s3_bucket" "copy" {}\n',
      'live/app/.terragrunt-cache/abc/def/terragrunt.hcl': 'inputs = {}\n',
      'plain/main.tf': 'resource "aws_s3_bucket" "plain" {}\n',
    });
    expect(await findRoots('.', root, {})).toEqual(['live/app', 'plain']);
  });

  it('a parent that sets the source for its units is not a root either', async () => {
    const root = writeTree({
      'terragrunt.hcl': 'terraform {\n  source = "${get_parent_terragrunt_dir()}/modules//${path_relative_to_include()}"\n}\n',
      'modules/app/main.tf': 'resource "aws_s3_bucket" "b" {}\n',
      'app/terragrunt.hcl': 'include {\n  path = find_in_parent_folders()\n}\n',
    });
    expect(await findRoots('.', root, {})).toEqual(['app']);
  });

  it('scans every unit once, findings in the module files', async () => {
    const r = await runCli(['scan', '.', '--recursive', '--format', 'json', '--rules', 'TG-TLS-005'], FIXTURE);
    const report = JSON.parse(r.out);
    expect(report.inputs.map((i: { path: string }) => i.path)).toEqual(['live/prod/redis', 'live/prod/remote-app', 'live/prod/vpc', 'live/staging/redis']);
    expect(report.findings.map((f: { status: string; file: string; startLine: number }) => `${f.status} ${f.file}:${f.startLine}`)).toEqual([
      'fail modules/redis/main.tf:7',
      'pass modules/redis/main.tf:7',
    ]);
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((e: { file: string; line: number; severity: string }) => `${e.severity} ${e.file}:${e.line}`)).toEqual(['warning live/prod/remote-app/terragrunt.hcl:6']);
    expect(r.code).toBe(1);
  });
});
