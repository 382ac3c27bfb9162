import { Unknown } from '../../src/eval/value';
import { GraphNode } from '../../src/graph/model';
import { RuleParameters } from '../../src/rules/parameters';
import { asBoolean, setting } from '../../src/rules/support/attributes';
import { combineParts } from '../../src/rules/support/results';
import { acceptsOnlyTls12Plus, minTlsVersion, showTlsVersion } from '../../src/rules/support/tls-policies';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';

export const DOMAIN_TYPES = ['aws_opensearch_domain', 'aws_elasticsearch_domain'] as const;

/** The TLS security policy AWS applies to a domain endpoint when none is set. */
export const DEFAULT_TLS_SECURITY_POLICY = 'Policy-Min-TLS-1-0-2019-07';

function part(name: string, status: ResultPart['status'], message: string, attribute?: string): ResultPart {
  return { name, status, message, attribute };
}

function enforceHttpsPart(node: GraphNode, block: string): ResultPart {
  const path = `${block}.enforce_https`;
  const s = setting(node, path, true);
  const v = asBoolean(s.value);
  const attribute = s.read.present ? path : block;
  if (v === true) return part('enforce_https', 'pass', s.describe, attribute);
  if (v === false) return part('enforce_https', 'fail', `${s.describe}: the domain endpoint accepts plain HTTP`, attribute);
  if (v instanceof Unknown) return part('enforce_https', 'unknown', `${s.describe}: not known statically`, path);
  return part('enforce_https', 'unknown', `${s.describe} is not a boolean`, path);
}

function tlsPolicyPart(node: GraphNode, block: string | undefined, params: RuleParameters): ResultPart {
  const path = block ? `${block}.tls_security_policy` : 'domain_endpoint_options.0.tls_security_policy';
  const read = node.attr(path);
  const present = block !== undefined && read.present;
  const attribute = present ? path : block;
  const s = setting(node, path);
  const describe = present ? s.describe : `tls_security_policy is not set: AWS applies ${JSON.stringify(DEFAULT_TLS_SECURITY_POLICY)}`;
  const name = present ? read.value : DEFAULT_TLS_SECURITY_POLICY;
  if (name instanceof Unknown) return part('tls_security_policy', 'unknown', `${describe}: not known statically`, path);
  if (typeof name !== 'string') return part('tls_security_policy', 'unknown', `${describe} is not a policy name`, attribute);
  const ok = acceptsOnlyTls12Plus('opensearch', name, params.acceptedTlsPolicies);
  const min = minTlsVersion('opensearch', name);
  if (ok === true) return part('tls_security_policy', 'pass', `${describe}, which ${min ? `accepts ${showTlsVersion(min)} or newer only` : 'the profile accepts (acceptedTlsPolicies)'}`, attribute);
  if (ok === false) {
    return part('tls_security_policy', 'fail', `${describe}, which accepts ${showTlsVersion(min!)}: Policy-Min-TLS-1-2-2019-07 or newer is required`, attribute);
  }
  return part(
    'tls_security_policy',
    'unknown',
    `${describe}, which is not a known OpenSearch TLS security policy (list it in the profile's acceptedTlsPolicies if it only allows TLS 1.2 or newer)`,
    attribute,
  );
}

function checkDomain(node: GraphNode, params: RuleParameters): RuleResult {
  const blocks = node.blocks('domain_endpoint_options');
  if (blocks.length === 0) {
    const parts = [
      part('enforce_https', 'fail', 'domain_endpoint_options is not set: HTTPS is not enforced (enforce_https = true only applies when the block is written)'),
      tlsPolicyPart(node, undefined, params),
    ];
    return combineParts(node, parts, '');
  }
  const { path, value } = blocks[0];
  if (value instanceof Unknown) {
    return combineParts(node, [part('domain_endpoint_options', 'unknown', `domain_endpoint_options is not known statically: ${value.describe()}`, 'domain_endpoint_options')], '');
  }
  const parts = [enforceHttpsPart(node, path), tlsPolicyPart(node, path, params)];
  return combineParts(node, parts, parts.map((p) => p.message).join('; '));
}

export const rule: Rule = {
  meta: {
    id: 'TG-TLS-007',
    title: 'OpenSearch domains require HTTPS with TLS 1.2 or newer',
    claim: 'transit-tls12',
    severity: 'medium',
    fix: 'set domain_endpoint_options { enforce_https = true, tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10" }',
    appliesTo: DOMAIN_TYPES,
  },

  check({ graph, params }) {
    return graph.resources(DOMAIN_TYPES).map((node) => checkDomain(node, params));
  },
};
