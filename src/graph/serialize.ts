/** The graph as users see it with `tomguard graph`: what tomguard understood of their code. */
import { Unknown, Value, isObject } from '../eval/value';
import { GraphNode, ResourceGraph } from './model';

const HIDDEN = '(sensitive)';

/** A value for output: Unknowns become `{ "unknown": true, ... }`, sensitive paths are masked. */
export function displayValue(node: GraphNode, value: Value, path = ''): unknown {
  if (path && node.isSensitive(path)) return HIDDEN;
  if (value instanceof Unknown) return value.toJSON();
  if (Array.isArray(value)) return value.map((v, i) => displayValue(node, v, path ? `${path}.${i}` : String(i)));
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      // defineProperty: a key named __proto__ (hostile plan JSON) must stay a plain key.
      Object.defineProperty(out, k, { value: displayValue(node, value[k], path ? `${path}.${k}` : k), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

export function graphToJson(graph: ResourceGraph): { nodes: unknown[]; edges: unknown[] } {
  const nodes = graph.nodes().map((n) => ({
    address: n.address,
    kind: n.kind,
    type: n.type,
    name: n.name,
    module: n.modulePath || undefined,
    key: n.key,
    instancesKnown: n.keysKnown,
    file: n.location?.file,
    startLine: n.location?.startLine,
    endLine: n.location?.endLine,
    attributes: displayValue(n, n.attrs),
    attributeLines: Object.fromEntries([...n.attrLocations].map(([p, l]) => [p, [l.startLine, l.endLine]])),
    meta: Object.keys(n.meta).length > 0 ? n.meta : undefined,
  }));
  return { nodes, edges: graph.edges() };
}

export function graphToText(graph: ResourceGraph): string {
  const lines: string[] = [];
  for (const n of graph.nodes()) {
    const where = n.location ? `${n.location.file}:${n.location.startLine}-${n.location.endLine}` : '(no source)';
    const extra = n.keysKnown ? '' : ' [instances not known statically]';
    lines.push(`${n.address} (${n.kind} ${n.type}) ${where}${extra}`);
    for (const e of graph.edgesFrom(n)) lines.push(`  ${e.fromPath || '(whole)'} -> ${e.to}${e.toPath ? `.${e.toPath}` : ''}`);
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}
