import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { CliIo } from '../../src/cli/io';
import { writeTree } from '../helpers/tmp-tree';

function captureIo(cwd: string): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    cwd,
    env: {},
    isTTY: false,
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
  };
  return io;
}

describe('tomguard graph', () => {
  const root = writeTree({
    'main.tf': 'variable "public" { default = false }\nresource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\nresource "aws_subnet" "a" {\n  vpc_id = aws_vpc.main.id\n  map_public_ip_on_launch = var.public\n}\n',
    'broken.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = \n}\n',
  });

  it('prints nodes, attributes with unknowns marked, edges and errors as JSON, exit 2 on a parse error', async () => {
    const io = captureIo(root);
    const code = await main(['graph', '.', '--format', 'json'], io);
    expect(code).toBe(2);
    const doc = JSON.parse(io.out);
    expect(doc.nodes.map((n: { address: string }) => n.address)).toEqual(['aws_vpc.main', 'aws_subnet.a']);
    const subnet = doc.nodes[1];
    expect(subnet).toMatchObject({ file: 'main.tf', startLine: 5, endLine: 8, kind: 'resource', type: 'aws_subnet' });
    expect(subnet.attributes).toEqual({
      vpc_id: { unknown: true, source: 'aws_vpc.main.id', reason: 'known after apply' },
      map_public_ip_on_launch: false,
    });
    expect(subnet.attributeLines).toEqual({ vpc_id: [6, 6], map_public_ip_on_launch: [7, 7] });
    expect(doc.edges).toEqual([{ from: 'aws_subnet.a', fromPath: 'vpc_id', to: 'aws_vpc.main', toPath: 'id' }]);
    expect(doc.errors).toEqual([
      { file: 'broken.tf', line: 2, column: 12, message: expect.stringContaining('Invalid expression'), severity: 'error' },
    ]);
  });

  it('applies --var and writes text to --output', async () => {
    const io = captureIo(root);
    const code = await main(['graph', root, '--format', 'text', '--var', 'public=true', '--output', 'out/graph.txt'], io);
    expect(code).toBe(2);
    const text = fs.readFileSync(path.join(root, 'out/graph.txt'), 'utf8');
    expect(text).toContain('aws_subnet.a (resource aws_subnet) main.tf:5-8');
    expect(text).toContain('  vpc_id -> aws_vpc.main.id');
    expect(io.err).toContain('broken.tf:2:12: error:');
  });

  it('rejects a bad --var with exit code 2 and a one-line message', async () => {
    const io = captureIo(root);
    expect(await main(['graph', '.', '--var', 'novalue'], io)).toBe(2);
    expect(io.err).toBe('tomguard: --var needs NAME=VALUE, got "novalue".\nRun "tomguard --help" for usage.\n');
  });

  it('reports a missing path as an error with exit code 2', async () => {
    const io = captureIo(root);
    expect(await main(['graph', 'nope', '--format', 'json'], io)).toBe(2);
    expect(JSON.parse(io.out).errors).toEqual([{ file: 'nope', message: 'Cannot read nope: no such file or directory.', severity: 'error' }]);
  });
});
