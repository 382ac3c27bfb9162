/**
 * What filters a v2 load balancer's traffic, and what fronts it: its security groups (the VPC's default
 * security group when an application load balancer names none, found through its subnets), the
 * CloudFront distributions that use it as origin, and the WAF web ACL associations that name it.
 */
import { Unknown } from '../../../eval/value';
import type { GraphNode, ResourceGraph } from '../../../graph/model';
import { ModelResource } from '../../resource';
import type { SecurityGroup } from '../vpc/model';
import { vpcOf } from '../vpc/security-groups';
import { followReference, subnetsOf } from '../vpc/subnets';
import { defaultSecurityGroupsOf, referrersVia, showValue } from '../vpc/vpcs';
import type { LoadBalancerGuards } from './model';

const SECURITY_GROUP_NODE_TYPES = ['aws_security_group', 'aws_default_security_group'];
const ORIGIN_DOMAIN_PATH = /^origin\.\d+\.domain_name$/;
const WAF_ASSOCIATION_TYPES = ['aws_wafv2_web_acl_association', 'aws_wafregional_web_acl_association'];

/** The subnets a load balancer names: `subnets` and `subnet_mapping[*].subnet_id`. */
function subnetPaths(lb: GraphNode): string[] {
  const paths: string[] = [];
  if (lb.attr('subnets').present) paths.push('subnets');
  for (const b of lb.blocks('subnet_mapping')) paths.push(b.value instanceof Unknown ? 'subnet_mapping' : `${b.path}.subnet_id`);
  return paths;
}

/** The VPC of a load balancer, through its subnets, or why it is not known. */
function loadBalancerVpc(graph: ResourceGraph, lb: GraphNode): { vpc?: GraphNode; reason?: string } {
  const paths = subnetPaths(lb);
  if (paths.length === 0) return { reason: 'it names no subnets' };
  const problems: string[] = [];
  for (const path of paths) {
    const list = subnetsOf(graph, lb, path);
    for (const s of list.subnets) {
      const vpc = vpcOf(graph, s);
      if (vpc && vpc.kind === 'resource') return { vpc };
    }
    for (const o of list.others) problems.push(`${o.address} is not a subnet managed in the configuration`);
    for (const v of list.unresolved) problems.push(`subnet ${showValue(v)} is not in the configuration`);
    if (list.subnets.length > 0) problems.push(`the VPC of ${list.subnets[0].address} is not managed in the configuration`);
  }
  return { reason: problems.length > 0 ? problems.join('; ') : 'its subnets name no VPC' };
}

/**
 * The security groups of a load balancer of `kind`. Without `security_groups`, an application load
 * balancer gets its VPC's default security group (checked when an `aws_default_security_group` manages
 * it; AWS creates it admitting only its own members); a network or gateway load balancer created
 * without security groups has none (and none can be added later).
 */
export function guardsOf(graph: ResourceGraph, lb: GraphNode, kind: string | undefined, groupOf: (n: GraphNode) => SecurityGroup): LoadBalancerGuards {
  const read = lb.attr('security_groups');
  const empty = !read.present || (Array.isArray(read.value) && read.value.length === 0);
  if (!empty) {
    const ref = followReference(graph, lb, 'security_groups', SECURITY_GROUP_NODE_TYPES);
    const groups = ref.nodes.filter((n) => n.kind === 'resource' && SECURITY_GROUP_NODE_TYPES.includes(n.type));
    const unresolved = [
      ...ref.nodes.filter((n) => !groups.includes(n)).map((n) => `${n.address} is not a security group managed in the configuration, so its rules are not known`),
      ...ref.unresolved.map((v) => `security group ${showValue(v)} is not in the configuration, so its rules are not known`),
    ];
    return { groups: groups.map(groupOf), unresolved, via: '', attribute: 'security_groups' };
  }
  const what = `security_groups ${read.present ? 'is empty' : 'is not set'}`;
  const attribute = read.present ? 'security_groups' : undefined;
  if (kind === 'network' || kind === 'gateway') return { groups: [], unresolved: [], via: what, attribute, none: 'no-security-groups' };
  const { vpc, reason } = loadBalancerVpc(graph, lb);
  if (!vpc) return { groups: [], unresolved: [`the default security group of its VPC applies, and the VPC is not known (${reason})`], via: what, attribute };
  const defaults = defaultSecurityGroupsOf(graph, vpc);
  if (defaults.length === 0) return { groups: [], unresolved: [], via: `${what}: the default security group of ${vpc.address} applies, which AWS creates admitting only its own members`, attribute, none: 'aws-default-group' };
  return { groups: defaults.map(groupOf), unresolved: [], via: `${what}: the default security group of ${vpc.address} applies (${defaults.map((d) => d.address).join(', ')})`, attribute };
}

/** The CloudFront distributions whose `origin.N.domain_name` references the load balancer's `dns_name`. */
export function originOf(graph: ResourceGraph, lb: GraphNode): GraphNode[] {
  const froms = graph
    .edgesTo(lb)
    .filter((e) => e.toPath === 'dns_name' && ORIGIN_DOMAIN_PATH.test(e.fromPath))
    .map((e) => graph.node(e.from))
    .filter((n): n is GraphNode => n !== undefined && n.type === 'aws_cloudfront_distribution');
  return [...new Set(froms)];
}

/** The WAF web ACL associations (v2 and classic regional) whose `resource_arn` names the load balancer. */
export function wafAssociationsOf(graph: ResourceGraph, lb: GraphNode): ModelResource[] {
  return referrersVia(graph, lb, WAF_ASSOCIATION_TYPES, 'resource_arn').map((n) => new ModelResource(n));
}
