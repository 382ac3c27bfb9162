import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scan } from '../../src/engine/scan';
import { loadInput } from '../../src/load-input';
import { ALL_RULES } from '../../rules';
import { TestServer, tgz } from './fixtures';

/** End to end: a root calling a registry module that is not on disk, scanned with and without --download-modules. */
let server: TestServer;
let base: string;
let root: string;
let env: Record<string, string>;

const NET_MODULE = (tagsHost: string) => `
resource "aws_security_group" "x" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# A local submodule of the package, a remote module called from the downloaded one, and a relative
# path that tries to climb out of the package.
module "sub" {
  source = "./modules/sub"
}
module "tags" {
  source  = "${tagsHost}/acme/tags/aws"
  version = "1.0.0"
}
module "escape" {
  source = "../../../../../../etc"
}

output "id" {
  value = aws_security_group.x.id
}

# file() reads the module's own files, but nothing outside the package or the scanned repository.
resource "x_file" "own" {
  content = file("\${path.module}/policy.json")
}
resource "x_file" "outside" {
  content = file("\${path.module}/../../../../../../etc/hostname")
}
`;

beforeAll(async () => {
  server = await TestServer.start();
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-e2e-'));
  const net = (marker: string) =>
    tgz([
      { name: 'main.tf', content: `# ${marker}\n${NET_MODULE(server.host)}` },
      { name: 'modules/sub/main.tf', content: 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n' },
      { name: 'policy.json', content: '{"Version":"2012-10-17"}' },
    ]);
  server.registry('acme/net/aws', { '1.0.0': net('1.0.0'), '1.4.0': net('1.4.0'), '2.0.0': net('2.0.0') });
  server.registry('acme/tags/aws', { '1.0.0': tgz([{ name: 'main.tf', content: 'resource "aws_s3_bucket" "tagged" {\n  bucket = "tagged"\n}\n' }]) });
  root = path.join(base, 'root');
  fs.mkdirSync(root);
  fs.writeFileSync(
    path.join(root, 'main.tf'),
    `module "vpc" {\n  source  = "${server.host}/acme/net/aws"\n  version = "~> 1.0"\n}\n\nresource "x_thing" "r" {\n  v = module.vpc.id\n}\n`,
  );
  env = { XDG_CACHE_HOME: path.join(base, 'xdg-cache') };
});

afterAll(async () => {
  await server.close();
  fs.rmSync(base, { recursive: true, force: true });
});

describe('scan --download-modules', () => {
  it('scans a downloaded registry module: its failure is reported at the module address, in the cached file', async () => {
    const report = await scan([root], { rules: ALL_RULES, env, cwd: root, downloadModules: { insecureLoopbackHttp: true } });
    const failure = report.findings.find((f) => f.ruleId === 'TG-NET-002' && f.status === 'fail');
    expect(failure).toMatchObject({ resource: 'module.vpc.aws_security_group.x', startLine: 8 }); // the cidr_blocks line
    const file = path.resolve(root, failure!.file!);
    const cacheDir = path.join(base, 'xdg-cache', 'tomguard', 'modules');
    expect(file.startsWith(cacheDir + path.sep)).toBe(true);
    expect(path.basename(file)).toBe('main.tf');
    expect(fs.readFileSync(file, 'utf8')).toContain('# 1.4.0'); // "~> 1.0": the newest 1.x
    // Modules inside the downloaded one resolve too: its local submodule and a remote module it calls.
    const resources = new Set(report.findings.map((f) => f.resource));
    expect(resources).toContain('module.vpc.module.sub.aws_s3_bucket.logs');
    expect(resources).toContain('module.vpc.module.tags.aws_s3_bucket.tagged');
    expect(report.errors.filter((e) => e.severity !== 'warning')).toEqual([]);
  });

  it('keeps relative module paths and file() reads inside the downloaded package', async () => {
    const input = await loadInput(root, { env, cwd: root, downloadModules: { insecureLoopbackHttp: true } });
    expect(input.graph.node('module.vpc.module.escape')!.meta).toMatchObject({
      resolved: false,
      unresolvedReason: 'local module path "../../../../../../etc" leads outside its downloaded package',
    });
    expect(input.graph.node('module.vpc.x_file.own')!.attr('content').value).toBe('{"Version":"2012-10-17"}');
    expect(input.graph.node('module.vpc.x_file.outside')!.attr('content').value).toMatchObject({ reason: expect.stringMatching(/refusing to read .* outside the scanned repository/) });
  });

  it('without the option, opens no connection and says how to get the module', async () => {
    const before = server.requests.length;
    const input = await loadInput(root, { env, cwd: root });
    const hint = `remote module "${server.host}/acme/net/aws" is not on disk: run "terraform init -backend=false" in . or scan with --download-modules`;
    expect(input.graph.node('module.vpc')!.meta).toMatchObject({ resolved: false, unresolvedReason: hint });
    expect(input.graph.node('x_thing.r')!.attr('v').value).toMatchObject({ source: 'module.vpc.id', reason: hint });
    const report = await scan([root], { rules: ALL_RULES, env, cwd: root });
    expect(report.findings.filter((f) => f.resource?.startsWith('module.vpc.'))).toEqual([]);
    expect(server.requests.length).toBe(before);
  });
});
