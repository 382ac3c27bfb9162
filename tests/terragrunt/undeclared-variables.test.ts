/**
 * A value given for a variable no `variable` block declares (typically declared by a file Terragrunt
 * generates) is used where the root module reads it, with one warning per root, not one per use.
 * Plain Terraform roots behave the same way.
 */
import { loadInput, LoadedInput } from '../../src/load-input';
import { Unknown } from '../../src/eval/value';
import { runCli } from '../helpers/cli';
import { writeTree } from '../helpers/tmp-tree';

const MAIN = [
  'resource "aws_s3_bucket" "a" {',
  '  bucket = var.name',
  '}',
  'resource "aws_s3_bucket" "b" {',
  '  bucket = "${var.name}-b"',
  '  tags   = var.tags',
  '}',
  'resource "aws_s3_bucket" "c" {',
  '  bucket = var.unset',
  '}',
  '',
].join('\n');

const diags = (input: LoadedInput) => input.diagnostics.map((d) => `${d.severity} ${d.file}:${d.line ?? '-'}:${d.column ?? '-'} ${d.message}`);

const WARNING = (root: string, names: string) =>
  `warning ${root}:-:- Values were given for variables that no variable block declares (${names}); where the configuration reads them they are used as given (a generated file may declare them; otherwise check for a typo).`;

describe('values for undeclared variables', () => {
  it('--var: used as a string, --var-file: typed; one warning for the root; no value: the undeclared-variable warning stays', async () => {
    const root = writeTree({ 'main.tf': MAIN, 'tags.tfvars': 'tags = { team = "core" }\ntypo = 1\n' });
    const input = await loadInput('.', {
      cwd: root,
      env: {},
      variables: [
        { kind: 'var', name: 'name', value: 'logs' },
        { kind: 'var-file', file: 'tags.tfvars' },
      ],
    });
    const b = input.graph.node('aws_s3_bucket.b')!;
    expect(input.graph.node('aws_s3_bucket.a')!.attr('bucket').value).toBe('logs');
    expect(b.attr('bucket').value).toBe('logs-b');
    expect(b.attr('bucket').origins).toEqual(['var.name (set in --var; no variable block declares it)']);
    expect(b.attr('tags').value).toEqual({ team: 'core' });
    expect(input.graph.node('aws_s3_bucket.c')!.attr('bucket').value).toBeInstanceOf(Unknown);
    expect(diags(input)).toEqual([
      'warning main.tf:9:12 Reference to undeclared input variable "unset": declare it with a variable "unset" block.',
      WARNING('.', 'name, tags, typo'),
    ]);
  });

  it('a declared variable takes its value as before and is not in the warning', async () => {
    const root = writeTree({ 'main.tf': 'variable "name" {}\nresource "aws_s3_bucket" "a" {\n  bucket = var.name\n}\n' });
    const input = await loadInput('.', { cwd: root, env: {}, variables: [{ kind: 'var', name: 'name', value: 'x' }] });
    expect(diags(input)).toEqual([]);
  });

  it('TF_VAR_ values for undeclared variables are ignored, as Terraform ignores them', async () => {
    const root = writeTree({ 'main.tf': MAIN });
    const input = await loadInput('.', { cwd: root, env: { TF_VAR_name: 'from-env' } });
    expect(input.graph.node('aws_s3_bucket.a')!.attr('bucket').value).toBeInstanceOf(Unknown);
    expect(diags(input).filter((d) => d.includes('Values were given'))).toEqual([]);
  });

  it('Terragrunt inputs: used where read and then named in the warning; inputs nobody reads are silently ignored', async () => {
    const root = writeTree({
      'u/terragrunt.hcl': 'inputs = {\n  name        = "app"\n  environment = "prod"\n}\n',
      'u/main.tf': 'resource "aws_s3_bucket" "a" {\n  bucket = var.name\n}\n',
    });
    const input = await loadInput('u', { cwd: root, env: {} });
    const bucket = input.graph.node('aws_s3_bucket.a')!.attr('bucket');
    expect([bucket.value, bucket.origins]).toEqual(['app', ['var.name (set in u/terragrunt.hcl:2; no variable block declares it)']]);
    expect(diags(input)).toEqual([WARNING('u', 'name')]);
  });

  it('the CLI reports the warning once', async () => {
    const root = writeTree({ 'main.tf': MAIN });
    const r = await runCli(['scan', '.', '--format', 'json', '--rules', 'TG-ENC-004', '--var', 'name=logs'], root);
    const errors = JSON.parse(r.out).warnings as Array<{ message: string }>;
    expect(errors.filter((e) => e.message.startsWith('Values were given')).map((e) => e.message)).toEqual([WARNING('.', 'name').replace('warning .:-:- ', '')]);
  });
});
