/**
 * TG-NET-008: internet-facing application load balancers are reachable only through CloudFront.
 *
 * Passes when either holds:
 * (a) the security groups' internet ingress comes only from the CloudFront origin-facing managed
 *     prefix list (no `0.0.0.0/0`, `::/0` or other public CIDR, and at least the CloudFront list; or no
 *     internet ingress at all), or
 * (b) an `aws_cloudfront_distribution` uses the load balancer as an origin (`origin.domain_name`
 *     references its `dns_name`) and an `aws_wafv2_web_acl_association` (or classic
 *     `aws_wafregional_web_acl_association`) names it in `resource_arn`.
 *
 * Decisions where rules.md is silent:
 * - The CloudFront list is recognised as a `data "aws_ec2_managed_prefix_list"` whose `name` (or
 *   `filter { name = "prefix-list-name" }`) is `com.amazonaws.global.cloudfront.origin-facing`, or as
 *   one of the list IDs AWS publishes per region (table below): examples/saas-reference passes the ID
 *   through a variable to keep its plan offline. Other prefix lists (unknown IDs, customer-managed
 *   lists) may hold any address, so with no internet CIDR and no recognised CloudFront list they give
 *   `unknown`; a customer-managed list with a /0 entry counts as internet ingress.
 * - Public CIDRs that are not /0 (an office range) also bypass CloudFront: they fail (a).
 * - Internal load balancers and gateway load balancers are not reachable from the internet: pass.
 *   Network load balancers are not ALBs: no result.
 * - An ALB without `security_groups` gets its VPC's default security group (see TG-NET-005); AWS's
 *   untouched default group admits nothing from the internet: pass (a).
 */
import { Unknown, Value, isObject } from '../../src/eval/value';
import { GraphNode, ResourceGraph, SourceLocation } from '../../src/graph/model';
import { RuleResult, Rule } from '../../src/rules/types';
import { IngressRule, classifyCidrs, ingressRules, isInternetCidr, showCidrs, vpcCidrs, vpcOf } from '../../src/providers/aws/vpc/security-groups';
import { LOAD_BALANCER_TYPES, loadBalancerKind, loadBalancerScheme, loadBalancerSecurityGroups } from '../../src/providers/aws/elb/load-balancers';
import { followReference } from '../../src/providers/aws/vpc/subnets';
import { referrersVia, showValue } from '../../src/providers/aws/vpc/vpcs';

export const CLOUDFRONT_PREFIX_LIST_NAME = 'com.amazonaws.global.cloudfront.origin-facing';

/**
 * IDs of the AWS-managed `com.amazonaws.global.cloudfront.origin-facing` prefix list per region, as
 * published with the list's launch (AWS Networking & Content Delivery blog, "Limit access to your
 * origins using the AWS-managed prefix list for Amazon CloudFront", 2022) and used unchanged since.
 */
export const CLOUDFRONT_PREFIX_LIST_IDS: Readonly<Record<string, string>> = {
  'pl-58a04531': 'ap-northeast-1',
  'pl-22a6434b': 'ap-northeast-2',
  'pl-9aa247f3': 'ap-south-1',
  'pl-31a34658': 'ap-southeast-1',
  'pl-b8a742d1': 'ap-southeast-2',
  'pl-38a64351': 'ca-central-1',
  'pl-a3a144ca': 'eu-central-1',
  'pl-fab65393': 'eu-north-1',
  'pl-4fa04526': 'eu-west-1',
  'pl-93a247fa': 'eu-west-2',
  'pl-75b1541c': 'eu-west-3',
  'pl-5da64334': 'sa-east-1',
  'pl-3b927c52': 'us-east-1',
  'pl-b6a144df': 'us-east-2',
  'pl-4ea04527': 'us-west-1',
  'pl-82a045eb': 'us-west-2',
};

const ORIGIN_DOMAIN_PATH = /^origin\.\d+\.domain_name$/;
const WAF_ASSOCIATION_TYPES = ['aws_wafv2_web_acl_association', 'aws_wafregional_web_acl_association'];

type Status = 'pass' | 'fail' | 'unknown';

interface Verdict {
  status: Status;
  message: string;
  location?: SourceLocation;
}

// --- Prefix lists ----------------------------------------------------------------------------------

type ListClass = { kind: 'cloudfront'; shown: string } | { kind: 'internet'; shown: string } | { kind: 'other'; shown: string } | { kind: 'unknown'; shown: string };

/** Is a `data "aws_ec2_managed_prefix_list"` the CloudFront origin-facing list? */
function managedListName(node: GraphNode): string | Unknown | undefined {
  const name = node.attr('name').value;
  if (name !== undefined) return typeof name === 'string' || name instanceof Unknown ? name : undefined;
  for (const f of node.blocks('filter')) {
    if (f.value instanceof Unknown) return f.value;
    if (f.value.name !== 'prefix-list-name') continue;
    const values = f.value.values;
    if (values instanceof Unknown) return values;
    if (Array.isArray(values) && values.length === 1 && (typeof values[0] === 'string' || values[0] instanceof Unknown)) return values[0];
  }
  return undefined;
}

function classifyListNode(node: GraphNode): ListClass {
  if (node.kind === 'data' && node.type === 'aws_ec2_managed_prefix_list') {
    const name = managedListName(node);
    if (name === CLOUDFRONT_PREFIX_LIST_NAME) return { kind: 'cloudfront', shown: `${node.address} (${CLOUDFRONT_PREFIX_LIST_NAME})` };
    if (name instanceof Unknown) return { kind: 'unknown', shown: `${node.address}, whose name is ${name.describe()}` };
    if (typeof name === 'string') return { kind: 'other', shown: `${node.address} (${name})` };
    return { kind: 'unknown', shown: `${node.address}, which is not looked up by name` };
  }
  if (node.kind === 'resource' && node.type === 'aws_ec2_managed_prefix_list') {
    const internet = node.blocks('entry').some((e) => isObject(e.value) && typeof e.value.cidr === 'string' && isInternetCidr(e.value.cidr));
    if (internet) return { kind: 'internet', shown: `${node.address} (an entry covers the whole internet)` };
    return { kind: 'unknown', shown: `${node.address} (a customer-managed list)` };
  }
  return { kind: 'unknown', shown: `${node.address}, which is not a prefix list` };
}

function classifyListValue(v: Value): ListClass {
  if (typeof v === 'string') {
    const region = CLOUDFRONT_PREFIX_LIST_IDS[v];
    if (region) return { kind: 'cloudfront', shown: `${JSON.stringify(v)} (${CLOUDFRONT_PREFIX_LIST_NAME} in ${region})` };
    return { kind: 'unknown', shown: `${JSON.stringify(v)}, which is not known to be the CloudFront origin-facing list` };
  }
  return { kind: 'unknown', shown: `${showValue(v)}, not known statically` };
}

/** The prefix lists a rule admits, classified. */
function prefixListsOf(graph: ResourceGraph, rule: IngressRule): Array<ListClass & { path: string }> {
  const path = rule.node.type === 'aws_vpc_security_group_ingress_rule' ? 'prefix_list_id' : rule.path === '' ? 'prefix_list_ids' : `${rule.path}.prefix_list_ids`;
  if (!rule.node.attr(path).present) return [];
  const ref = followReference(graph, rule.node, path);
  const out: Array<ListClass & { path: string }> = [];
  for (const n of ref.nodes) out.push({ ...classifyListNode(n), path });
  for (const v of ref.unresolved) out.push({ ...classifyListValue(v), path });
  return out;
}

// --- (a) security groups ---------------------------------------------------------------------------

function viaSecurityGroups(graph: ResourceGraph, lb: GraphNode): Verdict {
  const sgs = loadBalancerSecurityGroups(graph, lb, 'application');
  const lead = sgs.via === '' ? '' : `${sgs.via}: `;
  if (sgs.none === 'aws-default-group') return { status: 'pass', message: `${sgs.via}, so nothing reaches it from the internet` };
  const internet: Verdict[] = [];
  const unknown: Verdict[] = [];
  const cloudfront: string[] = [];
  for (const u of sgs.unresolved) unknown.push({ status: 'unknown', message: u, location: lb.locationOf(sgs.attribute ?? '') });
  for (const g of sgs.groups) {
    const vpc = vpcOf(graph, g);
    const ranges = vpc ? vpcCidrs(graph, vpc) : [];
    for (const r of ingressRules(graph, g)) {
      const label = r.path === '' ? r.node.address : `${r.node.address} ${r.path}`;
      if (r.unknown) {
        unknown.push({ status: 'unknown', message: `${label} is not known statically: ${r.unknown.describe()}`, location: r.node.locationOf(r.path) });
        continue;
      }
      const c = classifyCidrs(r.cidrs, ranges, { graph, node: r.node });
      if (c.internet.length > 0) internet.push({ status: 'fail', message: `${label} admits ${showCidrs(c.internet)}`, location: r.node.locationOf(c.internet[0].path) });
      if (c.public.length > 0) internet.push({ status: 'fail', message: `${label} admits public addresses ${showCidrs(c.public)}`, location: r.node.locationOf(c.public[0].path) });
      for (const u of c.unknown) unknown.push({ status: 'unknown', message: `${label} admits a CIDR that is not known statically: ${u.value.describe()}`, location: r.node.locationOf(u.path) });
      for (const l of prefixListsOf(graph, r)) {
        if (l.kind === 'cloudfront') cloudfront.push(`${label} from ${l.shown}`);
        else if (l.kind === 'internet') internet.push({ status: 'fail', message: `${label} admits prefix list ${l.shown}`, location: r.node.locationOf(l.path) });
        else if (l.kind === 'unknown') unknown.push({ status: 'unknown', message: `${label} admits prefix list ${l.shown}`, location: r.node.locationOf(l.path) });
      }
    }
  }
  if (internet.length > 0) {
    return { status: 'fail', message: `${lead}its security groups admit the internet directly: ${internet.map((v) => v.message).join('; ')}`, location: internet[0].location };
  }
  if (unknown.length > 0) return { status: 'unknown', message: `${lead}${unknown.map((v) => v.message).join('; ')}`, location: unknown[0].location };
  if (cloudfront.length > 0) return { status: 'pass', message: `${lead}internet ingress only from the CloudFront origin-facing prefix list: ${cloudfront.join('; ')}` };
  if (sgs.groups.length === 0) return { status: 'unknown', message: `${lead}no security group is given`, location: lb.locationOf(sgs.attribute ?? '') };
  return { status: 'pass', message: `${lead}${sgs.groups.map((g) => g.address).join(', ')} ${sgs.groups.length === 1 ? 'admits' : 'admit'} no internet source at all` };
}

// --- (b) CloudFront origin + WAF -------------------------------------------------------------------

function viaCloudFrontAndWaf(graph: ResourceGraph, lb: GraphNode): { ok: boolean; message: string } {
  const distributions = [
    ...new Set(
      graph
        .edgesTo(lb)
        .filter((e) => e.toPath === 'dns_name' && ORIGIN_DOMAIN_PATH.test(e.fromPath))
        .map((e) => graph.node(e.from))
        .filter((n): n is GraphNode => n !== undefined && n.type === 'aws_cloudfront_distribution'),
    ),
  ];
  const associations = referrersVia(graph, lb, WAF_ASSOCIATION_TYPES, 'resource_arn');
  if (distributions.length > 0 && associations.length > 0) {
    return { ok: true, message: `${distributions.map((d) => d.address).join(', ')} uses it as origin and ${associations.map((a) => a.address).join(', ')} protects it with a WAF web ACL` };
  }
  const missing: string[] = [];
  if (distributions.length === 0) missing.push('no CloudFront distribution uses it as origin (origin.domain_name = its dns_name)');
  else missing.push(`${distributions.map((d) => d.address).join(', ')} uses it as origin, but no aws_wafv2_web_acl_association names it in resource_arn`);
  return { ok: false, message: missing.join('; ') };
}

function checkLoadBalancer(graph: ResourceGraph, lb: GraphNode): RuleResult | undefined {
  const kindRead = loadBalancerKind(lb);
  const kind = kindRead.kind;
  if (kind === 'gateway') {
    return { status: 'pass', node: lb, attribute: 'load_balancer_type', location: lb.locationOf('load_balancer_type'), message: 'load_balancer_type = "gateway": traffic reaches it only through Gateway Load Balancer endpoints, never directly from the internet' };
  }
  if (typeof kind === 'string' && kind !== 'application') return undefined;
  const scheme = loadBalancerScheme(lb);
  if (scheme.internetFacing === false) {
    return { status: 'pass', node: lb, attribute: 'internal', location: lb.locationOf('internal'), message: `${scheme.setting.describe}: not reachable from the internet` };
  }
  const a = viaSecurityGroups(graph, lb);
  const b = viaCloudFrontAndWaf(graph, lb);
  if (a.status === 'pass') return { status: 'pass', node: lb, location: lb.location, message: a.message };
  if (b.ok) return { status: 'pass', node: lb, location: lb.location, message: b.message };
  const conditions: string[] = [];
  if (kind instanceof Unknown) conditions.push(`load_balancer_type is not known statically: ${kind.describe()}`);
  if (scheme.internetFacing instanceof Unknown) conditions.push(`it is not known whether it is internet-facing: ${scheme.setting.describe}`);
  const facing = scheme.setting.isDefault ? `internet-facing (${scheme.setting.describe})` : 'internet-facing';
  if (a.status === 'fail' && conditions.length === 0) {
    return { status: 'fail', node: lb, location: a.location ?? lb.location, message: `${facing} ALB is reachable around CloudFront: ${a.message}; and ${b.message}` };
  }
  const extra = conditions.length > 0 ? ` (${conditions.join('; ')})` : '';
  return { status: 'unknown', node: lb, location: a.location ?? lb.location, message: `${a.message}; and ${b.message}${extra}` };
}

export const rule: Rule = {
  meta: {
    id: 'TG-NET-008',
    title: 'Internet-facing ALBs are reachable only through CloudFront',
    claim: 'network-private',
    severity: 'low',
    fix: 'admit internet traffic to the ALB only from the CloudFront origin-facing prefix list (or front it with CloudFront and a WAF web ACL association)',
    appliesTo: LOAD_BALANCER_TYPES,
  },

  check({ graph }) {
    const out: RuleResult[] = [];
    for (const lb of graph.resources(LOAD_BALANCER_TYPES)) {
      const r = checkLoadBalancer(graph, lb);
      if (r) out.push(r);
    }
    return out;
  },
};
