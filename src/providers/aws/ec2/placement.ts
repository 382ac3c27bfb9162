/**
 * Where compute runs: the subnets an attribute names and whether they are public. The subnet test is
 * the vpc service's (src/providers/aws/vpc/subnets.ts, shared with the data-store rules); this file only
 * picks the attributes compute resources name subnets with, for EC2, ECS and Lambda alike.
 */
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { SubnetList, defaultVpc, subnetListExposure, subnetsOf } from '../vpc/subnets';
import type { Placement, SubnetExposure } from './model';

/** Several attributes' subnets as one list (each subnet once). */
function mergeLists(lists: SubnetList[]): SubnetList {
  const out: SubnetList = { subnets: [], others: [], unresolved: [] };
  for (const l of lists) {
    for (const s of l.subnets) if (!out.subnets.includes(s)) out.subnets.push(s);
    for (const o of l.others) if (!out.others.includes(o)) out.others.push(o);
    out.unresolved.push(...l.unresolved);
  }
  return out;
}

function exposure(graph: ResourceGraph, list: SubnetList): SubnetExposure {
  const { status, reason } = subnetListExposure(graph, list);
  return { status, reason };
}

/** The exposure of the subnets named by one or more attributes of `node`. */
export function subnetExposureOf(graph: ResourceGraph, node: GraphNode, paths: readonly string[]): SubnetExposure {
  return exposure(graph, mergeLists(paths.map((p) => subnetsOf(graph, node, p))));
}

/** The exposure of the subnets several nodes name through `subnet_id` (attached network interfaces). */
export function subnetExposureOfNodes(graph: ResourceGraph, nodes: readonly GraphNode[], path: string): SubnetExposure {
  return exposure(graph, mergeLists(nodes.map((n) => subnetsOf(graph, n, path))));
}

export function subnetsPlacement(graph: ResourceGraph, node: GraphNode, path: string, via: string): Placement {
  return { kind: 'subnets', via, attribute: path, exposure: subnetExposureOf(graph, node, [path]) };
}

/**
 * No subnet: the default VPC's subnets (rules.md). `switchNode`/`switchPath` is the public-IP switch the
 * profile's `default_vpc_is_private` needs to see off; `name` is how the message names it.
 */
export function defaultVpcPlacement(missing: string, switchNode: GraphNode, switchPath: string, name: string): Placement {
  const read = switchNode.attr(switchPath);
  return { kind: 'default-vpc', decide: (isPrivate) => {
    const { status, reason } = defaultVpc(isPrivate, missing, { name, read });
    return { status, reason };
  } };
}
