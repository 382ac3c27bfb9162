/**
 * Writes a realistic synthetic `terraform show -json` plan (format 1.2) of N resources, for benchmarks
 * and load tests:
 *
 *   node dist/scripts/generate-synthetic-plan.js N OUT.json [--seed S] [--sources]
 *
 * About 10% of the resources sit in the root module (a shared KMS key, per-tenant KMS keys and S3
 * buckets, IAM policies, all with `count`); the rest in `module.app[i]` instances (20 resources each:
 * security groups, DB subnet group, DB instance, ALB with HTTPS and HTTP listeners, S3 bucket, IAM
 * policy, KMS key) whose `module.net` child holds the VPC, internet gateway, public and private subnets
 * (`count`), route tables and route table associations. Attribute sets, `after_unknown` and
 * `after_sensitive` follow what Terraform 1.11 with AWS provider 5.x writes. About a third of the app
 * instances already exist (no-op/update: every value known), the rest are created (ids, ARNs and
 * everything derived from them unknown). The `configuration` section carries the `references` Terraform
 * records (listener → ALB, DB → subnet group → module.net subnets, association → route table + subnet,
 * module outputs and inputs), so a loader has real edges to build. Some instances violate typical
 * rules (unencrypted DB, old TLS policy, SSH from anywhere, `Action: "*"`, no key rotation).
 *
 * With `--sources` the matching `.tf` files are written next to the plan (main.tf, modules/app,
 * modules/net), so findings can be mapped to source lines. Output is deterministic for a seed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

type J = null | boolean | number | string | J[] | { [k: string]: J };
/** A value known only after apply. */
const U = Symbol('unknown');
type V = null | boolean | number | string | typeof U | V[] | { [k: string]: V };
type VObject = { [k: string]: V };
/** An id or ARN: known for existing resources, unknown for planned creations. */
type Id = string | typeof U;

// ---------------------------------------------------------------------------------------------------
// Deterministic randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex(rng: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rng() * 16).toString(16);
  return s;
}

// ---------------------------------------------------------------------------------------------------
// Configuration: one description per module (not per instance), as Terraform writes it

type Expr = { c: J } | { hcl: string; refs: string[] };
const c = (value: J): Expr => ({ c: value });
/** A reference expression: its HCL text and the `references` Terraform lists for it. */
const r = (hcl: string, ...refs: string[]): Expr => ({ hcl, refs });
/** `aws_lb.this.arn` → references `aws_lb.this.arn`, `aws_lb.this` (Terraform lists the attribute and the object). */
const ref = (traversal: string): Expr => {
  const parts = traversal.split('.');
  const base = parts[0] === 'module' || parts[0] === 'var' ? parts.slice(0, 2).join('.') : parts[0] === 'data' ? parts.slice(0, 3).join('.') : parts.slice(0, 2).join('.');
  return r(traversal, ...(base === traversal || parts[0] === 'var' ? [traversal] : [traversal, base]));
};

interface Body {
  [k: string]: Expr | Body[];
}
interface ConfigResource {
  type: string;
  name: string;
  count?: Expr;
  body: Body;
}
interface ConfigModule {
  variables: Record<string, J | undefined>;
  resources: ConfigResource[];
  calls: Record<string, { source: string; count?: Expr; args: Record<string, Expr>; module: ConfigModule }>;
  outputs: Record<string, Expr>;
}

const TLS_NEW = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
const TLS_OLD = 'ELBSecurityPolicy-2016-08';
const AZS = ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'];
const ACCOUNT = '123456789012';
const REGION = 'eu-central-1';
const CERT = `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/5f0c7a3e-8d2b-4c51-9a6e-2b1d0f3c4e5a`;
const DEFAULT_TAGS = { Environment: 'production', ManagedBy: 'terraform', Project: 'synthetic' };
const PUBLIC_SUBNETS = 1;
const PRIVATE_SUBNETS = 2;
/** Resources per `module.app[i]` instance, its `module.net` included. */
export const RESOURCES_PER_APP = 10 + 4 + 2 * (PUBLIC_SUBNETS + PRIVATE_SUBNETS);

const tags = (hcl: string, ...refs: string[]): Expr => r(`{ Name = ${hcl} }`, ...refs);

const NET: ConfigModule = {
  variables: { name: undefined, vpc_cidr: undefined, azs: undefined, public_subnets: 1, private_subnets: 2 },
  resources: [
    { type: 'aws_vpc', name: 'this', body: { cidr_block: ref('var.vpc_cidr'), enable_dns_hostnames: c(true), enable_dns_support: c(true), tags: tags('"${var.name}-vpc"', 'var.name') } },
    { type: 'aws_internet_gateway', name: 'this', body: { vpc_id: ref('aws_vpc.this.id'), tags: tags('"${var.name}-igw"', 'var.name') } },
    ...(['public', 'private'] as const).map(
      (tier): ConfigResource => ({
        type: 'aws_subnet',
        name: tier,
        count: ref(`var.${tier}_subnets`),
        body: {
          vpc_id: ref('aws_vpc.this.id'),
          cidr_block: r(`cidrsubnet(var.vpc_cidr, 4, count.index${tier === 'private' ? ' + 8' : ''})`, 'var.vpc_cidr', 'count.index'),
          availability_zone: r('element(var.azs, count.index)', 'var.azs', 'count.index'),
          map_public_ip_on_launch: c(tier === 'public'),
          tags: r(`{ Name = "\${var.name}-${tier}-\${count.index}", Tier = "${tier}" }`, 'var.name', 'count.index'),
        },
      }),
    ),
    {
      type: 'aws_route_table',
      name: 'public',
      body: { vpc_id: ref('aws_vpc.this.id'), route: [{ cidr_block: c('0.0.0.0/0'), gateway_id: ref('aws_internet_gateway.this.id') }], tags: tags('"${var.name}-public"', 'var.name') },
    },
    { type: 'aws_route_table', name: 'private', body: { vpc_id: ref('aws_vpc.this.id'), tags: tags('"${var.name}-private"', 'var.name') } },
    ...(['public', 'private'] as const).map(
      (tier): ConfigResource => ({
        type: 'aws_route_table_association',
        name: tier,
        count: ref(`var.${tier}_subnets`),
        body: { subnet_id: r(`aws_subnet.${tier}[count.index].id`, `aws_subnet.${tier}`, 'count.index'), route_table_id: ref(`aws_route_table.${tier}.id`) },
      }),
    ),
  ],
  calls: {},
  outputs: {
    vpc_id: ref('aws_vpc.this.id'),
    public_subnet_ids: r('aws_subnet.public[*].id', 'aws_subnet.public'),
    private_subnet_ids: r('aws_subnet.private[*].id', 'aws_subnet.private'),
  },
};

const POLICY_HCL = `jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = var.admin_policy ? "*" : ["s3:GetObject", "s3:PutObject", "s3:ListBucket"]
      Resource = var.admin_policy ? "*" : ["arn:aws:s3:::\${var.name}-logs", "arn:aws:s3:::\${var.name}-logs/*"]
    }]
  })`;

const APP: ConfigModule = {
  variables: { name: undefined, vpc_cidr: undefined, azs: undefined, kms_key_arn: undefined, certificate_arn: undefined, encrypt_db: true, tls_policy: TLS_NEW, admin_cidr: '10.0.0.0/8', rotate_keys: true, admin_policy: false },
  resources: [
    { type: 'aws_kms_key', name: 'this', body: { description: r('"${var.name} data"', 'var.name'), enable_key_rotation: ref('var.rotate_keys'), deletion_window_in_days: c(30) } },
    {
      type: 'aws_security_group',
      name: 'web',
      body: {
        name: r('"${var.name}-web"', 'var.name'),
        description: c('Load balancer: HTTPS from anywhere, SSH from admins'),
        vpc_id: ref('module.net.vpc_id'),
        ingress: [
          { description: c('HTTPS'), from_port: c(443), to_port: c(443), protocol: c('tcp'), cidr_blocks: c(['0.0.0.0/0']) },
          { description: c('SSH'), from_port: c(22), to_port: c(22), protocol: c('tcp'), cidr_blocks: r('[var.admin_cidr]', 'var.admin_cidr') },
        ],
        egress: [{ from_port: c(0), to_port: c(0), protocol: c('-1'), cidr_blocks: c(['0.0.0.0/0']) }],
      },
    },
    {
      type: 'aws_security_group',
      name: 'db',
      body: {
        name: r('"${var.name}-db"', 'var.name'),
        description: c('Database: PostgreSQL from the web tier'),
        vpc_id: ref('module.net.vpc_id'),
        ingress: [{ description: c('PostgreSQL'), from_port: c(5432), to_port: c(5432), protocol: c('tcp'), security_groups: r('[aws_security_group.web.id]', 'aws_security_group.web.id', 'aws_security_group.web') }],
      },
    },
    { type: 'aws_db_subnet_group', name: 'this', body: { name: r('"${var.name}-db"', 'var.name'), subnet_ids: ref('module.net.private_subnet_ids') } },
    {
      type: 'aws_db_instance',
      name: 'this',
      body: {
        identifier: r('"${var.name}-db"', 'var.name'),
        engine: c('postgres'),
        engine_version: c('16.4'),
        instance_class: c('db.t4g.medium'),
        allocated_storage: c(50),
        db_name: c('app'),
        username: c('app_admin'),
        manage_master_user_password: c(true),
        db_subnet_group_name: ref('aws_db_subnet_group.this.name'),
        vpc_security_group_ids: r('[aws_security_group.db.id]', 'aws_security_group.db.id', 'aws_security_group.db'),
        storage_encrypted: ref('var.encrypt_db'),
        kms_key_id: r('var.encrypt_db ? aws_kms_key.this.arn : null', 'var.encrypt_db', 'aws_kms_key.this.arn', 'aws_kms_key.this'),
        publicly_accessible: c(false),
        multi_az: c(true),
        backup_retention_period: c(14),
        deletion_protection: c(true),
        skip_final_snapshot: c(false),
        final_snapshot_identifier: r('"${var.name}-db-final"', 'var.name'),
      },
    },
    {
      type: 'aws_lb',
      name: 'this',
      body: {
        name: r('"${var.name}-alb"', 'var.name'),
        internal: c(false),
        load_balancer_type: c('application'),
        subnets: ref('module.net.public_subnet_ids'),
        security_groups: r('[aws_security_group.web.id]', 'aws_security_group.web.id', 'aws_security_group.web'),
        drop_invalid_header_fields: c(true),
      },
    },
    {
      type: 'aws_lb_listener',
      name: 'https',
      body: {
        load_balancer_arn: ref('aws_lb.this.arn'),
        port: c(443),
        protocol: c('HTTPS'),
        ssl_policy: ref('var.tls_policy'),
        certificate_arn: ref('var.certificate_arn'),
        default_action: [{ type: c('fixed-response'), fixed_response: [{ content_type: c('text/plain'), message_body: c('ok'), status_code: c('200') }] }],
      },
    },
    {
      type: 'aws_lb_listener',
      name: 'http',
      body: {
        load_balancer_arn: ref('aws_lb.this.arn'),
        port: c(80),
        protocol: c('HTTP'),
        default_action: [{ type: c('redirect'), redirect: [{ port: c('443'), protocol: c('HTTPS'), status_code: c('HTTP_301') }] }],
      },
    },
    {
      type: 'aws_s3_bucket',
      name: 'logs',
      body: {
        bucket: r('"${var.name}-logs"', 'var.name'),
        server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: c('aws:kms'), kms_master_key_id: ref('var.kms_key_arn') }] }] }],
      },
    },
    { type: 'aws_iam_policy', name: 'app', body: { name: r('"${var.name}-app"', 'var.name'), path: c('/'), policy: r(POLICY_HCL, 'var.admin_policy', 'var.name') } },
  ],
  calls: {
    net: {
      source: '../net',
      args: { name: ref('var.name'), vpc_cidr: ref('var.vpc_cidr'), azs: ref('var.azs'), public_subnets: c(PUBLIC_SUBNETS), private_subnets: c(PRIVATE_SUBNETS) },
      module: NET,
    },
  },
  outputs: { lb_dns_name: ref('aws_lb.this.dns_name'), db_endpoint: ref('aws_db_instance.this.endpoint'), vpc_id: ref('module.net.vpc_id') },
};

function rootConfig(): ConfigModule {
  const byIndex = (hcl: string): Expr => r(hcl, 'count.index');
  return {
    variables: { region: REGION, azs: AZS, certificate_arn: CERT, app_count: undefined, tenant_count: undefined, policy_count: undefined },
    resources: [
      { type: 'aws_kms_key', name: 'main', body: { description: c('Shared key: application logs'), enable_key_rotation: c(true), deletion_window_in_days: c(30) } },
      { type: 'aws_kms_key', name: 'tenant', count: ref('var.tenant_count'), body: { description: byIndex('"tenant ${count.index} archive"'), enable_key_rotation: c(true), deletion_window_in_days: c(30) } },
      {
        type: 'aws_s3_bucket',
        name: 'archive',
        count: ref('var.tenant_count'),
        body: {
          bucket: byIndex('"synthetic-archive-${count.index}"'),
          server_side_encryption_configuration: [
            { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: c('aws:kms'), kms_master_key_id: r('aws_kms_key.tenant[count.index].arn', 'aws_kms_key.tenant', 'count.index') }] }] },
          ],
        },
      },
      {
        type: 'aws_iam_policy',
        name: 'shared',
        count: ref('var.policy_count'),
        body: {
          name: byIndex('"shared-${count.index}"'),
          path: c('/'),
          policy: byIndex('jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["kms:Decrypt"], Resource = "arn:aws:kms:*:*:key/${count.index}" }] })'),
        },
      },
    ],
    calls: {
      app: {
        source: './modules/app',
        count: ref('var.app_count'),
        args: {
          name: byIndex('"app-${count.index}"'),
          vpc_cidr: byIndex('cidrsubnet("10.0.0.0/8", 12, count.index)'),
          azs: ref('var.azs'),
          kms_key_arn: ref('aws_kms_key.main.arn'),
          certificate_arn: ref('var.certificate_arn'),
          encrypt_db: byIndex('count.index % 7 != 0'),
          tls_policy: byIndex(`count.index % 5 == 0 ? "${TLS_OLD}" : "${TLS_NEW}"`),
          admin_cidr: byIndex('count.index % 9 == 0 ? "0.0.0.0/0" : "10.0.0.0/8"'),
          rotate_keys: byIndex('count.index % 4 != 0'),
          admin_policy: byIndex('count.index % 11 == 0'),
        },
        module: APP,
      },
    },
    outputs: { lb_dns_names: r('module.app[*].lb_dns_name', 'module.app') },
  };
}

function exprJson(e: Expr): J {
  return 'c' in e ? { constant_value: e.c } : { references: e.refs };
}

function bodyJson(body: Body): { [k: string]: J } {
  const out: { [k: string]: J } = {};
  for (const [k, v] of Object.entries(body)) out[k] = Array.isArray(v) ? v.map(bodyJson) : exprJson(v);
  return out;
}

function configJson(mod: ConfigModule): J {
  const out: { [k: string]: J } = {};
  const outputs = Object.entries(mod.outputs);
  if (outputs.length > 0) out.outputs = Object.fromEntries(outputs.map(([k, e]) => [k, { expression: exprJson(e) }]));
  out.resources = mod.resources.map((res) => ({
    address: `${res.type}.${res.name}`,
    mode: 'managed',
    type: res.type,
    name: res.name,
    provider_config_key: 'aws',
    expressions: bodyJson(res.body),
    schema_version: 0,
    ...(res.count ? { count_expression: exprJson(res.count) } : {}),
  }));
  const calls = Object.entries(mod.calls);
  if (calls.length > 0) {
    out.module_calls = Object.fromEntries(
      calls.map(([name, call]) => [name, { source: call.source, expressions: Object.fromEntries(Object.entries(call.args).map(([k, e]) => [k, exprJson(e)])), ...(call.count ? { count_expression: exprJson(call.count) } : {}), module: configJson(call.module) }]),
    );
  }
  out.variables = Object.fromEntries(Object.entries(mod.variables).map(([k, d]): [string, J] => [k, d === undefined ? {} : { default: d }]));
  return out;
}

// ---------------------------------------------------------------------------------------------------
// HCL sources matching the configuration

function hclValue(v: J, indent: string): string {
  if (typeof v === 'string') return JSON.stringify(v).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
  if (v === null || typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => hclValue(x, indent)).join(', ')}]`;
  const inner = `${indent}  `;
  return `{\n${Object.entries(v)
    .map(([k, x]) => `${inner}${JSON.stringify(k)} = ${hclValue(x, inner)}`)
    .join('\n')}\n${indent}}`;
}

function hclBody(body: Body, indent: string): string {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(body)) {
    if (Array.isArray(v)) for (const b of v) lines.push(`${indent}${k} {\n${hclBody(b, `${indent}  `)}${indent}}`);
    else lines.push(`${indent}${k} = ${'c' in v ? hclValue(v.c, indent) : v.hcl}`);
  }
  return lines.map((l) => `${l}\n`).join('');
}

function hclModule(mod: ConfigModule, root: boolean): string {
  const parts: string[] = [];
  if (root) {
    parts.push(`terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.0"\n    }\n  }\n}\n`);
    parts.push(`provider "aws" {\n  region = var.region\n\n  default_tags {\n    tags = ${hclValue(DEFAULT_TAGS, '    ')}\n  }\n}\n`);
  }
  for (const [name, def] of Object.entries(mod.variables)) parts.push(def === undefined ? `variable "${name}" {}\n` : `variable "${name}" {\n  default = ${hclValue(def, '  ')}\n}\n`);
  for (const res of mod.resources) parts.push(`resource "${res.type}" "${res.name}" {\n${res.count ? `  count = ${'c' in res.count ? hclValue(res.count.c, '  ') : res.count.hcl}\n\n` : ''}${hclBody(res.body, '  ')}}\n`);
  for (const [name, call] of Object.entries(mod.calls)) {
    const count = call.count ? `  count  = ${'c' in call.count ? hclValue(call.count.c, '  ') : call.count.hcl}\n` : '';
    parts.push(`module "${name}" {\n  source = "${call.source}"\n${count}\n${hclBody(call.args, '  ')}}\n`);
  }
  for (const [name, e] of Object.entries(mod.outputs)) parts.push(`output "${name}" {\n  value = ${'c' in e ? hclValue(e.c, '  ') : e.hcl}\n}\n`);
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------------
// Instance values: `after` with unknowns, as the AWS provider plans them

interface Instance {
  type: string;
  name: string;
  index?: number;
  values: VObject;
  sensitive?: string[];
  action: 'create' | 'no-op' | 'update';
}

/** `after`, `after_unknown`: unknown leaves are left out of `after` and are `true` in the mirror. */
function splitUnknown(v: V): { after: J; unknown: J } {
  if (v === U) return { after: null, unknown: true };
  if (Array.isArray(v)) {
    const parts = v.map(splitUnknown);
    return { after: parts.map((p) => p.after), unknown: parts.map((p) => p.unknown) };
  }
  if (v !== null && typeof v === 'object') {
    const after: { [k: string]: J } = {};
    const unknown: { [k: string]: J } = {};
    for (const k of Object.keys(v).sort()) {
      const p = splitUnknown(v[k]);
      if (v[k] !== U) after[k] = p.after;
      if (p.unknown !== false) unknown[k] = p.unknown;
    }
    return { after, unknown };
  }
  return { after: v, unknown: false };
}

/** `after_sensitive` / `sensitive_values`: a mirror of the structure with `true` at sensitive attributes. */
function sensitiveMirror(v: V, top: Set<string>): J {
  if (Array.isArray(v)) return v.map((x) => (x !== null && typeof x === 'object' ? sensitiveMirror(x, new Set()) : false));
  if (v === null || typeof v !== 'object') return false;
  const out: { [k: string]: J } = {};
  for (const k of Object.keys(v).sort()) {
    if (top.has(k)) out[k] = true;
    else if (v[k] !== null && typeof v[k] === 'object') out[k] = sensitiveMirror(v[k], new Set());
  }
  return out;
}

const withTags = (own: Record<string, string> | null): VObject => ({ tags: own, tags_all: { ...DEFAULT_TAGS, ...(own ?? {}) } });

class Ids {
  constructor(
    readonly rng: () => number,
    /** Existing resources have every value known; planned creations know no id. */
    readonly existing: boolean,
  ) {}
  id(prefix: string): string | typeof U {
    return this.existing ? `${prefix}-${hex(this.rng, 17)}` : U;
  }
  known<T extends V>(v: T): T | typeof U {
    return this.existing ? v : U;
  }
}

function arnOf(id: string | typeof U, service: string, kind: string): string | typeof U {
  return id === U ? U : `arn:aws:${service}:${REGION}:${ACCOUNT}:${kind}/${id}`;
}

function kmsKey(ids: Ids, description: string, rotate: boolean): { values: VObject; arn: string | typeof U } {
  const keyId = ids.known(`${hex(ids.rng, 8)}-${hex(ids.rng, 4)}-4${hex(ids.rng, 3)}-a${hex(ids.rng, 3)}-${hex(ids.rng, 12)}`);
  const arn = arnOf(keyId, 'kms', 'key');
  return {
    arn,
    values: {
      arn,
      bypass_policy_lockout_safety_check: false,
      custom_key_store_id: null,
      customer_master_key_spec: 'SYMMETRIC_DEFAULT',
      deletion_window_in_days: 30,
      description,
      enable_key_rotation: rotate,
      id: keyId,
      is_enabled: true,
      key_id: keyId,
      key_usage: 'ENCRYPT_DECRYPT',
      multi_region: ids.known(false),
      policy: ids.known(JSON.stringify({ Version: '2012-10-17', Id: 'key-default-1', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }] })),
      rotation_period_in_days: ids.known(rotate ? 365 : null),
      ...withTags(null),
      timeouts: null,
      xks_key_id: null,
    },
  };
}

function s3Bucket(ids: Ids, bucket: string, kmsArn: string | typeof U): VObject {
  return {
    acceleration_status: ids.known(''),
    acl: null,
    arn: `arn:aws:s3:::${bucket}`,
    bucket,
    bucket_domain_name: ids.known(`${bucket}.s3.amazonaws.com`),
    bucket_prefix: null,
    bucket_regional_domain_name: ids.known(`${bucket}.s3.${REGION}.amazonaws.com`),
    cors_rule: ids.known([]),
    force_destroy: false,
    grant: ids.known([{ id: 'c1a2b3', permissions: ['FULL_CONTROL'], type: 'CanonicalUser', uri: '' }]),
    hosted_zone_id: ids.known('Z21DNDUVLTQW6Q'),
    id: ids.known(bucket),
    lifecycle_rule: ids.known([]),
    logging: ids.known([]),
    object_lock_configuration: ids.known([]),
    object_lock_enabled: ids.known(false),
    policy: ids.known(''),
    region: ids.known(REGION),
    replication_configuration: ids.known([]),
    request_payer: ids.known('BucketOwner'),
    server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ kms_master_key_id: kmsArn, sse_algorithm: 'aws:kms' }], bucket_key_enabled: ids.known(false) }] }],
    ...withTags(null),
    timeouts: null,
    versioning: ids.known([{ enabled: false, mfa_delete: false }]),
    website: ids.known([]),
    website_domain: ids.known(null),
    website_endpoint: ids.known(null),
  };
}

function iamPolicy(ids: Ids, name: string, document: J): VObject {
  const policyId = ids.known(`ANPA${hex(ids.rng, 16).toUpperCase()}`);
  return {
    arn: `arn:aws:iam::${ACCOUNT}:policy/${name}`,
    attachment_count: ids.known(0),
    description: null,
    id: ids.known(`arn:aws:iam::${ACCOUNT}:policy/${name}`),
    name,
    name_prefix: ids.known(''),
    path: '/',
    policy: JSON.stringify(document),
    policy_id: policyId,
    ...withTags(null),
  };
}

interface RootPlan {
  instances: Instance[];
  mainKeyArn: string | typeof U;
}

function rootInstances(seed: number, tenants: number, policies: number): RootPlan {
  const rng = mulberry32(seed);
  const instances: Instance[] = [];
  const main = kmsKey(new Ids(rng, true), 'Shared key: application logs', true);
  instances.push({ type: 'aws_kms_key', name: 'main', values: main.values, action: 'no-op' });
  const tenantArns: Array<string | typeof U> = [];
  for (let i = 0; i < tenants; i++) {
    const ids = new Ids(rng, rng() < 0.7);
    const key = kmsKey(ids, `tenant ${i} archive`, true);
    tenantArns.push(key.arn);
    instances.push({ type: 'aws_kms_key', name: 'tenant', index: i, values: key.values, action: ids.existing ? 'no-op' : 'create' });
  }
  for (let i = 0; i < tenants; i++) {
    const ids = new Ids(rng, tenantArns[i] !== U && rng() < 0.9);
    instances.push({ type: 'aws_s3_bucket', name: 'archive', index: i, values: s3Bucket(ids, `synthetic-archive-${i}`, tenantArns[i]), action: ids.existing ? 'no-op' : 'create' });
  }
  for (let i = 0; i < policies; i++) {
    const ids = new Ids(rng, rng() < 0.7);
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: `arn:aws:kms:*:*:key/${i}` }] };
    instances.push({ type: 'aws_iam_policy', name: 'shared', index: i, values: iamPolicy(ids, `shared-${i}`, doc), action: ids.existing ? 'no-op' : 'create' });
  }
  return { instances, mainKeyArn: main.arn };
}

function appCidr(i: number): string {
  return `10.${(i >> 4) & 255}.${(i & 15) << 4}.0/20`;
}

function subnetCidr(vpc: string, n: number): string {
  const [a, b, c3] = vpc.split('/')[0].split('.').map(Number);
  return `${a}.${b}.${c3 + n}.0/24`;
}

/** The 20 resources of `module.app[i]` (`app`) and its `module.net` (`net`). */
function appInstances(seed: number, i: number, mainKeyArn: string | typeof U): { app: Instance[]; net: Instance[] } {
  const rng = mulberry32((seed * 2654435761 + i * 40503 + 1) >>> 0);
  const existing = rng() < 0.35;
  const updated = existing && rng() < 0.2;
  const ids = new Ids(rng, existing);
  const action = existing ? 'no-op' : 'create';
  const name = `app-${i}`;
  const vpcCidr = appCidr(i);
  const vars = { encryptDb: i % 7 !== 0, tlsPolicy: i % 5 === 0 ? TLS_OLD : TLS_NEW, adminCidr: i % 9 === 0 ? '0.0.0.0/0' : '10.0.0.0/8', rotate: i % 4 !== 0, admin: i % 11 === 0 };
  const owner = ids.known(ACCOUNT);

  // module.net
  const net: Instance[] = [];
  const vpcId = ids.id('vpc');
  const vpcArn = arnOf(vpcId, 'ec2', 'vpc');
  net.push({
    type: 'aws_vpc',
    name: 'this',
    action: updated ? 'update' : action,
    values: {
      arn: vpcArn,
      assign_generated_ipv6_cidr_block: null,
      cidr_block: vpcCidr,
      default_network_acl_id: ids.id('acl'),
      default_route_table_id: ids.id('rtb'),
      default_security_group_id: ids.id('sg'),
      dhcp_options_id: ids.id('dopt'),
      enable_dns_hostnames: true,
      enable_dns_support: true,
      enable_network_address_usage_metrics: ids.known(false),
      id: vpcId,
      instance_tenancy: 'default',
      ipv4_ipam_pool_id: null,
      ipv4_netmask_length: null,
      ipv6_association_id: ids.known(''),
      ipv6_cidr_block: ids.known(''),
      ipv6_cidr_block_network_border_group: ids.known(''),
      ipv6_ipam_pool_id: null,
      ipv6_netmask_length: null,
      main_route_table_id: ids.id('rtb'),
      owner_id: owner,
      ...withTags({ Name: `${name}-vpc`, ...(updated ? { Owner: 'platform' } : {}) }),
    },
  });
  const igwId = ids.id('igw');
  net.push({ type: 'aws_internet_gateway', name: 'this', action, values: { arn: arnOf(igwId, 'ec2', 'internet-gateway'), id: igwId, owner_id: owner, vpc_id: vpcId, ...withTags({ Name: `${name}-igw` }), timeouts: null } });
  const subnetIds: Record<'public' | 'private', Array<string | typeof U>> = { public: [], private: [] };
  for (const [tier, count, offset] of [['public', PUBLIC_SUBNETS, 0], ['private', PRIVATE_SUBNETS, 8]] as const) {
    for (let n = 0; n < count; n++) {
      const id = ids.id('subnet');
      subnetIds[tier].push(id);
      net.push({
        type: 'aws_subnet',
        name: tier,
        index: n,
        action,
        values: {
          arn: arnOf(id, 'ec2', 'subnet'),
          assign_ipv6_address_on_creation: false,
          availability_zone: AZS[n % AZS.length],
          availability_zone_id: ids.known(`euc1-az${(n % 3) + 1}`),
          cidr_block: subnetCidr(vpcCidr, offset + n),
          customer_owned_ipv4_pool: null,
          enable_dns64: false,
          enable_lni_at_device_index: null,
          enable_resource_name_dns_a_record_on_launch: false,
          enable_resource_name_dns_aaaa_record_on_launch: false,
          id,
          ipv6_cidr_block: null,
          ipv6_cidr_block_association_id: ids.known(''),
          ipv6_native: false,
          map_customer_owned_ip_on_launch: null,
          map_public_ip_on_launch: tier === 'public',
          outpost_arn: null,
          owner_id: owner,
          private_dns_hostname_type_on_launch: ids.known('ip-name'),
          ...withTags({ Name: `${name}-${tier}-${n}`, Tier: tier }),
          timeouts: null,
          vpc_id: vpcId,
        },
      });
    }
  }
  const rtIds: Record<'public' | 'private', Id> = { public: ids.id('rtb'), private: ids.id('rtb') };
  for (const tier of ['public', 'private'] as const) {
    const route: V =
      tier === 'public'
        ? igwId === U
          ? U // a set holding an unknown is unknown as a whole
          : [{ carrier_gateway_id: '', cidr_block: '0.0.0.0/0', core_network_arn: '', destination_prefix_list_id: '', egress_only_gateway_id: '', gateway_id: igwId, ipv6_cidr_block: '', local_gateway_id: '', nat_gateway_id: '', network_interface_id: '', transit_gateway_id: '', vpc_endpoint_id: '', vpc_peering_connection_id: '' }]
        : ids.known([]);
    net.push({
      type: 'aws_route_table',
      name: tier,
      action,
      values: { arn: arnOf(rtIds[tier], 'ec2', 'route-table'), id: rtIds[tier], owner_id: owner, propagating_vgws: ids.known([]), route, ...withTags({ Name: `${name}-${tier}` }), timeouts: null, vpc_id: vpcId },
    });
  }
  for (const tier of ['public', 'private'] as const) {
    subnetIds[tier].forEach((subnetId, n) => {
      net.push({ type: 'aws_route_table_association', name: tier, index: n, action, values: { gateway_id: null, id: ids.id('rtbassoc'), route_table_id: rtIds[tier], subnet_id: subnetId, timeouts: null } });
    });
  }

  // module.app
  const app: Instance[] = [];
  const key = kmsKey(ids, `${name} data`, vars.rotate);
  app.push({ type: 'aws_kms_key', name: 'this', action, values: key.values });
  const rule = (description: string, from: number, protocol: string, cidrs: string[], groups: V[]): VObject => ({
    cidr_blocks: cidrs,
    description,
    from_port: from,
    ipv6_cidr_blocks: [],
    prefix_list_ids: [],
    protocol,
    security_groups: groups.includes(U) ? U : groups,
    self: false,
    to_port: from,
  });
  const sgIds: Record<'web' | 'db', Id> = { web: ids.id('sg'), db: ids.id('sg') };
  const sg = (which: 'web' | 'db', description: string, ingress: VObject[]): Instance => ({
    type: 'aws_security_group',
    name: which,
    action,
    values: {
      arn: arnOf(sgIds[which], 'ec2', 'security-group'),
      description,
      egress: ids.known(which === 'web' ? [{ cidr_blocks: ['0.0.0.0/0'], description: '', from_port: 0, ipv6_cidr_blocks: [], prefix_list_ids: [], protocol: '-1', security_groups: [], self: false, to_port: 0 }] : []),
      id: sgIds[which],
      ingress,
      name: `${name}-${which}`,
      name_prefix: ids.known(''),
      owner_id: owner,
      revoke_rules_on_delete: false,
      ...withTags(null),
      timeouts: null,
      vpc_id: vpcId,
    },
  });
  app.push(sg('web', 'Load balancer: HTTPS from anywhere, SSH from admins', [rule('HTTPS', 443, 'tcp', ['0.0.0.0/0'], []), rule('SSH', 22, 'tcp', [vars.adminCidr], [])]));
  app.push(sg('db', 'Database: PostgreSQL from the web tier', [rule('PostgreSQL', 5432, 'tcp', [], [sgIds.web])]));
  const privateIds: V = subnetIds.private.includes(U) ? U : subnetIds.private;
  app.push({
    type: 'aws_db_subnet_group',
    name: 'this',
    action,
    values: { arn: ids.known(`arn:aws:rds:${REGION}:${ACCOUNT}:subgrp:${name}-db`), description: 'Managed by Terraform', id: ids.known(`${name}-db`), name: `${name}-db`, name_prefix: ids.known(''), subnet_ids: privateIds, supported_network_types: ids.known(['IPV4']), ...withTags(null), vpc_id: vpcId },
  });
  const dbId = ids.known(`db-${hex(rng, 26).toUpperCase()}`);
  app.push({
    type: 'aws_db_instance',
    name: 'this',
    action,
    sensitive: ['password', 'password_wo'],
    values: {
      address: ids.known(`${name}-db.c9akciq32.${REGION}.rds.amazonaws.com`),
      allocated_storage: 50,
      allow_major_version_upgrade: null,
      apply_immediately: false,
      arn: ids.known(`arn:aws:rds:${REGION}:${ACCOUNT}:db:${name}-db`),
      auto_minor_version_upgrade: true,
      availability_zone: ids.known(AZS[0]),
      backup_retention_period: 14,
      backup_window: ids.known('02:00-03:00'),
      blue_green_update: [],
      ca_cert_identifier: ids.known('rds-ca-rsa2048-g1'),
      copy_tags_to_snapshot: false,
      custom_iam_instance_profile: null,
      customer_owned_ip_enabled: null,
      db_name: 'app',
      db_subnet_group_name: `${name}-db`,
      dedicated_log_volume: false,
      delete_automated_backups: true,
      deletion_protection: true,
      domain: null,
      enabled_cloudwatch_logs_exports: null,
      endpoint: ids.known(`${name}-db.c9akciq32.${REGION}.rds.amazonaws.com:5432`),
      engine: 'postgres',
      engine_version: '16.4',
      final_snapshot_identifier: `${name}-db-final`,
      hosted_zone_id: ids.known('Z1RLNUO7B9Q6NB'),
      iam_database_authentication_enabled: null,
      id: dbId,
      identifier: `${name}-db`,
      instance_class: 'db.t4g.medium',
      kms_key_id: vars.encryptDb ? key.arn : ids.known(null),
      maintenance_window: ids.known('sun:03:30-sun:04:30'),
      manage_master_user_password: true,
      master_user_secret: ids.known([{ kms_key_id: 'alias/aws/secretsmanager', secret_arn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!db-${hex(rng, 8)}`, secret_status: 'active' }]),
      multi_az: true,
      password: null,
      password_wo: null,
      performance_insights_enabled: false,
      port: ids.known(5432),
      publicly_accessible: false,
      replicate_source_db: null,
      resource_id: dbId,
      restore_to_point_in_time: [],
      s3_import: [],
      skip_final_snapshot: false,
      status: ids.known('available'),
      storage_encrypted: vars.encryptDb,
      storage_type: ids.known('gp3'),
      ...withTags(null),
      timeouts: null,
      username: 'app_admin',
      vpc_security_group_ids: sgIds.db === U ? U : [sgIds.db],
    },
  });
  const lbArn = ids.known(`arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/app/${name}-alb/${hex(rng, 16)}`);
  const publicIds: V = subnetIds.public.includes(U) ? U : subnetIds.public;
  app.push({
    type: 'aws_lb',
    name: 'this',
    action,
    values: {
      access_logs: [],
      arn: lbArn,
      arn_suffix: ids.known(`app/${name}-alb/${hex(rng, 16)}`),
      client_keep_alive: 3600,
      connection_logs: [],
      customer_owned_ipv4_pool: null,
      desync_mitigation_mode: 'defensive',
      dns_name: ids.known(`${name}-alb-${hex(rng, 10)}.${REGION}.elb.amazonaws.com`),
      drop_invalid_header_fields: true,
      enable_deletion_protection: false,
      enable_http2: true,
      enable_waf_fail_open: false,
      id: lbArn,
      idle_timeout: 60,
      internal: false,
      ip_address_type: ids.known('ipv4'),
      load_balancer_type: 'application',
      name: `${name}-alb`,
      name_prefix: ids.known(''),
      preserve_host_header: false,
      security_groups: sgIds.web === U ? U : [sgIds.web],
      subnet_mapping: ids.known(subnetIds.public.map((s) => ({ allocation_id: '', ipv6_address: '', outpost_id: '', private_ipv4_address: '', subnet_id: s }))),
      subnets: publicIds,
      ...withTags(null),
      timeouts: null,
      vpc_id: vpcId,
      xff_header_processing_mode: 'append',
      zone_id: ids.known('Z215JYRZR1TBD5'),
    },
  });
  const listenerAction = (type: string, fixed: VObject[], redirect: VObject[]): VObject => ({ authenticate_cognito: [], authenticate_oidc: [], fixed_response: fixed, forward: [], order: ids.known(1), redirect, target_group_arn: null, type });
  const listenerArn = () => (lbArn === U ? U : `${String(lbArn).replace(':loadbalancer/', ':listener/')}/${hex(rng, 16)}`);
  const httpsArn = listenerArn();
  app.push({
    type: 'aws_lb_listener',
    name: 'https',
    action,
    values: {
      alpn_policy: null,
      arn: httpsArn,
      certificate_arn: CERT,
      default_action: [listenerAction('fixed-response', [{ content_type: 'text/plain', message_body: 'ok', status_code: '200' }], [])],
      id: httpsArn,
      load_balancer_arn: lbArn,
      mutual_authentication: ids.known([]),
      port: 443,
      protocol: 'HTTPS',
      ssl_policy: vars.tlsPolicy,
      ...withTags(null),
      timeouts: null,
    },
  });
  const httpArn = listenerArn();
  app.push({
    type: 'aws_lb_listener',
    name: 'http',
    action,
    values: {
      alpn_policy: null,
      arn: httpArn,
      certificate_arn: null,
      default_action: [listenerAction('redirect', [], [{ host: '#{host}', path: '/#{path}', port: '443', protocol: 'HTTPS', query: '#{query}', status_code: 'HTTP_301' }])],
      id: httpArn,
      load_balancer_arn: lbArn,
      mutual_authentication: ids.known([]),
      port: 80,
      protocol: 'HTTP',
      ssl_policy: ids.known(''),
      ...withTags(null),
      timeouts: null,
    },
  });
  app.push({ type: 'aws_s3_bucket', name: 'logs', action, values: s3Bucket(ids, `${name}-logs`, mainKeyArn) });
  const statement = vars.admin ? { Effect: 'Allow', Action: '*', Resource: '*' } : { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${name}-logs`, `arn:aws:s3:::${name}-logs/*`] };
  app.push({ type: 'aws_iam_policy', name: 'app', action, values: iamPolicy(ids, `${name}-app`, { Version: '2012-10-17', Statement: [statement] }) });
  return { app, net };
}

// ---------------------------------------------------------------------------------------------------
// Writing

const PROVIDER = 'registry.terraform.io/hashicorp/aws';

function addressOf(modulePath: string, inst: Instance): string {
  return `${modulePath ? `${modulePath}.` : ''}${inst.type}.${inst.name}${inst.index === undefined ? '' : `[${inst.index}]`}`;
}

function plannedJson(modulePath: string, inst: Instance): string {
  const { after } = splitUnknown(inst.values);
  const sens = sensitiveMirror(inst.values, new Set(inst.sensitive ?? []));
  return JSON.stringify({
    address: addressOf(modulePath, inst),
    mode: 'managed',
    type: inst.type,
    name: inst.name,
    ...(inst.index === undefined ? {} : { index: inst.index }),
    provider_name: PROVIDER,
    schema_version: 0,
    values: after,
    sensitive_values: sens,
  });
}

function changeJson(modulePath: string, inst: Instance): string {
  const { after, unknown } = splitUnknown(inst.values);
  const sens = sensitiveMirror(inst.values, new Set(inst.sensitive ?? []));
  let before: J = null;
  if (inst.action !== 'create') {
    before = after;
    if (inst.action === 'update' && after !== null && typeof after === 'object' && !Array.isArray(after) && after.tags && typeof after.tags === 'object' && !Array.isArray(after.tags)) {
      const { Owner: _owner, ...rest } = after.tags;
      before = { ...after, tags: rest };
    }
  }
  const unknownAfter = unknown === false ? {} : unknown;
  return JSON.stringify({
    address: addressOf(modulePath, inst),
    ...(modulePath ? { module_address: modulePath } : {}),
    mode: 'managed',
    type: inst.type,
    name: inst.name,
    ...(inst.index === undefined ? {} : { index: inst.index }),
    provider_name: PROVIDER,
    change: {
      actions: [inst.action],
      before,
      after,
      after_unknown: unknownAfter,
      before_sensitive: inst.action === 'create' ? false : sens,
      after_sensitive: sens,
    },
  });
}

class Writer {
  private chunks: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(private readonly fd: number) {}
  write(s: string): void {
    this.chunks.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.chunks.length === 0) return;
    const buf = Buffer.from(this.chunks.join(''), 'utf8');
    fs.writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.chunks = [];
    this.size = 0;
  }
}

export interface SyntheticPlanStats {
  file: string;
  resources: number;
  rootResources: number;
  appInstances: number;
  bytes: number;
}

export interface SyntheticPlanOptions {
  seed?: number;
  /** Also write the matching `.tf` files next to the plan. */
  sources?: boolean;
}

/** Sizes: ~10% root, the rest in whole `module.app` instances; the root takes up the remainder. */
export function planLayout(n: number): { apps: number; tenants: number; policies: number } {
  const rootTarget = Math.max(1, Math.round(n * 0.1));
  const apps = Math.max(0, Math.floor((n - rootTarget) / RESOURCES_PER_APP));
  const rest = n - apps * RESOURCES_PER_APP - 1; // one shared KMS key
  const tenants = Math.max(0, Math.floor(rest * 0.35));
  return { apps, tenants, policies: Math.max(0, rest - 2 * tenants) };
}

export function generateSyntheticPlan(n: number, outFile: string, options: SyntheticPlanOptions = {}): SyntheticPlanStats {
  const seed = options.seed ?? 1;
  const { apps, tenants, policies } = planLayout(n);
  const root = rootInstances(seed, tenants, policies);
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  const fd = fs.openSync(outFile, 'w');
  const w = new Writer(fd);
  let count = 0;
  try {
    w.write(`{"format_version":"1.2","terraform_version":"1.11.4","variables":${JSON.stringify({ region: { value: REGION }, azs: { value: AZS }, certificate_arn: { value: CERT }, app_count: { value: apps }, tenant_count: { value: tenants }, policy_count: { value: policies } })}`);
    // planned_values
    w.write(`,"planned_values":{"outputs":{"lb_dns_names":{"sensitive":false}},"root_module":{"resources":[`);
    root.instances.forEach((inst, k) => w.write(`${k ? ',' : ''}${plannedJson('', inst)}`));
    w.write(`],"child_modules":[`);
    for (let i = 0; i < apps; i++) {
      const { app, net } = appInstances(seed, i, root.mainKeyArn);
      const appPath = `module.app[${i}]`;
      const netPath = `${appPath}.module.net`;
      w.write(`${i ? ',' : ''}{"resources":[${app.map((x) => plannedJson(appPath, x)).join(',')}],"address":${JSON.stringify(appPath)},"child_modules":[{"resources":[${net.map((x) => plannedJson(netPath, x)).join(',')}],"address":${JSON.stringify(netPath)}}]}`);
    }
    w.write(`]}}`);
    // resource_changes
    w.write(`,"resource_changes":[`);
    root.instances.forEach((inst, k) => {
      w.write(`${k ? ',' : ''}${changeJson('', inst)}`);
      count++;
    });
    for (let i = 0; i < apps; i++) {
      const { app, net } = appInstances(seed, i, root.mainKeyArn);
      const appPath = `module.app[${i}]`;
      for (const x of app) w.write(`,${changeJson(appPath, x)}`);
      for (const x of net) w.write(`,${changeJson(`${appPath}.module.net`, x)}`);
      count += app.length + net.length;
    }
    w.write(`]`);
    w.write(`,"output_changes":{"lb_dns_names":{"actions":["update"],"before":[],"after_unknown":true,"before_sensitive":false,"after_sensitive":false}}`);
    const config = rootConfig();
    w.write(
      `,"configuration":${JSON.stringify({
        provider_config: { aws: { name: 'aws', full_name: PROVIDER, version_constraint: '~> 5.0', expressions: { region: { references: ['var.region'] }, default_tags: [{ tags: { constant_value: DEFAULT_TAGS } }] } } },
        root_module: configJson(config),
      })}`,
    );
    w.write(`,"relevant_attributes":[{"resource":"module.app.aws_lb.this","attribute":["dns_name"]}],"timestamp":"2025-01-01T00:00:00Z","applyable":true,"complete":true,"errored":false}\n`);
    w.flush();
  } finally {
    fs.closeSync(fd);
  }
  if (options.sources) {
    const dir = path.dirname(path.resolve(outFile));
    const config = rootConfig();
    fs.writeFileSync(path.join(dir, 'main.tf'), hclModule(config, true));
    fs.mkdirSync(path.join(dir, 'modules', 'app'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'modules', 'net'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'modules', 'app', 'main.tf'), hclModule(APP, false));
    fs.writeFileSync(path.join(dir, 'modules', 'net', 'main.tf'), hclModule(NET, false));
  }
  return { file: outFile, resources: count, rootResources: root.instances.length, appInstances: apps, bytes: w.bytes };
}

function main(argv: string[]): number {
  const positional: string[] = [];
  let seed = 1;
  let sources = false;
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '--seed') seed = Number(argv[++k]);
    else if (argv[k] === '--sources') sources = true;
    else positional.push(argv[k]);
  }
  const n = Number(positional[0]);
  const out = positional[1];
  if (!Number.isInteger(n) || n < 1 || !out || positional.length > 2 || !Number.isInteger(seed)) {
    process.stderr.write('usage: node dist/scripts/generate-synthetic-plan.js N OUT.json [--seed S] [--sources]\n');
    return 2;
  }
  const stats = generateSyntheticPlan(n, out, { seed, sources });
  process.stdout.write(`${stats.file}: ${stats.resources} resources (${stats.rootResources} in the root module, ${stats.appInstances} module.app instances), ${(stats.bytes / 1048576).toFixed(1)} MB\n`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
