import { Unknown, Value } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { RuleParameters } from '../../src/rules/parameters';
import { asBoolean, setting, show } from '../../src/rules/support/attributes';
import { referencedNodes } from '../../src/rules/support/references';
import { combineParts, fail, pass, unknown } from '../../src/rules/support/results';
import { acceptsOnlyTls12Plus, minTlsVersion, showTlsVersion } from '../../src/rules/support/tls-policies';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';

export const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'] as const;
export const LISTENER_RULE_TYPES = ['aws_lb_listener_rule', 'aws_alb_listener_rule'] as const;
export const LOAD_BALANCER_TYPES = ['aws_lb', 'aws_alb'] as const;
export const CLASSIC_TYPES = ['aws_elb'] as const;

/** What AWS applies to an HTTPS/TLS listener without `ssl_policy`, and to a Classic ELB HTTPS/SSL listener without a negotiation policy. */
export const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-2016-08';

/** Listener protocols whose TLS, if any, ends on the targets, where tomguard cannot see it. */
const PASSTHROUGH_PROTOCOLS = ['TCP', 'UDP', 'TCP_UDP'];

/** `path = "value" (origins)`: an attribute anywhere in the node, with where its value came from. */
function describeAt(node: GraphNode, path: string): string {
  const read = node.attr(path);
  const origin = read.origins.length > 0 ? ` (${read.origins.join(', ')})` : '';
  return `${path} = ${show(read.value)}${origin}`;
}

function upper(v: Value | undefined): string | undefined {
  return typeof v === 'string' ? v.toUpperCase() : undefined;
}

function part(name: string, status: ResultPart['status'], message: string, attribute?: string): ResultPart {
  return { name, status, message, attribute };
}

// ---------------------------------------------------------------------------------------------
// Application / Network / Gateway Load Balancer listeners
// ---------------------------------------------------------------------------------------------

interface LoadBalancerFacts {
  /** Why the listener is out of scope (internal or Gateway Load Balancer); no result then. */
  skip?: string;
  /** Said in the message: the load balancer's `internal` is not known, so it is evaluated as internet-facing. */
  note?: string;
  /** `load_balancer_type` when one load balancer is in scope (its provider default is `application`). */
  type?: Value;
}

function loadBalancerFacts(graph: ResourceGraph, listener: GraphNode): LoadBalancerFacts {
  const { nodes } = referencedNodes(graph, listener, 'load_balancer_arn', LOAD_BALANCER_TYPES);
  // A load balancer that is not in scope counts as internet-facing (rules.md); its type is not known.
  if (nodes.length === 0) return {};
  const types = nodes.map((lb) => setting(lb, 'load_balancer_type', 'application').value);
  if (types.every((t) => t === 'gateway')) return { skip: 'Gateway Load Balancer' };
  const internal = nodes.map((lb) => ({ lb, s: setting(lb, 'internal', false) }));
  if (internal.every(({ s }) => asBoolean(s.value) === true)) return { skip: 'internal load balancer' };
  const unknownInternal = internal.filter(({ s }) => asBoolean(s.value) instanceof Unknown);
  const anyPublic = internal.some(({ s }) => asBoolean(s.value) === false);
  const note =
    unknownInternal.length > 0 && !anyPublic
      ? ` (load balancer ${unknownInternal.map(({ lb, s }) => `${lb.address} ${s.describe}`).join(', ')}: evaluated as internet-facing)`
      : undefined;
  return { note, type: nodes.length === 1 ? types[0] : undefined };
}

function checkHttpsPolicy(node: GraphNode, protocol: string, params: RuleParameters): RuleResult {
  const policy = setting(node, 'ssl_policy', DEFAULT_SSL_POLICY);
  const attribute = policy.read.present ? 'ssl_policy' : undefined;
  const name = policy.value;
  if (name instanceof Unknown) return unknown(node, `${protocol} listener whose ssl_policy is not known statically: ${policy.describe}`, 'ssl_policy');
  if (typeof name !== 'string') return unknown(node, `${protocol} listener whose ssl_policy is not a policy name: ${policy.describe}`, attribute);
  const ok = acceptsOnlyTls12Plus('elb', name, params.acceptedTlsPolicies);
  const min = minTlsVersion('elb', name);
  if (ok === true) {
    const why = min ? `accepts ${showTlsVersion(min)} or newer only` : 'accepted by the profile (acceptedTlsPolicies)';
    return pass(node, `${protocol} listener with ${policy.describe}, which ${why}`, attribute);
  }
  if (ok === false) {
    return fail(node, `${protocol} listener with ${policy.describe}, which accepts ${showTlsVersion(min!)}: TLS 1.2 or newer is required`, attribute);
  }
  return unknown(
    node,
    `${protocol} listener with ${policy.describe}, which is not a known predefined ELB security policy (list it in the profile's acceptedTlsPolicies if it only allows TLS 1.2 or newer)`,
    attribute,
  );
}

/** One `default_action` block of an HTTP listener: only a redirect to HTTPS or a fixed response keeps traffic off plain HTTP. */
function httpActionPart(node: GraphNode, path: string, value: Value): ResultPart {
  const name = path.replace(/\.(\d+)$/, '[$1]');
  if (value instanceof Unknown) return part(name, 'unknown', `default_action blocks are not known statically: ${value.describe()}`, path);
  const typePath = `${path}.type`;
  const type = node.attr(typePath).value;
  if (type instanceof Unknown) return part(name, 'unknown', `${describeAt(node, typePath)}: the action is not known statically`, typePath);
  if (type === 'fixed-response') return part(name, 'pass', `${describeAt(node, typePath)} answers without serving content`, typePath);
  if (type === 'redirect') {
    const protoPath = `${path}.redirect.0.protocol`;
    const proto = node.attr(protoPath);
    if (!proto.present) {
      return part(name, 'fail', `${describeAt(node, typePath)} keeps the request's protocol (redirect.protocol defaults to "#{protocol}"), so it does not redirect to HTTPS`, typePath);
    }
    if (proto.value instanceof Unknown) return part(name, 'unknown', `redirect protocol is not known statically: ${describeAt(node, protoPath)}`, protoPath);
    if (upper(proto.value) === 'HTTPS') return part(name, 'pass', `${describeAt(node, protoPath)} redirects to HTTPS`, protoPath);
    return part(name, 'fail', `${describeAt(node, protoPath)} does not redirect to HTTPS`, protoPath);
  }
  return part(name, 'fail', `${describeAt(node, typePath)} serves plain HTTP (only a redirect to HTTPS or a fixed-response is allowed)`, typePath);
}

/** Listener rules on an HTTP listener that forward traffic serve plain HTTP, whatever the default action says. */
function listenerRuleParts(graph: ResourceGraph, listener: GraphNode): ResultPart[] {
  const parts: ResultPart[] = [];
  for (const rule of graph.referrers(listener, LISTENER_RULE_TYPES, 'listener_arn')) {
    for (const action of rule.blocks('action')) {
      const name = `listener rule ${rule.address}`;
      if (action.value instanceof Unknown) {
        parts.push(part(name, 'unknown', `listener rule ${rule.address} has action blocks that are not known statically: ${action.value.describe()}`));
        continue;
      }
      const type = rule.attr(`${action.path}.type`).value;
      const where = rule.location ? ` (${rule.location.file}:${rule.location.startLine})` : '';
      if (type instanceof Unknown) {
        parts.push(part(name, 'unknown', `listener rule ${rule.address}${where} has an action type that is not known statically: ${describeAt(rule, `${action.path}.type`)}`));
      } else if (type === 'forward') {
        parts.push(part(name, 'fail', `listener rule ${rule.address}${where} forwards plain HTTP traffic (${describeAt(rule, `${action.path}.type`)})`));
      }
    }
  }
  return parts;
}

function checkHttpListener(graph: ResourceGraph, node: GraphNode, protocolDescribe: string, protocolAttribute: string | undefined): RuleResult {
  const parts: ResultPart[] = [];
  const actions = node.blocks('default_action');
  if (actions.length === 0) {
    parts.push(part('default_action', 'fail', 'no default_action redirects to HTTPS', protocolAttribute));
  }
  for (const a of actions) parts.push(httpActionPart(node, a.path, a.value));
  parts.push(...listenerRuleParts(graph, node));
  const failing = parts.filter((p) => p.status === 'fail');
  const res = combineParts(node, parts, `${protocolDescribe}: ${parts.map((p) => p.message).join('; ')}`);
  if (failing.length > 0) res.message = `Plain HTTP listener (${protocolDescribe}): ${res.message}`;
  return res;
}

function checkListener(graph: ResourceGraph, node: GraphNode, params: RuleParameters): RuleResult | undefined {
  const lb = loadBalancerFacts(graph, node);
  if (lb.skip) return undefined;
  const protocol = setting(node, 'protocol', 'HTTP');
  let res: RuleResult;
  if (protocol.value instanceof Unknown) {
    res = unknown(node, `protocol is not known statically: ${protocol.describe}`, 'protocol');
  } else if (!protocol.read.present && lb.type !== undefined && lb.type !== 'application') {
    // The provider's default protocol (HTTP) is documented for Application Load Balancers only.
    if (lb.type === 'gateway') return undefined;
    res = unknown(node, `protocol is not set and the load balancer's load_balancer_type is ${show(lb.type)}: the listener protocol is not known`);
  } else {
    const proto = upper(protocol.value);
    const attribute = protocol.read.present ? 'protocol' : undefined;
    if (proto === 'GENEVE') return undefined;
    if (proto === 'HTTPS' || proto === 'TLS') res = checkHttpsPolicy(node, proto, params);
    else if (proto === 'HTTP') res = checkHttpListener(graph, node, protocol.describe, attribute);
    else if (proto !== undefined && PASSTHROUGH_PROTOCOLS.includes(proto)) {
      res = unknown(node, `${protocol.describe}: TLS may be passed through to the targets, where tomguard cannot see which versions they accept`, attribute);
    } else res = unknown(node, `${protocol.describe} is not a listener protocol tomguard knows`, attribute);
  }
  if (lb.note) res.message += lb.note;
  return res;
}

// ---------------------------------------------------------------------------------------------
// Classic Load Balancers (aws_elb)
// ---------------------------------------------------------------------------------------------

function sameNumber(a: Value | undefined, b: Value | undefined): boolean | undefined {
  if (a instanceof Unknown || b instanceof Unknown || a === undefined || b === undefined) return undefined;
  return Number(a) === Number(b);
}

/** Nodes of `types` that name the ELB in `attr`, by reference or by the literal name. */
function namingElb(graph: ResourceGraph, elb: GraphNode, types: readonly string[], attr: string): GraphNode[] {
  const found = new Map<string, GraphNode>();
  for (const n of graph.referrers(elb, types, attr)) found.set(n.address, n);
  const elbName = elb.attr('name').value;
  if (typeof elbName === 'string') {
    for (const n of graph.resources(types)) if (n.attr(attr).value === elbName) found.set(n.address, n);
  }
  return [...found.values()];
}

function isNegotiationPolicy(policy: GraphNode): boolean {
  const t = policy.attr('policy_type_name').value;
  return t === 'SSLNegotiationPolicyType' || t instanceof Unknown;
}

interface PolicyVerdict {
  status: ResultPart['status'];
  message: string;
}

/** An SSL negotiation policy (`aws_load_balancer_policy` or `aws_lb_ssl_negotiation_policy`): does it allow only TLS >= 1.2? */
function negotiationVerdict(policy: GraphNode, params: RuleParameters): PolicyVerdict {
  const policyName = policy.attr('policy_name').value ?? policy.attr('name').value;
  if (typeof policyName === 'string' && params.acceptedTlsPolicies.includes(policyName)) {
    return { status: 'pass', message: `${policy.address} (${show(policyName)}) is accepted by the profile (acceptedTlsPolicies)` };
  }
  if (policy.type === 'aws_load_balancer_policy' && policy.attr('policy_type_name').value instanceof Unknown) {
    return { status: 'unknown', message: `${policy.address} has a policy_type_name that is not known statically: ${describeAt(policy, 'policy_type_name')}` };
  }
  const blocksPath = policy.type === 'aws_lb_ssl_negotiation_policy' ? 'attribute' : 'policy_attribute';
  const blocks = policy.blocks(blocksPath);
  const protocols: string[] = [];
  for (const b of blocks) {
    if (b.value instanceof Unknown) return { status: 'unknown', message: `${policy.address} has ${blocksPath} blocks that are not known statically: ${b.value.describe()}` };
    const name = policy.attr(`${b.path}.name`).value;
    const value = policy.attr(`${b.path}.value`).value;
    if (name instanceof Unknown) return { status: 'unknown', message: `${policy.address} has an attribute name that is not known statically: ${describeAt(policy, `${b.path}.name`)}` };
    if (name === 'Reference-Security-Policy') {
      const shown = `${policy.address} Reference-Security-Policy = ${show(value)}`;
      if (value instanceof Unknown) return { status: 'unknown', message: `${shown}: the policy is not known statically` };
      if (typeof value !== 'string') return { status: 'unknown', message: `${shown} is not a policy name` };
      const ok = acceptsOnlyTls12Plus('elb', value, params.acceptedTlsPolicies);
      const min = minTlsVersion('elb', value);
      if (ok === true) return { status: 'pass', message: `${shown}, which ${min ? `accepts ${showTlsVersion(min)} or newer only` : 'is accepted by the profile'}` };
      if (ok === false) return { status: 'fail', message: `${shown}, which accepts ${showTlsVersion(min!)}` };
      return { status: 'unknown', message: `${shown}, which is not a known predefined ELB security policy (list it in the profile's acceptedTlsPolicies if it only allows TLS 1.2 or newer)` };
    }
    if (typeof name === 'string' && name.startsWith('Protocol-')) {
      if (value instanceof Unknown) return { status: 'unknown', message: `${policy.address} ${name} = ${show(value)}: not known statically` };
      if (asBoolean(value) === true) protocols.push(name);
    }
  }
  // A custom negotiation policy: the protocols it enables are exactly those set to true.
  const old = protocols.filter((p) => ['Protocol-SSLv2', 'Protocol-SSLv3', 'Protocol-TLSv1', 'Protocol-TLSv1.1'].includes(p));
  if (old.length > 0) return { status: 'fail', message: `${policy.address} is a custom negotiation policy enabling ${old.join(', ')}` };
  if (protocols.includes('Protocol-TLSv1.2')) return { status: 'pass', message: `${policy.address} is a custom negotiation policy enabling only ${protocols.join(', ')}` };
  return { status: 'unknown', message: `${policy.address} names neither a Reference-Security-Policy nor the protocols it enables` };
}

/** The SSL negotiation policies that apply to the Classic ELB listener on `port`. */
function negotiationPolicies(graph: ResourceGraph, elb: GraphNode, port: Value | undefined): GraphNode[] {
  const onElb = namingElb(graph, elb, ['aws_load_balancer_policy'], 'load_balancer_name').filter(isNegotiationPolicy);
  // aws_load_balancer_listener_policy attaches policies to one listener port; when it names
  // negotiation policies in scope, those are the ones that apply to this listener.
  const attached = new Map<string, GraphNode>();
  for (const lp of namingElb(graph, elb, ['aws_load_balancer_listener_policy'], 'load_balancer_name')) {
    if (sameNumber(lp.attr('load_balancer_port').value, port) === false) continue;
    for (const p of graph.targets(lp, 'policy_names', 'aws_load_balancer_policy')) if (isNegotiationPolicy(p)) attached.set(p.address, p);
    const names = lp.attr('policy_names').value;
    if (Array.isArray(names)) {
      for (const p of onElb) if (names.includes(p.attr('policy_name').value ?? null)) attached.set(p.address, p);
    }
  }
  const forPort = namingElb(graph, elb, ['aws_lb_ssl_negotiation_policy'], 'load_balancer').filter(
    (p) => sameNumber(p.attr('lb_port').value, port) !== false,
  );
  return [...(attached.size > 0 ? attached.values() : onElb), ...forPort];
}

function classicListenerPart(graph: ResourceGraph, elb: GraphNode, path: string, value: Value, params: RuleParameters): ResultPart {
  const name = path.replace(/\.(\d+)$/, '[$1]');
  if (value instanceof Unknown) return part(name, 'unknown', `listener blocks are not known statically: ${value.describe()}`, path);
  const protoPath = `${path}.lb_protocol`;
  const protocol = elb.attr(protoPath).value;
  const port = elb.attr(`${path}.lb_port`).value;
  const label = `${name} (${describeAt(elb, protoPath)}, lb_port = ${show(port)})`;
  if (protocol instanceof Unknown) return part(name, 'unknown', `${label}: the protocol is not known statically`, protoPath);
  const proto = upper(protocol);
  if (proto === 'HTTP' || proto === 'TCP') return part(name, 'fail', `${label} accepts plain-text connections`, protoPath);
  if (proto !== 'HTTPS' && proto !== 'SSL') return part(name, 'unknown', `${label}: not a Classic Load Balancer protocol tomguard knows`, protoPath);
  const policies = negotiationPolicies(graph, elb, port);
  if (policies.length === 0) {
    return part(
      name,
      'fail',
      `${label} has no SSL negotiation policy (aws_load_balancer_policy with policy_type_name = "SSLNegotiationPolicyType"): AWS applies the default ${DEFAULT_SSL_POLICY}, which accepts TLS 1.0`,
      path,
    );
  }
  const verdicts = policies.map((p) => negotiationVerdict(p, params));
  const failing = verdicts.filter((v) => v.status === 'fail');
  const unknowns = verdicts.filter((v) => v.status === 'unknown');
  if (failing.length > 0) return part(name, 'fail', `${label}: ${failing.map((v) => v.message).join(', ')}; TLS 1.2 or newer is required`, path);
  if (unknowns.length > 0) return part(name, 'unknown', `${label}: ${unknowns.map((v) => v.message).join(', ')}`, path);
  return part(name, 'pass', `${label}: ${verdicts.map((v) => v.message).join(', ')}`, path);
}

function checkClassic(graph: ResourceGraph, elb: GraphNode, params: RuleParameters): RuleResult | undefined {
  const internal = setting(elb, 'internal', false);
  const isInternal = asBoolean(internal.value);
  if (isInternal === true) return undefined;
  const listeners = elb.blocks('listener');
  if (listeners.length === 0) return undefined;
  const parts = listeners.map((l) => classicListenerPart(graph, elb, l.path, l.value, params));
  const res = combineParts(elb, parts, parts.map((p) => p.message).join('; '));
  if (isInternal instanceof Unknown) res.message += ` (${internal.describe}: evaluated as internet-facing)`;
  return res;
}

export const rule: Rule = {
  meta: {
    id: 'TG-TLS-001',
    title: 'Internet-facing load balancer listeners accept only TLS 1.2 or newer',
    claim: 'transit-tls12',
    severity: 'high',
    fix: 'set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" (HTTPS/TLS) or redirect HTTP to HTTPS',
    appliesTo: [...LISTENER_TYPES, ...CLASSIC_TYPES],
  },

  check({ graph, params }) {
    const results: RuleResult[] = [];
    for (const node of graph.resources(LISTENER_TYPES)) {
      const r = checkListener(graph, node, params);
      if (r) results.push(r);
    }
    for (const elb of graph.resources(CLASSIC_TYPES)) {
      const r = checkClassic(graph, elb, params);
      if (r) results.push(r);
    }
    return results;
  },
};
