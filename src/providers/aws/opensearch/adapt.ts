/** Builds the OpenSearch model: `aws_opensearch_domain` and its legacy alias `aws_elasticsearch_domain` alike. */
import type { AwsModels } from '..';
import { Unknown } from '../../../eval/value';
import { isTls12Plus, minTlsVersion, showTlsVersion } from '../elb/tls-policies';
import { readVal, toBoolean, toString } from '../../read';
import { readSecrets } from '../secrets';
import { readSwitch } from '../switch';
import { updateSwitch } from '../updates';
import { DEFAULT_TLS_SECURITY_POLICY, DOMAIN_TYPES, Domain, OpenSearchModel } from './model';

export const MASTER_USER_PASSWORD = 'advanced_security_options.0.master_user_options.0.master_user_password';

export function adaptOpenSearch(aws: AwsModels): OpenSearchModel {
  const { graph } = aws;
  const domains = graph.resources(DOMAIN_TYPES).map((node) => {
    const domain = new Domain(node);
    domain.encryptAtRest = readSwitch(node, 'encrypt_at_rest.0.enabled', false);
    const block = node.blocks('domain_endpoint_options')[0];
    if (block) {
      const unknownReason = block.value instanceof Unknown ? block.value.describe() : undefined;
      domain.endpoint = { path: block.path, unknownReason, enforceHttps: readVal(node, `${block.path}.enforce_https`, toBoolean, true) };
    }
    const policyPath = `${block?.path ?? 'domain_endpoint_options.0'}.tls_security_policy`;
    const policy = readVal(node, policyPath, toString, DEFAULT_TLS_SECURITY_POLICY);
    domain.tlsPolicy = policy.present ? policy : policy.describedAs(`tls_security_policy is not set: AWS applies ${JSON.stringify(DEFAULT_TLS_SECURITY_POLICY)}`);
    const minimum = policy.value === undefined ? undefined : minTlsVersion('opensearch', policy.value);
    domain.tlsPolicyFacts = minimum && { minimum: showTlsVersion(minimum), tls12Plus: isTls12Plus(minimum) };
    if (node.type === 'aws_opensearch_domain') domain.softwareUpdate = updateSwitch(node, 'software_update_options.0.auto_software_update_enabled', false);
    domain.secrets = readSecrets(graph, node, [MASTER_USER_PASSWORD]);
    return domain;
  });
  return { domains };
}
