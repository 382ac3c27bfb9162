/**
 * Where data stores sit in the network: the subnets of their subnet group (their own, or one they
 * inherit from a cluster or a replica's source), OpenSearch `vpc_options`, the default VPC when none
 * is given; and the security groups they run with. Terraform's shapes per service are in `STORES`.
 */
import { Unknown } from '../../../eval/value';
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { readVal, toBoolean } from '../../read';
import { DataStore, Guards, Placement, SecurityGroup } from './model';
import { subnetListExposure, subnetsOf, followReference } from './subnets';
import { vpcOf } from './security-groups';
import { showValue } from './vpcs';

/** A link from a data store to the resource that holds its subnets (a subnet group, or the store it inherits them from). */
interface Link {
  /** Attribute on the data store. */
  path: string;
  types: readonly string[];
  /** The attribute a literal value may match (`name`, `cluster_identifier`). */
  nameAttr: string;
}

interface StoreSpec {
  /** `publicly_accessible` and its AWS provider v5 default. */
  publicSwitch?: { name: string; defaultValue: boolean };
  group?: Link;
  /** Where the subnet group comes from when the store has none of its own (cluster members, read replicas). */
  inherits?: Link & { onlyWhenSet?: boolean };
  /** OpenSearch / Elasticsearch: `vpc_options.subnet_ids`, or a public endpoint without `vpc_options`. */
  vpcOptions?: boolean;
}

const DB_GROUP: Link = { path: 'db_subnet_group_name', types: ['aws_db_subnet_group'], nameAttr: 'name' };
const CACHE_GROUP: Link = { path: 'subnet_group_name', types: ['aws_elasticache_subnet_group'], nameAttr: 'name' };
const PUBLICLY_ACCESSIBLE_FALSE = { name: 'publicly_accessible', defaultValue: false };

/** Data stores whose placement is judged (TG-NET-001). */
const STORES: Record<string, StoreSpec> = {
  aws_db_instance: {
    publicSwitch: PUBLICLY_ACCESSIBLE_FALSE,
    group: DB_GROUP,
    // A same-region read replica lives in its source's subnet group.
    inherits: { path: 'replicate_source_db', types: ['aws_db_instance'], nameAttr: 'identifier', onlyWhenSet: true },
  },
  aws_rds_cluster: { publicSwitch: PUBLICLY_ACCESSIBLE_FALSE, group: DB_GROUP },
  aws_rds_cluster_instance: {
    publicSwitch: PUBLICLY_ACCESSIBLE_FALSE,
    group: DB_GROUP,
    inherits: { path: 'cluster_identifier', types: ['aws_rds_cluster'], nameAttr: 'cluster_identifier' },
  },
  aws_elasticache_replication_group: { group: CACHE_GROUP },
  aws_elasticache_cluster: {
    group: CACHE_GROUP,
    inherits: { path: 'replication_group_id', types: ['aws_elasticache_replication_group'], nameAttr: 'replication_group_id', onlyWhenSet: true },
  },
  aws_opensearch_domain: { vpcOptions: true },
  aws_elasticsearch_domain: { vpcOptions: true },
  // hashicorp/aws v5 defaults publicly_accessible to true for Redshift (v6 removed the default; AWS's is false).
  aws_redshift_cluster: {
    publicSwitch: { name: 'publicly_accessible', defaultValue: true },
    group: { path: 'cluster_subnet_group_name', types: ['aws_redshift_subnet_group'], nameAttr: 'name' },
  },
};

export const PLACED_STORE_TYPES = Object.keys(STORES);

/** Data stores and the attribute that lists their security groups (TG-NET-003). */
const SECURITY_GROUP_PATHS: Record<string, string> = {
  aws_db_instance: 'vpc_security_group_ids',
  aws_rds_cluster: 'vpc_security_group_ids',
  aws_docdb_cluster: 'vpc_security_group_ids',
  aws_neptune_cluster: 'vpc_security_group_ids',
  aws_redshift_cluster: 'vpc_security_group_ids',
  aws_elasticache_replication_group: 'security_group_ids',
  aws_elasticache_cluster: 'security_group_ids',
  aws_memorydb_cluster: 'security_group_ids',
  aws_opensearch_domain: 'vpc_options.0.security_group_ids',
  aws_elasticsearch_domain: 'vpc_options.0.security_group_ids',
};

export const GUARDED_STORE_TYPES = Object.keys(SECURITY_GROUP_PATHS);
const SG_TYPES = ['aws_security_group', 'aws_default_security_group'];

/**
 * The subnet group attribute names something: present, and not a bare `""` (the provider treats an empty
 * name as not set; `""` read through a reference to a subnet group still names that group).
 */
function isSet(graph: ResourceGraph, node: GraphNode, link: Link): boolean {
  const read = node.attr(link.path);
  if (!read.present) return false;
  return read.value !== '' || followReference(graph, node, link.path, link.types).nodes.some((n) => link.types.includes(n.type));
}

/** The node a single-valued reference (`db_subnet_group_name`) names: by reference, else by a literal matching `nameAttr`. */
function resolveLink(graph: ResourceGraph, node: GraphNode, link: Link): { target?: GraphNode; problem?: string; isDefaultGroup?: boolean } {
  const ref = followReference(graph, node, link.path, link.types);
  const typed = ref.nodes.filter((n) => link.types.includes(n.type));
  const managed = typed.filter((n) => n.kind === 'resource');
  if (managed.length > 0) return { target: managed[0] };
  if (typed.length > 0) return { problem: `${link.path} names ${typed[0].address}, which is not managed in the configuration, so its subnets are not known` };
  const literal = ref.unresolved.find((v): v is string => typeof v === 'string');
  if (literal !== undefined) {
    const byName = literal === '' ? undefined : graph.resources(link.types).find((n) => n.attr(link.nameAttr).value === literal);
    if (byName) return { target: byName };
    if (link.nameAttr === 'name' && literal.toLowerCase() === 'default') return { isDefaultGroup: true };
    return { problem: `${link.path} = ${JSON.stringify(literal)} names no ${link.types.join('/')} in the configuration, so its subnets are not known` };
  }
  const shown = ref.nodes[0]?.address ?? showValue(ref.unresolved[0] ?? node.attr(link.path).value);
  return { problem: `${link.path} is not known statically (${shown}), so the subnets are not known` };
}

function groupPlacement(graph: ResourceGraph, group: GraphNode, attribute: string, via?: string): Placement {
  return { kind: 'subnets', exposure: subnetListExposure(graph, subnetsOf(graph, group, 'subnet_ids')), attribute, group, via };
}

function placementOf(graph: ResourceGraph, node: GraphNode, spec: StoreSpec): Placement {
  if (spec.vpcOptions) {
    const blocks = node.blocks('vpc_options');
    if (blocks.length === 0) return { kind: 'public-endpoint' };
    if (blocks[0].value instanceof Unknown) return { kind: 'unknown', reason: `vpc_options is not known statically: ${blocks[0].value.describe()}`, attribute: 'vpc_options' };
    const path = `${blocks[0].path}.subnet_ids`;
    if (!node.attr(path).present) return { kind: 'unknown', reason: 'vpc_options sets no subnet_ids', attribute: 'vpc_options' };
    return { kind: 'subnets', exposure: subnetListExposure(graph, subnetsOf(graph, node, path)), attribute: path };
  }
  const group = spec.group!;
  if (isSet(graph, node, group)) {
    const r = resolveLink(graph, node, group);
    if (r.target) return groupPlacement(graph, r.target, group.path);
    if (r.isDefaultGroup) return { kind: 'default-vpc', missing: `${group.path} = "default" (the default subnet group)`, attribute: group.path };
    return { kind: 'unknown', reason: r.problem!, attribute: group.path };
  }
  const inh = spec.inherits;
  if (inh && (!inh.onlyWhenSet || node.attr(inh.path).present)) {
    const r = resolveLink(graph, node, inh);
    if (!r.target) return { kind: 'unknown', reason: `${group.path} is not set and the subnet group comes from ${inh.path}: ${r.problem}`, attribute: inh.path };
    const parentGroup = STORES[r.target.type].group!;
    if (!isSet(graph, r.target, parentGroup)) {
      return { kind: 'default-vpc', missing: `no subnet group (neither this resource nor ${r.target.address} sets ${parentGroup.path})`, attribute: inh.path };
    }
    const g = resolveLink(graph, r.target, parentGroup);
    if (g.target) return groupPlacement(graph, g.target, inh.path, r.target.address);
    if (!g.isDefaultGroup) return { kind: 'unknown', reason: `subnet group of ${r.target.address}: ${g.problem}`, attribute: inh.path };
    return { kind: 'default-vpc', missing: `${r.target.address} uses the default subnet group`, attribute: inh.path };
  }
  return { kind: 'default-vpc', missing: `no subnet group (${group.path} is not set)` };
}

/** The VPC a data store sits in, through its subnet group's (or vpc_options') subnets. */
function dataStoreVpc(graph: ResourceGraph, node: GraphNode): GraphNode | undefined {
  const candidates: Array<[GraphNode, string]> = [];
  if (node.attr('vpc_options.0.subnet_ids').present) candidates.push([node, 'vpc_options.0.subnet_ids']);
  for (const p of ['db_subnet_group_name', 'subnet_group_name', 'cluster_subnet_group_name']) {
    if (!node.attr(p).present) continue;
    for (const g of followReference(graph, node, p).nodes) candidates.push([g, 'subnet_ids']);
  }
  for (const [holder, path] of candidates) {
    for (const s of subnetsOf(graph, holder, path).subnets) {
      const vpc = vpcOf(graph, s);
      if (vpc) return vpc;
    }
  }
  return undefined;
}

type GroupOf = (node: GraphNode) => SecurityGroup;

/** The security groups `holder` (the data store, or the replication group it joins) lists. */
function listedGuards(graph: ResourceGraph, holder: GraphNode, groupOf: GroupOf, via?: Guards['via']): Guards {
  const path = SECURITY_GROUP_PATHS[holder.type];
  const read = holder.attr(path);
  // Not set, or a known empty list: either way the VPC's default security group applies.
  if (!read.present || (Array.isArray(read.value) && read.value.length === 0)) {
    const vpc = dataStoreVpc(graph, holder);
    const defaults = vpc ? graph.referrers(vpc, 'aws_default_security_group', 'vpc_id') : [];
    return { via, path, noneListed: read.present ? 'is empty' : 'is not set', groups: defaults.map(groupOf), unresolved: [] };
  }
  const ref = followReference(graph, holder, path, SG_TYPES);
  const groups = ref.nodes.filter((n) => SG_TYPES.includes(n.type) && n.kind === 'resource');
  const others = ref.nodes.filter((n) => !groups.includes(n));
  const unresolved = [
    ...others.map((o) => `${o.address} is not a security group managed in the configuration`),
    ...ref.unresolved.map((v) => `security group ${showValue(v)} is not in the configuration, so its rules are not known`),
  ];
  return { via, path, groups: groups.map(groupOf), unresolved };
}

function guardsOf(graph: ResourceGraph, node: GraphNode, groupOf: GroupOf): Guards | undefined {
  if (!(node.type in SECURITY_GROUP_PATHS)) return undefined;
  // A domain without vpc_options has a public endpoint and no security groups at all.
  if ((node.type === 'aws_opensearch_domain' || node.type === 'aws_elasticsearch_domain') && node.blocks('vpc_options').length === 0) return undefined;
  // An ElastiCache cluster that joins a replication group runs with the group's security groups.
  if (node.type === 'aws_elasticache_cluster' && node.attr('replication_group_id').present) {
    const ref = followReference(graph, node, 'replication_group_id', ['aws_elasticache_replication_group']);
    const literal = ref.unresolved.find((v): v is string => typeof v === 'string');
    const group =
      ref.nodes.find((n) => n.type === 'aws_elasticache_replication_group' && n.kind === 'resource') ??
      (literal === undefined ? undefined : graph.resources('aws_elasticache_replication_group').find((g) => g.attr('replication_group_id').value === literal));
    if (!group) {
      const shown = literal !== undefined ? JSON.stringify(literal) : showValue(ref.unresolved[0] ?? node.attr('replication_group_id').value);
      return { via: { attribute: 'replication_group_id', holder: '' }, holderMissing: shown, path: SECURITY_GROUP_PATHS[node.type], groups: [], unresolved: [] };
    }
    return listedGuards(graph, group, groupOf, { attribute: 'replication_group_id', holder: group.address });
  }
  return listedGuards(graph, node, groupOf);
}

export function adaptDataStores(graph: ResourceGraph, groupOf: GroupOf): DataStore[] {
  const types = [...new Set([...PLACED_STORE_TYPES, ...GUARDED_STORE_TYPES])];
  return graph.resources(types).map((node) => {
    const store = new DataStore(node);
    const spec = STORES[node.type];
    if (spec?.publicSwitch) store.publiclyAccessible = readVal(node, spec.publicSwitch.name, toBoolean, spec.publicSwitch.defaultValue);
    if (spec) store.placement = placementOf(graph, node, spec);
    store.guards = guardsOf(graph, node, groupOf);
    return store;
  });
}
