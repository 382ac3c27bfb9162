/** Small constructors that keep rule modules short and their results uniform. */
import { GraphNode } from '../../graph/model';
import { ResultPart, RuleResult, Status } from '../types';

export function result(status: Status, node: GraphNode, message: string, attribute?: string, parts?: ResultPart[]): RuleResult {
  return { status, node, attribute, location: node.locationOf(attribute ?? ''), message, parts };
}

export const pass = (node: GraphNode, message: string, attribute?: string) => result('pass', node, message, attribute);
export const fail = (node: GraphNode, message: string, attribute?: string) => result('fail', node, message, attribute);
export const unknown = (node: GraphNode, message: string, attribute?: string) => result('unknown', node, message, attribute);

/**
 * One result from several parts: `fail` if any part fails (naming every failing part), else
 * `unknown` if any part is unknown, else `pass`. The location is the first deciding part's attribute.
 */
export function combineParts(node: GraphNode, parts: ResultPart[], passMessage: string): RuleResult {
  const failing = parts.filter((p) => p.status === 'fail');
  const unknowns = parts.filter((p) => p.status === 'unknown');
  if (failing.length > 0) {
    return result('fail', node, failing.map((p) => p.message).join('; '), failing[0].attribute, parts);
  }
  if (unknowns.length > 0) {
    return result('unknown', node, unknowns.map((p) => p.message).join('; '), unknowns[0].attribute, parts);
  }
  return result('pass', node, passMessage, parts.length === 1 ? parts[0].attribute : undefined, parts);
}
