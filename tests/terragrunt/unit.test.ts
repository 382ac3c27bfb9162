/**
 * A Terragrunt repository (tests/fixtures/terragrunt): root.hcl with locals, inputs and a generate
 * block that declares `variable "region"` and the provider; units under live/ that include it and
 * deploy modules/redis through `terraform { source = "../../../modules//redis" }`.
 */
import * as path from 'node:path';
import { scan } from '../../src/engine/scan';
import { loadInput } from '../../src/load-input';
import { Finding } from '../../src/report/findings';
import { findRule } from '../../rules';
import { Unknown } from '../../src/eval/value';
import { writeTree } from '../helpers/tmp-tree';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'terragrunt');
const rules = ['TG-TLS-005', 'TG-NET-003'].map((id) => findRule(id)!);

async function scanUnit(unit: string, options: { env?: Record<string, string>; cwd?: string } = {}) {
  return scan([unit], { rules, env: options.env ?? {}, cwd: options.cwd ?? FIXTURE, today: '2026-01-01' });
}

function finding(findings: Finding[], ruleId: string): Finding {
  const f = findings.find((x) => x.ruleId === ruleId);
  if (!f) throw new Error(`no ${ruleId} finding; have ${findings.map((x) => x.ruleId).join(', ')}`);
  return f;
}

describe('a Terragrunt unit with an include, a local module source, inputs and a generated file', () => {
  it('fails TG-TLS-005 at the module line, naming the input in the unit as the origin', async () => {
    const report = await scanUnit('live/prod/redis');
    expect(report.errors).toEqual([]);
    expect(report.inputs).toEqual([{ kind: 'hcl', path: 'live/prod/redis' }]);
    const f = finding(report.findings, 'TG-TLS-005');
    expect(f).toMatchObject({
      status: 'fail',
      resource: 'aws_elasticache_replication_group.this',
      file: 'modules/redis/main.tf',
      startLine: 7,
      attribute: 'transit_encryption_enabled',
    });
    expect(f.message).toBe(
      'In-transit encryption is off: transit_encryption_enabled = false (var.transit_encryption_enabled (set in live/prod/redis/terragrunt.hcl:19)); clients talk to the cache in plaintext',
    );
  });

  it('a dependency output is unknown, named after the dependency (never its mock_outputs)', async () => {
    const report = await scanUnit('live/prod/redis');
    const f = finding(report.findings, 'TG-NET-003');
    expect(f).toMatchObject({ status: 'unknown', resource: 'aws_elasticache_replication_group.this', file: 'modules/redis/main.tf', startLine: 8 });
    expect(f.message).toContain('dependency.vpc.outputs.cache_security_group_id (output of the Terragrunt dependency ../vpc, known after it is applied)');
    expect(f.message).not.toContain('sg-mock');
  });

  it('merges the parent inputs under the unit inputs, with typed values and where each was set', async () => {
    const input = await loadInput('live/prod/redis', { cwd: FIXTURE, env: {} });
    const node = input.graph.node('aws_elasticache_replication_group.this')!;
    // From root.hcl: a local that reads env.hcl through read_terragrunt_config, path_relative_to_include().
    expect(node.attr('tags').value).toEqual({ Environment: 'prod', Unit: 'live/prod/redis' });
    expect(node.attr('tags').origins).toEqual(['var.tags (set in root.hcl:24)']);
    // From the unit, reading the parent's local through include.root.locals.
    expect(node.attr('replication_group_id').value).toBe('cache-prod');
    // var.region is declared only by the generated provider.tf; its value comes from root.hcl's inputs.
    expect(node.attr('description').value).toBe('cache in eu-central-1');
    expect(node.attr('description').origins).toEqual(['var.region (set in root.hcl:23)']);
    const sg = node.attr('security_group_ids').value as unknown[];
    expect(sg[0]).toBeInstanceOf(Unknown);
    expect((sg[0] as Unknown).source).toBe('dependency.vpc.outputs.cache_security_group_id');
  });

  it('get_env reads the scan environment, with its default when the variable is not set', async () => {
    const byDefault = finding((await scanUnit('live/staging/redis')).findings, 'TG-TLS-005');
    expect(byDefault).toMatchObject({ status: 'pass', file: 'modules/redis/main.tf', startLine: 7 });
    const fromEnv = finding((await scanUnit('live/staging/redis', { env: { TG_CACHE_TLS: 'false' } })).findings, 'TG-TLS-005');
    expect(fromEnv).toMatchObject({ status: 'fail', file: 'modules/redis/main.tf', startLine: 7 });
    expect(fromEnv.message).toContain('(var.transit_encryption_enabled (set in live/staging/redis/terragrunt.hcl:11))');
    const region = await loadInput('live/staging/redis', { cwd: FIXTURE, env: { TG_REGION: 'eu-north-1' } });
    expect(region.graph.node('aws_elasticache_replication_group.this')!.attr('description').value).toBe('cache in eu-north-1');
  });

  it('without terraform.source the unit directory is the module', async () => {
    const input = await loadInput('live/prod/vpc', { cwd: FIXTURE, env: {} });
    expect(input.diagnostics).toEqual([]);
    expect(input.graph.nodes().map((n) => `${n.address} ${n.location?.file}:${n.location?.startLine}`)).toEqual([
      'aws_vpc.this live/prod/vpc/main.tf:10',
      'aws_security_group.cache live/prod/vpc/main.tf:15',
    ]);
    expect(input.graph.node('aws_vpc.this')!.attr('cidr_block').value).toBe('10.20.0.0/16');
  });

  it('also takes the unit given as its terragrunt.hcl', async () => {
    const input = await loadInput('live/prod/redis/terragrunt.hcl', { cwd: FIXTURE, env: {} });
    expect(input.path).toBe('live/prod/redis/terragrunt.hcl');
    expect(input.graph.node('aws_elasticache_replication_group.this')).toBeDefined();
  });
});

describe('a remote terraform.source', () => {
  it('gives an empty graph, an unresolved module entry and one warning at the source attribute', async () => {
    const input = await loadInput('live/prod/remote-app', { cwd: FIXTURE, env: {} });
    const source = 'git::https://github.com/acme/infrastructure-modules.git//app?ref=v1.2.0';
    expect(input.graph.nodes()).toEqual([]);
    expect(input.unresolvedModules).toEqual([
      {
        call: 'terraform.source',
        source,
        reason: `the Terragrunt source "${source}" is remote; tomguard reads only local module sources (Terragrunt would download it into .terragrunt-cache)`,
        file: 'live/prod/remote-app/terragrunt.hcl',
        line: 6,
        column: 3,
      },
    ]);
    expect(input.diagnostics).toEqual([
      {
        file: 'live/prod/remote-app/terragrunt.hcl',
        line: 6,
        column: 3,
        severity: 'warning',
        message: `The remote Terragrunt source "${source}" was not read: tomguard scans only local module sources, so this unit's resources are not checked. Scan a local checkout of the module, or a plan JSON of the unit.`,
      },
    ]);
  });

  it('tfr:/// registry sources are remote too', async () => {
    const root = writeTree({ 'u/terragrunt.hcl': 'terraform {\n  source = "tfr:///terraform-aws-modules/vpc/aws?version=5.0.0"\n}\n' });
    const input = await loadInput('u', { cwd: root, env: {} });
    expect(input.unresolvedModules?.map((u) => [u.source, u.line])).toEqual([['tfr:///terraform-aws-modules/vpc/aws?version=5.0.0', 2]]);
    expect(input.diagnostics.map((d) => d.severity)).toEqual(['warning']);
  });
});

describe('variable precedence: inputs are TF_VAR_ values, the lowest', () => {
  const tree = (extra: Record<string, string> = {}) =>
    writeTree({
      'modules/cache/main.tf':
        'variable "tls" {\n  type = bool\n}\nvariable "settings" {\n  type = object({ nodes = number })\n}\nresource "aws_elasticache_replication_group" "c" {\n  transit_encryption_enabled = var.tls\n  num_cache_clusters         = var.settings.nodes\n}\n',
      'unit/terragrunt.hcl': 'terraform {\n  source = "../modules//cache"\n}\ninputs = {\n  tls      = false\n  settings = { nodes = 3 }\n}\n',
      ...extra,
    });
  const attr = async (root: string, name: string, options: Parameters<typeof loadInput>[1] = {}) => {
    const input = await loadInput('unit', { cwd: root, env: {}, ...options });
    const read = input.graph.node('aws_elasticache_replication_group.c')!.attr(name);
    return [read.value, read.origins];
  };

  it('keep their HCL types', async () => {
    const root = tree();
    expect(await attr(root, 'transit_encryption_enabled')).toEqual([false, ['var.tls (set in unit/terragrunt.hcl:5)']]);
    expect(await attr(root, 'num_cache_clusters')).toEqual([3, ['var.settings (set in unit/terragrunt.hcl:6)']]);
  });

  it('lose to TF_VAR_, terraform.tfvars and *.auto.tfvars in the module, and to --var / --var-file', async () => {
    expect(await attr(tree(), 'transit_encryption_enabled', { env: { TF_VAR_tls: 'true' } })).toEqual([true, ['var.tls (set in TF_VAR_tls)']]);
    expect(await attr(tree({ 'modules/cache/terraform.tfvars': 'tls = true\n' }), 'transit_encryption_enabled')).toEqual([true, ['var.tls (set in modules/cache/terraform.tfvars:1)']]);
    expect(await attr(tree({ 'modules/cache/x.auto.tfvars': 'tls = true\n' }), 'transit_encryption_enabled')).toEqual([true, ['var.tls (set in modules/cache/x.auto.tfvars:1)']]);
    expect(await attr(tree(), 'transit_encryption_enabled', { variables: [{ kind: 'var', name: 'tls', value: 'true' }] })).toEqual([true, ['var.tls (set in --var)']]);
    const root = tree({ 'prod.tfvars': 'settings = { nodes = 5 }\n' });
    expect(await attr(root, 'num_cache_clusters', { variables: [{ kind: 'var-file', file: 'prod.tfvars' }] })).toEqual([5, ['var.settings (set in prod.tfvars:1)']]);
  });

  it('a child include with merge_strategy = "deep" merges objects key by key and concatenates lists', async () => {
    const root = writeTree({
      'root.hcl': 'inputs = {\n  tags = { a = "1", b = "1" }\n  ids  = ["x"]\n}\n',
      'unit/terragrunt.hcl': 'include "root" {\n  path           = find_in_parent_folders("root.hcl")\n  merge_strategy = "deep"\n}\ninputs = {\n  tags = { b = "2" }\n  ids  = ["y"]\n}\n',
      'unit/main.tf': 'variable "tags" {}\nvariable "ids" {}\nresource "aws_s3_bucket" "b" {\n  tags = var.tags\n  ids  = var.ids\n}\n',
    });
    const input = await loadInput('unit', { cwd: root, env: {} });
    const node = input.graph.node('aws_s3_bucket.b')!;
    expect(node.attr('tags').value).toEqual({ a: '1', b: '2' });
    expect(node.attr('ids').value).toEqual(['x', 'y']);
    const shallow = writeTree({
      'root.hcl': 'inputs = {\n  tags = { a = "1", b = "1" }\n}\n',
      'unit/terragrunt.hcl': 'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\ninputs = {\n  tags = { b = "2" }\n}\n',
      'unit/main.tf': 'variable "tags" {}\nresource "aws_s3_bucket" "b" {\n  tags = var.tags\n}\n',
    });
    expect((await loadInput('unit', { cwd: shallow, env: {} })).graph.node('aws_s3_bucket.b')!.attr('tags').value).toEqual({ b: '2' });
  });
});

describe('one bad unit does not stop the others', () => {
  it('reports the broken unit and still scans the good one', async () => {
    const root = writeTree({
      'modules/cache/main.tf': 'variable "tls" {}\nresource "aws_elasticache_replication_group" "c" {\n  transit_encryption_enabled = var.tls\n}\n',
      'bad/terragrunt.hcl': 'terraform {\n  source = "../modules//cache"\n}\ninputs = {\n  tls = \n}\n',
      'good/terragrunt.hcl': 'terraform {\n  source = "../modules//cache"\n}\ninputs = {\n  tls = false\n}\n',
    });
    const report = await scan(['bad', 'good'], { rules: [findRule('TG-TLS-005')!], env: {}, cwd: root, today: '2026-01-01' });
    expect(report.errors.map((e) => `${e.severity} ${e.file}:${e.line}:${e.column}`)).toEqual(['error bad/terragrunt.hcl:5:9']);
    expect(report.findings.map((f) => `${f.ruleId} ${f.status} ${f.file}:${f.startLine}`)).toEqual(['TG-TLS-005 fail modules/cache/main.tf:3']);
  });
});
