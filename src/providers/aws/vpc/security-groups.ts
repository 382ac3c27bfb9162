/**
 * Security group ingress as uniform records, whichever of the three Terraform forms declares it
 * (inline `ingress` blocks, `aws_security_group_rule` with `type = "ingress"`,
 * `aws_vpc_security_group_ingress_rule`), plus the CIDR and port arithmetic the network rules share.
 */
import { Unknown, Value, isObject } from '../../../eval/value';
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { asBoolean, listOf } from '../../attributes';
import { referencedNodes } from '../../links';

export const RULE_RESOURCE_TYPES = ['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'] as const;

/** One CIDR source of a rule, with the attribute path that holds it (for the finding's location). */
export interface CidrSource {
  /** A CIDR string, or an Unknown when not known statically. */
  value: Value;
  /** `ingress.1.cidr_blocks`, `cidr_ipv4`, ... on `IngressRule.node`. */
  path: string;
}

export interface IngressRule {
  /** The resource that declares the rule: the security group (inline) or the rule resource. */
  node: GraphNode;
  /** `ingress.N` for an inline block, '' for a rule resource. */
  path: string;
  from_port: Value | undefined;
  to_port: Value | undefined;
  /** As written: `tcp`, `"-1"`, `6`, ... (`ip_protocol` for `aws_vpc_security_group_ingress_rule`). */
  protocol: Value | undefined;
  /** IPv4 and IPv6 CIDR sources (`cidr_blocks`, `ipv6_cidr_blocks`, `cidr_ipv4`, `cidr_ipv6`). */
  cidrs: CidrSource[];
  /** `security_groups`, `source_security_group_id`, `referenced_security_group_id`. */
  sourceSecurityGroups: Value[];
  /** `prefix_list_ids`, `prefix_list_id`. */
  prefixLists: Value[];
  self: boolean | Unknown | undefined;
  /** Set when the rule itself is not known statically (dynamic blocks over an unknown collection, unknown `type`). */
  unknown?: Unknown;
}

/** `aws_security_group.db ingress.1`, or the rule resource's address. */
export function describeRule(rule: IngressRule): string {
  return rule.path === '' ? rule.node.address : `${rule.node.address} ${rule.path}`;
}

function joinPath(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

/** The CIDR sources of a list attribute (or a single-valued one): every element, or the whole Unknown. */
function cidrSources(node: GraphNode, path: string): CidrSource[] {
  const read = node.attr(path);
  if (!read.present) return [];
  if (read.value instanceof Unknown) return [{ value: read.value, path }];
  return listOf(read.value)
    .filter((v) => v !== null)
    .map((value) => ({ value, path }));
}

function values(node: GraphNode, path: string): Value[] {
  const read = node.attr(path);
  if (!read.present) return [];
  return read.value instanceof Unknown ? [read.value] : listOf(read.value).filter((v) => v !== null);
}

function selfOf(node: GraphNode, path: string): boolean | Unknown | undefined {
  const v = asBoolean(node.attr(path).value);
  return v;
}

/** Inline `ingress` blocks of an `aws_security_group` (also `ingress = [{...}]` attribute syntax and dynamic blocks). */
export function inlineIngressRules(sg: GraphNode): IngressRule[] {
  return sg.blocks('ingress').map(({ path, value }) => {
    if (value instanceof Unknown) {
      return { node: sg, path, from_port: undefined, to_port: undefined, protocol: undefined, cidrs: [], sourceSecurityGroups: [], prefixLists: [], self: undefined, unknown: value };
    }
    const p = (name: string) => joinPath(path, name);
    return {
      node: sg,
      path,
      from_port: sg.attr(p('from_port')).value,
      to_port: sg.attr(p('to_port')).value,
      protocol: sg.attr(p('protocol')).value,
      cidrs: [...cidrSources(sg, p('cidr_blocks')), ...cidrSources(sg, p('ipv6_cidr_blocks'))],
      sourceSecurityGroups: values(sg, p('security_groups')),
      prefixLists: values(sg, p('prefix_list_ids')),
      self: selfOf(sg, p('self')),
    };
  });
}

/**
 * The ingress rules a resource declares itself: a security group's inline blocks, or the one rule of a
 * rule resource (none for an `aws_security_group_rule` of type egress).
 */
export function ownIngressRules(node: GraphNode): IngressRule[] {
  if (node.type === 'aws_security_group') return inlineIngressRules(node);
  if (node.type === 'aws_security_group_rule') {
    const type = node.attr('type').value;
    const base = {
      node,
      path: '',
      from_port: node.attr('from_port').value,
      to_port: node.attr('to_port').value,
      protocol: node.attr('protocol').value,
      cidrs: [...cidrSources(node, 'cidr_blocks'), ...cidrSources(node, 'ipv6_cidr_blocks')],
      sourceSecurityGroups: values(node, 'source_security_group_id'),
      prefixLists: values(node, 'prefix_list_ids'),
      self: selfOf(node, 'self'),
    };
    if (type instanceof Unknown) return [{ ...base, unknown: type }];
    if (type === undefined) return [{ ...base, unknown: new Unknown(`${node.address}.type`, 'type is not set (the provider requires "ingress" or "egress")') }];
    return type === 'ingress' ? [base] : [];
  }
  if (node.type === 'aws_vpc_security_group_ingress_rule') {
    return [
      {
        node,
        path: '',
        from_port: node.attr('from_port').value,
        to_port: node.attr('to_port').value,
        protocol: node.attr('ip_protocol').value,
        cidrs: [...cidrSources(node, 'cidr_ipv4'), ...cidrSources(node, 'cidr_ipv6')],
        sourceSecurityGroups: values(node, 'referenced_security_group_id'),
        prefixLists: values(node, 'prefix_list_id'),
        self: undefined,
      },
    ];
  }
  return [];
}

/**
 * All ingress rules of a security group: its inline blocks plus the `aws_security_group_rule` (type
 * ingress) and `aws_vpc_security_group_ingress_rule` resources whose `security_group_id` names it.
 */
export function ingressRules(graph: ResourceGraph, sg: GraphNode): IngressRule[] {
  const out = sg.type === 'aws_security_group' || sg.type === 'aws_default_security_group' ? inlineIngressRules(sg) : [];
  for (const r of graph.referrers(sg, RULE_RESOURCE_TYPES, 'security_group_id')) {
    // Edges may over-approximate (`ids[0]` records an edge to every instance); the value says exactly.
    if (!referencedNodes(graph, r, 'security_group_id').nodes.some((n) => n.address === sg.address)) continue;
    out.push(...ownIngressRules(r));
  }
  return out;
}

// --- CIDRs ---------------------------------------------------------------------------------------

import { isInternetCidr, isPrivateCidr } from '../../../net/cidr';
export { PRIVATE_RANGES, cidrWithin, isInternetCidr, isPrivateCidr, parseCidr } from '../../../net/cidr';

const VPC_CIDR_SOURCE = /(^|\.)(data\.)?aws_(vpc|default_vpc|subnet|default_subnet|vpc_ipv4_cidr_block_association|vpc_ipv6_cidr_block_association)\.[^.]+(\[[^\]]*\])?\.(cidr_block|ipv6_cidr_block)$/;
const VPC_CIDR_TYPES = new Set(['aws_vpc', 'aws_default_vpc', 'aws_subnet', 'aws_default_subnet', 'aws_vpc_ipv4_cidr_block_association', 'aws_vpc_ipv6_cidr_block_association']);

/**
 * An unknown CIDR that is the address range of a VPC or subnet (`aws_vpc.main.cidr_block`, known after
 * apply). AWS only allows /16 to /28 (IPv4) and /44 to /64 (IPv6) there: never the internet, always
 * internal to a VPC.
 */
export function isVpcCidrReference(v: Value): boolean {
  if (!(v instanceof Unknown)) return false;
  if (v.ref) {
    const type = v.ref.address.replace(/^(module\.[^.]+(\[[^\]]*\])?\.)*(data\.)?/, '').split('.')[0];
    if (VPC_CIDR_TYPES.has(type) && /^(cidr_block|ipv6_cidr_block)$/.test(v.ref.attrPath)) return true;
  }
  return VPC_CIDR_SOURCE.test(v.source);
}

/** The CIDR ranges of a VPC in the graph: `cidr_block`, `ipv6_cidr_block` and secondary associations (known ones only). */
export function vpcCidrs(graph: ResourceGraph, vpc: GraphNode): string[] {
  const out: string[] = [];
  const add = (v: Value | undefined) => {
    if (typeof v === 'string') out.push(v);
  };
  add(vpc.attr('cidr_block').value);
  add(vpc.attr('ipv6_cidr_block').value);
  for (const a of graph.referrers(vpc, ['aws_vpc_ipv4_cidr_block_association', 'aws_vpc_ipv6_cidr_block_association'], 'vpc_id')) {
    add(a.attr('cidr_block').value);
    add(a.attr('ipv6_cidr_block').value);
  }
  return out;
}

/** The VPC (an `aws_vpc`/`aws_default_vpc` node) a security group or subnet belongs to, when the graph says. */
export function vpcOf(graph: ResourceGraph, node: GraphNode): GraphNode | undefined {
  if (!node.attr('vpc_id').present) return undefined;
  return referencedNodes(graph, node, 'vpc_id', ['aws_vpc', 'aws_default_vpc']).nodes[0];
}

// --- Protocols and ports ---------------------------------------------------------------------------

export type Protocol = 'all' | 'tcp' | 'udp' | 'icmp' | 'icmpv6' | { other: string };

const PROTOCOL_NAMES: Record<string, Protocol> = {
  '-1': 'all',
  all: 'all',
  tcp: 'tcp',
  '6': 'tcp',
  udp: 'udp',
  '17': 'udp',
  icmp: 'icmp',
  '1': 'icmp',
  icmpv6: 'icmpv6',
  '58': 'icmpv6',
};

/**
 * The protocol of a rule. AWS: `-1`/`all` is every protocol and port; for protocols other than TCP,
 * UDP, ICMP and ICMPv6 (e.g. `50`), traffic on all ports is allowed whatever the port range says.
 */
export function normalizeProtocol(p: Value | undefined): Protocol | Unknown | undefined {
  if (p instanceof Unknown) return p;
  if (typeof p !== 'string' && typeof p !== 'number') return undefined;
  const key = String(p).trim().toLowerCase();
  return PROTOCOL_NAMES[key] ?? { other: key };
}

export type PortRange = [number, number];

/** `port 22`, `ports 0-65535`. */
export function showRange([lo, hi]: PortRange): string {
  return lo === hi ? `port ${lo}` : `ports ${lo}-${hi}`;
}

/**
 * The sub-ranges of the rule's ports that are not in `allowed`. `all` and non-port protocols cover
 * every port (0-65535); ICMP has no ports and yields nothing. Ports must be known numbers.
 */
export function disallowedPortRanges(from: number, to: number, protocol: Protocol, allowed: readonly number[]): PortRange[] {
  if (protocol === 'icmp' || protocol === 'icmpv6') return [];
  const [lo, hi] = protocol === 'tcp' || protocol === 'udp' ? [Math.min(from, to), Math.max(from, to)] : [0, 65535];
  const ok = [...new Set(allowed)].filter((p) => p >= lo && p <= hi).sort((a, b) => a - b);
  const out: PortRange[] = [];
  let start = lo;
  for (const p of ok) {
    if (p > start) out.push([start, p - 1]);
    start = p + 1;
  }
  if (start <= hi) out.push([start, hi]);
  return out;
}


function protocolLabel(proto: Protocol): string {
  return typeof proto === 'string' ? proto : `protocol ${proto.other}`;
}

export interface PortsReached {
  /** What the rule reaches, for messages: `tcp port 22`, `all protocols and ports (protocol -1)`. */
  label: string;
  /** Reached ports outside the allow-list (empty when none). */
  disallowed: PortRange[];
  /** Set when protocol or ports are not known statically. */
  unknown?: string;
}

function portNumber(v: Value | undefined): number | Unknown | undefined {
  if (v instanceof Unknown) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

/** Which ports a rule opens and which of them the allow-list does not cover. */
export function portsReached(rule: IngressRule, allowed: readonly number[]): PortsReached {
  const proto = normalizeProtocol(rule.protocol);
  if (proto instanceof Unknown) return { label: 'unknown protocol', disallowed: [], unknown: `protocol is ${proto.describe()}` };
  if (proto === undefined) return { label: 'unknown protocol', disallowed: [], unknown: 'protocol is not set' };
  if (proto === 'all') return { label: `all protocols and ports (protocol ${JSON.stringify(String(rule.protocol))})`, disallowed: disallowedPortRanges(0, 65535, proto, allowed) };
  if (typeof proto !== 'string') return { label: `${protocolLabel(proto)} (all ports)`, disallowed: disallowedPortRanges(0, 65535, proto, allowed) };
  if (proto === 'icmp' || proto === 'icmpv6') return { label: proto, disallowed: [] };
  const from = portNumber(rule.from_port);
  const to = portNumber(rule.to_port);
  for (const [name, v] of [['from_port', from], ['to_port', to]] as const) {
    if (v instanceof Unknown) return { label: `${proto} ports`, disallowed: [], unknown: `${name} is ${v.describe()}` };
    if (v === undefined) return { label: `${proto} ports`, disallowed: [], unknown: `${name} is not set` };
  }
  const range: PortRange = [Math.min(from as number, to as number), Math.max(from as number, to as number)];
  const disallowed = disallowedPortRanges(range[0], range[1], proto, allowed);
  let label = `${proto} ${showRange(range)}`;
  if (disallowed.length > 0 && (disallowed.length > 1 || disallowed[0][0] !== range[0] || disallowed[0][1] !== range[1])) {
    label += ` (not allowed: ${disallowed.map((r) => (r[0] === r[1] ? `${r[0]}` : `${r[0]}-${r[1]}`)).join(', ')})`;
  }
  return { label, disallowed };
}

// --- Classifying sources ---------------------------------------------------------------------------

export interface CidrClass {
  internet: CidrSource[];
  /** Known CIDRs that are neither the internet nor private (public addresses/ranges). */
  public: CidrSource[];
  private: CidrSource[];
  unknown: Array<CidrSource & { value: Unknown }>;
}

/**
 * True when the CIDR value at `path` on `node` is the `cidr_block`/`ipv6_cidr_block` of a VPC or subnet
 * in the graph: an edge from that path reaches such an attribute holding the same value (a known
 * string, or an Unknown with the same source, e.g. `var.vpc_cidr` passed through `aws_vpc.main`).
 */
export function cameFromVpcCidr(graph: ResourceGraph, node: GraphNode, path: string, value: Value): boolean {
  for (const e of graph.edgesFrom(node, path)) {
    if (e.toPath !== 'cidr_block' && e.toPath !== 'ipv6_cidr_block') continue;
    const target = graph.node(e.to);
    if (!target || !VPC_CIDR_TYPES.has(target.type)) continue;
    const tv = target.attr(e.toPath).value;
    if (typeof value === 'string' ? tv === value : value instanceof Unknown && tv instanceof Unknown && tv.source === value.source) return true;
  }
  return false;
}

/**
 * Sorts a rule's CIDR sources into internet (/0), public, private (RFC 1918/6598/`vpcRanges`, or the
 * CIDR of a VPC/subnet by reference) and unknown. With `context`, values that came from a VPC's or
 * subnet's CIDR attribute count as private even when they are unknown or outside RFC 1918.
 */
export function classifyCidrs(cidrs: readonly CidrSource[], vpcRanges: readonly string[] = [], context?: { graph: ResourceGraph; node: GraphNode }): CidrClass {
  const out: CidrClass = { internet: [], public: [], private: [], unknown: [] };
  const fromVpc = (c: CidrSource) => context !== undefined && cameFromVpcCidr(context.graph, context.node, c.path, c.value);
  for (const c of cidrs) {
    if (c.value instanceof Unknown) {
      if (isVpcCidrReference(c.value) || fromVpc(c)) out.private.push(c);
      else out.unknown.push(c as CidrSource & { value: Unknown });
    } else if (typeof c.value === 'string') {
      if (isInternetCidr(c.value)) out.internet.push(c);
      else if (isPrivateCidr(c.value, vpcRanges) || fromVpc(c)) out.private.push(c);
      else out.public.push(c);
    } else if (isObject(c.value) || Array.isArray(c.value)) {
      out.unknown.push({ value: new Unknown(c.path, `not a CIDR string: ${JSON.stringify(c.value)}`), path: c.path });
    }
  }
  return out;
}

/** `"0.0.0.0/0"`, `"::/0"` for messages. */
export function showCidrs(list: readonly CidrSource[]): string {
  return [...new Set(list.map((c) => (c.value instanceof Unknown ? c.value.source : String(c.value))))].join(', ');
}
