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
 *   one of the list IDs AWS publishes per region (src/providers/aws/vpc/prefix-lists.ts): examples/saas-reference passes the ID
 *   through a variable to keep its plan offline. Other prefix lists (unknown IDs, customer-managed
 *   lists) may hold any address, so with no internet CIDR and no recognised CloudFront list they give
 *   `unknown`; a customer-managed list with a /0 entry counts as internet ingress.
 * - Public CIDRs that are not /0 (an office range) also bypass CloudFront: they fail (a).
 * - Internal load balancers and gateway load balancers are not reachable from the internet: pass.
 *   Network load balancers are not ALBs: no result.
 * - An ALB without `security_groups` gets its VPC's default security group (see TG-NET-005); AWS's
 *   untouched default group admits nothing from the internet: pass (a).
 */
import { LOAD_BALANCER_TYPES, type LoadBalancer } from '../../src/providers/aws/elb/model';
import { showCidrs } from '../../src/providers/aws/vpc/model';
import type { Rule, RuleContext as Ctx, RuleResult } from '../../src/rules/types';

type Verdict = { status: RuleResult['status']; message: string; location?: RuleResult['location'] };

/** (a): internet ingress of the security groups comes only from the CloudFront origin-facing prefix list. */
function viaSecurityGroups(lb: LoadBalancer): Verdict {
  const { guards } = lb;
  const lead = guards.via === '' ? '' : `${guards.via}: `;
  if (guards.none === 'aws-default-group') return { status: 'pass', message: `${guards.via}, so nothing reaches it from the internet` };
  const internet: Verdict[] = [];
  const unknown: Verdict[] = [];
  const cloudfront: string[] = [];
  for (const u of guards.unresolved) unknown.push({ status: 'unknown', message: u, location: lb.locationOf(guards.attribute ?? '') });
  for (const r of guards.groups.flatMap((g) => g.ingress)) {
    const found = (status: Verdict['status'], what: string, path: string) => (status === 'fail' ? internet : unknown).push({ status, message: `${r.label} ${what}`, location: r.locationOf(path) });
    if (r.unknown) {
      found('unknown', `is not known statically: ${r.unknown}`, r.path);
      continue;
    }
    const c = r.cidrs;
    if (c.internet.length > 0) found('fail', `admits ${showCidrs(c.internet)}`, c.internet[0].path);
    if (c.public.length > 0) found('fail', `admits public addresses ${showCidrs(c.public)}`, c.public[0].path);
    for (const u of c.unknown) found('unknown', `admits a CIDR that is not known statically: ${u.value.describe()}`, u.path);
    for (const l of r.prefixLists) {
      if (l.kind === 'cloudfront') cloudfront.push(`${r.label} from ${l.shown}`);
      else if (l.kind === 'internet') found('fail', `admits prefix list ${l.shown}`, l.path);
      else if (l.kind === 'unknown') found('unknown', `admits prefix list ${l.shown}`, l.path);
    }
  }
  if (internet.length > 0) {
    return { status: 'fail', message: `${lead}its security groups admit the internet directly: ${internet.map((v) => v.message).join('; ')}`, location: internet[0].location };
  }
  if (unknown.length > 0) return { status: 'unknown', message: `${lead}${unknown.map((v) => v.message).join('; ')}`, location: unknown[0].location };
  if (cloudfront.length > 0) return { status: 'pass', message: `${lead}internet ingress only from the CloudFront origin-facing prefix list: ${cloudfront.join('; ')}` };
  if (guards.groups.length === 0) return { status: 'unknown', message: `${lead}no security group is given`, location: lb.locationOf(guards.attribute ?? '') };
  return { status: 'pass', message: `${lead}${guards.groups.map((g) => g.address).join(', ')} ${guards.groups.length === 1 ? 'admits' : 'admit'} no internet source at all` };
}

/** (b): a CloudFront distribution uses it as origin and a WAF web ACL association names it. */
function viaCloudFrontAndWaf(lb: LoadBalancer): { ok: boolean; message: string } {
  const distributions = lb.cloudFrontOrigins.map((d) => d.address).join(', ');
  const associations = lb.wafAssociations.map((a) => a.address).join(', ');
  if (distributions && associations) return { ok: true, message: `${distributions} uses it as origin and ${associations} protects it with a WAF web ACL` };
  if (!distributions) return { ok: false, message: 'no CloudFront distribution uses it as origin (origin.domain_name = its dns_name)' };
  return { ok: false, message: `${distributions} uses it as origin, but no aws_wafv2_web_acl_association names it in resource_arn` };
}

function checkLoadBalancer({ report }: Ctx, lb: LoadBalancer): RuleResult | undefined {
  const { kind, internal } = lb;
  if (kind.value === 'gateway') return report('pass', lb, 'gateway', {}, 'load_balancer_type');
  if (kind.value !== undefined && kind.value !== 'application') return undefined;
  if (internal.value === true) return report('pass', lb, 'internal', { value: internal.describe() }, 'internal');
  const a = viaSecurityGroups(lb);
  if (a.status === 'pass') return report('pass', lb, 'verdict', { message: a.message });
  const b = viaCloudFrontAndWaf(lb);
  if (b.ok) return report('pass', lb, 'verdict', { message: b.message });
  const conditions: string[] = [];
  if (!kind.known) conditions.push(`load_balancer_type is not known statically: ${kind.reason}`);
  if (!internal.known) conditions.push(`it is not known whether it is internet-facing: ${internal.describe()}`);
  const located = (r: RuleResult): RuleResult => ({ ...r, location: a.location ?? r.location });
  if (a.status === 'fail' && conditions.length === 0) {
    const facing = internal.isDefault ? `internet-facing (${internal.describe()})` : 'internet-facing';
    return located(report('fail', lb, 'bypass', { facing, a: a.message, b: b.message }));
  }
  const extra = conditions.length > 0 ? ` (${conditions.join('; ')})` : '';
  return located(report('unknown', lb, 'unknown', { a: a.message, b: b.message, extra }));
}

export const rule: Rule = {
  meta: {
    id: 'TG-NET-008',
    title: 'Internet-facing ALBs are reachable only through CloudFront',
    claim: 'network-private',
    severity: 'low',
    fix: 'admit internet traffic to the ALB only from the CloudFront origin-facing prefix list (or front it with CloudFront and a WAF web ACL association)',
    appliesTo: LOAD_BALANCER_TYPES,
    messages: {
      gateway: 'load_balancer_type = "gateway": traffic reaches it only through Gateway Load Balancer endpoints, never directly from the internet',
      internal: '{{value}}: not reachable from the internet',
      verdict: '{{message}}',
      bypass: '{{facing}} ALB is reachable around CloudFront: {{a}}; and {{b}}',
      unknown: '{{a}}; and {{b}}{{extra}}',
    },
  },

  check(ctx) {
    return ctx.aws.elb.loadBalancers.flatMap((lb) => checkLoadBalancer(ctx, lb) ?? []);
  },
};
