/** Builds the ELB model: v2 load balancers, listeners and listener rules, and Classic Load Balancers. */
import type { AwsModels } from '..';
import type { GraphNode } from '../../../graph/model';
import { referencedNodes } from '../../links';
import type { Distribution } from '../cloudfront/model';
import type { SecurityGroup } from '../vpc/model';
import { readVal, toBoolean, toNumber, toString } from '../../read';
import { accessLogsOf, blocksAt, readAt } from './blocks';
import { adaptClassic } from './classic';
import { guardsOf, originOf, wafAssociationsOf } from './guards';
import { DEFAULT_SSL_POLICY, ElbModel, LISTENER_RULE_TYPES, LISTENER_TYPES, LOAD_BALANCER_TYPES, Listener, ListenerAction, ListenerRule, LoadBalancer } from './model';

/** The action blocks at `path` (`default_action`, `action`) with their type and redirect protocol. */
function actionsAt(node: GraphNode, path: string): ListenerAction[] {
  return blocksAt(node, path).map((b) => ({
    ...b,
    type: readAt(node, `${b.path}.type`, toString),
    redirectProtocol: readAt(node, `${b.path}.redirect.0.protocol`, toString),
  }));
}

function adaptListenerRule(node: GraphNode): ListenerRule {
  const rule = new ListenerRule(node);
  rule.actions = actionsAt(node, 'action');
  return rule;
}

export function adaptElb(aws: AwsModels): ElbModel {
  const { graph } = aws;
  const byAddress = new Map<string, LoadBalancer>();
  // The VPC and CloudFront models are adapted only when a rule asks a load balancer about them.
  let groups: Map<string, SecurityGroup> | undefined;
  let distributions: Map<string, Distribution> | undefined;
  // Every managed security group is in the VPC model (guardsOf only hands in managed groups).
  const groupOf = (n: GraphNode) => (groups ??= new Map(aws.vpc.securityGroups.map((g) => [g.address, g]))).get(n.address)!;
  const distributionOf = (address: string) => (distributions ??= new Map(aws.cloudfront.distributions.map((d) => [d.address, d]))).get(address);
  const loadBalancers = graph.resources(LOAD_BALANCER_TYPES).map((node) => {
    const lb = new LoadBalancer(node);
    lb.kind = readVal(node, 'load_balancer_type', toString, 'application');
    lb.internal = readVal(node, 'internal', toBoolean, false);
    lb.dropInvalidHeaderFields = readVal(node, 'drop_invalid_header_fields', toBoolean, false);
    lb.accessLogs = accessLogsOf(graph, node, false);
    lb.lookups = {
      guards: () => guardsOf(graph, node, lb.kind.value, groupOf),
      cloudFrontOrigins: () => originOf(graph, node).flatMap((d) => distributionOf(d.address) ?? []),
      wafAssociations: () => wafAssociationsOf(graph, node),
    };
    byAddress.set(node.address, lb);
    return lb;
  });
  const listeners = graph.resources(LISTENER_TYPES).map((node) => {
    const listener = new Listener(node);
    listener.protocol = readVal(node, 'protocol', toString, 'HTTP');
    listener.sslPolicy = readVal(node, 'ssl_policy', toString, DEFAULT_SSL_POLICY);
    listener.port = readVal(node, 'port', toNumber);
    listener.loadBalancers = referencedNodes(graph, node, 'load_balancer_arn', LOAD_BALANCER_TYPES).nodes.flatMap((n) => byAddress.get(n.address) ?? []);
    listener.defaultActions = actionsAt(node, 'default_action');
    listener.rules = graph.referrers(node, LISTENER_RULE_TYPES, 'listener_arn').map(adaptListenerRule);
    for (const lb of listener.loadBalancers) lb.listeners.push(listener);
    return listener;
  });
  return { loadBalancers, listeners, classicLoadBalancers: adaptClassic(graph) };
}
