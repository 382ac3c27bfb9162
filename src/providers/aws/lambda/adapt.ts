/** Builds the Lambda model from the graph. */
import type { AwsModels } from '..';
import { Unknown } from '../../../eval/value';
import { GraphNode, ResourceGraph } from '../../../graph/model';
import type { Placement } from '../ec2/model';
import { subnetsPlacement } from '../ec2/placement';
import { readEnvironmentMap } from '../plaintext';
import { LAMBDA_FUNCTION_TYPES, LambdaFunction, LambdaModel } from './model';

function vpcPlacement(graph: ResourceGraph, node: GraphNode): Placement | undefined {
  const block = node.blocks('vpc_config')[0];
  if (!block) return undefined;
  if (block.value instanceof Unknown) return { kind: 'unresolved', attribute: 'vpc_config', problems: [`vpc_config is not known statically: ${block.value.describe()}`], unknownBlock: true };
  const path = `${block.path}.subnet_ids`;
  const read = node.attr(path);
  if (!read.present || (Array.isArray(read.value) && read.value.length === 0)) return undefined;
  return subnetsPlacement(graph, node, path, 'vpc_config.subnet_ids');
}

export function adaptLambda(aws: AwsModels): LambdaModel {
  const { graph } = aws;
  const functions = graph.resources(LAMBDA_FUNCTION_TYPES).map((node) => {
    const fn = new LambdaFunction(node);
    fn.placement = vpcPlacement(graph, node);
    fn.environment = readEnvironmentMap(node, 'environment.0.variables');
    return fn;
  });
  return { functions };
}
