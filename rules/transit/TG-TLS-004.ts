import { ACCEPTED_TLS_POLICIES } from '../../src/rules/parameters';
import { REST_DOMAIN_TYPES, SecurityPolicy, V2_DOMAIN_TYPES, V2DomainName } from '../../src/providers/aws/apigateway/model';
import { Tri } from '../../src/providers/val';
import { combineParts, formatMessage, whereWritten } from '../../src/rules/context';
import { ResultPart, Rule, RuleContext } from '../../src/rules/types';

const MESSAGES = {
  pass: '{{value}}, which {{accepts}}',
  fail: '{{value}}, which accepts {{min}}: TLS_1_2 or a newer SecurityPolicy_TLS13_* policy is required',
  unknown: '{{value}}: not known statically',
  unknownName: "{{value}} is not a known API Gateway security policy (list it in the profile's accepted_tls_policies if it only allows TLS 1.2 or newer)",
  noConfiguration: '{{missing}}; the security policy is not known',
  parts: '{{parts}}',
};

/** Whether the policy accepts TLS 1.2 or newer only (a name the profile accepts does), and the words saying so. */
function judge(policy: SecurityPolicy, accepted: readonly string[]): { answer: Tri; id: keyof typeof MESSAGES; data: Record<string, string> } {
  const { name, minVersion: min } = policy;
  const data = { value: name.describe(), min: min ?? '', accepts: min ? `accepts ${min} or newer only` : 'the profile accepts (accepted_tls_policies)' };
  if (!name.known) return { answer: 'unknown', id: 'unknown', data };
  if (accepted.includes(name.value!)) return { answer: true, id: 'pass', data };
  if (policy.tls12Plus === undefined) return { answer: 'unknown', id: 'unknownName', data };
  return { answer: policy.tls12Plus, id: policy.tls12Plus ? 'pass' : 'fail', data };
}

const statusOf = (answer: Tri) => (answer === 'unknown' ? 'unknown' : answer ? 'pass' : 'fail');

function v2Result({ report, params }: RuleContext, domain: V2DomainName) {
  const configs = domain.configurations;
  if (configs.length === 0) return report('unknown', domain, 'noConfiguration', { missing: domain.missingConfiguration ?? '' });
  const parts = configs.map(({ path, block, securityPolicy, missingPolicy }): ResultPart => {
    const name = configs.length > 1 ? path.replace(/\.(\d+)$/, '[$1]') : 'domain_name_configuration';
    if (!block.known) return { name, status: 'unknown', message: `domain_name_configuration is not known statically: ${block.reason}`, attribute: path };
    if (missingPolicy) return { name, status: 'unknown', message: `${configs.length > 1 ? `${name}: ` : ''}${missingPolicy}`, attribute: path };
    const { answer, id, data } = judge(securityPolicy, ACCEPTED_TLS_POLICIES.of(params));
    const message = formatMessage(MESSAGES[id], data, 'TG-TLS-004');
    return { name, status: statusOf(answer), message: `${name}.${message}`, attribute: securityPolicy.name.path };
  });
  if (parts.length === 1) return report(parts[0].status, domain, 'parts', { parts: parts[0].message }, parts[0].attribute);
  const { status, deciding } = combineParts(parts);
  return report(status, domain, 'parts', { parts: deciding.map((p) => p.message).join('; ') }, status === 'pass' ? undefined : deciding[0].attribute, parts);
}

export const rule: Rule = {
  meta: {
    id: 'TG-TLS-004',
    title: 'API Gateway custom domain names only accept TLS 1.2 or newer',
    claim: 'transit-tls12',
    severity: 'medium',
    parameters: [ACCEPTED_TLS_POLICIES],
    fix: 'set security_policy = "TLS_1_2" (or a SecurityPolicy_TLS13_* policy)',
    appliesTo: [...REST_DOMAIN_TYPES, ...V2_DOMAIN_TYPES],
    messages: MESSAGES,
  },

  check(ctx) {
    const { aws, report, params } = ctx;
    return [
      ...aws.apigateway.restDomainNames.map((domain) => {
        const policy = domain.securityPolicy;
        const { answer, id, data } = judge(policy, ACCEPTED_TLS_POLICIES.of(params));
        return report(statusOf(answer), domain, id, data, whereWritten(policy.name));
      }),
      ...aws.apigateway.v2DomainNames.map((domain) => v2Result(ctx, domain)),
    ];
  },
};
