/** Terragrunt's functions, evaluated as Terragrunt does (config/config_helpers.go). */
import * as path from 'node:path';
import { loadInput } from '../../src/load-input';
import { Unknown, Value } from '../../src/eval/value';
import { writeTree } from '../helpers/tmp-tree';

const ECHO = 'variable "v" {}\nresource "x_thing" "a" {\n  v = var.v\n}\n';

/** The value of `inputs.v` of the unit at `unit`, as the module sees it. */
async function valueOf(files: Record<string, string>, unit: string, env: Record<string, string> = {}): Promise<{ value: Value; root: string; diagnostics: string[] }> {
  const root = writeTree({ [`${unit}/main.tf`]: ECHO, ...files });
  const input = await loadInput(unit, { cwd: root, env });
  const node = input.graph.node('x_thing.a');
  if (!node) throw new Error(`no x_thing.a: ${JSON.stringify(input.diagnostics)}`);
  return { value: node.attr('v').value as Value, root, diagnostics: input.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`) };
}

describe('path functions', () => {
  it('in the unit: find_in_parent_folders, path_relative_to/from_include, get_terragrunt_dir, get_parent_terragrunt_dir', async () => {
    const { value, root, diagnostics } = await valueOf(
      {
        'root.hcl': '',
        'live/common.hcl': '',
        'live/prod/app/terragrunt.hcl': [
          'include "root" {',
          '  path = find_in_parent_folders("root.hcl")',
          '}',
          'inputs = {',
          '  v = {',
          '    found     = find_in_parent_folders("common.hcl")',
          '    fallback  = find_in_parent_folders("none.hcl", "no-such-file")',
          '    to        = path_relative_to_include()',
          '    from      = path_relative_from_include("root")',
          '    dir       = get_terragrunt_dir()',
          '    original  = get_original_terragrunt_dir()',
          '    parent    = get_parent_terragrunt_dir()',
          '    commands  = get_terraform_commands_that_need_locking()',
          '    cli_flag  = get_terragrunt_source_cli_flag()',
          '  }',
          '}',
        ].join('\n'),
      },
      'live/prod/app',
    );
    expect(diagnostics).toEqual([]);
    const unitDir = path.join(root, 'live/prod/app');
    expect(value).toEqual({
      found: path.join(root, 'live/common.hcl'),
      fallback: 'no-such-file',
      to: 'live/prod/app',
      from: '../../..',
      dir: unitDir,
      original: unitDir,
      parent: root,
      commands: ['apply', 'destroy', 'import', 'plan', 'refresh', 'taint', 'untaint'],
      cli_flag: '',
    });
  });

  it('in an included file they answer for the unit that includes it', async () => {
    const { value, root } = await valueOf(
      {
        'live/terragrunt.hcl': 'locals {\n  here = get_terragrunt_dir()\n}\ninputs = {\n  v = {\n    key    = "${path_relative_to_include()}/terraform.tfstate"\n    from   = path_relative_from_include()\n    dir    = local.here\n    parent = get_parent_terragrunt_dir()\n    file   = trimspace(file("shared.txt"))\n  }\n}\n',
        'live/shared.txt': 'read relative to the file that calls file()\n',
        'live/eu/app/terragrunt.hcl': 'include {\n  path = find_in_parent_folders()\n}\n',
      },
      'live/eu/app',
    );
    expect(value).toEqual({
      key: 'eu/app/terraform.tfstate',
      from: '../..',
      dir: path.join(root, 'live/eu/app'),
      parent: path.join(root, 'live'),
      file: 'read relative to the file that calls file()',
    });
  });

  it('with several includes, path functions need the include name', async () => {
    const { value, diagnostics } = await valueOf(
      {
        'a.hcl': '',
        'x/b.hcl': '',
        'x/u/terragrunt.hcl': 'include "a" {\n  path = find_in_parent_folders("a.hcl")\n}\ninclude "b" {\n  path = find_in_parent_folders("b.hcl")\n}\ninputs = {\n  v = [path_relative_to_include("a"), path_relative_to_include("b")]\n  w = path_relative_to_include()\n}\n',
      },
      'x/u',
    );
    expect(value).toEqual(['x/u', 'u']);
    expect(diagnostics).toEqual(['x/u/terragrunt.hcl:9:7 path_relative_to_include: this file has 2 include blocks; name the one you mean, e.g. path_relative_to_include("a").']);
  });
});

describe('values', () => {
  it('get_env reads the scan environment; without a default and unset it is unknown', async () => {
    const unit = { 'u/terragrunt.hcl': 'inputs = {\n  v = [get_env("STAGE"), get_env("MISSING", "fallback"), get_env("MISSING")]\n}\n' };
    const { value } = await valueOf(unit, 'u', { STAGE: 'prod' });
    const [stage, fallback, missing] = value as Value[];
    expect([stage, fallback]).toEqual(['prod', 'fallback']);
    expect((missing as Unknown).describe()).toBe('get_env("MISSING") (environment variable MISSING is not set and get_env() has no default)');
  });

  it('read_terragrunt_config returns the locals and inputs of another file (a directory means its terragrunt.hcl)', async () => {
    const { value, diagnostics } = await valueOf(
      {
        'env/region.hcl': 'locals {\n  region = "eu-west-1"\n  azs    = ["a", "b"]\n}\ninputs = {\n  tier = "gold"\n}\n',
        'env/account/terragrunt.hcl': 'locals {\n  id = "123456789012"\n}\n',
        'env/u/terragrunt.hcl': [
          'locals {',
          '  region  = read_terragrunt_config(find_in_parent_folders("region.hcl"))',
          '  account = read_terragrunt_config("../account")',
          '  missing = read_terragrunt_config("nope.hcl", { locals = { fallback = true } })',
          '}',
          'inputs = {',
          '  v = [local.region.locals.region, local.region.locals.azs, local.region.inputs.tier, local.account.locals.id, local.missing.locals.fallback]',
          '}',
        ].join('\n'),
      },
      'env/u',
    );
    expect(diagnostics).toEqual([]);
    expect(value).toEqual(['eu-west-1', ['a', 'b'], 'gold', '123456789012', true]);
  });

  it('an exposed include reads the parent locals and inputs; the parent locals are not the unit locals', async () => {
    const { value, diagnostics } = await valueOf(
      {
        'root.hcl': 'locals {\n  owner = "platform"\n}\ninputs = {\n  size = 3\n}\n',
        'u/terragrunt.hcl': [
          'include "root" {',
          '  path   = find_in_parent_folders("root.hcl")',
          '  expose = true',
          '}',
          'locals {',
          '  mine = "unit"',
          '}',
          'inputs = {',
          '  v = [include.root.locals.owner, include.root.inputs.size, local.mine, try(local.owner, "not a unit local")]',
          '}',
        ].join('\n'),
      },
      'u',
    );
    expect(diagnostics).toEqual([]);
    expect(value).toEqual(['platform', 3, 'unit', 'not a unit local']);
  });

  it('an include read without expose = true works, with a warning (Terragrunt requires expose)', async () => {
    const { value, diagnostics } = await valueOf(
      { 'root.hcl': 'locals {\n  owner = "platform"\n}\n', 'u/terragrunt.hcl': 'include {\n  path = find_in_parent_folders("root.hcl")\n}\ninputs = {\n  v = include.locals.owner\n}\n' },
      'u',
    );
    expect(value).toBe('platform');
    expect(diagnostics).toEqual(['u/terragrunt.hcl:5:7 include is read here but does not set expose = true, which Terragrunt requires; the value is used anyway.']);
  });

  it('functions that need the outside world are unknown, with the reason', async () => {
    const { value, diagnostics } = await valueOf(
      { 'u/terragrunt.hcl': 'inputs = {\n  v = [get_aws_account_id(), get_terraform_command(), get_platform(), read_tfvars_file("x.tfvars")]\n}\n' },
      'u',
    );
    expect(diagnostics).toEqual([]);
    expect((value as Unknown[]).map((u) => u.describe())).toEqual([
      'get_aws_account_id(...) (asks AWS for the caller identity; a static scan has no credentials)',
      'get_terraform_command(...) (the Terraform command Terragrunt runs is not known to a static scan)',
      'get_platform(...) (depends on the machine that runs Terragrunt)',
      'read_tfvars_file(...) (read_tfvars_file is not evaluated by tomguard)',
    ]);
  });

  it('locals of a file see each other, include paths may not read them', async () => {
    const root = writeTree({
      'root.hcl': '',
      'u/main.tf': ECHO,
      'u/terragrunt.hcl': 'locals {\n  name = "root.hcl"\n}\ninclude {\n  path = find_in_parent_folders(local.name)\n}\ninputs = {\n  v = upper(local.name)\n}\n',
    });
    const input = await loadInput('u', { cwd: root, env: {} });
    expect(input.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`)).toEqual([
      'u/terragrunt.hcl:5:10 include path: "local" cannot be used in an include path: Terragrunt reads include blocks before locals, so only functions are available there.',
    ]);
    expect(input.graph.node('x_thing.a')!.attr('v').value).toBe('ROOT.HCL');
  });
});
