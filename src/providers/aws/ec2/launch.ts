/**
 * How launchers and launch definitions name each other: an instance or Auto Scaling group names a
 * launch template (`launch_template { id | name }`, also inside `mixed_instances_policy`) or a launch
 * configuration, by reference or by the literal `name` of one managed in the configuration.
 */
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { followReference } from '../vpc/subnets';
import { showValue } from '../vpc/vpcs';
import { show } from '../../attributes';

export const TEMPLATE_BLOCKS = ['launch_template.0', 'mixed_instances_policy.0.launch_template.0.launch_template_specification.0'];
const TEMPLATE_KEYS = ['id', 'name', 'launch_template_id', 'launch_template_name'];

export interface TemplateLinkFacts {
  attribute: string;
  template?: GraphNode;
  named: string;
  shown: string;
}

/** The launch template named in the block at `blockPath` (undefined when the block names none). */
export function templateLink(graph: ResourceGraph, node: GraphNode, blockPath: string): TemplateLinkFacts | undefined {
  for (const key of TEMPLATE_KEYS) {
    const attribute = `${blockPath}.${key}`;
    const read = node.attr(attribute);
    if (!read.present) continue;
    const ref = followReference(graph, node, attribute, ['aws_launch_template']);
    const shown = show(read.value);
    const template = ref.nodes.find((n) => n.type === 'aws_launch_template' && n.kind === 'resource');
    if (template) return { attribute, template, named: template.address, shown };
    const literal = key.endsWith('name') && typeof read.value === 'string' ? read.value : undefined;
    const byName = literal === undefined ? undefined : graph.resources('aws_launch_template').find((t) => t.attr('name').value === literal);
    if (byName) return { attribute, template: byName, named: byName.address, shown };
    return { attribute, named: ref.nodes[0]?.address ?? showValue(ref.unresolved[0] ?? read.value), shown };
  }
  return undefined;
}

/** The launch configuration an Auto Scaling group names, by reference or by its literal `name`. */
export function launchConfigurationOf(graph: ResourceGraph, group: GraphNode): GraphNode | undefined {
  const read = group.attr('launch_configuration');
  if (!read.present) return undefined;
  const byRef = followReference(graph, group, 'launch_configuration', ['aws_launch_configuration']).nodes.find((n) => n.type === 'aws_launch_configuration' && n.kind === 'resource');
  if (byRef) return byRef;
  return typeof read.value === 'string' ? graph.resources('aws_launch_configuration').find((c) => c.attr('name').value === read.value) : undefined;
}

/** The Auto Scaling groups and instances that launch a template or configuration, and the other resources that refer to it. */
export function launchersOf(graph: ResourceGraph, node: GraphNode): { judged: GraphNode[]; others: GraphNode[] } {
  const judged = graph.resources(['aws_autoscaling_group', 'aws_instance']).filter((user) => {
    if (node.type === 'aws_launch_configuration') return launchConfigurationOf(graph, user)?.address === node.address;
    return TEMPLATE_BLOCKS.some((b) => templateLink(graph, user, b)?.template?.address === node.address);
  });
  const others = judged.length > 0 ? [] : graph.referrers(node).filter((n) => n.kind === 'resource');
  return { judged, others };
}
