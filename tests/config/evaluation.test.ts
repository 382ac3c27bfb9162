import { loadInput, LoadedInput } from '../../src/load-input';
import { Unknown } from '../../src/eval/value';
import { writeTree } from '../helpers/tmp-tree';

async function load(files: Record<string, string>, options: Parameters<typeof loadInput>[1] = {}): Promise<LoadedInput> {
  const root = writeTree(files);
  return loadInput(root, { env: {}, cwd: root, ...options });
}

function attrOf(input: LoadedInput, address: string, path: string) {
  const node = input.graph.node(address);
  if (!node) throw new Error(`no node ${address}; have ${input.graph.nodes().map((n) => n.address).join(', ')}`);
  return node.attr(path).value;
}

describe('expressions', () => {
  it('evaluates operators, conditionals, templates and functions', async () => {
    const input = await load({
      'main.tf': `
locals {
  n      = 3
  name   = "app"
  tags   = { env = "prod", team = "core" }
  ports  = [80, 443]
}
resource "x_thing" "a" {
  arith    = local.n * 2 + 1 - 4 / 2 % 3
  compare  = local.n >= 3 && local.n != 4 || false
  negate   = !true
  cond     = local.n > 2 ? "big" : "small"
  template = "\${local.name}-\${upper(local.tags.env)}"
  directive = "%{ if local.n > 1 }many%{ else }one%{ endif }"
  loop     = "%{ for p in local.ports }\${p};%{ endfor }"
  forlist  = [for p in local.ports : p + 1 if p > 80]
  formap   = { for k, v in local.tags : upper(k) => v }
  grouped  = { for p in [1, 2, 3] : (p % 2 == 0 ? "even" : "odd") => p... }
  splat    = [{ id = "a" }, { id = "b" }][*].id
  index    = local.ports[1]
  legacy   = local.ports.0
  json     = jsonencode({ Statement = [{ Effect = "Allow" }] })
  merged   = merge(local.tags, { team = "platform" })
  big      = "n=\${1e21}"
  heredoc  = <<EOT
port \${local.ports[0]}
EOT
}
`,
    });
    const a = input.graph.node('x_thing.a')!;
    expect(input.diagnostics).toEqual([]);
    expect(a.attr('arith').value).toBe(5);
    expect(a.attr('compare').value).toBe(true);
    expect(a.attr('negate').value).toBe(false);
    expect(a.attr('cond').value).toBe('big');
    expect(a.attr('template').value).toBe('app-PROD');
    expect(a.attr('directive').value).toBe('many');
    expect(a.attr('loop').value).toBe('80;443;');
    expect(a.attr('forlist').value).toEqual([444]);
    expect(a.attr('formap').value).toEqual({ ENV: 'prod', TEAM: 'core' });
    expect(a.attr('grouped').value).toEqual({ odd: [1, 3], even: [2] });
    expect(a.attr('splat').value).toEqual(['a', 'b']);
    expect(a.attr('index').value).toBe(443);
    expect(a.attr('legacy').value).toBe(80);
    expect(a.attr('json').value).toBe('{"Statement":[{"Effect":"Allow"}]}');
    expect(a.attr('merged').value).toEqual({ env: 'prod', team: 'platform' });
    expect(a.attr('heredoc').value).toBe('port 80\n');
    // Interpolation prints numbers as Terraform does (and as tostring/jsonencode do): never an exponent.
    expect(a.attr('big').value).toBe('n=1000000000000000000000');
  });

  it('evaluates locals in dependency order, whatever the file order', async () => {
    const input = await load({
      'a.tf': 'resource "x_thing" "a" { v = local.c }\n',
      'b.tf': 'locals {\n  c = "${local.b}-c"\n  b = "${local.a}-b"\n}\n',
      'c.tf': 'locals { a = "a" }\n',
    });
    expect(attrOf(input, 'x_thing.a', 'v')).toBe('a-b-c');
  });

  it('reports a cycle between locals, naming it, and keeps the value unknown', async () => {
    const input = await load({
      'main.tf': 'locals {\n  a = local.b\n  b = local.a\n}\nresource "x_thing" "a" { v = local.a }\n',
    });
    const v = attrOf(input, 'x_thing.a', 'v');
    expect(v).toBeInstanceOf(Unknown);
    expect((v as Unknown).reason).toBe('part of a cycle: local.a → local.b → local.a');
    expect(input.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [2, 'Cycle between locals: local.a → local.b → local.a. Break the cycle; these values are treated as unknown.'],
    ]);
  });

  it('reports an expression error at its line and keeps the rest', async () => {
    const input = await load({
      'main.tf': 'resource "x_thing" "a" {\n  good = 1\n  bad  = local.missing\n}\n',
    });
    expect(attrOf(input, 'x_thing.a', 'good')).toBe(1);
    expect(attrOf(input, 'x_thing.a', 'bad')).toBeInstanceOf(Unknown);
    expect(input.diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([[3, 10, 'Reference to undeclared local value "missing".']]);
  });
});

describe('unknown values', () => {
  it('makes computed attributes, data sources and unset variables unknown, with their origin', async () => {
    const input = await load({
      'main.tf': `
variable "unset" {}
data "aws_ami" "ubuntu" { most_recent = true }
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "x_thing" "a" {
  computed  = aws_vpc.main.id
  configured = aws_vpc.main.cidr_block
  data      = data.aws_ami.ubuntu.id
  variable  = var.unset
  through   = upper(var.unset)
  template  = "arn:\${aws_vpc.main.arn}/*"
  compare   = var.unset == "x"
  cond      = var.unset ? 1 : 2
  both_same = var.unset ? 2 : 2
  length    = length([var.unset, 1])
  list      = [var.unset, "known"]
  short     = false && var.unset
}
`,
    });
    const get = (p: string) => attrOf(input, 'x_thing.a', p);
    expect(get('computed')).toEqual(new Unknown('aws_vpc.main.id', 'known after apply', { address: 'aws_vpc.main', attrPath: 'id' }));
    expect(get('configured')).toBe('10.0.0.0/16');
    expect(get('data')).toEqual(new Unknown('data.aws_ami.ubuntu.id', 'data source result, read during plan', { address: 'data.aws_ami.ubuntu', attrPath: 'id' }));
    // A variable without default is required: its value is unknown, but it is there (the caller must give it).
    const unset = new Unknown('var.unset', 'no value given: set it with --var unset=..., a .tfvars file or TF_VAR_unset', undefined, undefined, undefined, { variable: 'var.unset' });
    expect(get('variable')).toEqual(unset);
    expect(get('through')).toBeInstanceOf(Unknown);
    expect((get('through') as Unknown).reason).toContain('var.unset');
    // A value computed from a required variable may be anything, null included: no longer "required".
    expect((get('through') as Unknown).requiredInput).toBeUndefined();
    // The known text around an unknown part stays visible, as pieces and in the name.
    const arn = new Unknown('aws_vpc.main.arn', 'known after apply', { address: 'aws_vpc.main', attrPath: 'arn' });
    expect(get('template')).toEqual(new Unknown('arn:${aws_vpc.main.arn}/*', 'known after apply', { address: 'aws_vpc.main', attrPath: 'arn' }, undefined, ['arn:', arn, '/*']));
    expect(get('compare')).toBeInstanceOf(Unknown);
    expect(get('cond')).toBeInstanceOf(Unknown);
    expect(get('both_same')).toBe(2);
    expect(get('length')).toBe(2);
    expect(get('list')).toEqual([unset, 'known']);
    expect(get('short')).toBe(false);
  });
});

describe('count, for_each and dynamic blocks', () => {
  it('expands count and for_each into instances with Terraform addresses', async () => {
    const input = await load({
      'main.tf': `
resource "aws_subnet" "private" {
  count      = 2
  cidr_block = "10.0.\${count.index}.0/24"
}
resource "aws_s3_bucket" "b" {
  for_each = { logs = "l", data = "d" }
  bucket   = "acme-\${each.key}-\${each.value}"
}
resource "aws_iam_user" "u" {
  for_each = toset(["bob", "alice"])
  name     = each.value
}
resource "aws_instance" "off" { count = 0 }
`,
    });
    const addresses = input.graph.nodes().map((n) => n.address);
    expect(addresses).toEqual([
      'aws_subnet.private[0]',
      'aws_subnet.private[1]',
      'aws_s3_bucket.b["data"]',
      'aws_s3_bucket.b["logs"]',
      'aws_iam_user.u["alice"]',
      'aws_iam_user.u["bob"]',
    ]);
    expect(attrOf(input, 'aws_subnet.private[1]', 'cidr_block')).toBe('10.0.1.0/24');
    expect(attrOf(input, 'aws_s3_bucket.b["logs"]', 'bucket')).toBe('acme-logs-l');
  });

  it('keeps a resource with an unknown count as one node with unknown instances', async () => {
    const input = await load({
      'main.tf': 'variable "n" {}\nresource "aws_subnet" "s" {\n  count = var.n\n  cidr_block = "10.0.${count.index}.0/24"\n}\n',
    });
    const node = input.graph.node('aws_subnet.s')!;
    expect(node.keysKnown).toBe(false);
    expect(node.attr('cidr_block').value).toBeInstanceOf(Unknown);
  });

  it('expands dynamic blocks with their content lines', async () => {
    const input = await load({
      'main.tf': [
        'variable "rules" {',
        '  default = [{ port = 22, cidr = "0.0.0.0/0" }, { port = 443, cidr = "10.0.0.0/8" }]',
        '}',
        'resource "aws_security_group" "sg" {',
        '  ingress {',
        '    from_port = 80',
        '  }',
        '  dynamic "ingress" {',
        '    for_each = var.rules',
        '    iterator = rule',
        '    content {',
        '      from_port   = rule.value.port',
        '      cidr_blocks = [rule.value.cidr]',
        '    }',
        '  }',
        '}',
        'variable "unknown_rules" {}',
        'resource "aws_security_group" "u" {',
        '  dynamic "ingress" {',
        '    for_each = var.unknown_rules',
        '    content { from_port = ingress.value }',
        '  }',
        '}',
      ].join('\n'),
    });
    const sg = input.graph.node('aws_security_group.sg')!;
    expect(sg.attr('ingress').value).toEqual([{ from_port: 80 }, { from_port: 22, cidr_blocks: ['0.0.0.0/0'] }, { from_port: 443, cidr_blocks: ['10.0.0.0/8'] }]);
    expect(sg.attr('ingress.1.cidr_blocks').location?.startLine).toBe(13);
    expect(sg.attr('ingress.0.from_port').location?.startLine).toBe(6);
    const u = input.graph.node('aws_security_group.u')!;
    expect(u.blocks('ingress').map((b) => b.value instanceof Unknown)).toEqual([true]);
  });
});

describe('edges through count, for_each and their values', () => {
  const files = {
    'main.tf': `
resource "aws_vpc" "a" { cidr_block = "10.0.0.0/16" }
resource "aws_vpc" "b" { cidr_block = "10.1.0.0/16" }
locals {
  vpcs    = { a = aws_vpc.a.id, b = aws_vpc.b.id }
  ids     = [aws_vpc.a.id, aws_vpc.b.id]
  objects = { a = aws_vpc.a, b = aws_vpc.b }
  nested  = { for k, v in local.vpcs : k => { vpc = v, name = upper(k) } }
}
resource "aws_flow_log" "direct" {
  for_each = local.vpcs
  vpc_id   = each.value
}
resource "aws_flow_log" "by_key" {
  for_each = toset(["a", "b"])
  vpc_id   = local.vpcs[each.key]
}
resource "aws_flow_log" "counted" {
  count  = 2
  vpc_id = local.ids[count.index]
}
resource "aws_flow_log" "objects" {
  for_each = local.objects
  vpc_id   = each.value.id
}
resource "aws_flow_log" "merged" {
  for_each = merge(tomap(local.vpcs), {})
  vpc_id   = each.value
}
resource "aws_flow_log" "nested" {
  for_each = local.nested
  vpc_id   = each.value.vpc
}
resource "aws_flow_log" "values" {
  count  = length(local.ids)
  vpc_id = values(local.vpcs)[count.index]
}
resource "aws_flow_log" "lookup" {
  for_each = toset(keys(local.vpcs))
  vpc_id   = lookup(local.vpcs, each.key)
}
resource "aws_route_table" "rt" {
  dynamic "route" {
    for_each = local.vpcs
    content {
      cidr_block                = "10.9.0.0/16"
      vpc_peering_connection_id = route.value
    }
  }
}
module "logs" {
  source   = "./logs"
  for_each = local.vpcs
  vpc_id   = each.value
}
`,
    'logs/main.tf': 'variable "vpc_id" {}\nresource "aws_flow_log" "this" {\n  vpc_id = var.vpc_id\n}\n',
  };

  it('links each instance to the element of the collection it was made from', async () => {
    const input = await load(files);
    const g = input.graph;
    const vpcOf = (address: string, path = 'vpc_id') => g.targets(g.node(address)!, path, 'aws_vpc').map((n) => n.address);
    for (const name of ['direct', 'by_key', 'objects', 'merged', 'nested']) {
      expect([name, vpcOf(`aws_flow_log.${name}["a"]`)]).toEqual([name, ['aws_vpc.a']]);
      expect([name, vpcOf(`aws_flow_log.${name}["b"]`)]).toEqual([name, ['aws_vpc.b']]);
    }
    expect(vpcOf('aws_flow_log.counted[0]')).toEqual(['aws_vpc.a']);
    expect(vpcOf('aws_flow_log.counted[1]')).toEqual(['aws_vpc.b']);
    expect(g.edgesFrom(g.node('aws_flow_log.direct["a"]')!, 'vpc_id')).toEqual([{ from: 'aws_flow_log.direct["a"]', fromPath: 'vpc_id', to: 'aws_vpc.a', toPath: 'id' }]);
    expect(vpcOf('aws_route_table.rt', 'route.0.vpc_peering_connection_id')).toEqual(['aws_vpc.a']);
    expect(vpcOf('aws_route_table.rt', 'route.1.vpc_peering_connection_id')).toEqual(['aws_vpc.b']);
    expect(vpcOf('module.logs["a"].aws_flow_log.this')).toEqual(['aws_vpc.a']);
    expect(vpcOf('module.logs["b"].aws_flow_log.this')).toEqual(['aws_vpc.b']);
  });

  it('records what reaches the attribute: not the rest of the element, not the other parts of a local; module outputs read stay linked', async () => {
    const input = await load({
      'main.tf': `
resource "aws_s3_bucket" "logs" {}
resource "aws_kms_key" "k" {}
locals {
  cfg   = { bucket = aws_s3_bucket.logs.id, prefix = "logs/" }
  items = { a = { key = aws_kms_key.k.arn, name = "a" } }
}
resource "x_thing" "t" {
  for_each = local.items
  name     = lookup(each.value, "name", "x")
  key      = each.value.key
  prefix   = local.cfg.prefix
  bucket   = local.cfg["bucket"]
  from_mod = module.m.keys["a"]
}
module "m" {
  source = "./m"
}
`,
      'm/main.tf': 'resource "aws_kms_key" "k" {\n  for_each = toset(["a", "b"])\n}\noutput "keys" { value = { for k, v in aws_kms_key.k : k => v.arn } }\n',
    });
    const g = input.graph;
    const t = g.node('x_thing.t["a"]')!;
    const to = (path: string) => g.edgesFrom(t, path).map((e) => `${e.to} ${e.toPath}`.trim());
    expect(to('name')).toEqual([]);
    expect(to('key')).toEqual(['aws_kms_key.k arn']);
    expect(to('prefix')).toEqual([]);
    expect(to('bucket')).toEqual(['aws_s3_bucket.logs id']);
    expect(to('from_mod')).toEqual(['module.m keys', 'module.m.aws_kms_key.k["a"] arn']);
  });

  it('follows each.key into the instance of a module with for_each', async () => {
    const input = await load({
      'main.tf': `
locals {
  repos = { one = "a", two = "b" }
}
module "repo" {
  source   = "./repo"
  for_each = local.repos
  name     = each.value
}
resource "aws_iam_role" "r" {
  for_each = local.repos
  name     = module.repo[each.key].arn
}
`,
      'repo/main.tf': 'variable "name" {}\nresource "aws_ecr_repository" "this" {\n  name = var.name\n}\noutput "arn" { value = aws_ecr_repository.this.arn }\n',
    });
    const g = input.graph;
    expect(g.edgesFrom(g.node('aws_iam_role.r["one"]')!, 'name').map((e) => `${e.to} ${e.toPath}`.trim())).toEqual(['module.repo', 'module.repo["one"].aws_ecr_repository.this arn']);
  });

  it('keeps every candidate where a function picks the element (the value still names the right one)', async () => {
    const input = await load(files);
    const g = input.graph;
    for (const address of ['aws_flow_log.values[0]', 'aws_flow_log.lookup["a"]']) {
      const node = g.node(address)!;
      expect(g.targets(node, 'vpc_id', 'aws_vpc').map((n) => n.address)).toContain('aws_vpc.a');
      expect(node.attr('vpc_id').value).toEqual(new Unknown('aws_vpc.a.id', 'known after apply', { address: 'aws_vpc.a', attrPath: 'id' }));
    }
  });
});

describe('variables', () => {
  const files = {
    'main.tf': `
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" { default = "default" }
variable "e" { default = "default" }
variable "f" { default = "default" }
variable "n" { type = number }
resource "x_thing" "t" {
  a = var.a
  b = var.b
  c = var.c
  d = var.d
  e = var.e
  f = var.f
  n = var.n + 1
}
`,
    'terraform.tfvars': 'b = "tfvars"\nc = "tfvars"\nd = "tfvars"\ne = "tfvars"\nf = "tfvars"\n',
    'terraform.tfvars.json': '{ "c": "tfvars.json", "d": "tfvars.json", "e": "tfvars.json", "f": "tfvars.json" }',
    'a.auto.tfvars': 'd = "a.auto"\ne = "a.auto"\nf = "a.auto"\n',
    'b.auto.tfvars.json': '{ "e": "b.auto.json", "f": "b.auto.json" }',
    'extra.tfvars': 'f = "var-file"\n',
  };

  it('applies Terraform precedence: default < env < tfvars < tfvars.json < auto (lexical) < CLI in order', async () => {
    const input = await load(files, {
      env: { TF_VAR_a: 'env', TF_VAR_b: 'env', TF_VAR_n: '41' },
      variables: [
        { kind: 'var', name: 'f', value: 'cli-first' },
        { kind: 'var-file', file: 'extra.tfvars' },
      ],
    });
    const get = (p: string) => attrOf(input, 'x_thing.t', p);
    expect([get('a'), get('b'), get('c'), get('d'), get('e'), get('f')]).toEqual(['env', 'tfvars', 'tfvars.json', 'a.auto', 'b.auto.json', 'var-file']);
    expect(get('n')).toBe(42);
    expect(input.graph.node('x_thing.t')!.attr('f').origins).toEqual(['var.f (set in extra.tfvars:1)']);
  });

  it('lets a later --var win over an earlier --var-file', async () => {
    const input = await load(files, {
      variables: [
        { kind: 'var-file', file: 'extra.tfvars' },
        { kind: 'var', name: 'f', value: 'cli-last' },
        { kind: 'var', name: 'n', value: '1' },
      ],
    });
    expect(attrOf(input, 'x_thing.t', 'f')).toBe('cli-last');
    expect(attrOf(input, 'x_thing.t', 'n')).toBe(2);
  });

  it('reports a missing --var-file and a broken tfvars file', async () => {
    const input = await load({ 'main.tf': 'variable "a" { default = 1 }\n', 'bad.auto.tfvars': 'a = \n' }, { variables: [{ kind: 'var-file', file: 'nope.tfvars' }] });
    expect(input.diagnostics.map((d) => [d.file, d.line, d.message])).toEqual([
      ['bad.auto.tfvars', 1, 'Expected an expression, found newline.'],
      ['nope.tfvars', undefined, 'Variable file not found: nope.tfvars. Check the --var-file path.'],
    ]);
  });
});

describe('modules', () => {
  const tree = {
    'main.tf': `
module "net" {
  source = "./modules/net"
  cidr   = "10.0.0.0/16"
}
resource "aws_db_subnet_group" "db" {
  subnet_ids = module.net.private_subnet_ids
}
module "remote" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}
resource "x_thing" "r" { v = module.remote.vpc_id }
`,
    'modules/net/main.tf': `
variable "cidr" {}
resource "aws_vpc" "this" { cidr_block = var.cidr }
module "subnets" {
  source = "../subnets"
  vpc_id = aws_vpc.this.id
  cidrs  = [cidrsubnet(var.cidr, 8, 1), cidrsubnet(var.cidr, 8, 2)]
}
output "private_subnet_ids" { value = module.subnets.ids }
`,
    'modules/subnets/main.tf': `
variable "vpc_id" {}
variable "cidrs" {}
resource "aws_subnet" "private" {
  count      = length(var.cidrs)
  vpc_id     = var.vpc_id
  cidr_block = var.cidrs[count.index]
}
output "ids" { value = aws_subnet.private[*].id }
`,
  };

  it('loads local modules two levels deep with Terraform addresses and values', async () => {
    const input = await load(tree);
    expect(input.graph.resources().map((n) => n.address)).toEqual([
      'aws_db_subnet_group.db',
      'x_thing.r',
      'module.net.aws_vpc.this',
      'module.net.module.subnets.aws_subnet.private[0]',
      'module.net.module.subnets.aws_subnet.private[1]',
    ]);
    expect(attrOf(input, 'module.net.module.subnets.aws_subnet.private[1]', 'cidr_block')).toBe('10.0.2.0/24');
    const sub = input.graph.node('module.net.module.subnets.aws_subnet.private[0]')!;
    expect(sub.location?.file).toBe('modules/subnets/main.tf');
    expect(sub.location?.startLine).toBe(4);
  });

  it('links references through module inputs and outputs', async () => {
    const input = await load(tree);
    const group = input.graph.node('aws_db_subnet_group.db')!;
    expect(input.graph.targets(group, 'subnet_ids', 'aws_subnet').map((n) => n.address)).toEqual([
      'module.net.module.subnets.aws_subnet.private[0]',
      'module.net.module.subnets.aws_subnet.private[1]',
    ]);
    const sub = input.graph.node('module.net.module.subnets.aws_subnet.private[0]')!;
    expect(input.graph.targets(sub, 'vpc_id').map((n) => n.address)).toEqual(['module.net.aws_vpc.this']);
    expect(input.graph.referrers(sub, 'aws_db_subnet_group').map((n) => n.address)).toEqual(['aws_db_subnet_group.db']);
    expect(input.graph.edgesFrom(group)).toContainEqual({ from: 'aws_db_subnet_group.db', fromPath: 'subnet_ids', to: 'module.net.module.subnets.aws_subnet.private[1]', toPath: 'id' });
  });

  it('makes values from a remote module that is not on disk unknown, with the reason', async () => {
    const input = await load(tree);
    const v = attrOf(input, 'x_thing.r', 'v') as Unknown;
    expect(v).toBeInstanceOf(Unknown);
    expect(v.source).toBe('module.remote.vpc_id');
    expect(v.reason).toMatch(/^remote module "terraform-aws-modules\/vpc\/aws" is not on disk: run "terraform init -backend=false" in \. or scan with --download-modules$/);
    expect(input.graph.node('module.remote')!.meta.resolved).toBe(false);
  });

  it('resolves remote modules from .terraform/modules/modules.json', async () => {
    const input = await load({
      ...tree,
      '.terraform/modules/modules.json': JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'remote', Source: 'registry.terraform.io/terraform-aws-modules/vpc/aws', Dir: '.terraform/modules/remote' }] }),
      '.terraform/modules/remote/main.tf': 'resource "aws_vpc" "this" { cidr_block = "10.1.0.0/16" }\noutput "vpc_id" { value = aws_vpc.this.id }\n',
    });
    expect(attrOf(input, 'x_thing.r', 'v')).toEqual(new Unknown('module.remote.aws_vpc.this.id', 'known after apply', { address: 'module.remote.aws_vpc.this', attrPath: 'id' }));
    expect(input.graph.node('module.remote.aws_vpc.this')).toBeDefined();
  });

  it('reports a module call cycle instead of recursing', async () => {
    const input = await load({
      'main.tf': 'module "a" { source = "./a" }\n',
      'a/main.tf': 'module "b" { source = "../b" }\n',
      'b/main.tf': 'module "a" {\n  source = "../a"\n}\n',
    });
    expect(input.diagnostics.map((d) => [d.file, d.line, d.message])).toEqual([
      ['b/main.tf', 1, 'Module call cycle: module "a" (source "../a") calls a module that is already being loaded; values from it are unknown.'],
    ]);
  });

  it('expands modules with count', async () => {
    const input = await load({
      'main.tf': 'module "m" {\n  count  = 2\n  source = "./m"\n  name   = "n${count.index}"\n}\n',
      'm/main.tf': 'variable "name" {}\nresource "aws_s3_bucket" "b" { bucket = var.name }\n',
    });
    expect(attrOf(input, 'module.m[1].aws_s3_bucket.b', 'bucket')).toBe('n1');
  });
});

describe('file functions', () => {
  it('reads files inside the repository and refuses files outside it', async () => {
    const input = await load({
      'main.tf': 'resource "x_thing" "a" {\n  ok  = file("${path.module}/policy.json")\n  tpl = templatefile("${path.module}/t.tpl", { name = "x" })\n  bad = file("/etc/passwd")\n}\n',
      'policy.json': '{"a":1}',
      't.tpl': 'hello ${name}',
    });
    expect(attrOf(input, 'x_thing.a', 'ok')).toBe('{"a":1}');
    expect(attrOf(input, 'x_thing.a', 'tpl')).toBe('hello x');
    expect(attrOf(input, 'x_thing.a', 'bad')).toBeInstanceOf(Unknown);
    expect(input.diagnostics).toHaveLength(1);
    expect(input.diagnostics[0].line).toBe(4);
    expect(input.diagnostics[0].message).toMatch(/outside the scanned repository/);
  });
});
