import { Unknown, Value } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { RuleParameters } from '../../src/rules/parameters';
import { asBoolean, setting } from '../../src/rules/support/attributes';
import { combineParts } from '../../src/rules/support/results';
import { SubnetExposure, defaultVpc, followReference, subnetListExposure, subnetsOf } from '../../src/rules/support/subnets';
import { ResultPart, Rule } from '../../src/rules/types';

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
  /** The subnet group attribute. */
  group?: Link;
  /** Where the subnet group comes from when the store has none of its own (cluster members, read replicas). */
  inherits?: Link & { onlyWhenSet?: boolean };
  /** OpenSearch / Elasticsearch: `vpc_options.subnet_ids`, or a public endpoint without `vpc_options`. */
  vpcOptions?: boolean;
}

const DB_GROUP: Link = { path: 'db_subnet_group_name', types: ['aws_db_subnet_group'], nameAttr: 'name' };
const CACHE_GROUP: Link = { path: 'subnet_group_name', types: ['aws_elasticache_subnet_group'], nameAttr: 'name' };
const PUBLICLY_ACCESSIBLE_FALSE = { name: 'publicly_accessible', defaultValue: false };

export const STORES: Record<string, StoreSpec> = {
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

export const NET001_TYPES = Object.keys(STORES);

/**
 * The subnet group attribute names something: present, and not a bare `""` (the provider treats an empty
 * name as not set; `""` read through a reference to a subnet group still names that group).
 */
function isSet(graph: ResourceGraph, node: GraphNode, link: Link): boolean {
  const read = node.attr(link.path);
  if (!read.present) return false;
  return read.value !== '' || followReference(graph, node, link.path, link.types).nodes.some((n) => link.types.includes(n.type));
}

function where(node: GraphNode, path: string): string {
  const loc = node.locationOf(path);
  return loc ? ` (${loc.file}:${loc.startLine})` : '';
}

function showValue(v: Value | undefined): string {
  if (v === undefined) return 'not set';
  return v instanceof Unknown ? v.describe() : JSON.stringify(v);
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

const statusOf = (ex: SubnetExposure): ResultPart['status'] => (ex.status === 'public' ? 'fail' : ex.status === 'private' ? 'pass' : 'unknown');

function partFromExposure(ex: SubnetExposure, attribute: string | undefined, prefix: string): ResultPart {
  const status = statusOf(ex);
  const lead = ex.status === 'public' ? `${prefix} includes a public subnet: ` : ex.status === 'unknown' ? `${prefix} is not known to be private: ` : `${prefix} is private: `;
  return { name: 'subnets', status, message: `${lead}${ex.reason}`, attribute };
}

function subnetGroupPart(graph: ResourceGraph, group: GraphNode, attribute: string, via = ''): ResultPart {
  const ex = subnetListExposure(graph, subnetsOf(graph, group, 'subnet_ids'));
  return partFromExposure(ex, attribute, `subnet group ${group.address}${where(group, 'subnet_ids')}${via}`);
}

/** Where the data store's subnets are, and whether any is public. */
function placementPart(graph: ResourceGraph, node: GraphNode, spec: StoreSpec, params: RuleParameters): ResultPart {
  const switchRead = spec.publicSwitch ? { name: spec.publicSwitch.name, read: node.attr(spec.publicSwitch.name) } : undefined;
  if (spec.vpcOptions) {
    const blocks = node.blocks('vpc_options');
    if (blocks.length === 0) {
      return { name: 'subnets', status: 'fail', message: 'no vpc_options block: the domain gets a public endpoint reachable from the internet (only its access policy restricts it)' };
    }
    if (blocks[0].value instanceof Unknown) return { name: 'subnets', status: 'unknown', message: `vpc_options is not known statically: ${blocks[0].value.describe()}`, attribute: 'vpc_options' };
    const path = `${blocks[0].path}.subnet_ids`;
    if (!node.attr(path).present) return { name: 'subnets', status: 'unknown', message: 'vpc_options sets no subnet_ids', attribute: 'vpc_options' };
    return partFromExposure(subnetListExposure(graph, subnetsOf(graph, node, path)), path, 'vpc_options.subnet_ids');
  }
  const group = spec.group!;
  if (isSet(graph, node, group)) {
    const r = resolveLink(graph, node, group);
    if (r.target) return subnetGroupPart(graph, r.target, group.path);
    if (r.isDefaultGroup) {
      return defaultVpcPart(defaultVpc(params.defaultVpcIsPrivate, `${group.path} = "default" (the default subnet group)`, switchRead), group.path);
    }
    return { name: 'subnets', status: 'unknown', message: r.problem!, attribute: group.path };
  }
  const inh = spec.inherits;
  if (inh && (!inh.onlyWhenSet || node.attr(inh.path).present)) {
    const r = resolveLink(graph, node, inh);
    if (!r.target) return { name: 'subnets', status: 'unknown', message: `${group.path} is not set and the subnet group comes from ${inh.path}: ${r.problem}`, attribute: inh.path };
    const parentGroup = STORES[r.target.type].group!;
    if (isSet(graph, r.target, parentGroup)) {
      const g = resolveLink(graph, r.target, parentGroup);
      if (g.target) return subnetGroupPart(graph, g.target, inh.path, ` (of ${r.target.address})`);
      if (!g.isDefaultGroup) return { name: 'subnets', status: 'unknown', message: `subnet group of ${r.target.address}: ${g.problem}`, attribute: inh.path };
      return defaultVpcPart(defaultVpc(params.defaultVpcIsPrivate, `${r.target.address} uses the default subnet group`, switchRead), inh.path);
    }
    return defaultVpcPart(defaultVpc(params.defaultVpcIsPrivate, `no subnet group (neither this resource nor ${r.target.address} sets ${parentGroup.path})`, switchRead), inh.path);
  }
  return defaultVpcPart(defaultVpc(params.defaultVpcIsPrivate, `no subnet group (${group.path} is not set)`, switchRead), undefined);
}

function defaultVpcPart(ex: SubnetExposure, attribute: string | undefined): ResultPart {
  return { name: 'subnets', status: statusOf(ex), message: ex.reason, attribute };
}

function publicAccessPart(node: GraphNode, name: string, defaultValue: boolean): ResultPart {
  const s = setting(node, name, defaultValue);
  const v = asBoolean(s.value);
  const attribute = s.read.present ? name : undefined;
  if (v === true) return { name, status: 'fail', message: `the data store is publicly accessible: ${s.describe}`, attribute };
  if (v === false) return { name, status: 'pass', message: s.describe, attribute };
  return { name, status: 'unknown', message: `${name} is not known statically: ${s.describe}`, attribute: name };
}

export const rule: Rule = {
  meta: {
    id: 'TG-NET-001',
    title: 'Data stores are not reachable from the internet',
    claim: 'network-private',
    severity: 'critical',
    fix: 'set publicly_accessible = false and use a subnet group of private subnets only',
    appliesTo: NET001_TYPES,
  },

  check({ graph, params }) {
    return graph.resources(NET001_TYPES).map((node) => {
      const spec = STORES[node.type];
      const parts: ResultPart[] = [];
      // publicly_accessible first: when both fail, the finding points at the switch the user set.
      if (spec.publicSwitch) parts.push(publicAccessPart(node, spec.publicSwitch.name, spec.publicSwitch.defaultValue));
      parts.push(placementPart(graph, node, spec, params));
      return combineParts(node, parts, parts.map((p) => p.message).join('; '));
    });
  },
};
