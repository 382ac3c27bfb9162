import { ACCEPTED_TLS_POLICIES } from '../../src/rules/parameters';
import { CLASSIC_TYPES, ClassicListener, DEFAULT_SSL_POLICY, LISTENER_TYPES, Listener, ListenerAction, NegotiationPolicy } from '../../src/providers/aws/elb/model';
import { TlsPolicyFamily, acceptsOnlyTls12Plus, minTlsVersion, showTlsVersion } from '../../src/providers/aws/elb/tls-policies';
import { ResultPart, Rule, RuleContext as Ctx, RuleResult } from '../../src/rules/types';

/** Listener protocols whose TLS, if any, ends on the targets, where tomguard cannot see it. */
const PASSTHROUGH_PROTOCOLS = ['TCP', 'UDP', 'TCP_UDP'];
const OLD_PROTOCOLS = ['Protocol-SSLv2', 'Protocol-SSLv3', 'Protocol-TLSv1', 'Protocol-TLSv1.1'];
const UNKNOWN_POLICY = 'which is not a known predefined ELB security policy (list it in the profile\'s accepted_tls_policies if it only allows TLS 1.2 or newer)';

/** A predefined policy name: `ok` (TLS 1.2+ only), `weak` (with the lowest version it accepts), or not known. */
function judge(name: string, { params }: Ctx, family: TlsPolicyFamily = 'elb') {
  const ok = acceptsOnlyTls12Plus(family, name, ACCEPTED_TLS_POLICIES.of(params));
  const min = minTlsVersion(family, name);
  return { ok, min: min && showTlsVersion(min) };
}

/** Skips internal and gateway load balancers; one whose scheme is not known is evaluated as internet-facing (said in a note). */
function scope(listener: Listener): { skip: boolean; note: string } {
  const lbs = listener.loadBalancers;
  if (lbs.length === 0) return { skip: false, note: '' };
  if (lbs.every((lb) => lb.kind.is('gateway') === true) || lbs.every((lb) => lb.internal.is(true) === true)) return { skip: true, note: '' };
  const unknown = lbs.filter((lb) => !lb.internal.known);
  if (unknown.length === 0 || lbs.some((lb) => lb.internal.is(false) === true)) return { skip: false, note: '' };
  return { skip: false, note: ` (load balancer ${unknown.map((lb) => `${lb.address} ${lb.internal.describe()}`).join(', ')}: evaluated as internet-facing)` };
}

function httpsPolicy(ctx: Ctx, l: Listener, protocol: string): RuleResult {
  const policy = l.sslPolicy;
  const at = policy.present ? policy : undefined;
  if (!policy.known) return ctx.report('unknown', l, 'policyUnknown', { protocol, value: policy.describe() }, 'ssl_policy');
  const { ok, min } = judge(policy.value!, ctx);
  const data = { protocol, value: policy.describe(), min: min ?? '' };
  if (ok === undefined) return ctx.report('unknown', l, 'policyNotKnown', data, at);
  return ctx.report(ok ? 'pass' : 'fail', l, ok ? (min ? 'policyPass' : 'policyAccepted') : 'policyFail', data, at);
}

/** An action of an HTTP listener: only a redirect to HTTPS or a fixed response keeps traffic off plain HTTP. */
function actionPart(ctx: Ctx, a: ListenerAction): ResultPart {
  if (a.unknown) return ctx.part('unknown', a.name, 'actionsUnknown', { reason: a.unknown }, a.path);
  const { type, redirectProtocol: proto } = a;
  if (!type.known) return ctx.part('unknown', a.name, 'actionUnknown', { value: type.describe() }, type);
  if (type.is('fixed-response') === true) return ctx.part('pass', a.name, 'fixedResponse', { value: type.describe() }, type);
  if (type.is('redirect') !== true) return ctx.part('fail', a.name, 'servesHttp', { value: type.describe() }, type);
  if (!proto.present) return ctx.part('fail', a.name, 'keepsProtocol', { value: type.describe() }, type);
  if (!proto.known) return ctx.part('unknown', a.name, 'redirectUnknown', { value: proto.describe() }, proto);
  const https = proto.test((p) => p?.toUpperCase() === 'HTTPS') === true;
  return ctx.part(https ? 'pass' : 'fail', a.name, https ? 'redirects' : 'noRedirect', { value: proto.describe() }, proto);
}

/** Listener rules on an HTTP listener that forward traffic serve plain HTTP, whatever the default action says. */
function rulePart(ctx: Ctx, l: Listener): ResultPart[] {
  return l.rules.flatMap((r) => {
    const name = `listener rule ${r.address}`;
    const loc = r.locationOf('');
    const where = loc ? ` (${loc.file}:${loc.startLine})` : '';
    return r.actions.flatMap((a) => {
      if (a.unknown) return [ctx.part('unknown', name, 'ruleActionsUnknown', { rule: r.address, reason: a.unknown })];
      if (!a.type.known) return [ctx.part('unknown', name, 'ruleActionUnknown', { rule: r.address, where, value: a.type.describe() })];
      return a.type.is('forward') === true ? [ctx.part('fail', name, 'ruleForwards', { rule: r.address, where, value: a.type.describe() })] : [];
    });
  });
}

function httpListener(ctx: Ctx, l: Listener): RuleResult {
  const at = l.protocol.present ? 'protocol' : undefined;
  const parts = l.defaultActions.length === 0 ? [ctx.part('fail', 'default_action', 'noDefaultAction', {}, at)] : [];
  parts.push(...l.defaultActions.map((a) => actionPart(ctx, a)), ...rulePart(ctx, l));
  const res = ctx.combine(l, parts, `${l.protocol.describe()}: ${parts.map((p) => p.message).join('; ')}`);
  return res.status === 'fail' ? { ...res, message: `Plain HTTP listener (${l.protocol.describe()}): ${res.message}` } : res;
}

function checkListener(ctx: Ctx, l: Listener): RuleResult | undefined {
  const { skip, note } = scope(l);
  if (skip) return undefined;
  const protocol = l.protocol;
  const at = protocol.present ? protocol : undefined;
  const kinds = l.loadBalancers.map((lb) => lb.kind);
  const kind = kinds.length === 1 ? kinds[0] : undefined;
  const proto = protocol.value?.toUpperCase();
  let res: RuleResult;
  if (!protocol.known) res = ctx.report('unknown', l, 'protocolUnknown', { value: protocol.describe() }, 'protocol');
  else if (!protocol.present && kind && kind.is('application') !== true) {
    // The provider's default protocol (HTTP) is documented for Application Load Balancers only.
    if (kind.is('gateway') === true) return undefined;
    res = ctx.report('unknown', l, 'protocolOmitted', { kind: kind.known ? JSON.stringify(kind.value) : `unknown (${kind.reason})` });
  } else if (proto === 'GENEVE') return undefined;
  else if (proto === 'HTTPS' || proto === 'TLS') res = httpsPolicy(ctx, l, proto);
  else if (proto === 'HTTP') res = httpListener(ctx, l);
  else res = ctx.report('unknown', l, proto && PASSTHROUGH_PROTOCOLS.includes(proto) ? 'passthrough' : 'protocolNotKnown', { value: protocol.describe() }, at);
  return note ? { ...res, message: res.message + note } : res;
}

/** What an SSL negotiation policy allows, as a part of a Classic listener's message. */
function policyVerdict(ctx: Ctx, p: NegotiationPolicy): { status: ResultPart['status']; message: string } {
  if (p.policyName !== undefined && ACCEPTED_TLS_POLICIES.of(ctx.params).includes(p.policyName)) return { status: 'pass', message: `${p.address} (${JSON.stringify(p.policyName)}) is accepted by the profile (accepted_tls_policies)` };
  if (p.unknown) return { status: 'unknown', message: p.unknown };
  if (p.reference) {
    const shown = `${p.address} Reference-Security-Policy = ${p.reference.describe()}`;
    if (!p.reference.known) return { status: 'unknown', message: `${shown}: the policy is not known statically` };
    const name = p.reference.value;
    if (typeof name !== 'string') return { status: 'unknown', message: `${shown} is not a policy name` };
    const { ok, min } = judge(name, ctx);
    if (ok === undefined) return { status: 'unknown', message: `${shown}, ${UNKNOWN_POLICY}` };
    return ok ? { status: 'pass', message: `${shown}, which ${min ? `accepts ${min} or newer only` : 'is accepted by the profile'}` } : { status: 'fail', message: `${shown}, which accepts ${min}` };
  }
  const old = p.enabledProtocols.filter((x) => OLD_PROTOCOLS.includes(x));
  if (old.length > 0) return { status: 'fail', message: `${p.address} is a custom negotiation policy enabling ${old.join(', ')}` };
  if (p.enabledProtocols.includes('Protocol-TLSv1.2')) return { status: 'pass', message: `${p.address} is a custom negotiation policy enabling only ${p.enabledProtocols.join(', ')}` };
  return { status: 'unknown', message: `${p.address} names neither a Reference-Security-Policy nor the protocols it enables` };
}

function classicPart(ctx: Ctx, l: ClassicListener): ResultPart {
  if (l.unknown) return ctx.part('unknown', l.name, 'listenersUnknown', { reason: l.unknown }, l.path);
  const label = `${l.name} (${l.protocol.describe()}, lb_port = ${l.port.describe()})`;
  if (!l.protocol.known) return ctx.part('unknown', l.name, 'classicProtocolUnknown', { label }, l.protocol);
  const proto = l.protocol.value?.toUpperCase();
  if (proto === 'HTTP' || proto === 'TCP') return ctx.part('fail', l.name, 'plainText', { label }, l.protocol);
  if (proto !== 'HTTPS' && proto !== 'SSL') return ctx.part('unknown', l.name, 'classicProtocolNotKnown', { label }, l.protocol);
  if (l.policies.length === 0) return ctx.part('fail', l.name, 'noNegotiationPolicy', { label, policy: DEFAULT_SSL_POLICY }, l.path);
  const verdicts = l.policies.map((p) => policyVerdict(ctx, p));
  const of = (s: string) => verdicts.filter((v) => v.status === s).map((v) => v.message).join(', ');
  const status = verdicts.some((v) => v.status === 'fail') ? 'fail' : verdicts.some((v) => v.status === 'unknown') ? 'unknown' : 'pass';
  return ctx.part(status, l.name, `classic_${status}`, { label, policies: status === 'pass' ? verdicts.map((v) => v.message).join(', ') : of(status) }, l.path);
}

export const rule: Rule = {
  meta: {
    id: 'TG-TLS-001',
    title: 'Internet-facing load balancer listeners accept only TLS 1.2 or newer',
    claim: 'transit-tls12',
    severity: 'high',
    parameters: [ACCEPTED_TLS_POLICIES],
    fix: 'set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" (HTTPS/TLS) or redirect HTTP to HTTPS',
    appliesTo: [...LISTENER_TYPES, ...CLASSIC_TYPES],
    messages: {
      policyUnknown: '{{protocol}} listener whose ssl_policy is not known statically: {{value}}',
      policyPass: '{{protocol}} listener with {{value}}, which accepts {{min}} or newer only',
      policyAccepted: '{{protocol}} listener with {{value}}, which the profile accepts (accepted_tls_policies)',
      policyFail: '{{protocol}} listener with {{value}}, which accepts {{min}}: TLS 1.2 or newer is required',
      policyNotKnown: `{{protocol}} listener with {{value}}, ${UNKNOWN_POLICY}`,
      protocolUnknown: 'protocol is not known statically: {{value}}',
      protocolOmitted: "protocol is not set and the load balancer's load_balancer_type is {{kind}}: the listener protocol is not known",
      passthrough: '{{value}}: TLS may be passed through to the targets, where tomguard cannot see which versions they accept',
      protocolNotKnown: '{{value}} is not a listener protocol tomguard knows',
      noDefaultAction: 'no default_action redirects to HTTPS',
      actionsUnknown: 'default_action blocks are not known statically: {{reason}}',
      actionUnknown: '{{value}}: the action is not known statically',
      fixedResponse: '{{value}} answers without serving content',
      keepsProtocol: '{{value}} keeps the request\'s protocol (redirect.protocol defaults to "#{protocol}"), so it does not redirect to HTTPS',
      redirectUnknown: 'redirect protocol is not known statically: {{value}}',
      redirects: '{{value}} redirects to HTTPS',
      noRedirect: '{{value}} does not redirect to HTTPS',
      servesHttp: '{{value}} serves plain HTTP (only a redirect to HTTPS or a fixed-response is allowed)',
      ruleActionsUnknown: 'listener rule {{rule}} has action blocks that are not known statically: {{reason}}',
      ruleActionUnknown: 'listener rule {{rule}}{{where}} has an action type that is not known statically: {{value}}',
      ruleForwards: 'listener rule {{rule}}{{where}} forwards plain HTTP traffic ({{value}})',
      listenersUnknown: 'listener blocks are not known statically: {{reason}}',
      classicProtocolUnknown: '{{label}}: the protocol is not known statically',
      plainText: '{{label}} accepts plain-text connections',
      classicProtocolNotKnown: '{{label}}: not a Classic Load Balancer protocol tomguard knows',
      noNegotiationPolicy:
        '{{label}} has no SSL negotiation policy (aws_load_balancer_policy with policy_type_name = "SSLNegotiationPolicyType"): AWS applies the default {{policy}}, which accepts TLS 1.0',
      classic_fail: '{{label}}: {{policies}}; TLS 1.2 or newer is required',
      classic_unknown: '{{label}}: {{policies}}',
      classic_pass: '{{label}}: {{policies}}',
    },
  },

  check(ctx) {
    const { aws } = ctx;
    const results = aws.elb.listeners.flatMap((l) => checkListener(ctx, l) ?? []);
    for (const elb of aws.elb.classicLoadBalancers) {
      if (elb.internal.is(true) === true || elb.listeners.length === 0) continue;
      const parts = elb.listeners.map((l) => classicPart(ctx, l));
      const res = ctx.combine(elb, parts, parts.map((p) => p.message).join('; '));
      results.push(elb.internal.known ? res : { ...res, message: `${res.message} (${elb.internal.describe()}: evaluated as internet-facing)` });
    }
    return results;
  },
};
