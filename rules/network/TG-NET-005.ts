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
import { ALLOWED_INTERNET_PORTS } from '../../src/rules/parameters';
import { LOAD_BALANCER_TYPES, type LoadBalancer } from '../../src/providers/aws/elb/model';
import { internetIngressPart } from '../../src/providers/aws/vpc/internet-ingress';
import { whereWritten } from '../../src/rules/context';
import type { ResultPart, Rule, RuleContext as Ctx, RuleResult } from '../../src/rules/types';

type SourceLocation = NonNullable<RuleResult['location']>;

/** A part, and the lines of what decided it (the offending rule in a security group) when not the load balancer's. */
type Part = ResultPart & { location?: SourceLocation };

/** `drop_invalid_header_fields` of an internet-facing application load balancer. */
function headerPart({ part }: Ctx, lb: LoadBalancer): Part {
  const { dropInvalidHeaderFields: drop, kind, internal } = lb;
  const name = 'drop_invalid_header_fields';
  const data = { value: drop.describe() };
  const at = whereWritten(drop);
  if (drop.value === true) return part('pass', name, 'headerOn', data, at);
  if (kind.value !== undefined && kind.value !== 'application') return part('pass', name, 'notApplication', { kind: JSON.stringify(kind.value) });
  if (internal.value === true) return part('pass', name, 'internal', { value: internal.describe() });
  if (!drop.known) return part('unknown', name, drop.mistyped ? 'headerMistyped' : 'headerUnknown', data, at);
  // Off from here: it fails when the load balancer is an internet-facing ALB.
  if (!kind.known) return part('unknown', name, 'kindUnknown', { ...data, kind: kind.reason ?? '' }, 'load_balancer_type');
  if (!internal.known) return part('unknown', name, 'schemeUnknown', { ...data, internal: internal.describe() }, 'internal');
  return part('fail', name, 'headerOff', data, at);
}

/** Listener ports of a network load balancer without security groups: each is open to the internet. */
function listenerPart({ part }: Ctx, lb: LoadBalancer, allowed: readonly number[], lead: string): Part {
  const name = 'security_groups';
  if (lb.internal.value === true) return part('pass', name, 'nlbInternal', { lead, internal: lb.internal.describe() });
  const facing = lb.internal.known ? '' : ` (if internet-facing: ${lb.internal.describe()})`;
  if (lb.listeners.length === 0) return part('unknown', name, 'nlbNoListener', { lead, facing });
  const open = lb.listeners.filter((l) => l.port.value !== undefined && !allowed.includes(l.port.value));
  const unknowns = lb.listeners.filter((l) => l.port.value === undefined).map((l) => (l.port.present ? `${l.address} port is ${l.port.reason}` : `${l.address} has no port`));
  if (open.length > 0) {
    const ports = open.map((l) => `${l.address} port ${l.port.value}`).join(', ');
    const p = part(lb.internal.known ? 'fail' : 'unknown', name, 'nlbOpen', { lead, ports, facing, allowed: allowed.join(', ') || 'none' });
    return { ...p, location: open[0].port.location };
  }
  if (unknowns.length > 0) return part('unknown', name, 'nlbPortsUnknown', { lead, ports: unknowns.join('; ') });
  return part('pass', name, 'nlbAllowed', { lead, ports: lb.listeners.map((l) => `${l.address} port ${l.port.value}`).join(', ') });
}

/** Internet ingress of the load balancer's security groups. */
function ingressPart(ctx: Ctx, lb: LoadBalancer, allowed: readonly number[]): Part {
  const { guards } = lb;
  const name = 'security_groups';
  if (guards.none === 'no-security-groups') return listenerPart(ctx, lb, allowed, `${guards.via}: a ${lb.kind.value} load balancer without security groups filters no traffic`);
  if (guards.none === 'aws-default-group') return ctx.part('pass', name, 'groups', { text: guards.via }, guards.attribute);
  const lead = guards.via === '' ? '' : `${guards.via}: `;
  const fails: Part[] = [];
  const unknowns: Part[] = [];
  const open: string[] = [];
  for (const rule of guards.groups.flatMap((g) => g.ingress)) {
    const p = internetIngressPart(rule, allowed);
    const message = `${rule.label}: ${p.message.replace(/^ingress(\.\d+)?: /, '')}`;
    const location = rule.locationOf(p.attribute ?? rule.path);
    if (p.status === 'fail') fails.push({ ...p, message, location });
    else if (p.status === 'unknown') unknowns.push({ ...p, message, location });
    else if (!p.message.endsWith('no internet source')) open.push(message);
  }
  for (const u of guards.unresolved) unknowns.push({ name, status: 'unknown', message: u, attribute: guards.attribute });
  const text = (status: ResultPart['status'], body: string, location?: SourceLocation): Part => ({ ...ctx.part(status, name, 'groups', { text: `${lead}${body}` }, guards.attribute), location });
  const deciding = fails.length > 0 ? fails : unknowns;
  if (deciding.length > 0) return text(deciding[0].status, deciding.map((f) => f.message).join('; '), deciding[0].location);
  if (guards.groups.length === 0) return text('unknown', 'no security group is given');
  const groups = guards.groups.map((g) => g.address).join(', ');
  if (open.length === 0) return text('pass', `${groups} ${guards.groups.length === 1 ? 'admits' : 'admit'} no internet CIDR`);
  return text('pass', open.join('; '));
}

function checkLoadBalancer(ctx: Ctx, lb: LoadBalancer, allowed: readonly number[]): RuleResult | undefined {
  if (lb.kind.value === 'gateway') return undefined;
  const parts = [headerPart(ctx, lb), ingressPart(ctx, lb, allowed)];
  const result = ctx.combine(lb, parts.map(({ location: _location, ...p }) => p), parts.map((p) => p.message).join('; '));
  // Point at the deciding part's own location (the offending rule in a security group) when it has one.
  const deciding = parts.find((p) => p.status === result.status && result.status !== 'pass');
  return deciding?.location ? { ...result, location: deciding.location } : result;
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
    messages: {
      headerOn: '{{value}}',
      notApplication: 'load_balancer_type = {{kind}}: the header setting applies only to application load balancers',
      internal: '{{value}}: the header setting is required only on internet-facing load balancers',
      headerUnknown: 'drop_invalid_header_fields is not known statically: {{value}}',
      headerMistyped: 'drop_invalid_header_fields is not a boolean: {{value}}',
      kindUnknown: '{{value}}, and load_balancer_type is not known statically: {{kind}}',
      schemeUnknown: '{{value}}, and it is not known whether the load balancer is internet-facing: {{internal}}',
      headerOff: 'internet-facing application load balancer forwards invalid HTTP header fields: {{value}}',
      nlbInternal: '{{lead}}, and it is internal ({{internal}}): no internet ingress',
      nlbNoListener: '{{lead}}: every listener port is open to the internet{{facing}}, and no listener is in scope',
      nlbOpen: '{{lead}}: the internet reaches {{ports}}{{facing}} (ports allowed from the internet: {{allowed}})',
      nlbPortsUnknown: '{{lead}}: listener ports are not known statically: {{ports}}',
      nlbAllowed: '{{lead}}: listeners only on allowed ports ({{ports}})',
      groups: '{{text}}',
    },
  },

  check(ctx) {
    return ctx.aws.elb.loadBalancers.flatMap((lb) => checkLoadBalancer(ctx, lb, ALLOWED_INTERNET_PORTS.of(ctx.params)) ?? []);
  },
};
