import { parseSource, splitSubdir } from '../../src/modules/source-address';
import { tokenForHost } from '../../src/modules/registry';

describe('parseSource', () => {
  it.each([
    ['terraform-aws-modules/vpc/aws', { kind: 'registry', host: 'registry.terraform.io', namespace: 'terraform-aws-modules', name: 'vpc', provider: 'aws' }],
    ['app.terraform.io/acme/net/aws', { kind: 'registry', host: 'app.terraform.io', namespace: 'acme', name: 'net', provider: 'aws' }],
    ['localhost:8080/ns/name/prov//modules/x', { kind: 'registry', host: 'localhost:8080', namespace: 'ns', name: 'name', provider: 'prov', subdir: 'modules/x' }],
    ['git::https://example.com/repo.git?ref=v1.2.3', { kind: 'git', url: 'https://example.com/repo.git', ref: 'v1.2.3' }],
    ['git::https://example.com/repo.git//modules/vpc?ref=v1.2.3&depth=1', { kind: 'git', url: 'https://example.com/repo.git', ref: 'v1.2.3', subdir: 'modules/vpc' }],
    ['github.com/acme/infra', { kind: 'git', url: 'https://github.com/acme/infra.git' }],
    ['github.com/acme/infra//net?ref=main', { kind: 'git', url: 'https://github.com/acme/infra.git', ref: 'main', subdir: 'net' }],
    ['https://example.com/m/vpc.zip', { kind: 'archive', url: 'https://example.com/m/vpc.zip', format: 'zip' }],
    ['https://example.com/m/vpc.tgz//sub', { kind: 'archive', url: 'https://example.com/m/vpc.tgz', format: 'tar.gz', subdir: 'sub' }],
    ['https://api.example.com/tarball/v1//*?archive=tar.gz', { kind: 'archive', url: 'https://api.example.com/tarball/v1', format: 'tar.gz', subdir: '*' }],
  ])('%s', (source, expected) => {
    expect(parseSource(source)).toEqual(expected);
  });

  it.each([
    ['git::ssh://git@example.com/repo.git', /ssh is not supported/],
    ['git@github.com:acme/infra.git', /ssh is not supported/],
    ['git::git@github.com:acme/infra.git', /ssh is not supported/],
    ['s3::https://s3.amazonaws.com/bucket/vpc.zip', /"s3::" sources are not downloaded/],
    ['https://example.com/modules/vpc', /must name an archive/],
    ['https://example.com/vpc.tar.bz2', /not supported \(only \.zip/],
    ['bitbucket.org/acme/infra', /shorthand is not supported/],
    ['git::https://example.com/repo.git?ref=--upload-pack=evil', /not a valid git ref/],
    ['git::https://example.com/repo.git//../../etc', /points outside the module package/],
    ['github.com/acme', /github\.com\/ORG\/REPO/],
    ['not a source', /not a module registry address/],
  ])('refuses %s', (source, reason) => {
    const parsed = parseSource(source);
    expect(parsed.kind).toBe('unsupported');
    expect('reason' in parsed && parsed.reason).toMatch(reason);
  });

  it('splits the subdirectory before the query only', () => {
    expect(splitSubdir('git::https://h/r.git//a/b?ref=x')).toEqual({ base: 'git::https://h/r.git?ref=x', subdir: 'a/b' });
    expect(splitSubdir('https://h/x.zip')).toEqual({ base: 'https://h/x.zip' });
  });
});

describe('TF_TOKEN_<host>', () => {
  it('decodes the host as Terraform does: "_" is ".", "__" is "-", case-insensitive, any port', () => {
    const env = { TF_TOKEN_app_terraform_io: 'a', TF_TOKEN_my__registry_example_com: 'b', TF_TOKEN_LOCALHOST: 'c', TF_TOKENX: 'no' };
    expect(tokenForHost(env, 'app.terraform.io')).toBe('a');
    expect(tokenForHost(env, 'my-registry.example.com')).toBe('b');
    expect(tokenForHost(env, 'localhost:8080')).toBe('c');
    expect(tokenForHost(env, 'registry.terraform.io')).toBeUndefined();
  });
});
