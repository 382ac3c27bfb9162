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
import { Unknown, Value } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { RuleParameters } from '../../src/rules/parameters';
import { asBoolean, setting } from '../../src/rules/support/attributes';
import { combineParts } from '../../src/rules/support/results';
import { SubnetExposure, SubnetList, defaultVpc, followReference, subnetListExposure, subnetsOf } from '../../src/rules/support/subnets';
import { showValue } from '../../src/rules/support/vpcs';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';

const TYPES = ['aws_ecs_service', 'aws_instance', 'aws_launch_template', 'aws_launch_configuration', 'aws_autoscaling_group', 'aws_lambda_function'] as const;

/** Resources this rule judges that launch instances from a template / configuration. */
const LAUNCHERS = ['aws_autoscaling_group', 'aws_instance'];

function where(node: GraphNode, path: string): string {
  const loc = node.locationOf(path);
  return loc ? ` (${loc.file}:${loc.startLine})` : '';
}

function statusOf(ex: SubnetExposure): ResultPart['status'] {
  return ex.status === 'public' ? 'fail' : ex.status === 'private' ? 'pass' : 'unknown';
}

function exposurePart(ex: SubnetExposure, attribute: string | undefined, prefix: string): ResultPart {
  const lead = ex.status === 'public' ? `${prefix} includes a public subnet: ` : ex.status === 'unknown' ? `${prefix} is not known to be private: ` : `${prefix} is private: `;
  return { name: 'subnets', status: statusOf(ex), message: `${lead}${ex.reason}`, attribute };
}

function defaultVpcPart(ex: SubnetExposure): ResultPart {
  return { name: 'subnets', status: statusOf(ex), message: ex.reason };
}

function mergeLists(lists: SubnetList[]): SubnetList {
  const out: SubnetList = { subnets: [], others: [], unresolved: [] };
  for (const l of lists) {
    for (const s of l.subnets) if (!out.subnets.includes(s)) out.subnets.push(s);
    for (const o of l.others) if (!out.others.includes(o)) out.others.push(o);
    out.unresolved.push(...l.unresolved);
  }
  return out;
}

/**
 * A public-IP switch (`associate_public_ip_address`, `assign_public_ip`). With `defaultValue`, an omitted
 * switch takes the provider default; without, AWS follows the subnet's `map_public_ip_on_launch`.
 */
function switchPart(node: GraphNode, path: string, defaultValue?: boolean): ResultPart {
  const s = setting(node, path, defaultValue);
  const name = path.split('.').filter((p) => !/^\d+$/.test(p)).pop()!;
  if (!s.read.present && defaultValue === undefined) {
    return { name, status: 'pass', message: `${name} is not set (the subnet's map_public_ip_on_launch decides)` };
  }
  const attribute = s.read.present ? path : undefined;
  const v = asBoolean(s.value);
  if (v === true) return { name, status: 'fail', message: `public IP addresses are assigned: ${s.describe}`, attribute };
  if (v === false) return { name, status: 'pass', message: s.describe, attribute };
  if (v instanceof Unknown) return { name, status: 'unknown', message: `${name} is not known statically: ${s.describe}`, attribute };
  return { name, status: 'unknown', message: `${name} is not a boolean: ${s.describe}`, attribute };
}

/** The launch template a resource names (`launch_template { id | name }`), or why it is not known. */
function launchTemplateOf(graph: ResourceGraph, node: GraphNode, blockPath: string): { template?: GraphNode; problem?: string } {
  for (const key of ['id', 'name', 'launch_template_id', 'launch_template_name']) {
    const path = `${blockPath}.${key}`;
    const read = node.attr(path);
    if (!read.present) continue;
    const ref = followReference(graph, node, path, ['aws_launch_template']);
    const template = ref.nodes.find((n) => n.type === 'aws_launch_template' && n.kind === 'resource');
    if (template) return { template };
    // A literal name finds the template by its `name`.
    const literal = key.endsWith('name') && typeof read.value === 'string' ? read.value : undefined;
    const byName = literal === undefined ? undefined : graph.resources('aws_launch_template').find((t) => t.attr('name').value === literal);
    if (byName) return { template: byName };
    const shown = ref.nodes[0]?.address ?? showValue(ref.unresolved[0] ?? read.value);
    return { problem: `${path} names ${shown}, which is not a launch template managed in the configuration` };
  }
  return {};
}

const TEMPLATE_BLOCKS = ['launch_template.0', 'mixed_instances_policy.0.launch_template.0.launch_template_specification.0'];

/** The launch configuration an Auto Scaling group names, by reference or by its literal `name`. */
function launchConfigurationOf(graph: ResourceGraph, group: GraphNode): GraphNode | undefined {
  const read = group.attr('launch_configuration');
  if (!read.present) return undefined;
  const byRef = followReference(graph, group, 'launch_configuration', ['aws_launch_configuration']).nodes.find((n) => n.type === 'aws_launch_configuration' && n.kind === 'resource');
  if (byRef) return byRef;
  return typeof read.value === 'string' ? graph.resources('aws_launch_configuration').find((c) => c.attr('name').value === read.value) : undefined;
}

/** The Auto Scaling groups and instances in scope that launch a template or configuration. */
function launchersOf(graph: ResourceGraph, node: GraphNode): GraphNode[] {
  return graph.resources(LAUNCHERS).filter((user) => {
    if (node.type === 'aws_launch_configuration') return launchConfigurationOf(graph, user)?.address === node.address;
    return TEMPLATE_BLOCKS.some((b) => launchTemplateOf(graph, user, b).template?.address === node.address);
  });
}

/** Subnets a launch template's `network_interfaces` name (empty when none does). */
function templateSubnetPaths(template: GraphNode): string[] {
  return template
    .blocks('network_interfaces')
    .filter((b) => !(b.value instanceof Unknown) && template.attr(`${b.path}.subnet_id`).present)
    .map((b) => `${b.path}.subnet_id`);
}

function placementOfTemplate(graph: ResourceGraph, template: GraphNode, prefix: string): ResultPart | undefined {
  const paths = templateSubnetPaths(template);
  if (paths.length === 0) return undefined;
  const list = mergeLists(paths.map((p) => subnetsOf(graph, template, p)));
  return exposurePart(subnetListExposure(graph, list), undefined, `${prefix}${template.address} network_interfaces.subnet_id${where(template, paths[0])}`);
}

// --- Resource types --------------------------------------------------------------------------------

function instanceParts(graph: ResourceGraph, node: GraphNode, params: RuleParameters): ResultPart[] {
  const parts = [switchPart(node, 'associate_public_ip_address')];
  if (node.attr('subnet_id').present) {
    parts.push(exposurePart(subnetListExposure(graph, subnetsOf(graph, node, 'subnet_id')), 'subnet_id', 'subnet_id'));
    return parts;
  }
  const enis = node.blocks('network_interface');
  if (enis.length > 0) {
    const lists: SubnetList[] = [];
    const problems: string[] = [];
    for (const b of enis) {
      if (b.value instanceof Unknown) {
        problems.push(`network_interface is not known statically: ${b.value.describe()}`);
        continue;
      }
      const path = `${b.path}.network_interface_id`;
      const ref = followReference(graph, node, path, ['aws_network_interface']);
      const eni = ref.nodes.find((n) => n.type === 'aws_network_interface' && n.kind === 'resource');
      if (eni) lists.push(subnetsOf(graph, eni, 'subnet_id'));
      else problems.push(`${path} = ${ref.nodes[0]?.address ?? showValue(ref.unresolved[0] ?? node.attr(path).value)} is not a network interface managed in the configuration, so its subnet is not known`);
    }
    if (problems.length > 0) parts.push({ name: 'subnets', status: 'unknown', message: problems.join('; '), attribute: 'network_interface' });
    else parts.push(exposurePart(subnetListExposure(graph, mergeLists(lists)), 'network_interface', 'the subnet of its network interfaces'));
    return parts;
  }
  if (node.blocks('launch_template').length > 0) {
    const { template, problem } = launchTemplateOf(graph, node, 'launch_template.0');
    if (problem) {
      parts.push({ name: 'subnets', status: 'unknown', message: `subnet_id is not set and the subnet would come from the launch template: ${problem}`, attribute: 'launch_template' });
      return parts;
    }
    const fromTemplate = template ? placementOfTemplate(graph, template, 'launch template ') : undefined;
    if (fromTemplate) {
      parts.push({ ...fromTemplate, attribute: 'launch_template' });
      return parts;
    }
  }
  const read = node.attr('associate_public_ip_address');
  parts.push(defaultVpcPart(defaultVpc(params.defaultVpcIsPrivate, 'no subnet_id', { name: 'associate_public_ip_address', read })));
  return parts;
}

/** Who launches a template / configuration in scope: their placement is judged on them. */
function launchedBy(graph: ResourceGraph, node: GraphNode, what: string): ResultPart {
  const judged = launchersOf(graph, node);
  if (judged.length > 0) {
    return { name: 'subnets', status: 'pass', message: `${what}: its instances run in the subnets of ${judged.map((n) => n.address).join(', ')} (judged there)` };
  }
  const others = graph.referrers(node).filter((n) => n.kind === 'resource');
  if (others.length > 0) {
    return { name: 'subnets', status: 'unknown', message: `${what}, and it is launched by ${others.map((n) => n.address).join(', ')}, whose subnets this rule does not resolve` };
  }
  return {
    name: 'subnets',
    status: 'unknown',
    message: `${what} and nothing in scope launches it: the subnets are chosen at launch (the default VPC's public subnets when none are given)`,
  };
}

function launchTemplateParts(graph: ResourceGraph, node: GraphNode): ResultPart[] {
  const blocks = node.blocks('network_interfaces');
  const parts: ResultPart[] = [];
  if (blocks.length === 0) parts.push({ name: 'associate_public_ip_address', status: 'pass', message: "network_interfaces is not set (the subnet's map_public_ip_on_launch decides)" });
  for (const b of blocks) {
    if (b.value instanceof Unknown) parts.push({ name: 'network_interfaces', status: 'unknown', message: `network_interfaces is not known statically: ${b.value.describe()}`, attribute: 'network_interfaces' });
    else parts.push(switchPart(node, `${b.path}.associate_public_ip_address`));
  }
  parts.push(placementOfTemplate(graph, node, '') ?? launchedBy(graph, node, 'the template names no subnet'));
  return parts;
}

function launchConfigurationParts(graph: ResourceGraph, node: GraphNode): ResultPart[] {
  return [switchPart(node, 'associate_public_ip_address'), launchedBy(graph, node, 'a launch configuration names no subnet')];
}

/** The public-IP switch of what an Auto Scaling group launches, for the default-VPC decision. */
function groupSwitch(graph: ResourceGraph, node: GraphNode): { name: string; read: ReturnType<GraphNode['attr']> } {
  const lc = launchConfigurationOf(graph, node);
  if (lc) return { name: `associate_public_ip_address of ${lc.address}`, read: lc.attr('associate_public_ip_address') };
  for (const block of TEMPLATE_BLOCKS) {
    const { template } = launchTemplateOf(graph, node, block);
    if (template) return { name: `network_interfaces.associate_public_ip_address of ${template.address}`, read: template.attr('network_interfaces.0.associate_public_ip_address') };
  }
  return { name: 'associate_public_ip_address of its launch template', read: node.attr('associate_public_ip_address') };
}

function autoscalingParts(graph: ResourceGraph, node: GraphNode, params: RuleParameters): ResultPart[] {
  if (node.attr('vpc_zone_identifier').present) {
    return [exposurePart(subnetListExposure(graph, subnetsOf(graph, node, 'vpc_zone_identifier')), 'vpc_zone_identifier', 'vpc_zone_identifier')];
  }
  return [defaultVpcPart(defaultVpc(params.defaultVpcIsPrivate, 'no vpc_zone_identifier', groupSwitch(graph, node)))];
}

function ecsParts(graph: ResourceGraph, node: GraphNode): ResultPart[] {
  const blocks = node.blocks('network_configuration');
  if (blocks.length === 0) {
    return [
      {
        name: 'network_configuration',
        status: 'unknown',
        message: 'no network_configuration: the tasks do not use awsvpc networking and share the network of their EC2 container instances, whose subnets are judged on those instances / Auto Scaling groups',
      },
    ];
  }
  const b = blocks[0];
  if (b.value instanceof Unknown) return [{ name: 'network_configuration', status: 'unknown', message: `network_configuration is not known statically: ${b.value.describe()}`, attribute: 'network_configuration' }];
  const parts = [switchPart(node, `${b.path}.assign_public_ip`, false)];
  const path = `${b.path}.subnets`;
  if (!node.attr(path).present) parts.push({ name: 'subnets', status: 'unknown', message: 'network_configuration sets no subnets', attribute: b.path });
  else parts.push(exposurePart(subnetListExposure(graph, subnetsOf(graph, node, path)), path, 'network_configuration.subnets'));
  return parts;
}

/** Undefined when the function is not attached to a VPC (not applicable). */
function lambdaParts(graph: ResourceGraph, node: GraphNode): ResultPart[] | undefined {
  const blocks = node.blocks('vpc_config');
  if (blocks.length === 0) return undefined;
  const b = blocks[0];
  if (b.value instanceof Unknown) return [{ name: 'vpc_config', status: 'unknown', message: `vpc_config is not known statically: ${b.value.describe()}`, attribute: 'vpc_config' }];
  const path = `${b.path}.subnet_ids`;
  const read = node.attr(path);
  const value: Value | undefined = read.value;
  if (!read.present || (Array.isArray(value) && value.length === 0)) return undefined;
  return [exposurePart(subnetListExposure(graph, subnetsOf(graph, node, path)), path, 'vpc_config.subnet_ids')];
}

function check(graph: ResourceGraph, node: GraphNode, params: RuleParameters): RuleResult | undefined {
  let parts: ResultPart[] | undefined;
  switch (node.type) {
    case 'aws_instance':
      parts = instanceParts(graph, node, params);
      break;
    case 'aws_launch_template':
      parts = launchTemplateParts(graph, node);
      break;
    case 'aws_launch_configuration':
      parts = launchConfigurationParts(graph, node);
      break;
    case 'aws_autoscaling_group':
      parts = autoscalingParts(graph, node, params);
      break;
    case 'aws_ecs_service':
      parts = ecsParts(graph, node);
      break;
    case 'aws_lambda_function':
      parts = lambdaParts(graph, node);
      break;
  }
  if (!parts) return undefined;
  return combineParts(node, parts, parts.map((p) => p.message).join('; '));
}

export const rule: Rule = {
  meta: {
    id: 'TG-NET-004',
    title: 'Application compute runs in private subnets',
    claim: 'network-private',
    severity: 'high',
    fix: 'place the compute in private subnets and turn off public IP assignment (assign_public_ip / associate_public_ip_address = false)',
    appliesTo: TYPES,
  },

  check({ graph, params }) {
    const out: RuleResult[] = [];
    for (const node of graph.resources(TYPES)) {
      const r = check(graph, node, params);
      if (r) out.push(r);
    }
    return out;
  },
};
