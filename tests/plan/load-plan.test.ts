import { loadInput } from '../../src/load-input';
import { Unknown } from '../../src/eval/value';
import { runCli } from '../helpers/cli';
import { writeTree } from '../helpers/tmp-tree';
import { planJson } from '../helpers/plan-builder';
import { ResourceGraph } from '../../src/graph/model';

/** A minimal plan document with the given resource changes and configuration. */
function plan(changes: unknown[], configuration: unknown = { root_module: {} }, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ format_version: '1.2', terraform_version: '1.11.4', planned_values: { root_module: {} }, resource_changes: changes, configuration, ...extra }, null, 2);
}

function change(address: string, after: Record<string, unknown>, opts: { unknown?: Record<string, unknown>; sensitive?: Record<string, unknown>; actions?: string[]; index?: number | string; module?: string } = {}) {
  const parts = address.replace(/^(module\.[^.]+(\[[^\]]+\])?\.)+/, '').replace(/\[[^\]]+\]$/, '').split('.');
  const [type, name] = parts[0] === 'data' ? [parts[1], parts[2]] : [parts[0], parts[1]];
  return {
    address,
    module_address: opts.module,
    mode: parts[0] === 'data' ? 'data' : 'managed',
    type,
    name,
    index: opts.index,
    change: { actions: opts.actions ?? ['create'], before: null, after, after_unknown: opts.unknown ?? {}, after_sensitive: opts.sensitive ?? {} },
  };
}

async function load(files: Record<string, string | Buffer>, file = 'plan.json', sourceRoot?: string) {
  const root = writeTree(files);
  return loadInput(file, { cwd: root, env: {}, sourceRoot });
}

describe('plan JSON detection and decoding', () => {
  it('detects a plan by content, whatever the file name', async () => {
    const input = await load({ 'out.txt': plan([change('aws_vpc.main', { cidr_block: '10.0.0.0/16' })]) }, 'out.txt');
    expect(input.kind).toBe('plan');
    expect(input.graph.node('aws_vpc.main')?.attr('cidr_block').value).toBe('10.0.0.0/16');
  });

  it('reads state output (values.root_module) and links known ids', async () => {
    const state = {
      format_version: '1.0',
      values: {
        root_module: {
          resources: [
            { address: 'aws_vpc.main', mode: 'managed', type: 'aws_vpc', name: 'main', values: { id: 'vpc-123', cidr_block: '10.0.0.0/16' } },
            { address: 'aws_subnet.a', mode: 'managed', type: 'aws_subnet', name: 'a', values: { id: 'subnet-1', vpc_id: 'vpc-123' } },
          ],
        },
      },
    };
    const input = await load({ 'state.json': JSON.stringify(state) }, 'state.json');
    expect(input.kind).toBe('state');
    expect(input.graph.edges()).toEqual([{ from: 'aws_subnet.a', fromPath: 'vpc_id', to: 'aws_vpc.main', toPath: 'id' }]);
  });

  it('decodes UTF-8 with a BOM and UTF-16LE with a BOM (PowerShell)', async () => {
    const text = plan([change('aws_vpc.main', { cidr_block: '10.1.0.0/16' })]);
    const bom = await load({ 'p.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]) }, 'p.json');
    expect(bom.graph.node('aws_vpc.main')?.attr('cidr_block').value).toBe('10.1.0.0/16');
    const utf16 = await load({ 'p.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) }, 'p.json');
    expect(utf16.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(utf16.graph.node('aws_vpc.main')?.attr('cidr_block').value).toBe('10.1.0.0/16');
  });

  it('reads planned_values when resource_changes is empty, warns about partial and versionless plans', async () => {
    const doc = {
      planned_values: { root_module: { resources: [{ address: 'aws_vpc.v', mode: 'managed', type: 'aws_vpc', name: 'v', values: { cidr_block: '10.2.0.0/16' } }] } },
      resource_changes: [],
      errored: true,
    };
    const input = await load({ 'p.json': JSON.stringify(doc) }, 'p.json');
    expect(input.graph.node('aws_vpc.v')?.attr('cidr_block').value).toBe('10.2.0.0/16');
    expect(input.diagnostics.map((d) => d.message)).toEqual([
      'The JSON has no format_version; read as a plan. Produce it with terraform show -json for a supported format.',
      'Terraform reported errors while planning (errored: true): the plan is partial, and resources it could not plan are missing.',
      'No .tf files found at . for p.json: findings have no source location. Point --source-root at the Terraform root the plan was made from.',
    ]);
  });

  it('rejects JSON that is not plan or state output, with what to do', async () => {
    const input = await load({ 'x.json': '{"hello": 1}' }, 'x.json');
    expect(input.diagnostics).toEqual([
      expect.objectContaining({ file: 'x.json', severity: 'error', message: expect.stringContaining('not Terraform plan or state output') }),
    ]);
  });

  it('reports a truncated plan with line and column', async () => {
    const input = await load({ 'p.json': '{\n  "format_version": "1.2",\n  "resource_changes": [\n' }, 'p.json');
    expect(input.diagnostics).toEqual([{ file: 'p.json', line: 4, column: 1, message: 'Invalid JSON: the JSON ends early (a truncated file?).', severity: 'error' }]);
  });

  it('reports a schema problem with its JSON pointer, line and expectation', async () => {
    const bad = JSON.stringify({ format_version: '1.2', resource_changes: [{ address: 'a.b', type: 'a', name: 'b', change: { actions: 'create' } }] }, null, 2);
    const input = await load({ 'p.json': bad }, 'p.json');
    expect(input.diagnostics).toEqual([
      { file: 'p.json', line: 9, column: 20, message: 'Not a valid Terraform plan/state JSON at /resource_changes/0/change/actions: expected array here.', severity: 'error' },
    ]);
  });

  it('exits 2 on a malformed plan with a clear one-line error, no stack trace', async () => {
    const root = writeTree({ 'p.json': '{"format_version": 12}' });
    const r = await runCli(['scan', 'p.json', '--format', 'text', '--no-color'], root);
    expect(r.code).toBe(2);
    expect(r.out).toContain('p.json:1:20: error: Not a valid Terraform plan/state JSON at /format_version: expected string here.');
    expect(r.out).not.toContain('    at ');
  });

  it('keeps a "__proto__" key as plain data, never as a prototype', async () => {
    const root = writeTree({ 'p.json': '{"format_version":"1.2","resource_changes":[{"address":"x_thing.a","type":"x_thing","name":"a","change":{"actions":["create"],"after":{"__proto__":{"polluted":true}}}}]}' });
    const r = await runCli(['graph', 'p.json', '--format', 'json'], root);
    expect(JSON.parse(r.out).nodes[0].attributes).toEqual(JSON.parse('{"__proto__":{"polluted":true}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survives hostile nesting without crashing', async () => {
    const deep = '{"format_version":"1.2","resource_changes":[{"address":"a.b","type":"a","name":"b","change":{"actions":["create"],"after":' + '{"x":'.repeat(20000) + '1' + '}'.repeat(20000) + '}}]}';
    const input = await load({ 'p.json': deep }, 'p.json');
    expect(input.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('reads a plan nested 1,000 levels deep and refuses one level more before parsing it, at the first level too many', async () => {
    const nested = (levels: number) => '{"x":'.repeat(levels) + '1' + '}'.repeat(levels);
    const planOf = (after: string, unknown: string) => `{"format_version":"1.2","resource_changes":[{"address":"a.b","type":"a","name":"b","change":{"actions":["create"],"after":${after},"after_unknown":${unknown}}}]}`;
    // The document, resource_changes, the change and its object are four levels: 996 objects in `after` make 1,000.
    for (const unknown of ['{}', 'false']) {
      const deepest = await load({ 'p.json': planOf(nested(996), unknown) }, 'p.json');
      expect(deepest.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(deepest.graph.node('a.b')!.attr(Array(996).fill('x').join('.')).value).toBe(1);
      const tooDeep = await load({ 'p.json': planOf(nested(997), unknown) }, 'p.json');
      expect(tooDeep.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
        [1, 5103, "p.json is nested more than 1000 levels deep here; Terraform's plan and state JSON never is, so it is not read."],
      ]);
    }
  });
});

describe('plan values', () => {
  it('marks after_unknown values Unknown, drops unknown attributes the configuration does not set, skips deletes', async () => {
    const config = { root_module: { resources: [{ address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', name: 'db', expressions: { storage_encrypted: { references: ['var.enc'] } } }] } };
    const input = await load({
      'plan.json': plan(
        [
          change('aws_db_instance.db', { engine: 'postgres' }, { unknown: { storage_encrypted: true, kms_key_id: true, id: true } }),
          change('aws_s3_bucket.old', { bucket: 'gone' }, { actions: ['delete'] }),
        ],
        config,
      ),
    });
    const db = input.graph.node('aws_db_instance.db')!;
    expect(db.attr('storage_encrypted').value).toEqual(new Unknown('aws_db_instance.db.storage_encrypted', 'known after apply'));
    expect(db.attr('kms_key_id').present).toBe(false);
    expect(input.graph.node('aws_s3_bucket.old')).toBeUndefined();
  });

  it('keeps sensitive values present but never prints them', async () => {
    const root = writeTree({
      'plan.json': plan([change('aws_db_instance.db', { password: 'hunter2', storage_encrypted: true }, { sensitive: { password: true } })]),
    });
    const graph = await runCli(['graph', 'plan.json', '--format', 'json'], root);
    expect(graph.out).not.toContain('hunter2');
    expect(JSON.parse(graph.out).nodes[0].attributes.password).toBe('(sensitive)');
    const report = await runCli(['scan', 'plan.json', '--format', 'json'], root);
    expect(report.out).not.toContain('hunter2');
  });

  it('reads data sources from prior_state', async () => {
    const input = await load({
      'plan.json': plan([], undefined, {
        prior_state: { values: { root_module: { resources: [{ address: 'data.aws_kms_alias.rds', mode: 'data', type: 'aws_kms_alias', name: 'rds', values: { name: 'alias/aws/rds' } }] } } },
      }),
    });
    expect(input.graph.dataSources('aws_kms_alias').map((n) => n.address)).toEqual(['data.aws_kms_alias.rds']);
  });
});

describe('plan configuration references', () => {
  const configuration = {
    root_module: {
      resources: [
        { address: 'aws_db_subnet_group.db', mode: 'managed', type: 'aws_db_subnet_group', name: 'db', expressions: { subnet_ids: { references: ['module.net.private_ids', 'module.net'] } } },
        { address: 'aws_route_table_association.a', mode: 'managed', type: 'aws_route_table_association', name: 'a', expressions: { subnet_id: { references: ['module.net.private_ids', 'module.net', 'count.index'] } } },
      ],
      module_calls: {
        net: {
          source: './net',
          expressions: { cidr: { constant_value: '10.0.0.0/16' } },
          module: {
            resources: [
              { address: 'aws_subnet.private', mode: 'managed', type: 'aws_subnet', name: 'private', expressions: { vpc_id: { references: ['module.vpc.id', 'module.vpc'] } } },
            ],
            outputs: { private_ids: { expression: { references: ['aws_subnet.private'] } } },
            module_calls: {
              vpc: {
                source: '../vpc',
                module: { resources: [{ address: 'aws_vpc.this', mode: 'managed', type: 'aws_vpc', name: 'this', expressions: {} }], outputs: { id: { expression: { references: ['aws_vpc.this.id', 'aws_vpc.this'] } } } },
              },
            },
          },
        },
      },
    },
  };
  const changes = [
    change('aws_db_subnet_group.db', {}, { unknown: { subnet_ids: true } }),
    change('aws_route_table_association.a[0]', {}, { index: 0, unknown: { subnet_id: true } }),
    change('aws_route_table_association.a[1]', {}, { index: 1, unknown: { subnet_id: true } }),
    change('module.net.aws_subnet.private[0]', {}, { index: 0, module: 'module.net', unknown: { id: true, vpc_id: true } }),
    change('module.net.aws_subnet.private[1]', {}, { index: 1, module: 'module.net', unknown: { id: true, vpc_id: true } }),
    change('module.net.module.vpc.aws_vpc.this', { cidr_block: '10.0.0.0/16' }, { module: 'module.net.module.vpc', unknown: { id: true } }),
  ];

  it('links unknown IDs through module outputs, nested calls and count.index', async () => {
    const input = await load({ 'plan.json': plan(changes, configuration) });
    const g = input.graph;
    expect(g.targets(g.node('aws_db_subnet_group.db')!, 'subnet_ids').map((n) => n.address)).toEqual(['module.net.aws_subnet.private[0]', 'module.net.aws_subnet.private[1]']);
    expect(g.targets(g.node('aws_route_table_association.a[1]')!, 'subnet_id').map((n) => n.address)).toEqual(['module.net.aws_subnet.private[1]']);
    expect(g.targets(g.node('module.net.aws_subnet.private[0]')!, 'vpc_id').map((n) => n.address)).toEqual(['module.net.module.vpc.aws_vpc.this']);
    expect(g.edgesFrom(g.node('module.net.aws_subnet.private[0]')!)).toEqual([{ from: 'module.net.aws_subnet.private[0]', fromPath: 'vpc_id', to: 'module.net.module.vpc.aws_vpc.this', toPath: 'id' }]);
  });

  it('maps findings to the .tf lines of the declaring block, also inside local modules', async () => {
    const input = await load({
      'plan.json': plan(changes, configuration),
      'main.tf': 'module "net" {\n  source = "./net"\n}\n\nresource "aws_db_subnet_group" "db" {\n  subnet_ids = module.net.private_ids\n}\n',
      'net/main.tf': 'module "vpc" {\n  source = "../vpc"\n}\nresource "aws_subnet" "private" {\n  count  = 2\n  vpc_id = module.vpc.id\n}\noutput "private_ids" { value = aws_subnet.private[*].id }\n',
      'vpc/main.tf': 'resource "aws_vpc" "this" {\n  cidr_block = "10.0.0.0/16"\n}\noutput "id" { value = aws_vpc.this.id }\n',
    });
    const g = input.graph;
    expect(g.node('aws_db_subnet_group.db')!.location).toMatchObject({ file: 'main.tf', startLine: 5, endLine: 7 });
    expect(g.node('aws_db_subnet_group.db')!.locationOf('subnet_ids')).toMatchObject({ file: 'main.tf', startLine: 6, endLine: 6 });
    expect(g.node('module.net.aws_subnet.private[1]')!.locationOf('vpc_id')).toMatchObject({ file: 'net/main.tf', startLine: 6 });
    expect(g.node('module.net.module.vpc.aws_vpc.this')!.locationOf('cidr_block')).toMatchObject({ file: 'vpc/main.tf', startLine: 2 });
    expect(input.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', message: '2 of 6 resources of plan.json have no declaration under .: their findings have no source location.' })]);
  });

  it('without any source, findings have no location and the report says why once', async () => {
    const input = await load({ 'plans/plan.json': plan(changes, configuration) }, 'plans/plan.json');
    expect(input.graph.node('aws_db_subnet_group.db')!.location).toBeUndefined();
    expect(input.diagnostics).toEqual([
      {
        file: 'plans/plan.json',
        message: 'No .tf files found at plans for plans/plan.json: findings have no source location. Point --source-root at the Terraform root the plan was made from.',
        severity: 'warning',
      },
    ]);
  });

  it('follows a reference to a local value through the source, which plans do not record', async () => {
    const config = {
      root_module: {
        resources: [
          { address: 'aws_subnet.a', mode: 'managed', type: 'aws_subnet', name: 'a', expressions: {} },
          { address: 'aws_db_subnet_group.g', mode: 'managed', type: 'aws_db_subnet_group', name: 'g', expressions: { subnet_ids: { references: ['local.db_subnets'] } } },
        ],
      },
    };
    const input = await load({
      'plan.json': plan([change('aws_subnet.a', {}, { unknown: { id: true } }), change('aws_db_subnet_group.g', {}, { unknown: { subnet_ids: true } })], config),
      'main.tf': 'locals {\n  db_subnets = [aws_subnet.a.id]\n}\nresource "aws_subnet" "a" {}\nresource "aws_db_subnet_group" "g" {\n  subnet_ids = local.db_subnets\n}\n',
    });
    expect(input.graph.targets(input.graph.node('aws_db_subnet_group.g')!, 'subnet_ids').map((n) => n.address)).toEqual(['aws_subnet.a']);
  });

  describe('each.value, each.key and count.index: which element an instance names', () => {
    const vpcs = [
      { address: 'aws_vpc.a', values: { cidr_block: '10.0.0.0/16' }, unknown: ['id'] },
      { address: 'aws_vpc.b', values: { cidr_block: '10.1.0.0/16' }, unknown: ['id'] },
    ];
    const source = [
      'resource "aws_vpc" "a" {',
      '  cidr_block = "10.0.0.0/16"',
      '}',
      'resource "aws_vpc" "b" {',
      '  cidr_block = "10.1.0.0/16"',
      '}',
      'locals {',
      '  vpcs = { a = aws_vpc.a.id, b = aws_vpc.b.id }',
      '  ids  = [aws_vpc.a.id, aws_vpc.b.id]',
      '}',
      'variable "order" {}',
      'resource "aws_flow_log" "x" {',
      '  for_each = local.vpcs',
      '  vpc_id   = each.value',
      '}',
      'resource "aws_flow_log" "counted" {',
      '  count  = 2',
      '  vpc_id = local.ids[count.index]',
      '}',
      'resource "aws_flow_log" "swapped" {',
      '  for_each = var.order',
      '  vpc_id   = local.vpcs[each.value]',
      '}',
      'module "logs" {',
      '  source   = "./logs"',
      '  for_each = local.vpcs',
      '  vpc_id   = each.value',
      '}',
      '',
    ].join('\n');
    const flowLogs = [
      { address: 'aws_flow_log.x["a"]', values: {}, refs: { vpc_id: ['each.value'] }, forEach: ['local.vpcs'] },
      { address: 'aws_flow_log.x["b"]', values: {}, refs: { vpc_id: ['each.value'] }, forEach: ['local.vpcs'] },
      { address: 'aws_flow_log.counted[0]', values: {}, refs: { vpc_id: ['local.ids', 'count.index'] }, count: [] },
      { address: 'aws_flow_log.counted[1]', values: {}, refs: { vpc_id: ['local.ids', 'count.index'] }, count: [] },
      { address: 'aws_flow_log.swapped["a"]', values: {}, refs: { vpc_id: ['local.vpcs', 'each.value'] }, forEach: ['var.order'] },
      { address: 'aws_flow_log.swapped["b"]', values: {}, refs: { vpc_id: ['local.vpcs', 'each.value'] }, forEach: ['var.order'] },
      { address: 'module.logs["a"].aws_flow_log.this', values: {}, refs: { vpc_id: ['var.vpc_id'] } },
      { address: 'module.logs["b"].aws_flow_log.this', values: {}, refs: { vpc_id: ['var.vpc_id'] } },
    ];
    const options = { variables: { order: { a: 'b', b: 'a' } }, calls: { 'module.logs': { refs: { vpc_id: ['each.value'] }, forEach: ['local.vpcs'] } } };
    const vpcOf = (g: ResourceGraph, address: string) => g.targets(g.node(address)!, 'vpc_id', 'aws_vpc').map((n) => n.address);

    it('links each instance to its own element when the .tf source says which (with the plan\'s variable values)', async () => {
      const input = await load({ 'plan.json': planJson([...vpcs, ...flowLogs], options), 'main.tf': source, 'logs/main.tf': 'variable "vpc_id" {}\nresource "aws_flow_log" "this" {\n  vpc_id = var.vpc_id\n}\n' });
      const g = input.graph;
      expect(vpcOf(g, 'aws_flow_log.x["a"]')).toEqual(['aws_vpc.a']);
      expect(vpcOf(g, 'aws_flow_log.x["b"]')).toEqual(['aws_vpc.b']);
      expect(g.edgesFrom(g.node('aws_flow_log.x["a"]')!)).toEqual([{ from: 'aws_flow_log.x["a"]', fromPath: 'vpc_id', to: 'aws_vpc.a', toPath: 'id' }]);
      expect(vpcOf(g, 'aws_flow_log.counted[0]')).toEqual(['aws_vpc.a']);
      expect(vpcOf(g, 'aws_flow_log.counted[1]')).toEqual(['aws_vpc.b']);
      expect(vpcOf(g, 'aws_flow_log.swapped["a"]')).toEqual(['aws_vpc.b']);
      expect(vpcOf(g, 'aws_flow_log.swapped["b"]')).toEqual(['aws_vpc.a']);
      expect(vpcOf(g, 'module.logs["a"].aws_flow_log.this')).toEqual(['aws_vpc.a']);
      expect(vpcOf(g, 'module.logs["b"].aws_flow_log.this')).toEqual(['aws_vpc.b']);
    });

    it('without the source, links every candidate the plan allows; a known value picks the one it names', async () => {
      const known = [
        { address: 'aws_vpc.a', values: { cidr_block: '10.0.0.0/16', id: 'vpc-111' } },
        { address: 'aws_vpc.b', values: { cidr_block: '10.1.0.0/16', id: 'vpc-222' } },
        { address: 'aws_flow_log.x["b"]', values: { vpc_id: 'vpc-222' }, refs: { vpc_id: ['each.value'] }, forEach: ['local.vpcs'] },
      ];
      const unknownIds = await load({ 'plans/plan.json': planJson([...vpcs, ...flowLogs.slice(0, 2)]) }, 'plans/plan.json');
      expect(vpcOf(unknownIds.graph, 'aws_flow_log.x["a"]')).toEqual([]);
      const withLocals = await load({ 'plan.json': planJson([...vpcs, ...flowLogs.slice(0, 2)]), 'locals.tf': 'locals {\n  vpcs = { a = aws_vpc.a.id, b = aws_vpc.b.id }\n}\n' });
      expect(vpcOf(withLocals.graph, 'aws_flow_log.x["a"]')).toEqual(['aws_vpc.a', 'aws_vpc.b']);
      const byValue = await load({ 'plan.json': planJson(known), 'locals.tf': 'locals {\n  vpcs = { a = aws_vpc.a.id, b = aws_vpc.b.id }\n}\n' });
      expect(vpcOf(byValue.graph, 'aws_flow_log.x["b"]')).toEqual(['aws_vpc.b']);
    });
  });

  it('points resources of a remote module that is not on disk at the module call block', async () => {
    const remoteConfig = { root_module: { module_calls: { rds: { source: 'terraform-aws-modules/rds/aws', module: { resources: [{ address: 'aws_db_instance.this', mode: 'managed', type: 'aws_db_instance', name: 'this', expressions: {} }] } } } } };
    const input = await load({
      'plan.json': plan([change('module.rds.aws_db_instance.this[0]', { storage_encrypted: false }, { index: 0, module: 'module.rds' })], remoteConfig),
      'main.tf': '\nmodule "rds" {\n  source  = "terraform-aws-modules/rds/aws"\n  version = "6.0.0"\n}\n',
    });
    expect(input.graph.node('module.rds.aws_db_instance.this[0]')!.location).toMatchObject({ file: 'main.tf', startLine: 2, endLine: 5 });
  });
});
