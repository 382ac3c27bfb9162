/**
 * One ingress rule against the internet port allow-list, as a result part: TG-NET-002 judges security
 * groups with it and TG-NET-005 the groups of load balancers, in the same words.
 */
import type { ResultPart } from '../../../rules/types';
import { type IngressRule, showCidrs } from './model';

/**
 * `fail` when an internet CIDR (any /0 prefix) reaches a port outside `allowed`; `unknown` when a
 * CIDR, the protocol or the ports are not known and could decide. Other sources (security groups,
 * prefix lists, `self`) never excuse an internet CIDR.
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
    return { name, status: 'fail', message: `${name}: ${ports.label} ${/\bports\b/.test(ports.label) ? 'are' : 'is'} open to ${showCidrs(internet)} (ports allowed from the internet: ${allowedText})`, attribute: internet[0].path };
  }
  if (internet.length > 0) {
    return { name, status: 'unknown', message: `${name}: open to ${showCidrs(internet)} and the ports are not known: ${ports.unknown}`, attribute: internet[0].path };
  }
  const what = ports.unknown ? `ports not known (${ports.unknown})` : ports.label;
  return { name, status: 'unknown', message: `${name}: ${what} from a CIDR that is not known statically: ${unknown[0].value.describe()}`, attribute: unknown[0].path };
}
