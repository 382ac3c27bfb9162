/**
 * TG-NET-005: internet-facing application load balancers drop invalid header fields, and every load
 * balancer's security groups limit internet ingress to the allow-listed ports.
 *
 * Decisions where rules.md is silent:
 * - "subnets/security groups whose internet ingress is limited": security groups are what filter a
 *   load balancer's traffic; subnets matter only to find the VPC whose default security group applies
 *   when an application load balancer names none (network ACLs are not evaluated). Without
 *   `security_groups`, the managed `aws_default_security_group` of that VPC is checked; an unmanaged
 *   default group is the one AWS creates (ingress only from its own members), as in TG-NET-003; when the
 *   VPC is not known (subnets from a variable or a remote module) the part is `unknown`.
 * - A network load balancer created without security groups filters nothing (none can be added
 *   later): an internet-facing one admits the internet on every listener port, so its listeners'
 *   `port`s must be allow-listed; with no listener in scope the part is `unknown`. An internal one has
 *   no internet ingress (pass).
 * - Gateway load balancers have no listeners on ports, no security groups and no internet-facing
 *   scheme (traffic arrives only through Gateway Load Balancer endpoints): not applicable, no result.
 * - Internal load balancers' security groups are checked too ("all load balancers").
 */
import { Unknown } from '../../src/eval/value';
import { GraphNode, ResourceGraph, SourceLocation } from '../../src/graph/model';
import { asBoolean, setting } from '../../src/providers/attributes';
import { combineParts } from '../../src/rules/support/results';
import { ingressRules } from '../../src/providers/aws/vpc/security-groups';
import { LOAD_BALANCER_TYPES, SchemeRead, listenersOf, loadBalancerKind, loadBalancerScheme, loadBalancerSecurityGroups } from '../../src/providers/aws/elb/load-balancers';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';
import { checkIngress } from './TG-NET-002';
import { ALLOWED_INTERNET_PORTS } from '../../src/rules/parameters';

type Part = ResultPart & { location?: SourceLocation };

/** `drop_invalid_header_fields` of an internet-facing application load balancer. */
function headerPart(lb: GraphNode, kind: string | Unknown | undefined, scheme: SchemeRead): Part {
  const name = 'drop_invalid_header_fields';
  const s = setting(lb, name, false);
  const v = asBoolean(s.value);
  const attribute = s.read.present ? name : undefined;
  if (v === true) return { name, status: 'pass', message: s.describe, attribute };
  if (kind !== undefined && !(kind instanceof Unknown) && kind !== 'application') {
    return { name, status: 'pass', message: `load_balancer_type = ${JSON.stringify(kind)}: the header setting applies only to application load balancers` };
  }
  if (scheme.internetFacing === false) return { name, status: 'pass', message: `${scheme.setting.describe}: the header setting is required only on internet-facing load balancers` };
  if (v instanceof Unknown) return { name, status: 'unknown', message: `${name} is not known statically: ${s.describe}`, attribute };
  if (v === undefined) return { name, status: 'unknown', message: `${name} is not a boolean: ${s.describe}`, attribute };
  // v === false from here: it fails when the load balancer is an internet-facing ALB.
  if (kind instanceof Unknown) return { name, status: 'unknown', message: `${s.describe}, and load_balancer_type is not known statically: ${kind.describe()}`, attribute: 'load_balancer_type' };
  if (scheme.internetFacing instanceof Unknown) return { name, status: 'unknown', message: `${s.describe}, and it is not known whether the load balancer is internet-facing: ${scheme.setting.describe}`, attribute: 'internal' };
  return { name, status: 'fail', message: `internet-facing application load balancer forwards invalid HTTP header fields: ${s.describe}`, attribute };
}

/** Listener ports of a network load balancer without security groups. */
function listenerPart(graph: ResourceGraph, lb: GraphNode, allowed: readonly number[], scheme: SchemeRead, lead: string): Part {
  const name = 'security_groups';
  if (scheme.internetFacing === false) return { name, status: 'pass', message: `${lead}, and it is internal (${scheme.setting.describe}): no internet ingress` };
  const listeners = listenersOf(graph, lb);
  const facing = scheme.internetFacing instanceof Unknown ? ` (if internet-facing: ${scheme.setting.describe})` : '';
  if (listeners.length === 0) {
    return { name, status: 'unknown', message: `${lead}: every listener port is open to the internet${facing}, and no listener is in scope` };
  }
  const open: string[] = [];
  const unknowns: string[] = [];
  let location: SourceLocation | undefined;
  for (const l of listeners) {
    const port = l.attr('port');
    if (port.value instanceof Unknown) unknowns.push(`${l.address} port is ${port.value.describe()}`);
    else if (!port.present) unknowns.push(`${l.address} has no port`);
    else if (!allowed.includes(Number(port.value))) {
      open.push(`${l.address} port ${String(port.value)}`);
      location ??= port.location;
    }
  }
  const allowedText = allowed.length > 0 ? allowed.join(', ') : 'none';
  if (open.length > 0) {
    const status = scheme.internetFacing === true ? 'fail' : 'unknown';
    return { name, status, message: `${lead}: the internet reaches ${open.join(', ')}${facing} (ports allowed from the internet: ${allowedText})`, location };
  }
  if (unknowns.length > 0) return { name, status: 'unknown', message: `${lead}: listener ports are not known statically: ${unknowns.join('; ')}` };
  return { name, status: 'pass', message: `${lead}: listeners only on allowed ports (${listeners.map((l) => `${l.address} port ${String(l.attr('port').value)}`).join(', ')})` };
}

/** Internet ingress of the load balancer's security groups. */
function ingressPart(graph: ResourceGraph, lb: GraphNode, kind: string | undefined, allowed: readonly number[], scheme: SchemeRead): Part {
  const name = 'security_groups';
  const sgs = loadBalancerSecurityGroups(graph, lb, kind);
  if (sgs.none === 'no-security-groups') return listenerPart(graph, lb, allowed, scheme, `${sgs.via}: a ${kind} load balancer without security groups filters no traffic`);
  if (sgs.none === 'aws-default-group') return { name, status: 'pass', message: sgs.via, attribute: sgs.attribute };
  const lead = sgs.via === '' ? '' : `${sgs.via}: `;
  const fails: Part[] = [];
  const unknowns: Part[] = [];
  const open: string[] = [];
  for (const g of sgs.groups) {
    for (const r of ingressRules(graph, g)) {
      const p = checkIngress(r, allowed, graph);
      const label = r.path === '' ? r.node.address : `${r.node.address} ${r.path}`;
      const message = `${label}: ${p.message.replace(/^ingress(\.\d+)?: /, '')}`;
      if (p.status === 'fail') fails.push({ ...p, message, location: r.node.locationOf(p.attribute ?? r.path) });
      else if (p.status === 'unknown') unknowns.push({ ...p, message, location: r.node.locationOf(p.attribute ?? r.path) });
      else if (!p.message.endsWith('no internet source')) open.push(message);
    }
  }
  for (const u of sgs.unresolved) unknowns.push({ name, status: 'unknown', message: u, attribute: sgs.attribute });
  if (fails.length > 0) return { name, status: 'fail', message: `${lead}${fails.map((f) => f.message).join('; ')}`, attribute: sgs.attribute, location: fails[0].location };
  if (unknowns.length > 0) return { name, status: 'unknown', message: `${lead}${unknowns.map((f) => f.message).join('; ')}`, attribute: sgs.attribute, location: unknowns[0].location };
  if (sgs.groups.length === 0) return { name, status: 'unknown', message: `${lead}no security group is given`, attribute: sgs.attribute };
  const groups = sgs.groups.map((g) => g.address).join(', ');
  if (open.length === 0) return { name, status: 'pass', message: `${lead}${groups} ${sgs.groups.length === 1 ? 'admits' : 'admit'} no internet CIDR`, attribute: sgs.attribute };
  return { name, status: 'pass', message: `${lead}${open.join('; ')}`, attribute: sgs.attribute };
}

function checkLoadBalancer(graph: ResourceGraph, lb: GraphNode, allowed: readonly number[]): RuleResult | undefined {
  const { kind } = loadBalancerKind(lb);
  if (kind === 'gateway') return undefined;
  const scheme = loadBalancerScheme(lb);
  const parts: Part[] = [headerPart(lb, kind, scheme), ingressPart(graph, lb, typeof kind === 'string' ? kind : undefined, allowed, scheme)];
  const result = combineParts(
    lb,
    parts.map(({ location: _location, ...p }) => p),
    parts.map((p) => p.message).join('; '),
  );
  // Point at the deciding part's own location (the offending rule in a security group) when it has one.
  const deciding = parts.find((p) => p.status === result.status && result.status !== 'pass');
  if (deciding?.location) result.location = deciding.location;
  return result;
}

export const rule: Rule = {
  meta: {
    id: 'TG-NET-005',
    title: 'Load balancers drop invalid headers and admit the internet only on allowed ports',
    claim: 'network-private',
    severity: 'medium',
    parameters: [ALLOWED_INTERNET_PORTS],
    fix: 'set drop_invalid_header_fields = true on internet-facing ALBs and open only allow-listed ports to the internet in the load balancer security groups',
    appliesTo: LOAD_BALANCER_TYPES,
  },

  check({ graph, params }) {
    const out: RuleResult[] = [];
    for (const lb of graph.resources(LOAD_BALANCER_TYPES)) {
      const r = checkLoadBalancer(graph, lb, ALLOWED_INTERNET_PORTS.of(params));
      if (r) out.push(r);
    }
    return out;
  },
};
