import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DownloadOptions, fetchModule } from '../../src/modules/download';
import { TestServer, listTree, tgz, zipArchive } from './fixtures';

const MAIN_TF = (v: string) => `# version ${v}\nresource "aws_s3_bucket" "b" {}\n`;
const pkg = (v: string) => tgz([{ name: 'main.tf', content: MAIN_TF(v) }]);

let server: TestServer;
let base: string;
let options: DownloadOptions;

beforeEach(async () => {
  server = await TestServer.start();
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'tomguard-dl-'));
  options = { env: { XDG_CACHE_HOME: path.join(base, 'cache') }, insecureLoopbackHttp: true };
});

afterEach(async () => {
  await server.close();
  fs.rmSync(base, { recursive: true, force: true });
});

const cacheDir = () => path.join(base, 'cache', 'tomguard', 'modules');
const read = (r: Awaited<ReturnType<typeof fetchModule>>, file = 'main.tf') => {
  if ('reason' in r) throw new Error(r.reason);
  return fs.readFileSync(path.join(r.dir, file), 'utf8');
};

describe('registry modules', () => {
  it('discovers the registry, picks the newest matching version and extracts it into the cache', async () => {
    server.registry('acme/net/aws', { '1.0.0': pkg('1.0.0'), '1.2.0': pkg('1.2.0'), '1.3.0-beta': pkg('1.3.0-beta'), '2.0.0': pkg('2.0.0') });
    const result = await fetchModule(`${server.host}/acme/net/aws`, '~> 1.0', options);
    expect(read(result)).toBe(MAIN_TF('1.2.0'));
    expect('dir' in result && result.dir.startsWith(cacheDir() + path.sep)).toBe(true);
    expect(server.paths()).toEqual([
      '/.well-known/terraform.json',
      '/v1/modules/acme/net/aws/versions',
      '/v1/modules/acme/net/aws/1.2.0/download',
      '/archives/acme-net-aws-1.2.0.tar.gz',
    ]);
    // Metadata beside the package says what it is.
    const meta = JSON.parse(fs.readFileSync(`${(result as { packageDir: string }).packageDir}.json`, 'utf8'));
    expect(meta).toMatchObject({ kind: 'registry', address: `${server.host}/acme/net/aws`, version: '1.2.0', location: `${server.url}/archives/acme-net-aws-1.2.0.tar.gz` });
  });

  it('reads the location from a JSON body when there is no X-Terraform-Get header', async () => {
    server.registry('acme/net/aws', { '1.0.0': pkg('1.0.0') }, { jsonBody: true });
    expect(read(await fetchModule(`${server.host}/acme/net/aws`, undefined, options))).toBe(MAIN_TF('1.0.0'));
  });

  it('resolves a //subdir inside the package', async () => {
    server.registry('acme/net/aws', { '1.0.0': tgz([{ name: 'main.tf', content: 'root' }, { name: 'modules/sg/main.tf', content: 'sg' }]) });
    const result = await fetchModule(`${server.host}/acme/net/aws//modules/sg`, '1.0.0', options);
    expect(read(result)).toBe('sg');
    expect('dir' in result && path.relative(result.packageDir, result.dir)).toBe(path.join('modules', 'sg'));
    const missing = await fetchModule(`${server.host}/acme/net/aws//modules/none`, '1.0.0', options);
    expect(missing).toEqual({ reason: `could not download module "${server.host}/acme/net/aws//modules/none": the package has no directory "modules/none"` });
  });

  it('sends TF_TOKEN_<host> as a Bearer token to the registry host only, not after a redirect to another host', async () => {
    const registryHost = `localhost:${server.port}`;
    server.registry('acme/net/aws', { '1.0.0': pkg('1.0.0') }, { archiveHost: server.host });
    // The versions list moves to another host: the token must not follow it there.
    const versions = '/v1/modules/acme/net/aws/versions';
    server.route('/moved/versions', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ modules: [{ versions: [{ version: '1.0.0' }] }] }) });
    server.route(versions, { status: 302, headers: { location: `${server.url}/moved/versions` } });
    const result = await fetchModule(`${registryHost}/acme/net/aws`, undefined, { ...options, env: { ...options.env, TF_TOKEN_localhost: 's3cret' } });
    expect(read(result)).toBe(MAIN_TF('1.0.0'));
    expect(server.requests.map((r) => [r.host.replace(String(server.port), 'PORT'), r.path, r.authorization])).toEqual([
      ['localhost:PORT', '/.well-known/terraform.json', 'Bearer s3cret'],
      ['localhost:PORT', versions, 'Bearer s3cret'],
      ['127.0.0.1:PORT', '/moved/versions', undefined],
      ['localhost:PORT', '/v1/modules/acme/net/aws/1.0.0/download', 'Bearer s3cret'],
      ['127.0.0.1:PORT', '/archives/acme-net-aws-1.0.0.tar.gz', undefined],
    ]);
  });

  it('reuses the cache with the server stopped: an exact pin silently, a range with a warning', async () => {
    server.registry('acme/net/aws', { '1.0.0': pkg('1.0.0'), '1.1.0': pkg('1.1.0') });
    const source = `${server.host}/acme/net/aws`;
    const first = await fetchModule(source, '~> 1.0', options);
    expect(read(first)).toBe(MAIN_TF('1.1.0'));
    await server.close();

    const pinned = await fetchModule(source, '1.1.0', options);
    expect(pinned).toEqual({ dir: (first as { dir: string }).dir, packageDir: (first as { dir: string }).dir });
    const ranged = await fetchModule(source, '~> 1.0', options);
    expect(read(ranged)).toBe(MAIN_TF('1.1.0'));
    // (A connection kept alive from the first fetch may report "closed" rather than "refused".)
    const down = `connection to ${server.host} (refused|was closed)`;
    expect('warning' in ranged && ranged.warning).toMatch(new RegExp(`^could not list the versions of ${source} \\(${down}\\); scanned the cached version 1\\.1\\.0$`));
    // Nothing cached satisfies this one, so the network error is the reason.
    expect(await fetchModule(source, '~> 2.0', options)).toMatchObject({ reason: expect.stringMatching(new RegExp(`^could not download module "${source}": ${down}$`)) });
  });

  it('gives a reason for a 404, for no matching version and for an unreachable host', async () => {
    server.registry('acme/net/aws', { '1.0.0': pkg('1.0.0') });
    expect(await fetchModule(`${server.host}/acme/nope/aws`, undefined, options)).toEqual({
      reason: `could not download module "${server.host}/acme/nope/aws": the versions list ${server.url}/v1/modules/acme/nope/aws/versions answered HTTP 404`,
    });
    expect(await fetchModule(`${server.host}/acme/net/aws`, '>= 2.0', options)).toEqual({
      reason: `could not download module "${server.host}/acme/net/aws": no version matches ">= 2.0" (available: 1.0.0)`,
    });
    const noRegistry = await TestServer.start();
    await noRegistry.close();
    expect(await fetchModule(`${noRegistry.host}/a/b/c`, undefined, options)).toEqual({ reason: `could not download module "${noRegistry.host}/a/b/c": connection to ${noRegistry.host} refused` });
  });

  it('times out a registry that does not answer', async () => {
    server.route('/.well-known/terraform.json', () => undefined); // never answers
    const result = await fetchModule(`${server.host}/acme/net/aws`, undefined, { ...options, timeoutMs: 200 });
    expect(result).toEqual({ reason: `could not download module "${server.host}/acme/net/aws": no answer from ${server.host} within 200 ms` });
  });

  it('uses https only, unless the test-only loopback switch is on', async () => {
    server.registry('acme/net/aws', { '1.0.0': pkg('1.0.0') });
    expect(await fetchModule(`${server.url}/archives/acme-net-aws-1.0.0.tar.gz`, undefined, { env: options.env })).toEqual({
      reason: `could not download module "${server.url}/archives/acme-net-aws-1.0.0.tar.gz": refusing plain http for ${server.host} (only https is downloaded)`,
    });
    expect(server.requests).toEqual([]);
  });
});

describe('archives', () => {
  it('downloads an archive source once; later fetches use the cache', async () => {
    server.route('/m/net.zip', { body: zipArchive([{ name: 'net/', type: 'dir' }, { name: 'net/main.tf', content: 'zip' }, { name: 'net/link', type: 'symlink', link: '/etc/passwd' }]) });
    const source = `${server.url}/m/net.zip//net`;
    const result = await fetchModule(source, undefined, options);
    expect(read(result)).toBe('zip');
    expect(listTree((result as { packageDir: string }).packageDir)).toEqual(['net', 'net/main.tf']); // the symlink is skipped
    await server.close();
    expect(read(await fetchModule(source, undefined, options))).toBe('zip');
  });

  it('refuses an archive with a ../ entry and writes nothing outside (nor anything at all to the cache)', async () => {
    const evil = tgz([{ name: 'main.tf', content: 'ok' }, { name: '../evil', content: 'pwned' }, { name: 'z.tf', content: 'late' }]);
    server.registry('acme/net/aws', { '1.0.0': evil });
    const result = await fetchModule(`${server.host}/acme/net/aws`, undefined, options);
    expect(result).toEqual({ reason: `could not download module "${server.host}/acme/net/aws": archive entry "../evil" points outside the extraction directory; refusing the archive` });
    expect(listTree(base).filter((p) => p.includes('evil'))).toEqual([]);
    expect(fs.readdirSync(cacheDir())).toEqual([]); // the temporary directory is gone too
  });

  it.each([
    ['an absolute path', tgz([{ name: '/etc/evil', content: 'x' }]), 'archive entry "/etc/evil" has an absolute path; refusing the archive'],
    ['a zip with ../', zipArchive([{ name: '../evil', content: 'x' }]), 'not a valid zip archive (invalid relative path: ../evil)'],
    ['not a gzip file', Buffer.from('<html>nope</html>'), 'the download is not a gzip file'],
  ])('refuses %s', async (_name, body, reason) => {
    const file = body[0] === 0x50 ? 'x.zip' : 'x.tgz';
    server.route(`/${file}`, { body });
    expect(await fetchModule(`${server.url}/${file}`, undefined, options)).toEqual({ reason: `could not download module "${server.url}/${file}": ${reason}` });
    expect(listTree(base).filter((p) => p.includes('evil'))).toEqual([]);
  });

  it('skips symlinks and hard links in a tar, and writes files without execute bits', async () => {
    server.route('/x.tgz', {
      body: tgz([
        { name: 'main.tf', content: 'a', mode: 0o755 },
        { name: 'link.tf', type: 'symlink', link: '/etc/passwd' },
        { name: 'hard.tf', type: 'hardlink', link: 'main.tf' },
      ]),
    });
    const result = await fetchModule(`${server.url}/x.tgz`, undefined, options);
    const dir = (result as { dir: string }).dir;
    expect(listTree(dir)).toEqual(['main.tf']);
    expect(fs.statSync(path.join(dir, 'main.tf')).mode & 0o111).toBe(0);
  });

  it('stops a download over the size limit, announced or not', async () => {
    const big = tgz([{ name: 'main.tf', content: 'a' }, { name: 'pad.bin', content: crypto.randomBytes(20_000) }]); // incompressible: ~21 KB
    server.route('/announced.tgz', { headers: { 'content-length': String(big.length) }, body: big });
    server.route('/chunked.tgz', (_req, res) => {
      res.writeHead(200, { 'transfer-encoding': 'chunked' });
      for (let i = 0; i < big.length; i += 1000) res.write(big.subarray(i, i + 1000));
      res.end();
    });
    const limited = { ...options, maxDownloadBytes: 4096 };
    expect(await fetchModule(`${server.url}/announced.tgz`, undefined, limited)).toEqual({
      reason: `could not download module "${server.url}/announced.tgz": the archive at ${server.host} is ${Math.ceil(big.length / 1024)} KB, more than the 4 KB limit`,
    });
    expect(await fetchModule(`${server.url}/chunked.tgz`, undefined, limited)).toEqual({
      reason: `could not download module "${server.url}/chunked.tgz": the archive at ${server.host} is more than the 4 KB limit`,
    });
  });

  it('caps the extracted size and the entry count', async () => {
    server.route('/bomb.tgz', { body: tgz([{ name: 'a.tf', content: Buffer.alloc(300_000) }]) });
    server.route('/many.tgz', { body: tgz(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.tf`, content: '' }))) });
    expect(await fetchModule(`${server.url}/bomb.tgz`, undefined, { ...options, maxExtractedBytes: 100_000 })).toEqual({
      reason: `could not download module "${server.url}/bomb.tgz": the archive extracts to more than 98 KB; refusing it`,
    });
    expect(await fetchModule(`${server.url}/many.tgz`, undefined, { ...options, maxEntries: 10 })).toEqual({
      reason: `could not download module "${server.url}/many.tgz": the archive has more than 10 entries; refusing it`,
    });
  });
});
