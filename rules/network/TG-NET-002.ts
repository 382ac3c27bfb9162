import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { combineParts, result } from '../../src/rules/support/results';
import { IngressRule, classifyCidrs, ownIngressRules, portsReached, showCidrs } from '../../src/rules/support/security-groups';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';

const TYPES = ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'] as const;

/**
 * One ingress rule against the allow-list: `fail` when an internet CIDR (any /0 prefix) reaches a
 * port outside it; `unknown` when a CIDR, the protocol or the ports are not known and could decide.
 * Other sources (security groups, prefix lists, `self`) never excuse an internet CIDR.
 */
export function checkIngress(rule: IngressRule, allowed: readonly number[], graph?: ResourceGraph): ResultPart {
  const name = rule.path === '' ? 'ingress' : rule.path;
  if (rule.unknown) return { name, status: 'unknown', message: `${name} is not known statically: ${rule.unknown.describe()}`, attribute: rule.path || undefined };
  const cidrs = classifyCidrs(rule.cidrs, [], graph ? { graph, node: rule.node } : undefined);
  if (cidrs.internet.length === 0 && cidrs.unknown.length === 0) {
    return { name, status: 'pass', message: `${name}: no internet source`, attribute: rule.path || undefined };
  }
  const ports = portsReached(rule, allowed);
  const allowedText = allowed.length > 0 ? allowed.join(', ') : 'none';
  if (!ports.unknown && ports.disallowed.length === 0) {
    // ICMP has no ports: saying "icmp only, allowed (80, 443)" would read as if ICMP were a port.
    if (ports.label === 'icmp' || ports.label === 'icmpv6') {
      const from = cidrs.internet.length > 0 ? showCidrs(cidrs.internet) : 'a CIDR not known statically';
      return { name, status: 'pass', message: `${name}: ${ports.label} from ${from}: ${ports.label.toUpperCase()} opens no port`, attribute: rule.path || undefined };
    }
    return { name, status: 'pass', message: `${name}: ${ports.label} only, allowed from the internet (${allowedText})`, attribute: rule.path || undefined };
  }
  if (cidrs.internet.length > 0 && !ports.unknown) {
    return {
      name,
      status: 'fail',
      message: `${name}: ${ports.label} is open to ${showCidrs(cidrs.internet)} (ports allowed from the internet: ${allowedText})`,
      attribute: cidrs.internet[0].path,
    };
  }
  if (cidrs.internet.length > 0) {
    return { name, status: 'unknown', message: `${name}: open to ${showCidrs(cidrs.internet)} and the ports are not known: ${ports.unknown}`, attribute: cidrs.internet[0].path };
  }
  const u = cidrs.unknown[0];
  const what = ports.unknown ? `ports not known (${ports.unknown})` : ports.label;
  return { name, status: 'unknown', message: `${name}: ${what} from a CIDR that is not known statically: ${u.value.describe()}`, attribute: u.path };
}

function checkNode(graph: ResourceGraph, node: GraphNode, allowed: readonly number[]): RuleResult | undefined {
  const rules = ownIngressRules(node);
  if (node.type === 'aws_security_group') {
    const parts = rules.map((r) => checkIngress(r, allowed, graph));
    // Internet-facing blocks that pass are the evidence worth showing ("ingress.0: tcp port 443 only, ...").
    const internetFacing = parts.filter((p) => p.status === 'pass' && !p.message.endsWith('no internet source')).map((p) => p.message);
    const passMessage =
      rules.length === 0
        ? 'no inline ingress rules'
        : internetFacing.length > 0
          ? internetFacing.join('; ')
          : `no inline ingress rule opens a port outside ${allowed.join(', ') || 'the allow-list'} to the internet`;
    return combineParts(node, parts, passMessage);
  }
  // Rule resources: one rule each; egress rules of aws_security_group_rule are not in scope.
  if (rules.length === 0) return undefined;
  const part = checkIngress(rules[0], allowed, graph);
  const message = part.message.replace(/^ingress: /, '');
  return result(part.status, node, message, part.attribute);
}

export const rule: Rule = {
  meta: {
    id: 'TG-NET-002',
    title: 'Security groups open only allow-listed ports to the internet',
    claim: 'network-private',
    severity: 'high',
    fix: 'limit internet ingress (0.0.0.0/0, ::/0) to the allow-listed ports; use security groups or private CIDRs for the rest',
    appliesTo: TYPES,
  },

  check({ graph, params }) {
    const out: RuleResult[] = [];
    for (const node of graph.resources(TYPES)) {
      const r = checkNode(graph, node, params.allowedInternetPorts);
      if (r) out.push(r);
    }
    return out;
  },
};
