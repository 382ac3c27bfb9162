import { Unknown } from '../../src/eval/value';
import { GraphNode } from '../../src/graph/model';
import { RuleParameters } from '../../src/rules/parameters';
import { Setting, setting } from '../../src/rules/support/attributes';
import { combineParts, result, unknown } from '../../src/rules/support/results';
import { missingRequired } from '../../src/rules/support/required';
import { acceptsOnlyTls12Plus, minTlsVersion, showTlsVersion } from '../../src/rules/support/tls-policies';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';

export const REST_DOMAIN_TYPES = ['aws_api_gateway_domain_name'] as const;
export const V2_DOMAIN_TYPES = ['aws_apigatewayv2_domain_name'] as const;

/** What API Gateway applies to a REST API (v1) custom domain name without `security_policy`. */
export const DEFAULT_REST_SECURITY_POLICY = 'TLS_1_0';

interface Verdict {
  status: 'pass' | 'fail' | 'unknown';
  message: string;
}

/** The verdict on one security policy setting (a name from the `apigateway` table of tls-policies.json). */
function judgePolicy(policy: Setting, params: RuleParameters): Verdict {
  const name = policy.value;
  if (name instanceof Unknown) return { status: 'unknown', message: `${policy.describe}: not known statically` };
  if (typeof name !== 'string') return { status: 'unknown', message: `${policy.describe} is not a security policy name` };
  const ok = acceptsOnlyTls12Plus('apigateway', name, params.acceptedTlsPolicies);
  const min = minTlsVersion('apigateway', name);
  if (ok === true) return { status: 'pass', message: `${policy.describe}, which ${min ? `accepts ${showTlsVersion(min)} or newer only` : 'the profile accepts (acceptedTlsPolicies)'}` };
  if (ok === false) return { status: 'fail', message: `${policy.describe}, which accepts ${showTlsVersion(min!)}: TLS_1_2 or a newer SecurityPolicy_TLS13_* policy is required` };
  return {
    status: 'unknown',
    message: `${policy.describe} is not a known API Gateway security policy (list it in the profile's acceptedTlsPolicies if it only allows TLS 1.2 or newer)`,
  };
}

/** REST API (v1) domain names: `security_policy`, TLS_1_0 when omitted. */
function checkRestDomain(node: GraphNode, params: RuleParameters): RuleResult {
  const policy = setting(node, 'security_policy', DEFAULT_REST_SECURITY_POLICY);
  const v = judgePolicy(policy, params);
  return result(v.status, node, v.message, policy.read.present ? 'security_policy' : undefined);
}

/** v2 domain names: `domain_name_configuration.security_policy` (required by the provider). */
function checkV2Domain(node: GraphNode, params: RuleParameters): RuleResult {
  const blocks = node.blocks('domain_name_configuration');
  if (blocks.length === 0) {
    return unknown(node, `${missingRequired(node, 'domain_name_configuration') ?? 'domain_name_configuration is not set'}; the security policy is not known`);
  }
  const parts: ResultPart[] = blocks.map(({ path, value }) => {
    const name = blocks.length > 1 ? path.replace(/\.(\d+)$/, '[$1]') : 'domain_name_configuration';
    if (value instanceof Unknown) return { name, status: 'unknown', message: `domain_name_configuration is not known statically: ${value.describe()}`, attribute: path };
    const attribute = `${path}.security_policy`;
    const policy = setting(node, attribute);
    if (!policy.read.present) {
      const missing = missingRequired(node, attribute) ?? 'security_policy is not set';
      return { name, status: 'unknown', message: `${name === 'domain_name_configuration' ? '' : `${name}: `}${missing}`, attribute: path };
    }
    const v = judgePolicy(policy, params);
    return { name, status: v.status, message: `${name}.${v.message}`, attribute };
  });
  if (parts.length === 1) return result(parts[0].status, node, parts[0].message, parts[0].attribute);
  return combineParts(node, parts, parts.map((p) => p.message).join('; '));
}

export const rule: Rule = {
  meta: {
    id: 'TG-TLS-004',
    title: 'API Gateway custom domain names only accept TLS 1.2 or newer',
    claim: 'transit-tls12',
    severity: 'medium',
    fix: 'set security_policy = "TLS_1_2" (or a SecurityPolicy_TLS13_* policy)',
    appliesTo: [...REST_DOMAIN_TYPES, ...V2_DOMAIN_TYPES],
  },

  check({ graph, params }) {
    return [
      ...graph.resources(REST_DOMAIN_TYPES).map((node) => checkRestDomain(node, params)),
      ...graph.resources(V2_DOMAIN_TYPES).map((node) => checkV2Domain(node, params)),
    ];
  },
};
