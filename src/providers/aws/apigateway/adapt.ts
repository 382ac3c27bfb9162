/** Builds the API Gateway model: REST (v1) and v2 custom domain names with their security policies. */
import type { AwsModels } from '..';
import { GraphNode } from '../../../graph/model';
import { missingRequired } from '../../required';
import { isTls12Plus, minTlsVersion, showTlsVersion } from '../elb/tls-policies';
import { asIs, readVal, toString } from '../../read';
import { ApiGatewayModel, REST_DOMAIN_TYPES, RestDomainName, SecurityPolicy, V2_DOMAIN_TYPES, V2DomainName } from './model';

/** What API Gateway applies to a REST API (v1) custom domain name without `security_policy`. */
export const DEFAULT_REST_SECURITY_POLICY = 'TLS_1_0';

function securityPolicy(node: GraphNode, path: string, defaultValue?: string): SecurityPolicy {
  const name = readVal(node, path, toString, defaultValue);
  const min = name.value === undefined ? undefined : minTlsVersion('apigateway', name.value);
  return { name, minVersion: min && showTlsVersion(min), tls12Plus: min && isTls12Plus(min) };
}

function v2Domain(node: GraphNode): V2DomainName {
  const domain = new V2DomainName(node);
  const blocks = node.blocks('domain_name_configuration');
  if (blocks.length === 0) domain.missingConfiguration = missingRequired(node, 'domain_name_configuration') ?? 'domain_name_configuration is not set';
  domain.configurations = blocks.map(({ path }) => {
    const policy = securityPolicy(node, `${path}.security_policy`);
    const missingPolicy = policy.name.present ? undefined : (missingRequired(node, policy.name.path) ?? 'security_policy is not set');
    return { path, block: readVal(node, path, asIs), securityPolicy: policy, missingPolicy };
  });
  return domain;
}

export function adaptApiGateway(aws: AwsModels): ApiGatewayModel {
  const { graph } = aws;
  const restDomainNames = graph.resources(REST_DOMAIN_TYPES).map((node) => {
    const domain = new RestDomainName(node);
    domain.securityPolicy = securityPolicy(node, 'security_policy', DEFAULT_REST_SECURITY_POLICY);
    return domain;
  });
  return { restDomainNames, v2DomainNames: graph.resources(V2_DOMAIN_TYPES).map(v2Domain) };
}
