/** generate blocks: their .tf contents are files of the root module, placed at the lines they come from. */
import { loadInput, LoadedInput } from '../../src/load-input';
import { scan } from '../../src/engine/scan';
import { findRule } from '../../rules';
import { writeTree } from '../helpers/tmp-tree';

const located = (input: LoadedInput) => input.graph.nodes().map((n) => `${n.address} ${n.location?.file}:${n.location?.startLine}:${n.location?.startColumn}`);
const diags = (input: LoadedInput) => input.diagnostics.map((d) => `${d.severity} ${d.file}:${d.line}:${d.column} ${d.message}`);

function unit(rootHcl: string[], extra: Record<string, string> = {}) {
  return writeTree({
    'root.hcl': rootHcl.join('\n') + '\n',
    'u/terragrunt.hcl': 'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n',
    ...extra,
  });
}

describe('where generated code is located', () => {
  it('a heredoc: at its lines in the file with the generate block, columns exact after an indented heredoc', async () => {
    const root = unit([
      'locals {',
      '  name = "logs"',
      '}',
      'generate "buckets" {',
      '  path      = "buckets.tf"',
      '  if_exists = "overwrite"',
      '  contents  = <<-EOT',
      '    resource "aws_s3_bucket" "a" {',
      '      bucket = "${local.name}-a"',
      '    }',
      '  EOT',
      '}',
      'generate "plain" {',
      '  path      = "plain.tf"',
      '  if_exists = "overwrite"',
      '  contents  = <<EOF',
      'resource "aws_s3_bucket" "b" {',
      '  bucket = "b"',
      '}',
      'EOF',
      '}',
      'generate "quoted" {',
      '  path      = "quoted.tf"',
      '  if_exists = "overwrite"',
      '  contents  = "resource \\"aws_s3_bucket\\" \\"c\\" {}"',
      '}',
    ]);
    const input = await loadInput('u', { cwd: root, env: {} });
    expect(diags(input)).toEqual([]);
    expect(located(input)).toEqual(['aws_s3_bucket.a root.hcl:8:5', 'aws_s3_bucket.b root.hcl:17:1', 'aws_s3_bucket.c root.hcl:25:16']);
    const bucket = input.graph.node('aws_s3_bucket.a')!.attr('bucket');
    expect(bucket.value).toBe('logs-a');
    // An interpolated line keeps its columns too: the heredoc strips the same indentation from every line.
    expect(bucket.location).toMatchObject({ file: 'root.hcl', startLine: 9, startColumn: 7 });
  });

  it('contents = file(...): in that file; built by a function: a virtual file named after the block', async () => {
    const root = unit(
      [
        'generate "from_file" {',
        '  path      = "a.tf"',
        '  if_exists = "overwrite"',
        '  contents  = file("templates/a.tf.tmpl")',
        '}',
        'generate "built" {',
        '  path      = "b.tf"',
        '  if_exists = "overwrite"',
        '  contents  = join("\\n", ["resource \\"aws_s3_bucket\\" \\"b\\" {", "  bucket = \\"b\\"", "}"])',
        '}',
      ],
      { 'templates/a.tf.tmpl': '# shared\nresource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\n' },
    );
    const input = await loadInput('u', { cwd: root, env: {} });
    expect(diags(input)).toEqual([]);
    expect(located(input)).toEqual(['aws_s3_bucket.a templates/a.tf.tmpl:2:1', 'aws_s3_bucket.b root.hcl#generate.built:1:1']);
  });

  it('a syntax error in generated code is an error at its line', async () => {
    const root = unit(['generate "bad" {', '  path      = "bad.tf"', '  if_exists = "overwrite"', '  contents  = <<EOF', 'resource "aws_s3_bucket" "x" {', '  bucket = ', '}', 'EOF', '}']);
    const input = await loadInput('u', { cwd: root, env: {} });
    expect(diags(input)).toEqual(['error root.hcl:6:12 generate "bad" (bad.tf): Expected an expression, found newline.']);
  });

  it('suppression comments in generated code apply', async () => {
    const root = unit(
      [
        'generate "cache" {',
        '  path      = "cache.tf"',
        '  if_exists = "overwrite"',
        '  contents  = <<EOF',
        '# tomguard:ignore TG-TLS-005 reason: lab cache, no personal data',
        'resource "aws_elasticache_replication_group" "c" {',
        '  transit_encryption_enabled = false',
        '}',
        'EOF',
        '}',
      ],
      { 'u/main.tf': '' },
    );
    const report = await scan(['u'], { rules: [findRule('TG-TLS-005')!], cwd: root, env: {}, today: '2026-01-01' });
    expect(report.findings.map((f) => [f.status, f.file, f.startLine, f.suppressed, f.suppression?.reason])).toEqual([
      ['fail', 'root.hcl', 7, true, 'lab cache, no personal data'],
    ]);
  });
});

describe('which generated files are read', () => {
  const BLOCK = (name: string, file: string, extra: string[] = []) => [
    `generate "${name}" {`,
    `  path     = "${file}"`,
    ...extra,
    `  contents = "resource \\"aws_s3_bucket\\" \\"${name}\\" {}"`,
    '}',
  ];

  it('disable = true, other file types and subdirectories are skipped', async () => {
    const root = unit(
      [
        ...BLOCK('off', 'off.tf', ['  disable = true']),
        ...BLOCK('vars', 'terraform.tfvars'),
        ...BLOCK('sub', 'sub/x.tf'),
        ...BLOCK('on', 'on.tf'),
      ],
      { 'u/main.tf': '' },
    );
    const input = await loadInput('u', { cwd: root, env: {} });
    expect(input.graph.nodes().map((n) => n.address)).toEqual(['aws_s3_bucket.on']);
  });

  it('if_exists decides about a file of the same name in the module', async () => {
    const root = unit(
      [
        ...BLOCK('skipped', 'skip.tf', ['  if_exists = "skip"']),
        ...BLOCK('overwritten', 'over.tf', ['  if_exists = "overwrite"']),
        ...BLOCK('ours', 'ours.tf', ['  if_exists = "overwrite_terragrunt"']),
        ...BLOCK('theirs', 'theirs.tf', ['  if_exists = "overwrite_terragrunt"']),
        ...BLOCK('stop', 'main.tf', ['  if_exists = "error"']),
      ],
      {
        'u/skip.tf': 'resource "aws_s3_bucket" "kept_skip" {}\n',
        'u/over.tf': 'resource "aws_s3_bucket" "lost_over" {}\n',
        'u/ours.tf': '# Generated by Terragrunt. Sig: nIlQXj57tbuaRZEa\nresource "aws_s3_bucket" "lost_ours" {}\n',
        'u/theirs.tf': 'resource "aws_s3_bucket" "kept_theirs" {}\n',
        'u/main.tf': 'resource "aws_s3_bucket" "kept_main" {}\n',
      },
    );
    const input = await loadInput('u', { cwd: root, env: {} });
    expect(input.graph.nodes().map((n) => n.address).sort()).toEqual([
      'aws_s3_bucket.kept_main',
      'aws_s3_bucket.kept_skip',
      'aws_s3_bucket.kept_theirs',
      'aws_s3_bucket.ours',
      'aws_s3_bucket.overwritten',
    ]);
    expect(diags(input)).toEqual([
      'warning root.hcl:18:3 generate "theirs": u/theirs.tf already exists and if_exists is "overwrite_terragrunt", so Terragrunt would stop here; the existing file is scanned, not the generated one.',
      'warning root.hcl:23:3 generate "stop": u/main.tf already exists and if_exists is "error", so Terragrunt would stop here; the existing file is scanned, not the generated one.',
    ]);
  });

  it('a unit file with the same name overrides the parent generate block; the unit directory .tf files join the module', async () => {
    const root = writeTree({
      'root.hcl': BLOCK('shared', 'shared.tf').join('\n'),
      'modules/m/main.tf': 'resource "aws_s3_bucket" "module" {}\n',
      'modules/m/override.tf': 'resource "aws_s3_bucket" "replaced_by_unit_copy" {}\n',
      'u/terragrunt.hcl': ['include "root" {', '  path = find_in_parent_folders("root.hcl")', '}', 'terraform {', '  source = "../modules//m"', '}', ...BLOCK('shared', 'shared.tf').map((l) => l.replace('\\"shared\\" {}', '\\"unit_version\\" {}'))].join('\n'),
      'u/override.tf': 'resource "aws_s3_bucket" "from_unit_dir" {}\n',
    });
    const input = await loadInput('u', { cwd: root, env: {} });
    expect(diags(input)).toEqual([]);
    expect(located(input)).toEqual(['aws_s3_bucket.module modules/m/main.tf:1:1', 'aws_s3_bucket.from_unit_dir u/override.tf:1:1', 'aws_s3_bucket.unit_version u/terragrunt.hcl:9:15']);
  });
});
