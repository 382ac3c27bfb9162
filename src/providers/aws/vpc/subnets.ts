/**
 * Is a subnet public? The test TG-NET-001 and TG-NET-004 share (rules.md): a subnet is public when
 * `map_public_ip_on_launch = true`, or when its route table (explicit `aws_route_table_association`,
 * else the VPC's main route table) has a `0.0.0.0/0` or `::/0` route whose `gateway_id` is an internet
 * gateway. NAT gateways and egress-only internet gateways are private. Anything the graph cannot
 * settle is `unknown`, never private.
 */
import { Unknown, Value } from '../../../eval/value';
import { AttrRead, GraphNode, ResourceGraph } from '../../../graph/model';
import { asBoolean, leafValues, setting } from '../../attributes';
import { referencedNodes } from '../../links';
import { isInternetCidr } from './security-groups';
import { memo } from '../../memo';

export type Exposure = 'public' | 'private' | 'unknown';

export interface SubnetExposure {
  status: Exposure;
  /** Why, naming the subnet and the route table / gateway / attribute that decided. */
  reason: string;
  /** The node that decided (the public route table, the subnet for `map_public_ip_on_launch`). */
  evidence?: GraphNode;
}

const ROUTE_TABLE_TYPES = ['aws_route_table', 'aws_default_route_table'] as const;
const VPC_TYPES = ['aws_vpc', 'aws_default_vpc'] as const;
const SUBNET_TYPES = ['aws_subnet', 'aws_default_subnet'] as const;
const INTERNET_GATEWAY_TYPES = new Set(['aws_internet_gateway']);


/**
 * The nodes an attribute references (module calls left out: they only pass values through), and the
 * parts of its value that name no node. Unlike `referencedNodes`, an unknown without a resource `ref`
 * counts as resolved when the graph's edges name nodes the value's own refs do not (plan JSON, values
 * passed through functions): the edges then say what the unknown is made of. With `types`, nodes of
 * other types that only edges name are left out (a condition's operands, `count` dependencies), while
 * those the value itself names are kept so that a caller can say what they are.
 */
export function followReference(graph: ResourceGraph, node: GraphNode, path: string, types?: readonly string[]): { nodes: GraphNode[]; unresolved: Value[] } {
  const r = referencedNodes(graph, node, path);
  const fromValues = new Set<string>();
  for (const v of leafValues(node.attr(path).value)) {
    if (v instanceof Unknown && v.ref) {
      const t = graph.node(v.ref.address) ?? graph.instancesOf(v.ref.address)[0];
      if (t) fromValues.add(t.address);
    }
  }
  const relevant = (n: GraphNode) => types === undefined || types.includes(n.type);
  const nodes = r.nodes.filter((n) => n.kind !== 'module' && (relevant(n) || fromValues.has(n.address)));
  const edgesSayMore = nodes.some((n) => relevant(n) && !fromValues.has(n.address));
  return { nodes, unresolved: r.unresolved.filter((v) => !(v instanceof Unknown && edgesSayMore)) };
}

const referenced = followReference;

function refersTo(graph: ResourceGraph, node: GraphNode, path: string, target: GraphNode): boolean {
  return referenced(graph, node, path).nodes.some((n) => n.address === target.address);
}

function showValue(v: Value): string {
  return v instanceof Unknown ? v.describe() : JSON.stringify(v);
}

// --- Routes ----------------------------------------------------------------------------------------

type GatewayKind = { kind: 'igw'; name: string } | { kind: 'other'; name: string } | { kind: 'unknown'; name: string } | { kind: 'none' };

/** What a route's `gateway_id` points at: an internet gateway, something else, or not known. */
function classifyGateway(graph: ResourceGraph, node: GraphNode, path: string): GatewayKind {
  const read = node.attr(path);
  if (!read.present) return { kind: 'none' };
  const { nodes, unresolved } = referenced(graph, node, path);
  const igw = nodes.find((n) => INTERNET_GATEWAY_TYPES.has(n.type));
  if (igw) return { kind: 'igw', name: igw.address };
  for (const v of unresolved) {
    if (typeof v === 'string' && /^igw-/i.test(v)) return { kind: 'igw', name: JSON.stringify(v) };
  }
  if (nodes.length > 0) return { kind: 'other', name: nodes[0].address };
  const unknownValue = unresolved.find((v) => v instanceof Unknown);
  if (unknownValue) return { kind: 'unknown', name: showValue(unknownValue) };
  return { kind: 'other', name: unresolved.length > 0 ? JSON.stringify(unresolved[0]) : 'nothing' };
}

type Destination = 'default' | 'other' | { unknown: string };

function destinationOf(reads: AttrRead[]): { dest: Destination; shown: string } {
  for (const r of reads) {
    if (!r.present) continue;
    if (r.value instanceof Unknown) return { dest: { unknown: r.value.describe() }, shown: r.value.source };
    if (typeof r.value === 'string' && isInternetCidr(r.value)) return { dest: 'default', shown: r.value };
  }
  return { dest: 'other', shown: '' };
}

interface RouteFacts {
  dest: Destination;
  shownDest: string;
  gateway: GatewayKind;
  /** Where the route is declared, for messages: the table (inline) or the `aws_route`. */
  declaredBy: GraphNode;
  /** Targets other than `gateway_id` (nat_gateway_id, egress_only_gateway_id, ...), for private reasons. */
  otherTarget?: string;
}

const OTHER_TARGETS = ['nat_gateway_id', 'egress_only_gateway_id', 'transit_gateway_id', 'vpc_peering_connection_id', 'network_interface_id', 'vpc_endpoint_id', 'carrier_gateway_id', 'local_gateway_id', 'core_network_arn'];

function otherTarget(graph: ResourceGraph, node: GraphNode, prefix: string): string | undefined {
  for (const name of OTHER_TARGETS) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    if (!node.attr(path).present) continue;
    const target = referenced(graph, node, path).nodes[0];
    return target ? target.address : `${name} ${showValue(node.attr(path).value as Value)}`;
  }
  return undefined;
}

/** Routes of a route table: inline `route` blocks and `aws_route` resources whose `route_table_id` names it. */
function routesOf(graph: ResourceGraph, table: GraphNode): { routes: RouteFacts[]; unknownBlocks?: string } {
  const routes: RouteFacts[] = [];
  let unknownBlocks: string | undefined;
  for (const b of table.blocks('route')) {
    if (b.value instanceof Unknown) {
      unknownBlocks = b.value.describe();
      continue;
    }
    const d = destinationOf([table.attr(`${b.path}.cidr_block`), table.attr(`${b.path}.ipv6_cidr_block`)]);
    routes.push({ dest: d.dest, shownDest: d.shown, gateway: classifyGateway(graph, table, `${b.path}.gateway_id`), declaredBy: table, otherTarget: otherTarget(graph, table, b.path) });
  }
  for (const r of graph.referrers(table, 'aws_route', 'route_table_id')) {
    if (!refersTo(graph, r, 'route_table_id', table)) continue;
    routes.push(routeResourceFacts(graph, r));
  }
  return { routes, unknownBlocks };
}

function routeResourceFacts(graph: ResourceGraph, r: GraphNode): RouteFacts {
  const d = destinationOf([r.attr('destination_cidr_block'), r.attr('destination_ipv6_cidr_block')]);
  return { dest: d.dest, shownDest: d.shown, gateway: classifyGateway(graph, r, 'gateway_id'), declaredBy: r, otherTarget: otherTarget(graph, r, '') };
}

export interface RouteTableExposure {
  status: Exposure;
  /** `routes 0.0.0.0/0 to aws_internet_gateway.main`, `0.0.0.0/0 goes to aws_nat_gateway.a`, ... */
  reason: string;
}

/** The verdict over a table's routes: public on a default route to an internet gateway. */
function routesExposure(graph: ResourceGraph, routes: RouteFacts[], table: GraphNode | undefined, unknownBlocks?: string): RouteTableExposure {
  const unknowns: string[] = [];
  if (unknownBlocks) unknowns.push(`its route blocks are not known statically: ${unknownBlocks}`);
  const privateDefaults: string[] = [];
  for (const r of routes) {
    const via = r.declaredBy === table ? '' : ` (${r.declaredBy.address})`;
    if (r.dest === 'other') continue;
    if (r.dest === 'default') {
      if (r.gateway.kind === 'igw') return { status: 'public', reason: `routes ${r.shownDest} to ${r.gateway.name}${via}` };
      if (r.gateway.kind === 'unknown') unknowns.push(`the ${r.shownDest} route's gateway_id is ${r.gateway.name}${via}`);
      else privateDefaults.push(`${r.shownDest} goes to ${r.gateway.kind === 'other' ? r.gateway.name : r.otherTarget ?? 'a non-internet target'}${via}`);
    } else if (r.gateway.kind === 'igw' || r.gateway.kind === 'unknown') {
      unknowns.push(`a route to ${r.gateway.name} has a destination that is not known statically: ${r.dest.unknown}${via}`);
    }
  }
  // `aws_route`s whose `route_table_id` cannot be resolved may belong to this table.
  if (unknowns.length === 0) {
    for (const r of graph.resources('aws_route')) {
      const ref = referenced(graph, r, 'route_table_id', ROUTE_TABLE_TYPES);
      if (ref.nodes.length > 0 || ref.unresolved.length === 0) continue;
      const facts = routeResourceFacts(graph, r);
      if (facts.dest !== 'other' && facts.gateway.kind === 'igw') {
        unknowns.push(`${r.address} routes ${facts.shownDest || 'an unknown destination'} to ${facts.gateway.name} and its route_table_id (${showValue(ref.unresolved[0])}) may name this table`);
      }
    }
  }
  if (unknowns.length > 0) return { status: 'unknown', reason: unknowns.join('; ') };
  if (privateDefaults.length > 0) return { status: 'private', reason: `no route to an internet gateway (${privateDefaults.join('; ')})` };
  return { status: 'private', reason: 'no default route to an internet gateway' };
}

/** Does this route table send a default route (`0.0.0.0/0`, `::/0`) to an internet gateway? */
export function routeTableExposure(graph: ResourceGraph, table: GraphNode, extraRoutes: RouteFacts[] = []): RouteTableExposure {
  const { routes, unknownBlocks } = routesOf(graph, table);
  return routesExposure(graph, [...routes, ...extraRoutes], table, unknownBlocks);
}

// --- Associations ----------------------------------------------------------------------------------

/** How a subnet gets its routes: a route table node, or the main route table AWS created for a VPC. */
type TableChoice =
  | { kind: 'table'; table: GraphNode; how: string }
  | { kind: 'vpc-main'; vpc: GraphNode; how: string }
  | { kind: 'unknown'; reason: string };

const MAIN_TABLE_ATTRIBUTES = new Set(['main_route_table_id', 'default_route_table_id']);

/** A VPC whose `main_route_table_id`/`default_route_table_id` the attribute reads, if any. */
function vpcMainTableReference(graph: ResourceGraph, node: GraphNode, path: string): GraphNode | undefined {
  const edge = graph.edgesFrom(node, path).find((e) => MAIN_TABLE_ATTRIBUTES.has(e.toPath) && (VPC_TYPES as readonly string[]).includes(graph.node(e.to)?.type ?? ''));
  return edge ? graph.node(edge.to) : undefined;
}

/** The route table(s) a route table association names; `route_table_id = aws_vpc.x.main_route_table_id` is the VPC's main table. */
function tablesOfAssociation(graph: ResourceGraph, assoc: GraphNode): TableChoice[] {
  const ref = referenced(graph, assoc, 'route_table_id', ROUTE_TABLE_TYPES);
  const tables = ref.nodes.filter((n) => (ROUTE_TABLE_TYPES as readonly string[]).includes(n.type) && n.kind === 'resource');
  if (tables.length > 0) return tables.map((t) => ({ kind: 'table', table: t, how: assoc.address }));
  const vpc = vpcMainTableReference(graph, assoc, 'route_table_id');
  if (vpc) return [{ kind: 'vpc-main', vpc, how: `main route table of ${vpc.address} (${assoc.address})` }];
  const shown = ref.unresolved.length > 0 ? showValue(ref.unresolved[0]) : ref.nodes.length > 0 ? ref.nodes[0].address : 'not set';
  return [{ kind: 'unknown', reason: `${assoc.address} has a route_table_id that names no route table in the configuration: ${shown}` }];
}

/** The VPC of a subnet, or why it is not known. */
function subnetVpc(graph: ResourceGraph, subnet: GraphNode): { vpc?: GraphNode; reason?: string } {
  const read = subnet.attr('vpc_id');
  if (!read.present) return { reason: `${subnet.address} has no vpc_id` };
  const ref = referenced(graph, subnet, 'vpc_id', VPC_TYPES);
  const vpc = ref.nodes.find((n) => (VPC_TYPES as readonly string[]).includes(n.type) && n.kind === 'resource');
  if (vpc) return { vpc };
  const shown = ref.nodes[0]?.address ?? (ref.unresolved.length > 0 ? showValue(ref.unresolved[0]) : showValue(read.value as Value));
  return { reason: `its VPC is not in the configuration (vpc_id = ${shown}), so its main route table is not known` };
}

/** The main route table of a VPC: `aws_main_route_table_association` when there is one, else the table AWS created. */
function mainRouteTable(graph: ResourceGraph, vpc: GraphNode): TableChoice[] {
  const mains = graph.referrers(vpc, 'aws_main_route_table_association', 'vpc_id').filter((a) => refersTo(graph, a, 'vpc_id', vpc));
  if (mains.length > 0) {
    return mains.flatMap((a) => tablesOfAssociation(graph, a).map((c) => (c.kind === 'table' ? { ...c, how: `main route table of ${vpc.address} (${a.address})` } : c)));
  }
  return [{ kind: 'vpc-main', vpc, how: `main route table of ${vpc.address}` }];
}

/**
 * The table AWS created with the VPC: managed through `aws_default_route_table` when present (which
 * removes the routes it does not list), plus `aws_route`s written against `main_route_table_id` /
 * `default_route_table_id`. Untouched, it has only the local route (the default VPC's also routes
 * 0.0.0.0/0 to its internet gateway).
 */
function vpcMainExposure(graph: ResourceGraph, vpc: GraphNode): RouteTableExposure & { table?: GraphNode } {
  const extra = graph
    .edgesTo(vpc)
    .filter((e) => e.fromPath === 'route_table_id' && MAIN_TABLE_ATTRIBUTES.has(e.toPath))
    .map((e) => graph.node(e.from))
    .filter((n): n is GraphNode => n !== undefined && n.type === 'aws_route')
    .filter((n, i, all) => all.indexOf(n) === i)
    .map((r) => routeResourceFacts(graph, r));
  const managed = graph.referrers(vpc, 'aws_default_route_table', 'default_route_table_id').filter((t) => refersTo(graph, t, 'default_route_table_id', vpc));
  if (managed.length > 0) return { ...routeTableExposure(graph, managed[0], extra), table: managed[0] };
  const ex = routesExposure(graph, extra, undefined);
  if (ex.status !== 'private') return ex;
  if (vpc.type === 'aws_default_vpc') return { status: 'public', reason: 'routes 0.0.0.0/0 to the default internet gateway (AWS creates the default VPC so)' };
  return extra.length > 0 ? ex : { status: 'private', reason: 'AWS creates it with only the local route' };
}

/** Associations whose `subnet_id` cannot be resolved: they may associate any subnet. */
function unresolvedAssociations(graph: ResourceGraph, vpc: GraphNode | undefined): GraphNode[] {
  return memo(graph, `unresolved-associations:${vpc?.address ?? ''}`, () => findUnresolvedAssociations(graph, vpc));
}

function findUnresolvedAssociations(graph: ResourceGraph, vpc: GraphNode | undefined): GraphNode[] {
  return graph.resources('aws_route_table_association').filter((a) => {
    if (!a.attr('subnet_id').present) return false;
    const ref = referenced(graph, a, 'subnet_id', SUBNET_TYPES);
    if (ref.nodes.length > 0 || ref.unresolved.length === 0) return false;
    if (!vpc) return true;
    // Only associations with a route table of the same VPC (or an unknown one) matter.
    const tables = referenced(graph, a, 'route_table_id', ROUTE_TABLE_TYPES).nodes;
    return tables.length === 0 || tables.some((t) => {
      const tv = referenced(graph, t, 'vpc_id', VPC_TYPES).nodes;
      return tv.length === 0 || tv.some((v) => v.address === vpc.address);
    });
  });
}

/**
 * Whether a subnet is public (see the file comment). `evidence` is the route table (or subnet) that
 * decided; `reason` names the subnet and the route: `aws_subnet.a routes 0.0.0.0/0 to
 * aws_internet_gateway.main via aws_route_table.public`.
 */
export function subnetExposure(graph: ResourceGraph, subnet: GraphNode): SubnetExposure {
  // TG-NET-001, -004 and -005 ask about the same subnets: decide each once per graph.
  return memo(graph, `subnet:${subnet.address}`, () => decideSubnetExposure(graph, subnet));
}

function decideSubnetExposure(graph: ResourceGraph, subnet: GraphNode): SubnetExposure {
  const name = subnet.address;
  if (subnet.kind !== 'resource' || !(SUBNET_TYPES as readonly string[]).includes(subnet.type)) {
    return { status: 'unknown', reason: `${name} is not a managed subnet in the configuration, so its routing is not known`, evidence: subnet };
  }
  const isDefaultSubnet = subnet.type === 'aws_default_subnet';
  // Default subnets map public IPs on launch unless told otherwise.
  const mapPublic = setting(subnet, 'map_public_ip_on_launch', isDefaultSubnet);
  const mapValue = asBoolean(mapPublic.value);
  if (mapValue === true) return { status: 'public', reason: `${name} sets ${mapPublic.describe}`, evidence: subnet };
  const unknowns: string[] = [];
  if (mapValue instanceof Unknown) unknowns.push(`map_public_ip_on_launch is ${mapValue.describe()}`);

  const explicit = graph.referrers(subnet, 'aws_route_table_association', 'subnet_id').filter((a) => refersTo(graph, a, 'subnet_id', subnet));
  const privateReasons: string[] = [];
  let choices: TableChoice[];
  if (explicit.length > 0) {
    choices = explicit.flatMap((a) => tablesOfAssociation(graph, a));
  } else {
    const { vpc, reason: vpcUnknown } = subnetVpc(graph, subnet);
    if (vpc) choices = mainRouteTable(graph, vpc);
    else if (isDefaultSubnet) return { status: 'public', reason: `${name} is a default subnet, routed to the default VPC's internet gateway`, evidence: subnet };
    else choices = [{ kind: 'unknown', reason: vpcUnknown ?? 'its VPC is not known' }];
    for (const a of unresolvedAssociations(graph, vpc)) {
      unknowns.push(`${a.address} has a subnet_id that is not known statically (${showValue(referenced(graph, a, 'subnet_id', SUBNET_TYPES).unresolved[0])}) and may associate this subnet`);
    }
  }
  for (const c of choices) {
    if (c.kind === 'unknown') {
      unknowns.push(c.reason);
      continue;
    }
    const ex = c.kind === 'table' ? { ...routeTableExposure(graph, c.table), table: c.table } : vpcMainExposure(graph, c.vpc);
    const implicit = c.how.startsWith('main route table') ? ` (${c.how})` : '';
    const tableName = ex.table ? `${ex.table.address}${implicit}` : `the ${c.how}`;
    if (ex.status === 'public') return { status: 'public', reason: `${name} ${ex.reason} via ${tableName}`, evidence: ex.table ?? subnet };
    if (ex.status === 'unknown') unknowns.push(`${tableName}: ${ex.reason}`);
    else privateReasons.push(`uses ${tableName}: ${ex.reason}`);
  }
  if (unknowns.length > 0) return { status: 'unknown', reason: `${name}: ${unknowns.join('; ')}`, evidence: subnet };
  return { status: 'private', reason: `${name} ${privateReasons.join('; ')}`, evidence: subnet };
}

// --- Subnets of a resource -------------------------------------------------------------------------

export interface SubnetList {
  /** Managed subnets (`aws_subnet`, `aws_default_subnet` resources). */
  subnets: GraphNode[];
  /** Other nodes the attribute names (data sources such as `data.aws_subnets`): their routing is not known. */
  others: GraphNode[];
  /** Values that name no node: literal subnet IDs, unknowns from outside the configuration. */
  unresolved: Value[];
}

/** The subnets an attribute (`subnet_ids`, `vpc_options.0.subnet_ids`, `subnets`) names. */
export function subnetsOf(graph: ResourceGraph, node: GraphNode, path: string): SubnetList {
  const ref = referenced(graph, node, path, SUBNET_TYPES);
  const subnets = ref.nodes.filter((n) => n.kind === 'resource' && (n.type === 'aws_subnet' || n.type === 'aws_default_subnet'));
  const others = ref.nodes.filter((n) => !subnets.includes(n));
  return { subnets, others, unresolved: ref.unresolved };
}

/** The verdict over a list of subnets: public if any is public, else unknown if any is not known. */
export function subnetListExposure(graph: ResourceGraph, list: SubnetList): SubnetExposure {
  const results = list.subnets.map((s) => subnetExposure(graph, s));
  const pub = results.filter((r) => r.status === 'public');
  if (pub.length > 0) return { status: 'public', reason: pub.map((r) => r.reason).join('; '), evidence: pub[0].evidence };
  const unknowns = results.filter((r) => r.status === 'unknown').map((r) => r.reason);
  for (const o of list.others) unknowns.push(`${o.address} is not a managed subnet in the configuration, so its routing is not known`);
  for (const v of list.unresolved) unknowns.push(`subnet ${showValue(v)} is not in the configuration, so its routing is not known`);
  if (unknowns.length > 0) return { status: 'unknown', reason: unknowns.join('; ') };
  if (results.length === 0) return { status: 'unknown', reason: 'no subnets are given' };
  return { status: 'private', reason: results.map((r) => r.reason).join('; ') };
}

// --- Default VPC -----------------------------------------------------------------------------------

/**
 * A resource without a subnet group / subnet lands in the default VPC's default subnets, which are
 * public (rules.md, general semantics). It counts as private only when its public-access switch is
 * explicitly false *and* the profile sets `default_vpc_is_private: true`. `publicSwitch` is omitted for
 * services that have no such switch (ElastiCache never assigns public addresses): then the profile
 * setting alone decides.
 */
export function defaultVpc(defaultVpcIsPrivate: boolean, missing: string, publicSwitch?: { name: string; read: AttrRead }): SubnetExposure {
  if (!publicSwitch) return defaultVpcExposure(defaultVpcIsPrivate, missing);
  const { name, read } = publicSwitch;
  const v = asBoolean(read.value);
  return defaultVpcExposure(defaultVpcIsPrivate, missing, { name, present: read.present, value: typeof v === 'boolean' ? v : undefined, unknownReason: v instanceof Unknown ? v.describe() : undefined });
}

/** The public-access switch as `defaultVpcExposure` weighs it: written or not, its value, why it is not known. */
export interface PublicSwitch {
  name: string;
  present: boolean;
  value?: boolean;
  unknownReason?: string;
}

/** `defaultVpc` over the switch's state (the models hand it a `Val<boolean>`'s facts). */
export function defaultVpcExposure(defaultVpcIsPrivate: boolean, missing: string, publicSwitch?: PublicSwitch): SubnetExposure {
  const lands = `${missing}: it lands in the default VPC's default subnets, which are public`;
  if (!publicSwitch) {
    if (defaultVpcIsPrivate) return { status: 'private', reason: `${missing}: it lands in the default VPC, which the profile accepts as private (default_vpc_is_private: true)` };
    return { status: 'public', reason: `${lands} (the profile does not set default_vpc_is_private: true)` };
  }
  const { name, present, value, unknownReason } = publicSwitch;
  const explicitlyOff = present && value === false;
  if (explicitlyOff && defaultVpcIsPrivate) {
    return { status: 'private', reason: `${missing}: it lands in the default VPC, which the profile accepts as private (default_vpc_is_private: true) with ${name} = false` };
  }
  if (present && unknownReason !== undefined && defaultVpcIsPrivate) {
    return { status: 'unknown', reason: `${missing}: it lands in the default VPC, accepted as private only with ${name} = false, and ${name} is ${unknownReason}` };
  }
  const condition = explicitlyOff ? 'the profile does not set default_vpc_is_private: true' : `accepted only with ${name} explicitly false and default_vpc_is_private: true`;
  return { status: 'public', reason: `${lands} (${condition})` };
}
