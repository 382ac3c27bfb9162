import * as fs from 'node:fs';
import * as path from 'node:path';
import { fetchModule } from '../../src/modules/download';
import { runCli } from '../helpers/cli';
import { writeTree } from '../helpers/tmp-tree';
import { TestServer, tgz } from './fixtures';

/**
 * The command line cannot reach a plain-http test registry (https only), so the cache is filled first
 * through the test-only switch; the CLI then finds the exact pin there without any request.
 */
const SG = 'resource "aws_security_group" "x" {\n  ingress {\n    from_port   = 22\n    to_port     = 22\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n';

let source: string;
let env: Record<string, string>;

beforeAll(async () => {
  const server = await TestServer.start();
  server.registry('acme/net/aws', { '1.0.0': tgz([{ name: 'main.tf', content: SG }]) });
  source = `${server.host}/acme/net/aws`;
  env = { XDG_CACHE_HOME: path.join(writeTree({}), 'cache') };
  const filled = await fetchModule(source, '1.0.0', { env, insecureLoopbackHttp: true });
  expect(filled).toHaveProperty('dir');
  await server.close();
});

const rootFiles = () => ({ 'main.tf': `module "vpc" {\n  source  = "${source}"\n  version = "1.0.0"\n}\n` });
const moduleFailures = (out: string) =>
  (JSON.parse(out) as { findings: Array<{ ruleId: string; status: string; resource?: string }> }).findings
    .filter((f) => f.status === 'fail' && f.resource?.startsWith('module.vpc.'))
    .map((f) => `${f.ruleId} ${f.resource}`);

describe('tomguard scan --download-modules', () => {
  it('scans the module from the cache when given, and not at all without it', async () => {
    const root = writeTree(rootFiles());
    const on = await runCli(['scan', '--download-modules', '--format', 'json', '.'], root, { env });
    expect(moduleFailures(on.out)).toEqual(['TG-NET-002 module.vpc.aws_security_group.x']);
    expect(on.code).toBe(1);
    const off = await runCli(['scan', '--format', 'json', '.'], root, { env });
    expect(moduleFailures(off.out)).toEqual([]);
  });

  it('can be set in .tomguard.yml, and turned off again on the command line', async () => {
    const root = writeTree({ ...rootFiles(), '.tomguard.yml': 'download-modules: true\nformat: json\n' });
    expect(moduleFailures((await runCli(['scan', '.'], root, { env })).out)).toEqual(['TG-NET-002 module.vpc.aws_security_group.x']);
    expect(moduleFailures((await runCli(['scan', '--no-download-modules', '.'], root, { env })).out)).toEqual([]);
    expect(fs.existsSync(path.join(root, '.terraform'))).toBe(false); // nothing is written into the scanned tree
  });
});
