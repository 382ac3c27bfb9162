/** Builds the monitoring model: event rules linked to their targets, metric alarms linked to what consumes them. */
import type { AwsModels } from '..';
import { Unknown } from '../../../eval/value';
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { show } from '../../attributes';
import { readPresence, readVal, toBoolean, toString } from '../../read';
import { alarmConsumers } from './alarms';
import { guardDutyPattern } from './event-pattern';
import {
  COMPOSITE_ALARM_TYPES,
  CompositeAlarm,
  EVENT_RULE_TYPES,
  EVENT_TARGET_TYPES,
  EventRule,
  EventTarget,
  METRIC_ALARM_TYPES,
  MetricAlarm,
  MonitoringModel,
} from './model';

function eventTarget(node: GraphNode): EventTarget {
  const target = new EventTarget(node);
  const arn = node.attr('arn').value;
  // A reference reads as written (`aws_sns_topic.alerts.arn`), not as "unknown (known after apply)".
  target.arn = readVal(node, 'arn', toString).describedAs(`arn = ${arn instanceof Unknown ? arn.source : show(arn)}`);
  return target;
}

/** Event targets of an event rule: by reference from their `rule`, or naming the rule's known name literally. */
function targetsOf(graph: ResourceGraph, eventRule: GraphNode, targets: Map<string, EventTarget>): EventTarget[] {
  const found = new Map<string, GraphNode>();
  for (const t of graph.referrers(eventRule, EVENT_TARGET_TYPES, 'rule')) found.set(t.address, t);
  const name = eventRule.attr('name').value;
  if (typeof name === 'string' && name !== '') {
    for (const t of graph.resources(EVENT_TARGET_TYPES)) if (t.attr('rule').value === name) found.set(t.address, t);
  }
  return [...found.values()].flatMap((n) => targets.get(n.address) ?? []);
}

export function adaptMonitoring(aws: AwsModels): MonitoringModel {
  const { graph } = aws;
  const targets = new Map(graph.resources(EVENT_TARGET_TYPES).map((n) => [n.address, eventTarget(n)]));
  const eventRules = graph.resources(EVENT_RULE_TYPES).map((node) => {
    const rule = new EventRule(node);
    rule.guardDuty = guardDutyPattern(node);
    rule.state = readVal(node, 'state', toString);
    rule.isEnabled = readVal(node, 'is_enabled', toBoolean, true);
    rule.targets = targetsOf(graph, node, targets);
    return rule;
  });
  const composites = new Map(
    graph.resources(COMPOSITE_ALARM_TYPES).map((node) => {
      const alarm = new CompositeAlarm(node);
      alarm.alarmActions = readPresence(graph, node, 'alarm_actions');
      alarm.actionsEnabled = readVal(node, 'actions_enabled', toBoolean, true);
      return [node.address, alarm];
    }),
  );
  const metricAlarms = graph.resources(METRIC_ALARM_TYPES).map((node) => {
    const alarm = new MetricAlarm(node);
    alarm.alarmActions = readPresence(graph, node, 'alarm_actions');
    alarm.actionsEnabled = readVal(node, 'actions_enabled', toBoolean, true);
    alarm.setConsumerSearch(() => alarmConsumers(graph, node).map((c) => ({ describe: c.describe, composite: c.node && composites.get(c.node.address) })));
    return alarm;
  });
  return { eventRules, metricAlarms, compositeAlarms: [...composites.values()] };
}
