import { ACCEPTED_TLS_POLICIES } from '../../src/rules/parameters';
import { ResultPart, Rule } from '../../src/rules/types';
import { DOMAIN_TYPES, Domain } from '../../src/providers/aws/opensearch/model';

function part(name: string, status: ResultPart['status'], message: string, attribute?: string): ResultPart {
  return { name, status, message, attribute };
}

function enforceHttpsPart(domain: Domain, block: string): ResultPart {
  const https = domain.endpoint!.enforceHttps;
  const value = https.describe();
  const attribute = https.present ? https.path : block;
  if (https.value === true) return part('enforce_https', 'pass', value, attribute);
  if (https.value === false) return part('enforce_https', 'fail', `${value}: the domain endpoint accepts plain HTTP`, attribute);
  return part('enforce_https', 'unknown', https.mistyped ? `${value} is not a boolean` : `${value}: not known statically`, https.path);
}

function tlsPolicyPart(domain: Domain, block: string | undefined, acceptedTlsPolicies: readonly string[]): ResultPart {
  const policy = domain.tlsPolicy;
  const value = policy.describe();
  const attribute = policy.present ? policy.path : block;
  if (policy.mistyped) return part('tls_security_policy', 'unknown', `${value} is not a policy name`, attribute);
  if (policy.value === undefined) return part('tls_security_policy', 'unknown', `${value}: not known statically`, policy.path);
  const facts = domain.tlsPolicyFacts;
  if (acceptedTlsPolicies.includes(policy.value) || facts?.tls12Plus) {
    const which = facts ? `accepts ${facts.minimum} or newer only` : 'the profile accepts (accepted_tls_policies)';
    return part('tls_security_policy', 'pass', `${value}, which ${which}`, attribute);
  }
  if (facts) return part('tls_security_policy', 'fail', `${value}, which accepts ${facts.minimum}: Policy-Min-TLS-1-2-2019-07 or newer is required`, attribute);
  const unknownPolicy = "which is not a known OpenSearch TLS security policy (list it in the profile's accepted_tls_policies if it only allows TLS 1.2 or newer)";
  return part('tls_security_policy', 'unknown', `${value}, ${unknownPolicy}`, attribute);
}

export const rule: Rule = {
  meta: {
    id: 'TG-TLS-007',
    title: 'OpenSearch domains require HTTPS with TLS 1.2 or newer',
    claim: 'transit-tls12',
    severity: 'medium',
    parameters: [ACCEPTED_TLS_POLICIES],
    fix: 'set domain_endpoint_options { enforce_https = true, tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10" }',
    appliesTo: DOMAIN_TYPES,
  },

  check({ aws, params, combine }) {
    return aws.opensearch.domains.map((domain) => {
      const endpoint = domain.endpoint;
      if (!endpoint) {
        const notEnforced = 'domain_endpoint_options is not set: HTTPS is not enforced (enforce_https = true only applies when the block is written)';
        return combine(domain, [part('enforce_https', 'fail', notEnforced), tlsPolicyPart(domain, undefined, ACCEPTED_TLS_POLICIES.of(params))], '');
      }
      if (endpoint.unknownReason !== undefined) {
        const message = `domain_endpoint_options is not known statically: ${endpoint.unknownReason}`;
        return combine(domain, [part('domain_endpoint_options', 'unknown', message, 'domain_endpoint_options')], '');
      }
      const parts = [enforceHttpsPart(domain, endpoint.path), tlsPolicyPart(domain, endpoint.path, ACCEPTED_TLS_POLICIES.of(params))];
      return combine(domain, parts, parts.map((p) => p.message).join('; '));
    });
  },
};
