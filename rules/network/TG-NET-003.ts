/**
 * TG-NET-003: security groups attached to data stores admit no internet CIDR at all.
 *
 * Decision: one result per data store (not per security group). The claim is about the data store
 * ("can the database be reached from the internet?"), a security group is only evidence, and one group
 * shared by several data stores must count against each of them: examples/saas-broken/README.md expects
 * `aws_security_group.db` to fail TG-NET-003 for both `aws_db_instance.main` and
 * `aws_rds_cluster.reporting` at security.tf:100. The manifest has no peer cases for this rule. The
 * finding's location is the offending CIDR attribute in the security group (or rule resource); the
 * `attribute` is the data store's security group attribute.
 */
import { Unknown, Value } from '../../src/eval/value';
import { GraphNode, ResourceGraph, SourceLocation } from '../../src/graph/model';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';
import { IngressRule, classifyCidrs, describeRule, ingressRules, portsReached, showCidrs, vpcCidrs, vpcOf } from '../../src/rules/support/security-groups';
import { followReference, subnetsOf } from '../../src/rules/support/subnets';

/** Data stores and the attribute that lists their security groups. */
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

const TYPES = Object.keys(SECURITY_GROUP_PATHS);
const SG_TYPES = ['aws_security_group', 'aws_default_security_group'];

interface Finding {
  status: 'pass' | 'fail' | 'unknown';
  message: string;
  location?: SourceLocation;
}

function showValue(v: Value): string {
  return v instanceof Unknown ? v.describe() : JSON.stringify(v);
}

/** One ingress rule of a data store's security group: only security groups, prefix lists, `self` and private CIDRs. */
function checkRule(graph: ResourceGraph, rule: IngressRule, vpcRanges: readonly string[]): Finding {
  const name = describeRule(rule);
  if (rule.unknown) return { status: 'unknown', message: `${name} is not known statically: ${rule.unknown.describe()}`, location: rule.node.locationOf(rule.path) };
  const c = classifyCidrs(rule.cidrs, vpcRanges, { graph, node: rule.node });
  const ports = portsReached(rule, []).label;
  if (c.internet.length > 0) {
    return { status: 'fail', message: `${name} admits the internet: ${ports} from ${showCidrs(c.internet)}`, location: rule.node.locationOf(c.internet[0].path) };
  }
  if (c.public.length > 0) {
    return {
      status: 'fail',
      message: `${name} admits public addresses: ${ports} from ${showCidrs(c.public)} (only security groups, prefix lists and private ranges: RFC 1918, RFC 6598, the VPC CIDR)`,
      location: rule.node.locationOf(c.public[0].path),
    };
  }
  if (c.unknown.length > 0) {
    return { status: 'unknown', message: `${name}: ${ports} from a CIDR that is not known statically: ${c.unknown[0].value.describe()}`, location: rule.node.locationOf(c.unknown[0].path) };
  }
  return { status: 'pass', message: `${name}: no internet or public source` };
}

/** All ingress of one security group. */
function checkGroup(graph: ResourceGraph, sg: GraphNode): Finding[] {
  const vpc = vpcOf(graph, sg);
  const ranges = vpc ? vpcCidrs(graph, vpc) : [];
  return ingressRules(graph, sg).map((r) => checkRule(graph, r, ranges));
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

function resultOf(node: GraphNode, attribute: string | undefined, status: Finding['status'], message: string, location?: SourceLocation, parts?: ResultPart[]): RuleResult {
  return { status, node, attribute, location: location ?? node.locationOf(attribute ?? ''), message, parts };
}

/** Not set, or a known empty list: either way the VPC's default security group applies. */
function noGroupsGiven(node: GraphNode, path: string): boolean {
  const read = node.attr(path);
  return !read.present || (Array.isArray(read.value) && read.value.length === 0);
}

function checkDataStore(graph: ResourceGraph, node: GraphNode): RuleResult | undefined {
  const isDomain = node.type === 'aws_opensearch_domain' || node.type === 'aws_elasticsearch_domain';
  // A domain without vpc_options has a public endpoint and no security groups at all: TG-NET-001 fails it.
  if (isDomain && node.blocks('vpc_options').length === 0) return undefined;
  // An ElastiCache cluster that joins a replication group runs with the group's security groups.
  if (node.type === 'aws_elasticache_cluster' && node.attr('replication_group_id').present) {
    const ref = followReference(graph, node, 'replication_group_id', ['aws_elasticache_replication_group']);
    const literal = ref.unresolved.find((v): v is string => typeof v === 'string');
    const group =
      ref.nodes.find((n) => n.type === 'aws_elasticache_replication_group' && n.kind === 'resource') ??
      (literal === undefined ? undefined : graph.resources('aws_elasticache_replication_group').find((g) => g.attr('replication_group_id').value === literal));
    if (!group) {
      const shown = literal !== undefined ? JSON.stringify(literal) : showValue(ref.unresolved[0] ?? (node.attr('replication_group_id').value as Value));
      return resultOf(node, 'replication_group_id', 'unknown', `the cluster joins replication group ${shown}, which is not in the configuration, so its security groups are not known`);
    }
    return checkGroups(graph, node, group, 'replication_group_id', `security groups of ${group.address}: `);
  }
  return checkGroups(graph, node, node, undefined, '');
}

/** Judges the security groups `holder` (the data store, or the replication group it joins) lists. */
function checkGroups(graph: ResourceGraph, node: GraphNode, holder: GraphNode, via: string | undefined, lead: string): RuleResult {
  const path = SECURITY_GROUP_PATHS[holder.type];
  const attribute = via ?? path;
  if (noGroupsGiven(holder, path)) {
    const vpc = dataStoreVpc(graph, holder);
    const defaults = vpc ? graph.referrers(vpc, 'aws_default_security_group', 'vpc_id') : [];
    const what = `${lead}${path} ${holder.attr(path).present ? 'is empty' : 'is not set'}`;
    if (defaults.length === 0) {
      return resultOf(node, via, 'pass', `${what}: the VPC's default security group applies, which AWS creates admitting only its own members`);
    }
    return judge(node, via, defaults, [], `${what}: the default security group ${defaults[0].address} applies`, graph);
  }
  const ref = followReference(graph, holder, path, SG_TYPES);
  const groups = ref.nodes.filter((n) => SG_TYPES.includes(n.type) && n.kind === 'resource');
  const others = ref.nodes.filter((n) => !groups.includes(n));
  const unresolved = [...others.map((o) => `${o.address} is not a security group managed in the configuration`), ...ref.unresolved.map((v) => `security group ${showValue(v)} is not in the configuration, so its rules are not known`)];
  return judge(node, attribute, groups, unresolved, lead, graph);
}

function judge(node: GraphNode, attribute: string | undefined, groups: GraphNode[], unresolved: string[], lead: string, graph: ResourceGraph): RuleResult {
  const parts: ResultPart[] = [];
  const fails: Finding[] = [];
  const unknowns: Finding[] = [];
  for (const sg of groups) {
    const findings = checkGroup(graph, sg);
    const f = findings.filter((x) => x.status === 'fail');
    const u = findings.filter((x) => x.status === 'unknown');
    fails.push(...f);
    unknowns.push(...u);
    const status = f.length > 0 ? 'fail' : u.length > 0 ? 'unknown' : 'pass';
    const message = status === 'pass' ? `${sg.address}: ingress only from security groups, prefix lists or private ranges` : [...f, ...u].map((x) => x.message).join('; ');
    parts.push({ name: sg.address, status, message });
  }
  for (const m of unresolved) {
    unknowns.push({ status: 'unknown', message: m });
    parts.push({ name: 'security group', status: 'unknown', message: m, attribute });
  }
  const prefix = lead === '' || lead.endsWith(': ') ? lead : `${lead}: `;
  if (fails.length > 0) return resultOf(node, attribute, 'fail', prefix + fails.map((f) => f.message).join('; '), fails[0].location, parts);
  if (unknowns.length > 0) return resultOf(node, attribute, 'unknown', prefix + unknowns.map((f) => f.message).join('; '), unknowns[0].location, parts);
  if (groups.length === 0) return resultOf(node, attribute, 'unknown', `${prefix}no security group is given`, undefined, parts);
  const names = groups.map((g) => g.address).join(', ');
  return resultOf(node, attribute, 'pass', `${prefix}${names}: ingress only from security groups, prefix lists or private ranges`, undefined, parts);
}

export const rule: Rule = {
  meta: {
    id: 'TG-NET-003',
    title: 'Data store security groups admit no internet traffic',
    claim: 'network-private',
    severity: 'critical',
    fix: 'admit data store ports only from security groups or private CIDRs, never 0.0.0.0/0 or ::/0',
    appliesTo: TYPES,
  },

  check({ graph }) {
    const out: RuleResult[] = [];
    for (const node of graph.resources(TYPES)) {
      const r = checkDataStore(graph, node);
      if (r) out.push(r);
    }
    return out;
  },
};
