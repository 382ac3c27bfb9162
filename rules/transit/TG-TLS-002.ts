import { ACCEPTED_TLS_POLICIES } from '../../src/rules/parameters';
import { CacheBehavior, DEFAULT_MINIMUM_PROTOCOL_VERSION, DISTRIBUTION_TYPES, Distribution } from '../../src/providers/aws/cloudfront/model';
import { acceptsOnlyTls12Plus, minTlsVersion, showTlsVersion } from '../../src/providers/aws/elb/tls-policies';
import { ResultPart, Rule, RuleContext as Ctx } from '../../src/rules/types';

const HTTPS_VIEWER_POLICIES = ['redirect-to-https', 'https-only'];

/** `viewer_protocol_policy` of one cache behaviour. */
function behaviorPart(ctx: Ctx, b: CacheBehavior): ResultPart {
  const name = b.kind === 'default_cache_behavior' ? b.kind : `${b.name}${b.pathPattern !== undefined ? ` (${b.pathPattern})` : ''}`;
  const vpp = b.viewerProtocolPolicy;
  if (b.unknown) return ctx.part('unknown', name, 'behaviorsUnknown', { kind: b.kind, reason: b.unknown }, b.kind);
  if (!vpp.present) return ctx.part('fail', name, 'noViewerPolicy', { name }, b.path);
  if (!vpp.known) return ctx.part('unknown', name, 'viewerPolicyUnknown', { value: vpp.describe() }, vpp);
  const https = vpp.oneOf(HTTPS_VIEWER_POLICIES) === true;
  return ctx.part(https ? 'pass' : 'fail', name, https ? 'viewerPolicy' : 'plainHttp', { value: vpp.describe() }, vpp);
}

/** `viewer_certificate`: the default certificate, and the minimum protocol version of a custom one. */
function certificateParts(ctx: Ctx, d: Distribution): ResultPart[] {
  const cert = d.viewerCertificate;
  const data = { policy: DEFAULT_MINIMUM_PROTOCOL_VERSION };
  if (!cert) return [ctx.part('fail', 'viewer_certificate', 'noCertificate', data)];
  if (cert.unknown) return [ctx.part('unknown', 'viewer_certificate', 'certificateUnknown', { reason: cert.unknown }, 'viewer_certificate')];
  const usesDefault = cert.defaultCertificate;
  // CloudFront ignores minimum_protocol_version with its default certificate.
  if (usesDefault.is(true) === true) return [ctx.part('fail', 'cloudfront_default_certificate', 'defaultCertificate', { ...data, value: usesDefault.describe() }, usesDefault)];
  const parts: ResultPart[] = [];
  if (!usesDefault.known) parts.push(ctx.part('unknown', 'cloudfront_default_certificate', usesDefault.mistyped ? 'notABoolean' : 'defaultCertificateUnknown', { value: usesDefault.describe() }, usesDefault));
  const version = cert.minimumProtocolVersion;
  const at = version.present ? version : cert.path;
  const name = 'minimum_protocol_version';
  if (!version.known) {
    parts.push(ctx.part('unknown', name, 'versionUnknown', { value: version.describe() }, version));
    return parts;
  }
  const ok = acceptsOnlyTls12Plus('cloudfront', version.value!, ACCEPTED_TLS_POLICIES.of(ctx.params));
  const min = minTlsVersion('cloudfront', version.value!);
  const words = { value: version.describe(), min: min ? showTlsVersion(min) : '' };
  if (ok === undefined) parts.push(ctx.part('unknown', name, 'versionNotKnown', words, at));
  else parts.push(ctx.part(ok ? 'pass' : 'fail', name, ok ? (min ? 'versionPass' : 'versionAccepted') : 'versionFail', words, at));
  return parts;
}

export const rule: Rule = {
  meta: {
    id: 'TG-TLS-002',
    title: 'CloudFront distributions require HTTPS with TLS 1.2 or newer from viewers',
    claim: 'transit-tls12',
    severity: 'high',
    parameters: [ACCEPTED_TLS_POLICIES],
    fix: 'set viewer_protocol_policy = "redirect-to-https" and a custom certificate with minimum_protocol_version = "TLSv1.2_2021"',
    appliesTo: DISTRIBUTION_TYPES,
    messages: {
      noDefaultBehavior: 'default_cache_behavior is not set (the provider requires it): HTTPS is not enforced',
      behaviorsUnknown: '{{kind}} blocks are not known statically: {{reason}}',
      noViewerPolicy: '{{name}} has no viewer_protocol_policy (the provider requires one): HTTPS is not enforced',
      viewerPolicyUnknown: '{{value}}: not known statically',
      viewerPolicy: '{{value}}',
      plainHttp: '{{value}} lets viewers use plain HTTP',
      noCertificate: 'viewer_certificate is not set: the CloudFront default certificate applies, with security policy {{policy}} (accepts TLS 1.0)',
      certificateUnknown: 'viewer_certificate is not known statically: {{reason}}',
      defaultCertificate: '{{value}}: the CloudFront default certificate uses security policy {{policy}} whatever minimum_protocol_version says, so viewers may use TLS 1.0',
      defaultCertificateUnknown: '{{value}}: whether the default certificate (TLSv1) is used is not known statically',
      notABoolean: '{{value}} is not a boolean',
      versionUnknown: '{{value}}: not known statically',
      versionPass: '{{value}} ({{min}} or newer)',
      versionAccepted: '{{value}} (accepted by the profile)',
      versionFail: '{{value}} accepts {{min}}: TLSv1.2_2018 or newer is required',
      versionNotKnown: "{{value}} is not a known CloudFront security policy (list it in the profile's accepted_tls_policies if it only allows TLS 1.2 or newer)",
    },
  },

  check(ctx) {
    return ctx.aws.cloudfront.distributions.map((d) => {
      const parts = d.defaultCacheBehaviors.length === 0 ? [ctx.part('fail', 'default_cache_behavior', 'noDefaultBehavior')] : [];
      parts.push(...[...d.defaultCacheBehaviors, ...d.orderedCacheBehaviors].map((b) => behaviorPart(ctx, b)));
      parts.push(...certificateParts(ctx, d));
      return ctx.combine(d, parts, parts.map((p) => p.message).join('; '));
    });
  },
};
