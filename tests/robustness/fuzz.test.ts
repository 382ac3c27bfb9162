/**
 * Property-based fuzzing: mutated `.tf`, `.tf.json`, `.tfvars`, plan JSON and profile YAML, built from
 * the examples and fixtures, each scanned by the CLI in a worker thread with a watchdog. Property: no
 * exception escapes, no hang, the exit code is 0/1/2, and every error names the input's file.
 *
 * Reproduce a failure with the seed fast-check prints: TOMGUARD_FUZZ_SEED=<seed> npx jest tests/robustness/fuzz
 * Scale the number of inputs with TOMGUARD_FUZZ_RUNS (a factor, default 1 = 1,150 inputs).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { Worker } from 'node:worker_threads';
import { startSourceWorker } from '../helpers/source-worker';
import type { FuzzAnswer, FuzzRequest } from './fuzz-worker';

const SEED = Number(process.env.TOMGUARD_FUZZ_SEED ?? 20261203);
const SCALE = Number(process.env.TOMGUARD_FUZZ_RUNS ?? 1);
const WATCHDOG_MS = 10_000;
const REPO = path.resolve(__dirname, '../..');
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

/** One worker, restarted after a hang; inputs run one at a time. */
class WatchedWorker {
  private worker?: Worker;
  private ready?: Promise<void>;
  private nextId = 0;
  private pending?: { id: number; resolve: (a: FuzzAnswer) => void };

  private start(): Promise<void> {
    const worker = startSourceWorker(path.join(__dirname, 'fuzz-worker.ts'));
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (m: FuzzAnswer | { ready: true }) => {
        if ('ready' in m) {
          worker.off('error', reject);
          resolve();
        } else if (this.pending && m.id === this.pending.id) {
          this.pending.resolve(m);
          this.pending = undefined;
        }
      });
    });
    worker.on('error', (e) => this.pending?.resolve({ id: this.pending.id, crash: `worker died: ${e.stack ?? e.message}` }));
    worker.on('exit', (code) => this.pending?.resolve({ id: this.pending.id, crash: `worker exited with code ${code}` }));
    return this.ready;
  }

  async run(args: string[], cwd: string): Promise<FuzzAnswer | { timeout: true }> {
    if (!this.worker) await this.start();
    await this.ready;
    const id = this.nextId++;
    let timer: NodeJS.Timeout | undefined;
    const answer = new Promise<FuzzAnswer>((resolve) => (this.pending = { id, resolve }));
    const timeout = new Promise<{ timeout: true }>((resolve) => (timer = setTimeout(() => resolve({ timeout: true }), WATCHDOG_MS)));
    this.worker!.postMessage({ id, args, cwd } satisfies FuzzRequest);
    const result = await Promise.race([answer, timeout]);
    clearTimeout(timer);
    if ('timeout' in result || 'crash' in result) await this.stop();
    return result;
  }

  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.pending = undefined;
    if (w) {
      w.removeAllListeners('exit');
      await w.terminate();
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Seeds

const read = (rel: string) => fs.readFileSync(path.join(REPO, rel), 'utf8');
const tfFiles = (dir: string): string[] =>
  fs
    .readdirSync(path.join(REPO, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.tf'))
    .sort()
    .map((f) => path.join(dir, f));

const TF_SEEDS = [...tfFiles('examples/saas-broken'), ...tfFiles('tests/fixtures/monorepo')].map(read);

const TF_JSON_SEEDS = [
  {
    resource: {
      aws_s3_bucket: { logs: { bucket: 'logs-${var.env}', tags: { Name: 'logs' } } },
      aws_security_group: { web: { ingress: [{ from_port: 22, to_port: 22, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] }] } },
      aws_db_instance: { db: { count: '${var.n}', engine: 'postgres', storage_encrypted: false, publicly_accessible: '${var.public}' } },
    },
    variable: { env: { default: 'prod' }, n: { type: 'number', default: 2 }, public: { type: 'bool', default: true } },
  },
  {
    locals: { names: ['a', 'b'], by_name: '${{ for n in local.names : n => upper(n) }}', merged: '${merge(local.tags, { x = 1 })}', tags: { team: 'x' } },
    resource: { aws_s3_bucket: { b: { for_each: '${local.by_name}', bucket: '${each.value}', tags: '${local.tags}' } } },
    output: { ids: { value: '${[for b in aws_s3_bucket.b : b.id]}' } },
  },
  {
    module: { net: { source: './modules/none', cidr: '10.0.0.0/16' } },
    resource: { aws_lb_listener: { http: { port: 80, protocol: 'HTTP', default_action: { type: 'forward' } } } },
    data: { aws_iam_policy_document: { p: { statement: [{ actions: ['s3:*'], resources: ['*'] }] } } },
  },
].map((d) => JSON.stringify(d, null, 2));

const TFVARS_ROOT = { 'variables.tf': read('examples/saas-broken/variables.tf'), 'network.tf': read('examples/saas-broken/network.tf') };
const TFVARS_SEEDS = [
  read('examples/saas-broken/terraform.tfvars'),
  'environment = "prod"\nallowed_cidrs = ["0.0.0.0/0", "10.0.0.0/8"]\ntags = { team = "core", "cost-centre" = 42 }\nenable = true\n',
  'nested = { a = [1, 2, { b = "c" }], d = null }\nlist = [for x in [1, 2] : x * 2]\nheredoc = <<EOT\nline\nEOT\n',
];

/** Small plans: windows of the fixture plans (the whole 400 KB plans would make each run slow). */
function planWindow(file: string, start: number, size: number): string {
  type Listed = Array<{ address: string }>;
  const plan = JSON.parse(read(file)) as { format_version: string; terraform_version: string; variables: unknown; planned_values: { root_module: { resources: Listed } }; resource_changes: Listed; configuration: { root_module: { resources: Listed } } };
  const resources = plan.planned_values.root_module.resources.slice(start, start + size);
  const addresses = new Set(resources.map((r) => r.address));
  return JSON.stringify(
    {
      format_version: plan.format_version,
      terraform_version: plan.terraform_version,
      variables: plan.variables,
      planned_values: { root_module: { resources } },
      resource_changes: plan.resource_changes.filter((c) => addresses.has(c.address)),
      configuration: { root_module: { resources: plan.configuration.root_module.resources.filter((r) => addresses.has(r.address)) } },
    },
    null,
    1,
  );
}
const PLAN_SEEDS = [0, 8, 16, 24, 40, 56].flatMap((start) => [planWindow('tests/fixtures/plans/saas-broken.plan.json', start, 6), planWindow('tests/fixtures/plans/saas-reference.plan.json', start, 6)]);

const PROFILE_SEEDS = [
  [
    'name: acme-dpa',
    'extends: reference',
    'claims:',
    '  - id: at-rest',
    '    section: "4.2"',
    '    title: Databases are encrypted',
    '    rules: [TG-ENC-001, TG-NET-001]',
    '    externalEvidence:',
    '      - statement: GuardDuty is on',
    '        link: https://wiki.example.com/gd',
    'outOfScope:',
    '  - section: "9"',
    '    title: Physical access',
    'parameters:',
    '  allowed_internet_ports: [80, 443]',
    '  backup_min_days: 7',
    '  s3_require_kms: true',
    '  personal_data_tag: { key: data, value: personal }',
    'accounts:',
    '  - name: production',
    '    roots: [envs/prod, "account/*"]',
    'exemptions:',
    '  - rules: [TG-NET-001]',
    '    address: "aws_security_group.*"',
    '    reason: behind the VPN',
    '    expires: "2099-01-01"',
    '',
  ].join('\n'),
  'name: small\nclaims:\n  - id: tls\n    section: "2.1"\n    title: TLS\n    rules: [TG-TLS-001]\n',
  JSON.stringify({ name: 'json-profile', extends: 'reference', exemptions: [{ tag: { key: 'env', value: 'dev' }, reason: 'dev only' }] }, null, 2),
];

// ---------------------------------------------------------------------------------------------------
// Mutations

const COMMON_TOKENS = ['\n', '"', '\\', '{', '}', '[', ']', '(', ')', ',', ':', '=', '#', '__proto__', 'constructor', 'prototype', 'toString', '1e400', '-1e309', '99999999999999999999999999', '0x1F', '-0', 'NaN', '\u0000', '\u202e', '\u2066', '\u001b[31m', '::error::x', '%0A', '\uFFFD', '\uD800', '\t', ' ', 'null', 'true'];
const HCL_TOKENS = ['${', '%{', '%{ for x in y }', '%{ endfor }', '<<EOT\n', '<<-EOT\n', '\nEOT\n', '[*]', '.*', '...', '=>', '?', 'for k, v in var.tags :', '[for x in local.names : x]', '{ for k, v in local.__proto__ : k => v }', 'count.index', 'each.value', 'var.', 'local.', 'module.', 'data.', 'self.', 'resource "aws_s3_bucket" "x" {', 'module "m" { source = "../" }', 'locals { a = local.a }', 'dynamic "x" { for_each = [1] content {} }', '/*', '*/', '//', 'file("/etc/passwd")', 'templatefile("../x", {})', 'lookup({}, "constructor")', 'jsondecode("{\\"__proto__\\": 1}")', 'try(', 'can(', '!', '-', '&&', '||'];
const YAML_TOKENS = ['- ', ': ', '? ', '&a ', '*a', '<<: *a', '!!binary ', '!!str ', '---\n', '...\n', '|\n', '>-\n', '  ', '\n  ', "'", '__proto__: 1\n', 'constructor: {}\n', 'claims: ', 'rules: ', 'accounts: ', '[', '{', '%YAML 1.2\n', '@', '`'];
const JSON_TOKENS = ['{"__proto__": {"x": 1}}', '{"constructor": {"prototype": {}}}', '[]', '{}', '"x": ', '"", ', '1e999', '12345678901234567890123456789', '"\\u0000"', '"\\ud800"', '"\\u202e"'];

type Mutation = { at: number; len: number; op: 'delete' | 'insert' | 'replace' | 'duplicate' | 'nest'; token: string; depth: number };

const mutation = (tokens: string[]): fc.Arbitrary<Mutation> =>
  fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    len: fc.nat({ max: 40 }),
    op: fc.constantFrom('delete', 'insert', 'insert', 'replace', 'duplicate', 'nest'),
    token: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...tokens, ...COMMON_TOKENS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) }),
    depth: fc.integer({ min: 2, max: 300 }),
  });

function applyMutation(text: string, m: Mutation): string {
  const at = Math.floor(m.at * text.length);
  const end = Math.min(text.length, at + m.len);
  switch (m.op) {
    case 'delete':
      return text.slice(0, at) + text.slice(end);
    case 'insert':
      return text.slice(0, at) + m.token + text.slice(at);
    case 'replace':
      return text.slice(0, at) + m.token + text.slice(end);
    case 'duplicate':
      return text.slice(0, end) + text.slice(at, end) + text.slice(end);
    case 'nest': {
      // Opening brackets of one kind, closed again or not: deep nesting must never overflow the stack.
      const open = ['[', '{', '(', '[{"a":'][m.depth % 4];
      const close = { '[': ']', '{': '}', '(': ')', '[{"a":': '}]' }[open]!;
      return text.slice(0, at) + open.repeat(m.depth) + (m.len % 2 ? close.repeat(m.depth) : '') + text.slice(at);
    }
  }
}

const mutatedText = (seeds: string[], tokens: string[]) =>
  fc.tuple(fc.constantFrom(...seeds), fc.array(mutation(tokens), { minLength: 1, maxLength: 5 })).map(([seed, ms]) => ms.reduce(applyMutation, seed));

/** JSON inputs: a structural change (a subtree replaced by hostile JSON), then maybe text mutations. */
const HOSTILE_JSON = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(null, 1e308, -0, 2 ** 64, '', '${', '${var.x}', '%{ if true }', { __proto__: null }, []),
  fc.integer({ min: 50, max: 3000 }).map((d) => JSON.parse('['.repeat(d) + ']'.repeat(d)) as unknown),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'resource', 'type'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);

function replaceAt(data: unknown, path: number[], value: unknown): unknown {
  if (path.length === 0 || data === null || typeof data !== 'object') return value;
  const keys = Object.keys(data);
  if (keys.length === 0) return value;
  const key = keys[path[0] % keys.length];
  const copy: Record<string, unknown> = Array.isArray(data) ? ([...data] as unknown as Record<string, unknown>) : { ...(data as Record<string, unknown>) };
  // defineProperty: a "__proto__" key must stay an own key, as JSON.parse makes it.
  Object.defineProperty(copy, key, { value: replaceAt((data as Record<string, unknown>)[key], path.slice(1), value), enumerable: true, writable: true, configurable: true });
  return copy;
}

const mutatedJson = (seeds: string[]) =>
  fc
    .tuple(fc.constantFrom(...seeds), fc.array(fc.nat(), { minLength: 0, maxLength: 8 }), HOSTILE_JSON, fc.array(mutation(JSON_TOKENS), { maxLength: 2 }))
    .map(([seed, where, value, ms]) => ms.reduce(applyMutation, JSON.stringify(replaceAt(JSON.parse(seed), where, value), null, 1)));

// ---------------------------------------------------------------------------------------------------
// The property

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-fuzz-'));
let counter = 0;
const worker = new WatchedWorker();
const tried: Record<string, number> = {};
afterAll(async () => {
  await worker.stop();
  fs.rmSync(base, { recursive: true, force: true });
  process.stdout.write(`fuzz: seed ${SEED}, inputs tried: ${Object.entries(tried).map(([k, n]) => `${k} ${n}`).join(', ')}, total ${Object.values(tried).reduce((a, b) => a + b, 0)}\n`);
});

/** Internal failures that must never reach a user, whatever the input. */
const INTERNAL = /Internal error|Maximum call stack|RangeError|TypeError|ReferenceError|Cannot read propert|is not a function|is not iterable|undefined is not|\[object Object\]/;

interface Diag {
  file?: string;
  line?: number;
  message: string;
}

/** Writes the input, scans it, and checks the outcome; returns a description of what went wrong, if anything. */
async function check(kind: string, files: Record<string, string>, args: (dir: string) => string[], inputFile: string): Promise<void> {
  tried[kind] = (tried[kind] ?? 0) + 1;
  const dir = path.join(base, `${kind}-${counter++}`);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const answer = await worker.run(args(dir), dir);
  const input = () => `input ${inputFile}:\n${JSON.stringify(files[inputFile])}`;
  if ('timeout' in answer) throw new Error(`no answer within ${WATCHDOG_MS} ms (hang) for ${input()}`);
  if ('crash' in answer) throw new Error(`exception escaped: ${answer.crash}\nfor ${input()}`);
  if (![0, 1, 2].includes(answer.code)) throw new Error(`exit code ${answer.code} for ${input()}`);
  if (INTERNAL.test(answer.err) || INTERNAL.test(answer.out)) throw new Error(`internal error reported: ${answer.err}${answer.out.slice(0, 2000)}\nfor ${input()}`);
  if (answer.code === 2) {
    const errors: Diag[] = answer.out.startsWith('{') ? (JSON.parse(answer.out) as { errors: Diag[] }).errors : [];
    // Errors in the report name the input; a usage error (a broken profile) lists its problems on stderr as FILE:LINE.
    const named = errors.length > 0 ? errors.every((e) => e.file === inputFile || e.file === '.') : new RegExp(`^${inputFile.replace('.', '\\.')}(:\\d+)?(:\\d+)?: error: `, 'm').test(answer.err);
    if (!named) throw new Error(`errors that do not name ${inputFile}: ${JSON.stringify(errors)} ${answer.err}\nfor ${input()}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

const params = (numRuns: number) => ({ seed: SEED, numRuns: runs(numRuns), endOnFailure: true });
const scanJson = (target: string, extra: string[] = []) => () => ['scan', target, '--format', 'json', ...extra];

describe('fuzzed inputs never crash or hang tomguard', () => {
  jest.setTimeout(600_000);

  it('mutated .tf files', async () => {
    await fc.assert(fc.asyncProperty(mutatedText(TF_SEEDS, HCL_TOKENS), (text) => check('tf', { 'main.tf': text }, scanJson('.'), 'main.tf')), params(400));
  });

  it('mutated .tf.json files', async () => {
    await fc.assert(fc.asyncProperty(mutatedJson(TF_JSON_SEEDS), (text) => check('tf.json', { 'main.tf.json': text }, scanJson('.'), 'main.tf.json')), params(150));
  });

  it('mutated .tfvars files', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedText(TFVARS_SEEDS, HCL_TOKENS), (text) => check('tfvars', { ...TFVARS_ROOT, 'terraform.tfvars': text }, scanJson('.'), 'terraform.tfvars')),
      params(150),
    );
  });

  it('mutated plan JSON', async () => {
    await fc.assert(fc.asyncProperty(mutatedJson(PLAN_SEEDS), (text) => check('plan', { 'plan.json': text }, scanJson('plan.json'), 'plan.json')), params(150));
  });

  it('mutated profiles (YAML and JSON)', async () => {
    const root = { 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n' };
    await fc.assert(
      fc.asyncProperty(mutatedText(PROFILE_SEEDS, YAML_TOKENS), (text) => check('profile', { ...root, 'p.yml': text }, scanJson('.', ['--profile', 'p.yml']), 'p.yml')),
      params(300),
    );
  });
});
