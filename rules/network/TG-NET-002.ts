/**
 * TG-NET-002: security groups open only allow-listed ports to the internet. One result per security
 * group (its inline ingress blocks) and per ingress rule resource; egress rules are out of scope.
 */
import { ALLOWED_INTERNET_PORTS } from '../../src/rules/parameters';
import { internetIngressPart } from '../../src/providers/aws/vpc/internet-ingress';
import { combineParts } from '../../src/rules/context';
import { Rule, RuleResult } from '../../src/rules/types';

const TYPES = ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'] as const;

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
