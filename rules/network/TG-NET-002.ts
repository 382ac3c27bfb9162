/**
 * TG-NET-002: security groups open only allow-listed ports to the internet. One result per security
 * group (its inline ingress blocks) and per ingress rule resource; egress rules are out of scope.
 */
import { ALLOWED_INTERNET_PORTS } from '../../src/rules/parameters';
import { ingressRuleOf } from '../../src/providers/aws/vpc/adapt';
import { type IngressRule, showCidrs } from '../../src/providers/aws/vpc/model';
import { combineParts } from '../../src/rules/context';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';

const TYPES = ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'] as const;

/**
 * One ingress rule against the allow-list: `fail` when an internet CIDR (any /0 prefix) reaches a
 * port outside it; `unknown` when a CIDR, the protocol or the ports are not known and could decide.
 * Other sources (security groups, prefix lists, `self`) never excuse an internet CIDR.
 */
export function internetIngressPart(rule: IngressRule, allowed: readonly number[]): ResultPart {
  const name = rule.path === '' ? 'ingress' : rule.path;
  const attribute = rule.path || undefined;
  if (rule.unknown) return { name, status: 'unknown', message: `${name} is not known statically: ${rule.unknown}`, attribute };
  const { internet, unknown } = rule.cidrs;
  if (internet.length === 0 && unknown.length === 0) return { name, status: 'pass', message: `${name}: no internet source`, attribute };
  const ports = rule.ports(allowed);
  const allowedText = allowed.length > 0 ? allowed.join(', ') : 'none';
  if (!ports.unknown && ports.disallowed.length === 0) {
    // ICMP has no ports: saying "icmp only, allowed (80, 443)" would read as if ICMP were a port.
    if (ports.label === 'icmp' || ports.label === 'icmpv6') {
      const from = internet.length > 0 ? showCidrs(internet) : 'a CIDR not known statically';
      return { name, status: 'pass', message: `${name}: ${ports.label} from ${from}: ${ports.label.toUpperCase()} opens no port`, attribute };
    }
    return { name, status: 'pass', message: `${name}: ${ports.label} only, allowed from the internet (${allowedText})`, attribute };
  }
  if (internet.length > 0 && !ports.unknown) {
    return { name, status: 'fail', message: `${name}: ${ports.label} is open to ${showCidrs(internet)} (ports allowed from the internet: ${allowedText})`, attribute: internet[0].path };
  }
  if (internet.length > 0) {
    return { name, status: 'unknown', message: `${name}: open to ${showCidrs(internet)} and the ports are not known: ${ports.unknown}`, attribute: internet[0].path };
  }
  const what = ports.unknown ? `ports not known (${ports.unknown})` : ports.label;
  return { name, status: 'unknown', message: `${name}: ${what} from a CIDR that is not known statically: ${unknown[0].value.describe()}`, attribute: unknown[0].path };
}

/** TG-NET-005 still hands in the old ingress records; the lead repoints it to `internetIngressPart` when it moves onto the models. */
export function checkIngress(record: Parameters<typeof ingressRuleOf>[1], allowed: readonly number[], graph?: Parameters<typeof ingressRuleOf>[0]): ResultPart {
  return internetIngressPart(ingressRuleOf(graph, record), allowed);
}

export const rule: Rule = {
  meta: {
    id: 'TG-NET-002',
    title: 'Security groups open only allow-listed ports to the internet',
    claim: 'network-private',
    severity: 'high',
    parameters: [ALLOWED_INTERNET_PORTS],
    fix: 'limit internet ingress (0.0.0.0/0, ::/0) to the allow-listed ports; use security groups or private CIDRs for the rest',
    appliesTo: TYPES,
    messages: {
      noInline: 'no inline ingress rules',
      rule: '{{message}}',
      noneOutside: 'no inline ingress rule opens a port outside {{allowed}} to the internet',
    },
  },

  check({ aws, params, report }) {
    const allowed = ALLOWED_INTERNET_PORTS.of(params);
    const out: RuleResult[] = [];
    for (const group of aws.vpc.securityGroups.filter((g) => g.type === 'aws_security_group')) {
      const parts = group.inlineIngress.map((r) => internetIngressPart(r, allowed));
      // Internet-facing blocks that pass are the evidence worth showing ("ingress.0: tcp port 443 only, ...").
      const internetFacing = parts.filter((p) => p.status === 'pass' && !p.message.endsWith('no internet source')).map((p) => p.message);
      const passMessage =
        parts.length === 0
          ? report('pass', group, 'noInline').message
          : internetFacing.length > 0
            ? internetFacing.join('; ')
            : report('pass', group, 'noneOutside', { allowed: allowed.join(', ') || 'the allow-list' }).message;
      const { status, deciding } = combineParts(parts);
      const message = status === 'pass' ? passMessage : deciding.map((p) => p.message).join('; ');
      const attribute = status === 'pass' ? (parts.length === 1 ? parts[0].attribute : undefined) : deciding[0].attribute;
      out.push(report(status, group, 'rule', { message }, attribute, parts));
    }
    for (const resource of aws.vpc.securityGroupRules) {
      if (!resource.ingress) continue;
      const part = internetIngressPart(resource.ingress, allowed);
      out.push(report(part.status, resource, 'rule', { message: part.message.replace(/^ingress: /, '') }, part.attribute));
    }
    return out;
  },
};
