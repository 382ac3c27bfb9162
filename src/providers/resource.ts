/**
 * The base of every model object that is one resource: its address and lines, and the graph node
 * behind it, which only the engine and adapters look inside. Rules hand a model object to `verdict()`
 * as the subject of a result.
 */
import type { GraphNode, SourceLocation } from '../graph/model';
import type { Located } from './val';

export class ModelResource implements Located {
  constructor(readonly node: GraphNode) {}

  get address(): string {
    return this.node.address;
  }

  get type(): string {
    return this.node.type;
  }

  locationOf(path: string): SourceLocation | undefined {
    return this.node.locationOf(path);
  }
}
