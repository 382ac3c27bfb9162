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
 * - Rules count in every form (the model gathers inline blocks and the three rule resources). An
 *   `aws_security_group_rule` whose `type` is neither "ingress" nor "egress" (the provider rejects it)
 *   or is not known gives `unknown`.
 * - Omitted `ingress`/`egress` on `aws_default_security_group` pass: Terraform removes every rule of
 *   the default group when it adopts it.
 * - With several `aws_default_security_group`s for one VPC (a configuration error), each is judged.
 */
import type { DefaultSecurityGroup, Vpc } from '../../src/providers/aws/vpc/model';
import { DEFAULT_SECURITY_GROUP_TYPES, VPC_RESOURCE_TYPES } from '../../src/providers/aws/vpc/vpcs';
import type { ModelContext } from '../../src/rules/context';
import { Rule, RuleResult } from '../../src/rules/types';

type Verdict = Pick<RuleResult, 'status' | 'message' | 'location'>;

/** The rules of one managed default security group. */
function judgeGroup(group: DefaultSecurityGroup): Verdict {
  const offending = group.rules.filter((r) => typeof r.direction === 'string');
  const undecided = group.rules.filter((r) => typeof r.direction !== 'string');
  if (offending.length > 0) {
    const names = offending.map((r) => `${r.label} (${r.direction as string})`);
    return { status: 'fail', message: `${group.address} keeps rules on the default security group: ${names.join(', ')}`, location: offending[0].location };
  }
  const unknowns = [
    ...group.unknownBlocks.map((b) => `${group.address} ${b.path} blocks are not known statically: ${b.reason}`),
    ...undecided.map((r) => `${r.label}: ${(r.direction as { unknown: string }).unknown}`),
  ];
  if (unknowns.length > 0) {
    const location = undecided[0] ? undecided[0].typeLocation : group.unknownBlocks[0].location;
    return { status: 'unknown', message: `rules of ${group.address} are not known: ${unknowns.join('; ')}`, location };
  }
  return { status: 'pass', message: `${group.address} manages it with no ingress or egress rules (Terraform removes the rules AWS created)` };
}

function checkVpc({ report }: ModelContext, vpc: Vpc, maybe: DefaultSecurityGroup[]): RuleResult {
  const groups = vpc.defaultSecurityGroups;
  if (groups.length === 0) {
    const hint = maybe.length > 0 ? ` (${maybe.map((g) => g.address).join(', ')} has a vpc_id that is not known statically and may manage it)` : '';
    return report('unknown', vpc, 'unmanaged', { hint });
  }
  const verdicts = groups.map((g) => ({ group: g, v: judgeGroup(g) }));
  const parts = verdicts.map(({ group, v }) => ({ name: group.address, status: v.status as 'pass' | 'fail' | 'unknown', message: v.message }));
  const decided = (status: Verdict['status']) => verdicts.filter((x) => x.v.status === status);
  const deciding = decided('fail').length > 0 ? decided('fail') : decided('unknown').length > 0 ? decided('unknown') : verdicts;
  const status = deciding[0].v.status;
  const result = report(status, vpc, 'verdict', { verdicts: deciding.map((x) => x.v.message).join('; ') }, undefined, parts);
  return { ...result, location: deciding[0].v.location ?? result.location };
}

export const rule: Rule = {
  meta: {
    id: 'TG-NET-006',
    title: 'Default security groups are managed and have no rules',
    claim: 'network-monitoring',
    severity: 'low',
    fix: 'manage each VPC\'s default security group with aws_default_security_group and remove all its ingress and egress rules',
    appliesTo: [...VPC_RESOURCE_TYPES, ...DEFAULT_SECURITY_GROUP_TYPES],
    messages: {
      unmanaged:
        'default security group not managed: no aws_default_security_group names {{address}}, so its rules are whatever AWS created (all traffic from its own members, all egress) or was added outside this configuration{{hint}}',
      verdict: 'default security group of {{address}}: {{verdicts}}',
      orphan: '{{verdict}} ({{reason}})',
    },
  },

  check(ctx) {
    const { vpcs, defaultSecurityGroups } = ctx.aws.vpc;
    const out = vpcs.map((vpc) => checkVpc(ctx, vpc, defaultSecurityGroups.filter((g) => !g.vpc && g.mayManageAnyVpc)));
    // Groups whose VPC is not in scope are judged on their own.
    const placed = new Set(vpcs.flatMap((v) => v.defaultSecurityGroups));
    for (const g of defaultSecurityGroups.filter((x) => !x.vpc && !placed.has(x))) {
      const v = judgeGroup(g);
      const result = ctx.report(v.status, g, 'orphan', { verdict: v.message, reason: g.vpcReason });
      out.push({ ...result, location: v.location ?? result.location });
    }
    return out;
  },
};
