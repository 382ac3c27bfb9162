/**
 * Following references from an attribute to the resources it names. Values are used first, because
 * they are exact per list element (an unknown `aws_subnet.a.id` names its subnet); edges are the
 * fallback where a value does not say (plan JSON, or values passed through functions).
 */
import { Unknown, Value, isObject } from '../eval/value';
import { GraphNode, ResourceGraph } from '../graph/model';

export interface ReferencedNodes {
  nodes: GraphNode[];
  /** Parts of the value that name no node in the graph: literal IDs, unknowns from outside. */
  unresolved: Value[];
}

function leaves(v: Value, out: Value[]): void {
  if (Array.isArray(v)) v.forEach((x) => leaves(x, out));
  else if (isObject(v)) Object.values(v).forEach((x) => leaves(x, out));
  else out.push(v);
}

/** The nodes (optionally of some types) the attribute at `path` refers to. */
export function referencedNodes(graph: ResourceGraph, node: GraphNode, path: string, types?: string | readonly string[]): ReferencedNodes {
  const accept = (n: GraphNode) => types === undefined || (typeof types === 'string' ? n.type === types : types.includes(n.type));
  const read = node.attr(path);
  const found = new Map<string, GraphNode>();
  const unresolved: Value[] = [];
  let needEdges = read.value === undefined;
  const values: Value[] = [];
  if (read.value !== undefined) leaves(read.value, values);
  for (const v of values) {
    if (v instanceof Unknown && v.ref) {
      const target = graph.node(v.ref.address) ?? graph.instancesOf(v.ref.address)[0];
      if (target) {
        if (accept(target)) found.set(target.address, target);
        continue;
      }
    }
    if (v instanceof Unknown) needEdges = true;
    unresolved.push(v);
  }
  // Edges cover what values cannot say; they may name more than the value picked (e.g. `ids[0]`),
  // so they are only used when the value itself could not be followed.
  if (needEdges || found.size === 0) {
    for (const t of graph.targets(node, path)) if (accept(t)) found.set(t.address, t);
  }
  return { nodes: [...found.values()], unresolved };
}
