/** Reading an EventBridge event pattern (a JSON string, usually from jsonencode) for the GuardDuty source. */
import { Unknown, Value, isObject } from '../../../eval/value';
import { GraphNode } from '../../../graph/model';
import { show } from '../../attributes';
import type { GuardDutyMatch } from './model';

export const GUARDDUTY_SOURCE = 'aws.guardduty';

/** Whether one `source` pattern element matches `aws.guardduty`: the exact string, or a `prefix` that covers it. */
function sourceMatches(element: Value): boolean {
  if (element === GUARDDUTY_SOURCE) return true;
  if (isObject(element) && typeof element.prefix === 'string') return GUARDDUTY_SOURCE.startsWith(element.prefix);
  return false;
}

export function guardDutyPattern(node: GraphNode): GuardDutyMatch {
  const read = node.attr('event_pattern');
  if (!read.present) return { kind: 'other' }; // a schedule rule
  let pattern: Value | undefined = read.value;
  if (pattern instanceof Unknown) return { kind: 'unknown', why: `event_pattern = ${show(pattern)}` };
  if (typeof pattern === 'string') {
    try {
      pattern = JSON.parse(pattern) as Value;
    } catch {
      return { kind: 'unknown', why: 'event_pattern is not valid JSON' };
    }
  }
  if (!isObject(pattern)) return { kind: 'other' };
  const source = pattern.source;
  if (source instanceof Unknown) return { kind: 'unknown', why: `the pattern's source is ${show(source)}` };
  const elements = Array.isArray(source) ? source : source === undefined ? [] : [source];
  if (elements.some((e) => e instanceof Unknown)) return { kind: 'unknown', why: `the pattern's source is ${show(source)}` };
  if (!elements.some(sourceMatches)) return { kind: 'other' };
  return { kind: 'guardduty', sources: elements.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))) };
}
