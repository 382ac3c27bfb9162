import { ACCEPTED_TLS_POLICIES } from '../../src/rules/parameters';
import { CustomOriginConfig, DISTRIBUTION_TYPES, Origin } from '../../src/providers/aws/cloudfront/model';
import { acceptsOnlyTls12Plus, minTlsVersion, showTlsVersion } from '../../src/providers/aws/elb/tls-policies';
import { ResultPart, Rule, RuleContext as Ctx } from '../../src/rules/types';

const PLAIN_HTTP: Readonly<Record<string, string>> = {
  'match-viewer': 'uses plain HTTP towards the origin whenever the viewer does',
  'http-only': 'uses plain HTTP towards the origin',
};

/** `origin_protocol_policy`: only `https-only` keeps CloudFront from talking plain HTTP to the origin. */
function protocolPolicyPart(ctx: Ctx, name: string, c: CustomOriginConfig): ResultPart {
  const policy = c.protocolPolicy;
  const part = `${name} origin_protocol_policy`;
  const data = { name, value: policy.describe() };
  if (!policy.present) return ctx.part('fail', part, 'noProtocolPolicy', data, c.path);
  if (!policy.known) return ctx.part('unknown', part, 'notKnown', data, policy);
  if (policy.is('https-only') === true) return ctx.part('pass', part, 'setting', data, policy);
  return ctx.part('fail', part, 'plainHttp', { ...data, why: PLAIN_HTTP[policy.value ?? ''] ?? 'is not "https-only"' }, policy);
}

/** `origin_ssl_protocols`: every protocol CloudFront may use towards the origin must be TLS 1.2 or newer. */
function sslProtocolsPart(ctx: Ctx, name: string, c: CustomOriginConfig): ResultPart {
  const list = c.sslProtocols;
  const part = `${name} origin_ssl_protocols`;
  const data = { name, value: list.describe() };
  if (!list.present) return ctx.part('fail', part, 'noSslProtocols', data, c.path);
  if (!list.known) return ctx.part('unknown', part, 'notKnown', data, list);
  if (c.protocols.length === 0) return ctx.part('fail', part, 'emptyProtocols', data, list);
  const weak: string[] = [];
  const unknown: string[] = [];
  for (const p of c.protocols) {
    if ('unknown' in p) {
      unknown.push(p.unknown);
      continue;
    }
    const ok = acceptsOnlyTls12Plus('cloudfront_origin', p.name, ACCEPTED_TLS_POLICIES.of(ctx.params));
    const min = minTlsVersion('cloudfront_origin', p.name);
    if (ok === false && min) weak.push(showTlsVersion(min) === p.name ? JSON.stringify(p.name) : `${JSON.stringify(p.name)} (${showTlsVersion(min)})`);
    else if (ok !== true) unknown.push(`${JSON.stringify(p.name)} is not a known origin protocol`);
  }
  if (weak.length > 0) return ctx.part('fail', part, 'weakProtocols', { ...data, weak: weak.join(', ') }, list);
  if (unknown.length > 0) return ctx.part('unknown', part, 'unknownProtocols', { ...data, items: unknown.join('; ') }, list);
  return ctx.part('pass', part, 'setting', data, list);
}

function originParts(ctx: Ctx, o: Origin): ResultPart[] {
  if (o.unknown) return [ctx.part('unknown', o.path, 'originsUnknown', { reason: o.unknown }, 'origin')];
  const name = o.label;
  if (o.customOriginConfigs.length === 0) {
    return [ctx.part('pass', name, 'notCustom', { name, kind: o.vpcOrigin ? 'a VPC origin (vpc_origin_config)' : 'an S3 or other AWS origin' }, o.path)];
  }
  return o.customOriginConfigs.flatMap((c) =>
    c.unknown ? [ctx.part('unknown', name, 'configUnknown', { name, reason: c.unknown }, c.path)] : [protocolPolicyPart(ctx, name, c), sslProtocolsPart(ctx, name, c)],
  );
}

export const rule: Rule = {
  meta: {
    id: 'TG-TLS-003',
    title: 'CloudFront connects to custom origins with HTTPS and TLS 1.2 only',
    claim: 'transit-tls12',
    severity: 'high',
    parameters: [ACCEPTED_TLS_POLICIES],
    fix: 'set origin_protocol_policy = "https-only" and origin_ssl_protocols = ["TLSv1.2"] on every custom origin',
    appliesTo: DISTRIBUTION_TYPES,
    messages: {
      noOrigins: '{{reason}}; the origins are not known',
      originsUnknown: 'origin blocks are not known statically: {{reason}}',
      notCustom: '{{name}} has no custom_origin_config: {{kind}}',
      configUnknown: '{{name}}: custom_origin_config is not known statically: {{reason}}',
      setting: '{{name}}: {{value}}',
      notKnown: '{{name}}: {{value}}: not known statically',
      noProtocolPolicy: '{{name}}: custom_origin_config has no origin_protocol_policy (the provider requires one): HTTPS to the origin is not enforced',
      plainHttp: '{{name}}: {{value}} {{why}}',
      noSslProtocols: '{{name}}: custom_origin_config has no origin_ssl_protocols (the provider requires them): the protocols towards the origin are not limited to TLS 1.2',
      emptyProtocols: '{{name}}: {{value}} is empty (the provider requires at least one protocol)',
      weakProtocols: '{{name}}: {{value}} allows {{weak}} towards the origin: only TLSv1.2 is allowed',
      unknownProtocols: "{{name}}: {{value}}: {{items}} (list a protocol in the profile's accepted_tls_policies if it is TLS 1.2 or newer)",
    },
  },

  check(ctx) {
    return ctx.aws.cloudfront.distributions.map((d) => {
      if (d.noOrigin) return ctx.report('unknown', d, 'noOrigins', { reason: d.noOrigin });
      const parts = d.origins.flatMap((o) => originParts(ctx, o));
      const custom = parts.some((p) => p.name.endsWith(' origin_protocol_policy'));
      const messages = (ps: ResultPart[]) => ps.map((p) => p.message).join('; ');
      const summary = custom ? `every custom origin uses HTTPS with TLS 1.2 only: ${messages(parts.filter((p) => p.status === 'pass'))}` : `no custom origins (${messages(parts)})`;
      return ctx.combine(d, parts, summary);
    });
  },
};
