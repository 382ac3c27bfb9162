/** Builds the resource graph from an evaluated HCL configuration. */
import { Range } from '../hcl/ast';
import { Evaluation } from '../config/evaluation';
import { AttributeEdge } from '../config/body-eval';
import { GraphNode, ResourceGraph, SourceLocation } from './model';

export function locationOf(range: Range, display: (file: string) => string): SourceLocation {
  return {
    file: display(range.file),
    startLine: range.start.line,
    endLine: range.end.line,
    startColumn: range.start.column,
    endColumn: range.end.column,
  };
}

export function graphFromEvaluation(evaluation: Evaluation): ResourceGraph {
  const graph = new ResourceGraph();
  const display = (f: string) => evaluation.displayPath(f);
  const loc = (r: Range) => locationOf(r, display);
  const locMap = (m: Map<string, Range>) => new Map([...m].map(([k, r]) => [k, loc(r)]));
  const pending: Array<{ from: string; edges: AttributeEdge[] }> = [];

  for (const mod of evaluation.modules) {
    for (const results of mod.resourceResults.values()) {
      for (const r of results) {
        graph.addNode(
          new GraphNode({
            address: r.address,
            resourceAddress: r.resourceAddress,
            key: r.key,
            keysKnown: r.keysKnown,
            kind: r.mode === 'managed' ? 'resource' : 'data',
            type: r.type,
            name: r.name,
            modulePath: r.modulePath,
            location: loc(r.range),
            attrs: r.attrs,
            attrLocations: locMap(r.locations),
            origins: r.origins,
          }),
        );
        pending.push({ from: r.address, edges: r.edges });
      }
    }
    for (const call of mod.moduleCallResults()) {
      graph.addNode(
        new GraphNode({
          address: call.address,
          resourceAddress: call.address,
          keysKnown: true,
          kind: 'module',
          type: 'module',
          name: call.name,
          modulePath: call.modulePath,
          location: loc(call.range),
          attrs: call.attrs,
          attrLocations: locMap(call.locations),
          origins: call.origins,
          meta: { source: call.source, resolved: call.resolved, unresolvedReason: call.unresolvedReason },
        }),
      );
      pending.push({ from: call.address, edges: call.edges });
    }
  }
  // Edges last: every target node must exist first.
  for (const { from, edges } of pending) {
    for (const e of edges) graph.addReference(from, e.fromPath, e.ref.address, e.ref.attrPath);
  }
  graph.pruneWholeObjectEdges();
  return graph;
}
