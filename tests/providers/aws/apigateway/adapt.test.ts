import { loadModels } from '../../../helpers/models';

async function modelsOf(files: Record<string, string>) {
  return loadModels(files);
}

describe('adaptApiGateway', () => {
  it('REST domain names: TLS_1_0 when omitted, the policy table read once', async () => {
    const { restDomainNames } = (await modelsOf({
      'main.tf': 'resource "aws_api_gateway_domain_name" "a" {\n  domain_name = "a"\n}\nresource "aws_api_gateway_domain_name" "b" {\n  domain_name     = "b"\n  security_policy = "TLS_1_2"\n}\n',
    })).apigateway;
    expect(restDomainNames.map(({ securityPolicy: p }) => [p.name.value, p.name.isDefault, p.minVersion, p.tls12Plus, p.name.location?.startLine, p.name.location?.startColumn])).toEqual([
      ['TLS_1_0', true, 'TLS 1.0', false, 1, 1],
      ['TLS_1_2', false, 'TLS 1.2', true, 6, 3],
    ]);
  });

  it('v2 domain names: one configuration per block; a block without the required policy says so', async () => {
    const { v2DomainNames } = (await modelsOf({
      'main.tf': [
        'resource "aws_apigatewayv2_domain_name" "d" {',
        '  domain_name = "d"',
        '  domain_name_configuration {',
        '    security_policy = "TLS_1_2"',
        '  }',
        '  domain_name_configuration {',
        '    endpoint_type = "REGIONAL"',
        '  }',
        '}',
        'resource "aws_apigatewayv2_domain_name" "bare" {',
        '  domain_name = "bare"',
        '}',
        '',
      ].join('\n'),
    })).apigateway;
    const [d, bare] = v2DomainNames;
    expect(d.configurations.map((c) => [c.path, c.securityPolicy.name.value, c.securityPolicy.name.location?.startLine, c.securityPolicy.name.location?.startColumn, c.missingPolicy])).toEqual([
      ['domain_name_configuration.0', 'TLS_1_2', 4, 5, undefined],
      ['domain_name_configuration.1', undefined, 6, 3, 'domain_name_configuration.security_policy is required by the provider and is not set: the configuration is not valid Terraform'],
    ]);
    expect(bare.missingConfiguration).toBe('domain_name_configuration is required by the provider and is not set: the configuration is not valid Terraform');
  });
});
