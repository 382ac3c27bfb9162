/** Problems in Terragrunt configurations are diagnostics with file, line and column, never a crash. */
import { loadInput, LoadedInput } from '../../src/load-input';
import { Unknown } from '../../src/eval/value';
import { writeTree } from '../helpers/tmp-tree';

const BUCKET = 'variable "name" {\n  default = "x"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = var.name\n}\n';

async function load(files: Record<string, string>, unit = 'unit'): Promise<LoadedInput> {
  const root = writeTree(files);
  return loadInput(unit, { cwd: root, env: {} });
}

const diags = (input: LoadedInput) => input.diagnostics.map((d) => `${d.severity} ${d.file}:${d.line}:${d.column} ${d.message}`);

describe('errors in terragrunt.hcl', () => {
  it('a syntax error is reported as HashiCorp words it, and nothing of the unit is scanned', async () => {
    const input = await load({ 'unit/terragrunt.hcl': 'inputs = {\n  name = \n}\n', 'unit/main.tf': BUCKET });
    expect(diags(input)).toEqual(['error unit/terragrunt.hcl:2:10 Invalid expression; Expected the start of an expression, but found an invalid expression token.']);
    expect(input.graph.nodes()).toEqual([]);
  });

  it('an unknown function is a warning at the call; the value is unknown and the rest of the inputs count', async () => {
    const input = await load({ 'unit/terragrunt.hcl': 'inputs = {\n  name  = no_such_function("a")\n  other = "b"\n}\n', 'unit/main.tf': `${BUCKET}variable "other" {}\n` });
    expect(diags(input)).toEqual(['warning unit/terragrunt.hcl:2:11 Call to unknown function "no_such_function".']);
    const bucket = input.graph.node('aws_s3_bucket.b')!.attr('bucket').value;
    expect(bucket).toBeInstanceOf(Unknown);
    expect((bucket as Unknown).reason).toBe('could not be evaluated: Call to unknown function "no_such_function".');
  });

  it('functions tomguard does not run give an Unknown with the reason, and no diagnostic', async () => {
    const input = await load({
      'unit/terragrunt.hcl': 'locals {\n  token = run_cmd("vault", "read", "x")\n}\ninputs = {\n  name = "${local.token}-${sops_decrypt_file("s.yaml")}"\n}\n',
      'unit/main.tf': BUCKET,
    });
    expect(diags(input)).toEqual([]);
    const bucket = input.graph.node('aws_s3_bucket.b')!.attr('bucket').value as Unknown;
    expect(bucket).toBeInstanceOf(Unknown);
    expect(bucket.describe()).toBe('${run_cmd(...)}-${sops_decrypt_file(...)} (runs a command while Terragrunt reads the configuration; tomguard does not run commands)');
  });

  it('a missing include file is an error at the include path', async () => {
    const input = await load({ 'unit/terragrunt.hcl': 'include "root" {\n  path = "../root.hcl"\n}\n', 'unit/main.tf': BUCKET });
    expect(diags(input)).toEqual(['error unit/terragrunt.hcl:2:3 include "root": root.hcl does not exist.']);
    // The unit's own code is still scanned.
    expect(input.graph.node('aws_s3_bucket.b')).toBeDefined();
  });

  it('find_in_parent_folders that finds nothing is an error at the include path', async () => {
    const input = await load({ 'unit/terragrunt.hcl': 'include {\n  path = find_in_parent_folders("nope.hcl")\n}\n', 'unit/main.tf': BUCKET });
    expect(diags(input)).toEqual(['error unit/terragrunt.hcl:2:10 include path: find_in_parent_folders: no "nope.hcl" in any folder above unit.']);
  });

  it('include cycles and nested includes are errors; the nested include is ignored', async () => {
    const self = await load({ 'unit/terragrunt.hcl': 'include {\n  path = "terragrunt.hcl"\n}\n', 'unit/main.tf': BUCKET });
    expect(diags(self)).toEqual(['error unit/terragrunt.hcl:2:3 Include cycle: unit/terragrunt.hcl includes itself.']);
    const back = await load({
      'root.hcl': 'include "back" {\n  path = "terragrunt.hcl"\n}\ninputs = {\n  name = "from-root"\n}\n',
      'unit/terragrunt.hcl': 'include "root" {\n  path = "../root.hcl"\n}\n',
      'unit/main.tf': BUCKET,
    });
    expect(diags(back)).toEqual(['error root.hcl:1:1 Include cycle: unit/terragrunt.hcl includes root.hcl, which includes unit/terragrunt.hcl again. The nested include is ignored.']);
    expect(back.graph.node('aws_s3_bucket.b')!.attr('bucket').value).toBe('from-root');
    const nested = await load({
      'common.hcl': 'locals {\n  a = 1\n}\n',
      'root.hcl': 'include "common" {\n  path = find_in_parent_folders("common.hcl")\n}\n',
      'unit/terragrunt.hcl': 'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n',
      'unit/main.tf': BUCKET,
    });
    expect(diags(nested)).toEqual([
      'error root.hcl:1:1 unit/terragrunt.hcl includes root.hcl, which itself includes common.hcl; Terragrunt allows only one level of includes. The nested include is ignored.',
    ]);
  });

  it('a syntax error in an included file is reported in that file', async () => {
    const input = await load({ 'root.hcl': 'locals {\n  a = [1,\n}\n', 'unit/terragrunt.hcl': 'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n', 'unit/main.tf': BUCKET });
    expect(input.diagnostics).toHaveLength(1);
    expect(input.diagnostics[0]).toMatchObject({ file: 'root.hcl', line: 3, severity: 'error' });
  });

  it('cycles between locals and between read_terragrunt_config files are warnings; the values are unknown', async () => {
    const input = await load({
      'unit/terragrunt.hcl': 'locals {\n  a = local.b\n  b = local.a\n  c = read_terragrunt_config("one.hcl")\n}\ninputs = {\n  name = local.a\n}\n',
      'unit/one.hcl': 'locals {\n  x = read_terragrunt_config("two.hcl")\n}\n',
      'unit/two.hcl': 'locals {\n  x = read_terragrunt_config("one.hcl")\n}\n',
      'unit/main.tf': BUCKET,
    });
    expect(diags(input)).toEqual([
      'warning unit/terragrunt.hcl:3:7 Cycle between locals: local.a → local.b → local.a. Break the cycle; these values are treated as unknown.',
      'warning unit/two.hcl:2:7 read_terragrunt_config: cycle unit/one.hcl → unit/two.hcl → unit/one.hcl.',
    ]);
    expect(input.graph.node('aws_s3_bucket.b')!.attr('bucket').value).toBeInstanceOf(Unknown);
  });

  it('an included file that reads its unit with read_terragrunt_config is a cycle, not endless recursion', async () => {
    const input = await load({
      'root.hcl': 'locals {\n  unit = read_terragrunt_config("${get_terragrunt_dir()}/terragrunt.hcl")\n}\n',
      'unit/terragrunt.hcl': 'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n',
      'unit/main.tf': BUCKET,
    });
    expect(diags(input)).toEqual(['warning root.hcl:2:10 read_terragrunt_config: cycle unit/terragrunt.hcl → root.hcl → unit/terragrunt.hcl.']);
    expect(input.graph.node('aws_s3_bucket.b')).toBeDefined();
  });

  it('names a Terragrunt file cannot read (var, an undeclared dependency) are warnings', async () => {
    const input = await load({
      'unit/terragrunt.hcl': 'inputs = {\n  name  = var.x\n  other = dependency.nope.outputs.id\n}\n',
      'unit/main.tf': `${BUCKET}variable "other" {}\n`,
    });
    expect(diags(input)).toEqual([
      'warning unit/terragrunt.hcl:2:11 Unknown name "var": a Terragrunt configuration can read local, include and dependency values and call functions.',
      'warning unit/terragrunt.hcl:3:11 Reference to undeclared dependency "nope": no dependency "nope" block in unit/terragrunt.hcl or the files it includes.',
    ]);
  });

  it('a local source directory that does not exist is an error at the source attribute', async () => {
    const input = await load({ 'unit/terragrunt.hcl': 'terraform {\n  source = "../modules//nope"\n}\n' });
    expect(diags(input)).toEqual(['error unit/terragrunt.hcl:2:3 terraform.source "../modules//nope": the module directory modules/nope does not exist.']);
    expect(input.unresolvedModules).toEqual([
      { call: 'terraform.source', source: '../modules//nope', reason: 'module directory modules/nope does not exist', file: 'unit/terragrunt.hcl', line: 2, column: 3 },
    ]);
  });

  it('a unit without a source and without .tf files says so', async () => {
    const input = await load({ 'unit/terragrunt.hcl': 'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\n', 'root.hcl': 'inputs = {}\n' });
    expect(diags(input)).toEqual(['error unit:undefined:undefined The Terragrunt unit unit has no Terraform code to scan: unit holds no .tf or .tf.json files.']);
  });

  it('a directory whose terragrunt.hcl units only include is not a unit', async () => {
    const input = await load({ 'terragrunt.hcl': 'inputs = {\n  region = "eu-west-1"\n}\n', 'app/terragrunt.hcl': 'include {\n  path = find_in_parent_folders()\n}\n' }, '.');
    expect(diags(input)).toEqual([
      'error .:undefined:undefined No .tf or .tf.json files in .: point tomguard at a Terraform root directory, a plan JSON file, or use --recursive. Its terragrunt.hcl is a Terragrunt configuration that units include (it has no include, no terraform source and no .tf files beside it): scan the units, or use --recursive.',
    ]);
  });
});
