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
    description: [
      'No ingress rule may admit the internet to a port outside the profile\'s allow-list (default 80',
      'and 443). The internet is any CIDR with prefix length 0 (`0.0.0.0/0`, `::/0`, also malformed',
      'forms such as `/0`) in `cidr_blocks`, `ipv6_cidr_blocks`, `cidr_ipv4` or `cidr_ipv6`. A port',
      'range fails when it includes any port outside the allow-list; protocol `-1`/`all` (and any',
      'protocol other than TCP, UDP, ICMP and ICMPv6, for which AWS ignores ports) reaches every port.',
      '`self = true`, security-group or prefix-list sources in the same rule do not excuse an internet',
      'CIDR.',
      '',
      'Every form is checked, one result per resource: inline `ingress` blocks of `aws_security_group`',
      '(also dynamic blocks and `ingress = [...]`), `aws_security_group_rule` with `type = "ingress"`',
      'and `aws_vpc_security_group_ingress_rule`. A CIDR, protocol or port that is not known statically',
      'gives `unknown` when it could decide.',
    ].join('\n'),
    remediation: [
      'Admit the internet only on allow-listed ports, and reach everything else from a security group,',
      'a prefix list or a private range (VPN, bastion, SSM Session Manager instead of SSH):',
      '',
      '```hcl',
      'resource "aws_vpc_security_group_ingress_rule" "https" {',
      '  security_group_id = aws_security_group.alb.id',
      '  cidr_ipv4         = "0.0.0.0/0"',
      '  ip_protocol       = "tcp"',
      '  from_port         = 443',
      '  to_port           = 443',
      '}',
      '',
      'resource "aws_vpc_security_group_ingress_rule" "ssh_from_vpn" {',
      '  security_group_id = aws_security_group.app.id',
      '  cidr_ipv4         = "10.8.0.0/16" # the VPN range, not 0.0.0.0/0',
      '  ip_protocol       = "tcp"',
      '  from_port         = 22',
      '  to_port           = 22',
      '}',
      '```',
    ].join('\n'),
    fix: 'limit internet ingress (0.0.0.0/0, ::/0) to the allow-listed ports; use security groups or private CIDRs for the rest',
    appliesTo: TYPES,
    references: {
      checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_260', 'CKV_AWS_277'],
      trivy: ['AVD-AWS-0107'],
      kics: [
        '4728cd65-a20c-49da-8b31-9c08b423e4db',
        '65905cec-d691-4320-b320-2000436cb696',
        '151187cb-0efc-481c-babd-ad24e3c9bc22',
        'ffac8a12-322e-42c1-b9b9-81ff85c39ef7',
        '381c3f2a-ef6f-4eff-99f7-b169cda3422c',
        '590d878b-abdc-428f-895a-e2b68a0e1998',
      ],
      docs: [
        'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/security_group',
        'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_security_group_ingress_rule',
        'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
      ],
    },
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
