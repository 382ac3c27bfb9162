/**
 * TG-NET-004: application compute runs in private subnets.
 *
 * Decisions where rules.md is silent:
 * - A Lambda function without `vpc_config` (or with an empty `subnet_ids`) is not attached to a VPC: it
 *   runs in the Lambda service's own network, has no interface in the account's subnets and accepts no
 *   inbound connections. The rule (which rules.md scopes to "aws_lambda_function (vpc_config)") does
 *   not apply to it: no result. A function attached to a VPC gets the same subnet test as everything
 *   else (a public subnet fails even though Lambda never assigns public IPs there).
 * - Launch templates and launch configurations name no subnet (unless a template's
 *   `network_interfaces` does): their public-IP switch is judged here, and their placement is judged on
 *   the `aws_autoscaling_group` / `aws_instance` in scope that launches them. When nothing in scope
 *   launches them, the placement is `unknown` (the subnets are chosen at launch; with none, the default
 *   VPC's public subnets).
 * - An ECS service without `network_configuration` does not use awsvpc networking: its tasks share the
 *   network of their EC2 container instances, which are judged as instances / Auto Scaling groups.
 *   Its result is `unknown` with that reason.
 * - An omitted `associate_public_ip_address` is not a pass on its own: AWS then follows the subnet's
 *   `map_public_ip_on_launch`, which the subnet test covers.
 * Profile exemptions (bastions by address or tag) are applied by the engine, not here.
 */
import { DEFAULT_VPC_IS_PRIVATE } from '../../src/rules/parameters';
import type { Launchers, Placement, PublicIpSwitch, SubnetExposure } from '../../src/providers/aws/ec2/model';
import type { ModelResource } from '../../src/providers/resource';
import { combineResults } from '../../src/rules/context';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';

const TYPES = ['aws_ecs_service', 'aws_instance', 'aws_launch_template', 'aws_launch_configuration', 'aws_autoscaling_group', 'aws_lambda_function'] as const;

const STATUS = { public: 'fail', private: 'pass', unknown: 'unknown' } as const;

function exposurePart(ex: SubnetExposure, via: string, attribute?: string): ResultPart {
  const lead = ex.status === 'public' ? 'includes a public subnet' : ex.status === 'unknown' ? 'is not known to be private' : 'is private';
  return { name: 'subnets', status: STATUS[ex.status], message: `${via} ${lead}: ${ex.reason}`, attribute };
}

function placementPart(placement: Placement, defaultVpcIsPrivate: boolean): ResultPart {
  if (placement.kind === 'subnets') return exposurePart(placement.exposure, placement.via, placement.attribute);
  if (placement.kind === 'unresolved') {
    return { name: placement.unknownBlock ? placement.attribute : 'subnets', status: 'unknown', message: placement.problems.join('; '), attribute: placement.attribute };
  }
  const ex = placement.decide(defaultVpcIsPrivate);
  return { name: 'subnets', status: STATUS[ex.status], message: ex.reason };
}

/** A public-IP switch; omitted without a default, AWS follows the subnet's `map_public_ip_on_launch`. */
function switchPart(sw: PublicIpSwitch): ResultPart {
  const name = sw.path.split('.').filter((p) => !/^\d+$/.test(p)).pop()!;
  if (!sw.present && !sw.isDefault) return { name, status: 'pass', message: `${name} is not set (the subnet's map_public_ip_on_launch decides)` };
  const attribute = sw.present ? sw.path : undefined;
  if (sw.is(true) === true) return { name, status: 'fail', message: `public IP addresses are assigned: ${sw.describe()}`, attribute };
  if (sw.is(false) === true) return { name, status: 'pass', message: sw.describe(), attribute };
  if (!sw.known) return { name, status: 'unknown', message: `${name} is not known statically: ${sw.describe()}`, attribute };
  return { name, status: 'unknown', message: `${name} is not a boolean: ${sw.describe()}`, attribute };
}

/** Who launches a template / configuration in scope: their placement is judged on them. */
function launchedBy({ judged, others }: Launchers, what: string): ResultPart {
  if (judged.length > 0) return { name: 'subnets', status: 'pass', message: `${what}: its instances run in the subnets of ${judged.join(', ')} (judged there)` };
  if (others.length > 0) return { name: 'subnets', status: 'unknown', message: `${what}, and it is launched by ${others.join(', ')}, whose subnets this rule does not resolve` };
  return { name: 'subnets', status: 'unknown', message: `${what} and nothing in scope launches it: the subnets are chosen at launch (the default VPC's public subnets when none are given)` };
}

const NO_AWSVPC =
  'no network_configuration: the tasks do not use awsvpc networking and share the network of their EC2 container instances, whose subnets are judged on those instances / Auto Scaling groups';

function combine(subject: ModelResource, parts: ResultPart[]): RuleResult {
  return combineResults(subject, parts, parts.map((p) => p.message).join('; '));
}

export const rule: Rule = {
  meta: {
    id: 'TG-NET-004',
    title: 'Application compute runs in private subnets',
    claim: 'network-private',
    severity: 'high',
    parameters: [DEFAULT_VPC_IS_PRIVATE],
    fix: 'place the compute in private subnets and turn off public IP assignment (assign_public_ip / associate_public_ip_address = false)',
    appliesTo: TYPES,
  },

  check({ aws, params }) {
    const vpcIsPrivate = DEFAULT_VPC_IS_PRIVATE.of(params);
    const { instances, launchTemplates, launchConfigurations, autoscalingGroups } = aws.ec2;
    return [
      ...aws.ecs.services.map((s) => {
        const net = s.networkConfiguration;
        if (!net) return combine(s, [{ name: 'network_configuration', status: 'unknown', message: NO_AWSVPC }]);
        const sw = net.assignPublicIp ? [switchPart(net.assignPublicIp)] : [];
        return combine(s, [...sw, placementPart(net.placement, vpcIsPrivate)]);
      }),
      ...instances.map((i) => combine(i, [switchPart(i.associatePublicIp), placementPart(i.placement, vpcIsPrivate)])),
      ...launchTemplates.map((t) => {
        const parts: ResultPart[] = t.networkInterfaces.length > 0 ? [] : [{ name: 'associate_public_ip_address', status: 'pass', message: "network_interfaces is not set (the subnet's map_public_ip_on_launch decides)" }];
        for (const ni of t.networkInterfaces) {
          if (ni.unknownReason === undefined) parts.push(switchPart(ni.associatePublicIp));
          else parts.push({ name: 'network_interfaces', status: 'unknown', message: `network_interfaces is not known statically: ${ni.unknownReason}`, attribute: 'network_interfaces' });
        }
        return combine(t, [...parts, t.placement ? placementPart(t.placement, vpcIsPrivate) : launchedBy(t.launchers, 'the template names no subnet')]);
      }),
      ...launchConfigurations.map((c) => combine(c, [switchPart(c.associatePublicIp), launchedBy(c.launchers, 'a launch configuration names no subnet')])),
      ...autoscalingGroups.map((g) => combine(g, [placementPart(g.placement, vpcIsPrivate)])),
      ...aws.lambda.functions.flatMap((fn) => (fn.placement ? [combine(fn, [placementPart(fn.placement, vpcIsPrivate)])] : [])),
    ];
  },
};
