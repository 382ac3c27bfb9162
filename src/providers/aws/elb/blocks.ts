/** Reading nested blocks and their attributes as the ELB and CloudFront models name them in messages. */
import { Unknown } from '../../../eval/value';
import type { GraphNode, ResourceGraph } from '../../../graph/model';
import { show } from '../../attributes';
import { Convert, readPresence, readVal, toBoolean } from '../../read';
import type { Val } from '../../val';
import type { AccessLogs, Block } from './model';

/** `listener.0` -> `listener[0]`. */
export function bracketed(path: string): string {
  return path.replace(/\.(\d+)$/, '[$1]');
}

/** The blocks at `path`, each with its message name, or why they are not known. */
export function blocksAt(node: GraphNode, path: string): Block[] {
  return node.blocks(path).map((b) => ({ path: b.path, name: bracketed(b.path), ...(b.value instanceof Unknown ? { unknown: b.value.describe() } : {}) }));
}

/** A leaf described with its full path and its origins: `default_action.0.type = "forward" (var.x, ...)`. */
export function readAt<T>(node: GraphNode, path: string, convert: Convert<T>): Val<T> {
  const read = node.attr(path);
  const origin = read.origins.length > 0 ? ` (${read.origins.join(', ')})` : '';
  return readVal(node, path, convert).describedAs(`${path} = ${show(read.value)}${origin}`);
}

/** A leaf described as its value alone (`443`, `unknown (var.port ...)`). */
export function readShown<T>(node: GraphNode, path: string, convert: Convert<T>): Val<T> {
  return readVal(node, path, convert).describedAs(show(node.attr(path).value));
}

/** The first `access_logs` block of a load balancer, with `enabled` (its default differs per kind) and whether a bucket is written. */
export function accessLogsOf(graph: ResourceGraph, node: GraphNode, enabledByDefault: boolean): AccessLogs | undefined {
  const [block] = blocksAt(node, 'access_logs');
  if (!block) return undefined;
  return {
    ...block,
    enabled: readVal(node, `${block.path}.enabled`, toBoolean, enabledByDefault),
    bucket: readPresence(graph, node, `${block.path}.bucket`, { requiredByProvider: true }),
  };
}
