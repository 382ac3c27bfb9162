/**
 * TG-NET-006: each VPC's default security group is managed and has no rules.
 *
 * Results are per VPC (`aws_vpc`, and the default VPC when managed as `aws_default_vpc`): the VPC is
 * what the claim is about, and checkov CKV2_AWS_12 reports there. An `aws_default_security_group`
 * whose VPC is not in scope (kics fixtures, a VPC from another configuration, the default VPC that is
 * not managed) gets its own result, so its rules are still judged. The finding points at the first
 * offending rule (inline block or rule resource), else at the VPC (or group) block.
 *
 * Decisions where rules.md is silent:
 * - Rules count in every form: inline `ingress`/`egress` blocks (also `ingress = [...]`),
 *   `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule` and
 *   `aws_vpc_security_group_egress_rule` whose `security_group_id` names the default group. An
 *   `aws_security_group_rule` whose `type` is neither "ingress" nor "egress" (the provider rejects it)
 *   or is not known gives `unknown`.
 * - Omitted `ingress`/`egress` on `aws_default_security_group` pass: Terraform removes every rule of
 *   the default group when it adopts it.
 * - With several `aws_default_security_group`s for one VPC (a configuration error), each is judged.
 */
import { GraphNode, ResourceGraph, SourceLocation } from '../../src/graph/model';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';
import {
  DEFAULT_SECURITY_GROUP_TYPES,
  VPC_RESOURCE_TYPES,
  attachedRules,
  defaultSecurityGroupsOf,
  vpcOfDefaultSecurityGroup,
} from '../../src/rules/support/vpcs';

interface Verdict {
  status: 'pass' | 'fail' | 'unknown';
  message: string;
  location?: SourceLocation;
}

/** The rules of one managed default security group. */
function judgeGroup(graph: ResourceGraph, group: GraphNode): Verdict {
  const { rules, unknownBlocks } = attachedRules(graph, group);
  const offending = rules.filter((r) => typeof r.direction === 'string');
  const undecided = rules.filter((r) => typeof r.direction !== 'string');
  if (offending.length > 0) {
    const names = offending.map((r) => `${r.label} (${r.direction as string})`);
    return { status: 'fail', message: `${group.address} keeps rules on the default security group: ${names.join(', ')}`, location: offending[0].node.locationOf(offending[0].path) };
  }
  const unknowns = [
    ...unknownBlocks.map((b) => `${group.address} ${b.path} blocks are not known statically: ${b.value.describe()}`),
    ...undecided.map((r) => `${r.label}: ${(r.direction as { unknown: string }).unknown}`),
  ];
  if (unknowns.length > 0) {
    const loc = undecided[0] ? undecided[0].node.locationOf('type') : group.locationOf(unknownBlocks[0].path);
    return { status: 'unknown', message: `rules of ${group.address} are not known: ${unknowns.join('; ')}`, location: loc };
  }
  return { status: 'pass', message: `${group.address} manages it with no ingress or egress rules (Terraform removes the rules AWS created)` };
}

function resultOf(node: GraphNode, v: Verdict, parts?: ResultPart[]): RuleResult {
  return { status: v.status, node, location: v.location ?? node.location, message: v.message, parts };
}

function checkVpc(graph: ResourceGraph, vpc: GraphNode, groups: GraphNode[], maybe: GraphNode[]): RuleResult {
  if (groups.length === 0) {
    const hint = maybe.length > 0 ? ` (${maybe.map((g) => g.address).join(', ')} has a vpc_id that is not known statically and may manage it)` : '';
    return resultOf(vpc, {
      status: 'unknown',
      message: `default security group not managed: no aws_default_security_group names ${vpc.address}, so its rules are whatever AWS created (all traffic from its own members, all egress) or was added outside this configuration${hint}`,
    });
  }
  const verdicts = groups.map((g) => ({ group: g, v: judgeGroup(graph, g) }));
  const parts: ResultPart[] = verdicts.map(({ group, v }) => ({ name: group.address, status: v.status, message: v.message }));
  const failing = verdicts.filter((x) => x.v.status === 'fail');
  const unknown = verdicts.filter((x) => x.v.status === 'unknown');
  const lead = `default security group of ${vpc.address}: `;
  if (failing.length > 0) return resultOf(vpc, { status: 'fail', message: lead + failing.map((x) => x.v.message).join('; '), location: failing[0].v.location }, parts);
  if (unknown.length > 0) return resultOf(vpc, { status: 'unknown', message: lead + unknown.map((x) => x.v.message).join('; '), location: unknown[0].v.location }, parts);
  return resultOf(vpc, { status: 'pass', message: lead + verdicts.map((x) => x.v.message).join('; ') }, parts);
}

export const rule: Rule = {
  meta: {
    id: 'TG-NET-006',
    title: 'Default security groups are managed and have no rules',
    claim: 'network-monitoring',
    severity: 'low',
    fix: 'manage each VPC\'s default security group with aws_default_security_group and remove all its ingress and egress rules',
    appliesTo: [...VPC_RESOURCE_TYPES, ...DEFAULT_SECURITY_GROUP_TYPES],
  },

  check({ graph }) {
    const out: RuleResult[] = [];
    const placed = new Set<string>();
    const vpcs = graph.resources(VPC_RESOURCE_TYPES);
    const orphans: GraphNode[] = [];
    const maybe: GraphNode[] = [];
    for (const g of graph.resources(DEFAULT_SECURITY_GROUP_TYPES)) {
      const r = vpcOfDefaultSecurityGroup(graph, g);
      if (r.vpc) continue;
      orphans.push(g);
      if (r.couldBeAny) maybe.push(g);
    }
    for (const vpc of vpcs) {
      const groups = defaultSecurityGroupsOf(graph, vpc);
      groups.forEach((g) => placed.add(g.address));
      out.push(checkVpc(graph, vpc, groups, maybe));
    }
    for (const g of orphans) {
      if (placed.has(g.address)) continue;
      const { reason } = vpcOfDefaultSecurityGroup(graph, g);
      const v = judgeGroup(graph, g);
      out.push(resultOf(g, { ...v, message: `${v.message} (${reason})` }));
    }
    return out;
  },
};
