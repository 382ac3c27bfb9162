/**
 * Hostile inputs, one row each, with the exact outcome: exit code and the errors/warnings of the JSON
 * report (or stderr). Each row builds a repository (a `.git` directory marks its root) with an
 * `outside/` directory beside it that must never be read without --allow-outside-root.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeTree } from '../helpers/tmp-tree';
import { runCli } from '../helpers/cli';

interface Row {
  name: string;
  files: Record<string, string>;
  /** Symlinks to create: link (in the tree) → target (as written into the link). */
  links?: Record<string, string>;
  args: string[];
  code: number;
  /** `FILE[:LINE]: error|warning: MESSAGE` per diagnostic, in report order; BASE is the temp directory. */
  diagnostics: string[];
}

const BUCKET = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n';
const deep = (n: number, open: string, close: string, inner = '1') => open.repeat(n) + inner + close.repeat(n);

const ROWS: Row[] = [
  {
    name: 'symlink loop: a directory linking to its parent, scanned recursively',
    files: { 'repo/.git/HEAD': '', 'repo/main.tf': BUCKET },
    links: { 'repo/loop': '..' },
    args: ['scan', '--recursive', '.'],
    code: 1,
    diagnostics: [],
  },
  {
    name: 'symlink loop: a module source that is a link to itself',
    files: { 'repo/.git/HEAD': '', 'repo/main.tf': 'module "m" {\n  source = "./self"\n}\n' },
    links: { 'repo/self': 'self' },
    args: ['scan', '.'],
    code: 0,
    diagnostics: ['main.tf:1:1: warning: module.m (source "./self") was not read: self is a symlink loop.'],
  },
  {
    name: 'symlink of a .tf file pointing out of the repository',
    files: { 'repo/.git/HEAD': '', 'repo/main.tf': BUCKET, 'outside/secret.tf': 'locals {\n  secret = "s3cr3t"\n}\n' },
    links: { 'repo/evil.tf': '../outside/secret.tf' },
    args: ['scan', '.'],
    code: 2,
    diagnostics: ['evil.tf: error: evil.tf is a symlink to BASE/outside/secret.tf, outside the repository root (BASE/repo); not read (scan with --allow-outside-root to read it).'],
  },
  {
    name: 'symlinked module directory pointing out of the repository',
    files: { 'repo/.git/HEAD': '', 'repo/main.tf': 'module "m" {\n  source = "./mods"\n}\n', 'outside/mods/main.tf': BUCKET },
    links: { 'repo/mods': '../outside/mods' },
    args: ['scan', '.'],
    code: 2,
    diagnostics: ['main.tf:1:1: error: module "m": the source "./mods" leads to BASE/outside/mods, outside the repository root (BASE/repo); not read (scan with --allow-outside-root to read it).'],
  },
  {
    name: 'module source "../../outside" outside the repository root',
    files: { 'repo/.git/HEAD': '', 'repo/envs/prod/main.tf': 'module "m" {\n  source = "../../../outside"\n}\n', 'outside/main.tf': BUCKET },
    args: ['scan', 'envs/prod'],
    code: 2,
    diagnostics: ['envs/prod/main.tf:1:1: error: module "m": the source "../../../outside" leads to BASE/outside, outside the repository root (BASE/repo); not read (scan with --allow-outside-root to read it).'],
  },
  {
    name: 'the same module source with --allow-outside-root is read',
    files: { 'repo/.git/HEAD': '', 'repo/envs/prod/main.tf': 'module "m" {\n  source = "../../../outside"\n}\n', 'outside/main.tf': BUCKET },
    args: ['scan', 'envs/prod', '--allow-outside-root', '--rules', 'TG-TLS-008', '--fail-on', 'none'],
    code: 0,
    diagnostics: [],
  },
  {
    name: 'file() and templatefile() reading outside the repository root',
    files: {
      'repo/.git/HEAD': '',
      'repo/main.tf': 'locals {\n  a = file("../outside/secret.txt")\n  b = templatefile("/etc/hostname", {})\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "${local.a}${local.b}"\n}\n',
      'outside/secret.txt': 's3cr3t',
    },
    args: ['scan', '.', '--rules', 'TG-TLS-008', '--fail-on', 'none'],
    code: 0,
    diagnostics: [
      'main.tf:2:7: warning: file: refusing to read "BASE/outside/secret.txt" outside the scanned repository (BASE/repo); scan with --allow-outside-root to read it',
      'main.tf:3:7: warning: templatefile: refusing to read "/etc/hostname" outside the scanned repository (BASE/repo); scan with --allow-outside-root to read it',
    ],
  },
  {
    name: 'module call cycle',
    files: { 'repo/.git/HEAD': '', 'repo/main.tf': 'module "a" {\n  source = "./a"\n}\n', 'repo/a/main.tf': 'module "b" {\n  source = "../b"\n}\n', 'repo/b/main.tf': 'module "a" {\n  source = "../a"\n}\n' },
    args: ['scan', '.'],
    code: 2,
    diagnostics: ['b/main.tf:1:1: error: Module call cycle: module "a" (source "../a") calls a module that is already being loaded; values from it are unknown.'],
  },
  {
    name: 'local value cycle',
    files: { 'repo/.git/HEAD': '', 'repo/main.tf': 'locals {\n  a = local.b\n  b = local.a\n}\nresource "aws_s3_bucket" "b" {\n  bucket = local.a\n}\n' },
    args: ['scan', '.', '--rules', 'TG-TLS-008', '--fail-on', 'none'],
    code: 0,
    diagnostics: ['main.tf:2:3: warning: Cycle between locals: local.a → local.b → local.a. Break the cycle; these values are treated as unknown.'],
  },
  {
    name: 'variable / module output cycle',
    files: {
      'repo/.git/HEAD': '',
      'repo/main.tf': 'module "m" {\n  source = "./m"\n  x = module.m.y\n}\n',
      'repo/m/main.tf': 'variable "x" {}\noutput "y" {\n  value = var.x\n}\nresource "aws_s3_bucket" "b" {\n  bucket = var.x\n}\n',
    },
    args: ['scan', '.', '--rules', 'TG-TLS-008', '--fail-on', 'none'],
    code: 0,
    diagnostics: ['m/main.tf:1:1: warning: Cycle between variables: module.m.var.x → module.m.y → module.m.var.x. Break the cycle; these values are treated as unknown.'],
  },
  {
    name: '10,000-deep plan JSON',
    files: { 'repo/.git/HEAD': '', 'repo/plan.json': `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"values":${deep(10000, '[', ']')}}]}}}` },
    args: ['scan', 'plan.json'],
    code: 2,
    diagnostics: ["plan.json:1:1076: error: plan.json is nested more than 1000 levels deep here; Terraform's plan and state JSON never is, so it is not read."],
  },
  {
    name: '10,000-deep profile YAML',
    files: { 'repo/.git/HEAD': '', 'repo/main.tf': BUCKET, 'repo/p.yml': `name: x\nparameters: ${deep(10000, '[', ']')}\n` },
    args: ['scan', '.', '--profile', 'p.yml'],
    code: 2,
    diagnostics: ['p.yml:2:112: error: Nested more than 100 levels deep here; a profile needs at most five, so it is not read.'],
  },
  {
    name: '10,000-deep profile JSON',
    files: { 'repo/.git/HEAD': '', 'repo/main.tf': BUCKET, 'repo/p.json': `{"name":"x","parameters":${deep(10000, '{"a":', '}')}}` },
    args: ['scan', '.', '--profile', 'p.json'],
    code: 2,
    diagnostics: ['p.json:1:516: error: Nested more than 100 levels deep here; a profile needs at most five, so it is not read.'],
  },
  {
    name: '__proto__ and constructor keys in HCL, for-expressions and tfvars',
    files: {
      'repo/.git/HEAD': '',
      'repo/main.tf':
        'variable "t" {\n  type = map(string)\n}\nlocals {\n  m = { for k in ["constructor", "__proto__", "toString"] : k => k }\n  g = { for k in ["__proto__", "__proto__"] : k => k... }\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "${local.m["__proto__"]}-${local.m.constructor}-${length(local.g["__proto__"])}"\n  tags   = merge(var.t, { __proto__ = "x" })\n}\n',
      'repo/terraform.tfvars': 't = { constructor = "c", "__proto__" = "p" }\n',
    },
    args: ['scan', '.', '--rules', 'TG-TLS-008', '--fail-on', 'none'],
    code: 0,
    diagnostics: [],
  },
  {
    name: '__proto__ and constructor keys in plan JSON and profile',
    files: {
      'repo/.git/HEAD': '',
      'repo/plan.json': '{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_s3_bucket.b","mode":"managed","type":"aws_s3_bucket","name":"b","values":{"__proto__":{"polluted":1},"constructor":"x","bucket":"b"}}]}}}',
      'repo/p.yml': 'name: x\n__proto__: { polluted: 1 }\n',
    },
    args: ['scan', 'plan.json', '--profile', 'p.yml'],
    code: 2,
    diagnostics: ["p.yml:1: error: /: must NOT have additional properties: '__proto__'"],
  },
  {
    name: 'huge numbers',
    files: { 'repo/.git/HEAD': '', 'repo/main.tf': 'resource "aws_s3_bucket" "b" {\n  count  = 1e400\n  bucket = "b"\n}\nresource "aws_s3_bucket" "c" {\n  count  = 99999999999999999999999999\n  bucket = "c"\n}\n' },
    args: ['scan', '.', '--rules', 'TG-TLS-008', '--fail-on', 'none'],
    code: 0,
    diagnostics: [
      'main.tf:2:3: warning: count must be a whole number of zero or more, got number Infinity.',
      "main.tf:6:3: warning: count is 1e+26, more than the 10000 instances tomguard expands; this resource's instances are unknown.",
    ],
  },
];

describe('hostile inputs have exact, harmless outcomes', () => {
  it.each(ROWS.map((r) => [r.name, r]))('%s', async (_name, row) => {
    const base = fs.realpathSync(writeTree(row.files));
    for (const [link, target] of Object.entries(row.links ?? {})) fs.symlinkSync(target, path.join(base, link));
    const r = await runCli([...row.args, '--format', 'json'], path.join(base, 'repo'));
    const report = r.out.startsWith('{') ? (JSON.parse(r.out) as { errors: Diag[]; warnings: Diag[] }) : { errors: [], warnings: [] };
    const shown = [...report.errors, ...report.warnings].map(formatDiag);
    const stderrLines = r.err.split('\n').filter((l) => /^\S+:\d*:?\d*:? ?error: /.test(l));
    expect([...shown, ...stderrLines].map((l) => l.split(base).join('BASE'))).toEqual(row.diagnostics);
    expect(r.code).toBe(row.code);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

interface Diag {
  file: string;
  line?: number;
  column?: number;
  message: string;
  severity: string;
}

function formatDiag(d: Diag): string {
  return `${d.file}${d.line ? `:${d.line}` : ''}${d.column ? `:${d.column}` : ''}: ${d.severity === 'warning' ? 'warning' : 'error'}: ${d.message}`;
}
