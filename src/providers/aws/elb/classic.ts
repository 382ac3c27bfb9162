/**
 * Classic Load Balancers (`aws_elb`): listeners and the SSL negotiation policies that apply to each
 * listener's port. Policies name the load balancer by reference or by its literal name;
 * `aws_load_balancer_listener_policy` attaches `aws_load_balancer_policy`s to one port (then those are
 * the ones that apply), `aws_lb_ssl_negotiation_policy` is tied to a port itself.
 */
import { Unknown, Value } from '../../../eval/value';
import type { GraphNode, ResourceGraph } from '../../../graph/model';
import { asBoolean, show } from '../../attributes';
import { asIs, readVal, toBoolean, toString } from '../../read';
import { accessLogsOf, blocksAt, readAt, readShown } from './blocks';
import { CLASSIC_TYPES, ClassicLoadBalancer, ClassicListener, NegotiationPolicy } from './model';

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

const describeAt = (node: GraphNode, path: string) => readAt(node, path, asIs).describe();

/** Reads a policy's attribute blocks up to the first that decides it (a reference policy, or something unknown). */
function adaptPolicy(node: GraphNode): NegotiationPolicy {
  const policy = new NegotiationPolicy(node);
  const name = node.attr('policy_name').value ?? node.attr('name').value;
  if (typeof name === 'string') policy.policyName = name;
  if (node.type === 'aws_load_balancer_policy' && node.attr('policy_type_name').value instanceof Unknown) {
    policy.unknown = `${node.address} has a policy_type_name that is not known statically: ${describeAt(node, 'policy_type_name')}`;
    return policy;
  }
  const blocksPath = node.type === 'aws_lb_ssl_negotiation_policy' ? 'attribute' : 'policy_attribute';
  for (const b of node.blocks(blocksPath)) {
    if (b.value instanceof Unknown) {
      policy.unknown = `${node.address} has ${blocksPath} blocks that are not known statically: ${b.value.describe()}`;
      return policy;
    }
    const attr = node.attr(`${b.path}.name`).value;
    const value = node.attr(`${b.path}.value`).value;
    if (attr instanceof Unknown) {
      policy.unknown = `${node.address} has an attribute name that is not known statically: ${describeAt(node, `${b.path}.name`)}`;
      return policy;
    }
    if (attr === 'Reference-Security-Policy') {
      policy.reference = readShown(node, `${b.path}.value`, asIs);
      return policy;
    }
    if (typeof attr === 'string' && attr.startsWith('Protocol-')) {
      if (value instanceof Unknown) {
        policy.unknown = `${node.address} ${attr} = ${show(value)}: not known statically`;
        return policy;
      }
      if (asBoolean(value) === true) policy.enabledProtocols.push(attr);
    }
  }
  return policy;
}

/** The SSL negotiation policies that apply to the listener on `port`. */
function policiesFor(graph: ResourceGraph, elb: GraphNode, port: Value | undefined, adapt: (n: GraphNode) => NegotiationPolicy): NegotiationPolicy[] {
  const onElb = namingElb(graph, elb, ['aws_load_balancer_policy'], 'load_balancer_name').filter(isNegotiationPolicy);
  const attached = new Map<string, GraphNode>();
  for (const lp of namingElb(graph, elb, ['aws_load_balancer_listener_policy'], 'load_balancer_name')) {
    if (sameNumber(lp.attr('load_balancer_port').value, port) === false) continue;
    for (const p of graph.targets(lp, 'policy_names', 'aws_load_balancer_policy')) if (isNegotiationPolicy(p)) attached.set(p.address, p);
    const names = lp.attr('policy_names').value;
    if (Array.isArray(names)) {
      for (const p of onElb) if (names.includes(p.attr('policy_name').value ?? null)) attached.set(p.address, p);
    }
  }
  const forPort = namingElb(graph, elb, ['aws_lb_ssl_negotiation_policy'], 'load_balancer').filter((p) => sameNumber(p.attr('lb_port').value, port) !== false);
  return [...(attached.size > 0 ? attached.values() : onElb), ...forPort].map(adapt);
}

export function adaptClassic(graph: ResourceGraph): ClassicLoadBalancer[] {
  const policies = new Map<string, NegotiationPolicy>();
  const policyOf = (n: GraphNode) => policies.get(n.address) ?? policies.set(n.address, adaptPolicy(n)).get(n.address)!;
  return graph.resources(CLASSIC_TYPES).map((node) => {
    const elb = new ClassicLoadBalancer(node);
    elb.internal = readVal(node, 'internal', toBoolean, false);
    elb.accessLogs = accessLogsOf(graph, node, true);
    elb.listeners = blocksAt(node, 'listener').map(
      (b): ClassicListener => ({
        ...b,
        protocol: readAt(node, `${b.path}.lb_protocol`, toString),
        port: readShown(node, `${b.path}.lb_port`, asIs),
        policies: b.unknown ? [] : policiesFor(graph, node, node.attr(`${b.path}.lb_port`).value, policyOf),
      }),
    );
    return elb;
  });
}
