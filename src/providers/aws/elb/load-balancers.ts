/**
 * Elastic Load Balancing v2 (`aws_lb`, alias `aws_alb`): type and scheme with their provider
 * defaults, subnets, the VPC, listeners, and the security groups that filter its traffic (the VPC's
 * default security group when an application load balancer names none). Shared by TG-NET-005 and
 * TG-NET-008.
 */
import { Unknown } from '../../../eval/value';
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { Setting, asBoolean, setting } from '../../attributes';
import { followReference, subnetsOf } from '../vpc/subnets';
import { vpcOf } from '../vpc/security-groups';
import { defaultSecurityGroupsOf, referrersVia, showValue } from '../vpc/vpcs';

export const LOAD_BALANCER_TYPES = ['aws_lb', 'aws_alb'] as const;
export const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'] as const;
export const SECURITY_GROUP_NODE_TYPES = ['aws_security_group', 'aws_default_security_group'] as const;

export interface KindRead {
  setting: Setting;
  /** `application` (the provider default), `network`, `gateway`; another string as written; or an Unknown. */
  kind: string | Unknown | undefined;
}

/** `load_balancer_type`, `application` when omitted. */
export function loadBalancerKind(lb: GraphNode): KindRead {
  const s = setting(lb, 'load_balancer_type', 'application');
  const v = s.value;
  return { setting: s, kind: v instanceof Unknown || typeof v === 'string' ? v : undefined };
}

export interface SchemeRead {
  setting: Setting;
  /** True when internet-facing (`internal` false, the provider default); an Unknown when not known. */
  internetFacing: boolean | Unknown | undefined;
}

/** `internal`, false (internet-facing) when omitted. Gateway load balancers have no scheme. */
export function loadBalancerScheme(lb: GraphNode): SchemeRead {
  const s = setting(lb, 'internal', false);
  const b = asBoolean(s.value);
  return { setting: s, internetFacing: b instanceof Unknown ? b : b === undefined ? undefined : !b };
}

/** The subnets a load balancer names: `subnets` and `subnet_mapping[*].subnet_id`. */
function subnetPaths(lb: GraphNode): string[] {
  const paths: string[] = [];
  if (lb.attr('subnets').present) paths.push('subnets');
  for (const b of lb.blocks('subnet_mapping')) paths.push(b.value instanceof Unknown ? 'subnet_mapping' : `${b.path}.subnet_id`);
  return paths;
}

/** The VPC of a load balancer, through its subnets, or why it is not known. */
export function loadBalancerVpc(graph: ResourceGraph, lb: GraphNode): { vpc?: GraphNode; reason?: string } {
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

/** The listeners whose `load_balancer_arn` names the load balancer. */
export function listenersOf(graph: ResourceGraph, lb: GraphNode): GraphNode[] {
  return referrersVia(graph, lb, LISTENER_TYPES, 'load_balancer_arn');
}

export interface LoadBalancerGroups {
  /** Managed security groups whose ingress applies (named ones, or the managed default group). */
  groups: GraphNode[];
  /** Groups whose rules are not known, as messages. */
  unresolved: string[];
  /** How the groups were found, for messages: '' when named by `security_groups`. */
  via: string;
  /** The attribute on the load balancer that decided (`security_groups`, or undefined when omitted). */
  attribute?: string;
  /**
   * Set when no security group filters the traffic at all (a network or gateway load balancer created
   * without security groups), or when AWS's untouched default group applies (ingress only from its own
   * members, so none from the internet).
   */
  none?: 'no-security-groups' | 'aws-default-group';
}

/**
 * The security groups of a load balancer. Without `security_groups`, an application load balancer gets
 * its VPC's default security group (checked when an `aws_default_security_group` manages it; AWS
 * creates it admitting only its own members); a network or gateway load balancer created without
 * security groups has none (and none can be added later).
 */
export function loadBalancerSecurityGroups(graph: ResourceGraph, lb: GraphNode, kind: string | undefined): LoadBalancerGroups {
  const read = lb.attr('security_groups');
  const empty = !read.present || (Array.isArray(read.value) && read.value.length === 0);
  if (!empty) {
    const ref = followReference(graph, lb, 'security_groups', SECURITY_GROUP_NODE_TYPES);
    const groups = ref.nodes.filter((n) => n.kind === 'resource' && (SECURITY_GROUP_NODE_TYPES as readonly string[]).includes(n.type));
    const unresolved = [
      ...ref.nodes.filter((n) => !groups.includes(n)).map((n) => `${n.address} is not a security group managed in the configuration, so its rules are not known`),
      ...ref.unresolved.map((v) => `security group ${showValue(v)} is not in the configuration, so its rules are not known`),
    ];
    return { groups, unresolved, via: '', attribute: 'security_groups' };
  }
  const what = `security_groups ${read.present ? 'is empty' : 'is not set'}`;
  if (kind === 'network' || kind === 'gateway') return { groups: [], unresolved: [], via: what, attribute: read.present ? 'security_groups' : undefined, none: 'no-security-groups' };
  const { vpc, reason } = loadBalancerVpc(graph, lb);
  const attribute = read.present ? 'security_groups' : undefined;
  if (!vpc) return { groups: [], unresolved: [`the default security group of its VPC applies, and the VPC is not known (${reason})`], via: what, attribute };
  const defaults = defaultSecurityGroupsOf(graph, vpc);
  if (defaults.length === 0) return { groups: [], unresolved: [], via: `${what}: the default security group of ${vpc.address} applies, which AWS creates admitting only its own members`, attribute, none: 'aws-default-group' };
  return { groups: defaults, unresolved: [], via: `${what}: the default security group of ${vpc.address} applies (${defaults.map((d) => d.address).join(', ')})`, attribute };
}
