import { at, loadModels as modelsOf } from '../../../helpers/models';

describe('opensearch adapter', () => {
  it.each([
    ['aws_opensearch_domain', true],
    ['aws_elasticsearch_domain', false],
  ])('%s: endpoint options, policy facts and encryption', async (type, hasSoftwareUpdate) => {
    const tf = `resource "${type}" "d" {\n  encrypt_at_rest {\n    enabled = true\n  }\n  domain_endpoint_options {\n    enforce_https       = false\n    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"\n  }\n}\n`;
    const [domain] = (await modelsOf({ 'main.tf': tf })).opensearch.domains;
    expect(domain.encryptAtRest.leaf.value).toBe(true);
    expect(domain.encryptAtRest.leaf.describe()).toBe('encrypt_at_rest.enabled = true');
    expect(domain.encryptAtRest.at).toBe('encrypt_at_rest.0.enabled');
    expect(at(domain.encryptAtRest.leaf)).toBe('3:5');
    expect(domain.endpoint?.path).toBe('domain_endpoint_options.0');
    expect(domain.endpoint?.enforceHttps.value).toBe(false);
    expect(at(domain.endpoint?.enforceHttps)).toBe('6:5');
    expect(domain.tlsPolicy.value).toBe('Policy-Min-TLS-1-2-2019-07');
    expect(at(domain.tlsPolicy)).toBe('7:5');
    expect(domain.tlsPolicyFacts).toEqual({ minimum: 'TLS 1.2', tls12Plus: true });
    expect(domain.softwareUpdate !== undefined).toBe(hasSoftwareUpdate);
  });

  it('omitted endpoint options: the AWS default policy, worded as such', async () => {
    const [domain] = (await modelsOf({ 'main.tf': 'resource "aws_opensearch_domain" "d" {\n  domain_name = "d"\n}\n' })).opensearch.domains;
    expect(domain.endpoint).toBeUndefined();
    expect(domain.tlsPolicy).toMatchObject({ present: false, value: 'Policy-Min-TLS-1-0-2019-07' });
    expect(domain.tlsPolicy.describe()).toBe('tls_security_policy is not set: AWS applies "Policy-Min-TLS-1-0-2019-07"');
    expect(domain.tlsPolicyFacts).toEqual({ minimum: 'TLS 1.0', tls12Plus: false });
    expect(domain.encryptAtRest).toMatchObject({ at: undefined, name: 'encrypt_at_rest.enabled' });
    expect(domain.softwareUpdate?.leaf).toMatchObject({ value: false, isDefault: true });
  });
});
