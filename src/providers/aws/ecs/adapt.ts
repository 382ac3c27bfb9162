/** Builds the ECS model from the graph. */
import type { AwsModels } from '..';
import { Unknown } from '../../../eval/value';
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { readBoolean } from '../ec2/booleans';
import { subnetsPlacement } from '../ec2/placement';
import { readContainerEnvironment } from '../plaintext';
import { ECS_SERVICE_TYPES, ECS_TASK_DEFINITION_TYPES, EcsModel, EcsService, EcsTaskDefinition, NetworkConfiguration } from './model';

function networkConfiguration(graph: ResourceGraph, node: GraphNode): NetworkConfiguration | undefined {
  const block = node.blocks('network_configuration')[0];
  if (!block) return undefined;
  if (block.value instanceof Unknown) {
    return { placement: { kind: 'unresolved', attribute: 'network_configuration', problems: [`network_configuration is not known statically: ${block.value.describe()}`], unknownBlock: true } };
  }
  const assignPublicIp = readBoolean(node, `${block.path}.assign_public_ip`, false);
  const path = `${block.path}.subnets`;
  if (!node.attr(path).present) return { assignPublicIp, placement: { kind: 'unresolved', attribute: block.path, problems: ['network_configuration sets no subnets'] } };
  return { assignPublicIp, placement: subnetsPlacement(graph, node, path, 'network_configuration.subnets') };
}

export function adaptEcs(aws: AwsModels): EcsModel {
  const { graph } = aws;
  const services = graph.resources(ECS_SERVICE_TYPES).map((node) => {
    const service = new EcsService(node);
    service.networkConfiguration = networkConfiguration(graph, node);
    return service;
  });
  const taskDefinitions = graph.resources(ECS_TASK_DEFINITION_TYPES).map((node) => {
    const task = new EcsTaskDefinition(node);
    task.environment = readContainerEnvironment(node, 'container_definitions');
    return task;
  });
  return { services, taskDefinitions };
}
