import { Unknown, Value, isObject } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { asBoolean, setting, show } from '../../src/rules/support/attributes';
import { presenceOf } from '../../src/rules/support/presence';
import { fail, pass, unknown } from '../../src/rules/support/results';
import { ALARM_CONSUMER_TYPES, AlarmConsumer, COMPOSITE_ALARM_TYPES, METRIC_ALARM_TYPES, alarmConsumers } from '../../src/rules/support/alarms';
import { Rule, RuleResult } from '../../src/rules/types';

export const EVENT_RULE_TYPES = ['aws_cloudwatch_event_rule'] as const;
export const EVENT_TARGET_TYPES = ['aws_cloudwatch_event_target'] as const;

export const GUARDDUTY_SOURCE = 'aws.guardduty';

type PatternMatch = { kind: 'guardduty'; sources: string[] } | { kind: 'other' } | { kind: 'unknown'; why: string };

/** Whether one `source` pattern element matches `aws.guardduty`: the exact string, or a `prefix` that covers it. */
function sourceMatches(element: Value): boolean {
  if (element === GUARDDUTY_SOURCE) return true;
  if (isObject(element) && typeof element.prefix === 'string') return GUARDDUTY_SOURCE.startsWith(element.prefix);
  return false;
}

/** Reads an event pattern (a JSON string, usually from jsonencode) and says whether it matches GuardDuty events. */
export function guardDutyPattern(node: GraphNode): PatternMatch {
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

/** Event targets of an event rule: by reference from their `rule`, or naming the rule's known name literally. */
function targetsOf(graph: ResourceGraph, eventRule: GraphNode): GraphNode[] {
  const found = new Map<string, GraphNode>();
  for (const t of graph.referrers(eventRule, EVENT_TARGET_TYPES, 'rule')) found.set(t.address, t);
  const name = eventRule.attr('name').value;
  if (typeof name === 'string' && name !== '') {
    for (const t of graph.resources(EVENT_TARGET_TYPES)) if (t.attr('rule').value === name) found.set(t.address, t);
  }
  return [...found.values()];
}

/** `state` (v5+) / `is_enabled` (deprecated): a disabled rule routes nothing. */
function disabledReason(node: GraphNode): { status: 'off' | 'unknown'; message: string; attribute: string } | undefined {
  const state = node.attr('state');
  if (state.present) {
    if (state.value instanceof Unknown) return { status: 'unknown', message: `state = ${show(state.value)}: whether the rule is enabled is not known statically`, attribute: 'state' };
    if (state.value === 'DISABLED') return { status: 'off', message: 'state = "DISABLED": the rule routes nothing', attribute: 'state' };
    return undefined;
  }
  const enabled = setting(node, 'is_enabled', true);
  const v = asBoolean(enabled.value);
  if (v === false) return { status: 'off', message: `${enabled.describe}: the rule routes nothing`, attribute: 'is_enabled' };
  if (v instanceof Unknown) return { status: 'unknown', message: `${enabled.describe}: whether the rule is enabled is not known statically`, attribute: 'is_enabled' };
  return undefined;
}

function checkEventRule(graph: ResourceGraph, node: GraphNode, sources: string[]): RuleResult {
  const matched = `event_pattern source ${JSON.stringify(sources)} matches GuardDuty findings`;
  const off = disabledReason(node);
  if (off?.status === 'off') return fail(node, `${matched}, but ${off.message}`, off.attribute);
  const targets = targetsOf(graph, node);
  if (targets.length === 0) {
    return fail(node, `${matched}, but no aws_cloudwatch_event_target references this rule: the findings are not sent to any notification`, 'event_pattern');
  }
  if (off?.status === 'unknown') return unknown(node, `${matched} and ${targets[0].address} receives them, but ${off.message}`, off.attribute);
  const arn = targets[0].attr('arn');
  const to = arn.present ? ` (arn = ${arn.value instanceof Unknown ? arn.value.source : show(arn.value)})` : '';
  return pass(node, `GuardDuty findings are routed: ${matched} and ${targets.map((t) => t.address).join(', ')}${to} receives them`, 'event_pattern');
}

/** A non-empty action list: set (a known non-empty list, a required variable), or `unknown` when it cannot be told. */
function actionsOf(graph: ResourceGraph, node: GraphNode, path: string): { status: 'some' | 'none' | 'unknown'; describe: string } {
  const p = presenceOf(graph, node, path);
  return { status: p.status === 'set' ? 'some' : p.status === 'unset' ? 'none' : 'unknown', describe: p.describe };
}

/** A composite alarm that notifies: it sets alarm_actions and does not disable them. */
function notifies(graph: ResourceGraph, composite: GraphNode): boolean {
  return actionsOf(graph, composite, 'alarm_actions').status === 'some' && asBoolean(setting(composite, 'actions_enabled', true).value) !== false;
}

type AlarmVerdict = RuleResult | { consumedBy: AlarmConsumer[] };

function checkMetricAlarm(graph: ResourceGraph, node: GraphNode): AlarmVerdict {
  const actions = actionsOf(graph, node, 'alarm_actions');
  if (actions.status === 'none') {
    const consumers = alarmConsumers(graph, node);
    // A child of a composite alarm alerts through the composite alarm's actions.
    const composite = consumers.find((c) => c.node && (COMPOSITE_ALARM_TYPES as readonly string[]).includes(c.node.type) && notifies(graph, c.node));
    if (composite?.node) return pass(node, `The alarm notifies through composite alarm ${composite.node.address}, which sets alarm_actions`);
    // Without actions of its own, an alarm that a health check, a deployment, a composite alarm or a
    // scaling policy acts on is not a notification alarm: it is not judged.
    if (consumers.length > 0) return { consumedBy: consumers };
  }
  const enabled = setting(node, 'actions_enabled', true);
  const on = asBoolean(enabled.value);
  if (on === false) return fail(node, `The alarm notifies nobody: ${enabled.describe}`, 'actions_enabled');
  if (actions.status === 'unknown') return unknown(node, `${actions.describe}: whether the alarm notifies anyone is not known statically`, 'alarm_actions');
  if (actions.status === 'none') return fail(node, `The alarm notifies nobody: ${actions.describe}`, node.attr('alarm_actions').present ? 'alarm_actions' : undefined);
  if (on instanceof Unknown) return unknown(node, `${enabled.describe}: whether the alarm actions run is not known statically`, 'actions_enabled');
  return pass(node, `The alarm notifies: ${actions.describe}`, 'alarm_actions');
}

export const rule: Rule = {
  meta: {
    id: 'TG-LOG-005',
    title: 'GuardDuty findings and alarms reach a notification',
    claim: 'threat-detection',
    severity: 'medium',
    existence: true,
    fix: 'add an aws_cloudwatch_event_rule for source aws.guardduty with an aws_cloudwatch_event_target (e.g. an SNS topic)',
    appliesTo: [...new Set([...EVENT_RULE_TYPES, ...EVENT_TARGET_TYPES, ...METRIC_ALARM_TYPES, ...COMPOSITE_ALARM_TYPES, ...ALARM_CONSUMER_TYPES])],
  },

  check({ graph }) {
    const results: RuleResult[] = [];
    const undecided: RuleResult[] = [];
    for (const node of graph.resources(EVENT_RULE_TYPES)) {
      const match = guardDutyPattern(node);
      if (match.kind === 'guardduty') results.push(checkEventRule(graph, node, match.sources));
      else if (match.kind === 'unknown') {
        undecided.push(unknown(node, `${match.why}: whether this rule routes GuardDuty findings is not known statically`, 'event_pattern'));
      }
    }
    const consumed: string[] = [];
    for (const node of graph.resources(METRIC_ALARM_TYPES)) {
      const verdict = checkMetricAlarm(graph, node);
      if ('consumedBy' in verdict) consumed.push(`${node.address} serves ${verdict.consumedBy.map((c) => c.describe).join(', ')}`);
      else results.push(verdict);
    }
    // Rules whose pattern is not known only matter when nothing else evidences alerting.
    if (!results.some((r) => r.status === 'pass')) results.push(...undecided);
    if (results.length === 0) {
      const alarms =
        consumed.length === 0
          ? 'no aws_cloudwatch_metric_alarm'
          : `no aws_cloudwatch_metric_alarm that notifies (only alarms without alarm_actions that other resources act on: ${consumed.join('; ')})`;
      return [
        {
          status: 'not-evidenced',
          message: `No aws_cloudwatch_event_rule for GuardDuty findings (source aws.guardduty) and ${alarms} in the scanned configuration: nothing shows that alerts are sent`,
        },
      ];
    }
    return results;
  },
};
