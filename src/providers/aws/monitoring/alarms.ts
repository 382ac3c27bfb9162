/**
 * CloudWatch metric alarms and what acts on them besides their own `alarm_actions`: resources that
 * read an alarm's state (a Route 53 health check, a CodeDeploy deployment group, an ECS service's
 * deployment alarms, an Auto Scaling group's instance refresh, a composite alarm), and scaling
 * policies that its `ok_actions` / `insufficient_data_actions` invoke. Such an alarm without
 * `alarm_actions` is not meant to notify anyone. Used by TG-LOG-005.
 *
 * Alarms are named, not referenced by ID: a consumer may write the alarm's name literally
 * (`cloudwatch_alarm_name = "api-health"`, `alarm_rule = "ALARM(\"api-health\")"`) or reference the
 * alarm. Where the consumer's value is known, the names decide (exact per instance); where it is not
 * (a plan value known after apply), the graph's references from that attribute do.
 */
import { Unknown, findUnknown } from '../../../eval/value';
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { leafValues } from '../../attributes';

export const METRIC_ALARM_TYPES = ['aws_cloudwatch_metric_alarm'] as const;
export const COMPOSITE_ALARM_TYPES = ['aws_cloudwatch_composite_alarm'] as const;
const SCALING_POLICY_TYPES = ['aws_autoscaling_policy', 'aws_appautoscaling_policy'] as const;

/** Where each consumer names alarms (`*`: every nested block); `rule` attributes hold a composite alarm rule. */
const ALARM_READERS: ReadonlyArray<{ type: string; path: string; rule?: boolean }> = [
  { type: 'aws_route53_health_check', path: 'cloudwatch_alarm_name' },
  { type: 'aws_codedeploy_deployment_group', path: 'alarm_configuration.*.alarms' },
  { type: 'aws_ecs_service', path: 'alarms.*.alarm_names' },
  { type: 'aws_autoscaling_group', path: 'instance_refresh.*.preferences.*.alarm_specification.*.alarms' },
  { type: 'aws_cloudwatch_composite_alarm', path: 'alarm_rule', rule: true },
];

/** Resource types that can consume an alarm (for rule metadata). */
export const ALARM_CONSUMER_TYPES: readonly string[] = [...new Set(ALARM_READERS.map((r) => r.type)), ...SCALING_POLICY_TYPES];

/** Actions of an alarm other than `alarm_actions`, through which a scaling policy may consume it. */
const OTHER_ACTIONS = ['ok_actions', 'insufficient_data_actions'] as const;

/** A resource that acts on an alarm's state. */
export interface AlarmConsumer {
  /** The consumer; absent for a scaling policy named only by its ARN in the alarm's actions. */
  node?: GraphNode;
  /** For messages: `aws_route53_health_check.api (cloudwatch_alarm_name)`. */
  describe: string;
}

/** The concrete attribute paths of a pattern: `alarms.*.alarm_names` → `alarms.0.alarm_names`, … */
function pathsOf(node: GraphNode, pattern: string): string[] {
  let paths = [''];
  for (const segment of pattern.split('.')) {
    if (segment === '*') paths = paths.flatMap((p) => node.blocks(p).map((b) => b.path));
    else paths = paths.map((p) => (p === '' ? segment : `${p}.${segment}`));
  }
  return paths;
}


const ALARM_ARN = /^arn:[^:]+:cloudwatch:[^:]*:[^:]*:alarm:/;
/** EC2 Auto Scaling and Application Auto Scaling policies share this ARN form. */
const SCALING_POLICY_ARN = /^arn:[^:]+:autoscaling:[^:]*:[^:]*:scalingPolicy:/;

function unquote(s: string): string {
  const t = s.trim();
  return t.startsWith('"') && t.endsWith('"') && t.length >= 2 ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t;
}

/**
 * The alarms a composite alarm rule names: `ALARM("name")`, `OK(name)`, `INSUFFICIENT_DATA(arn)`,
 * `AT_LEAST(2, ALARM, ("a", "b"))`; ARNs are reduced to the alarm name.
 */
export function alarmRuleNames(rule: string): string[] {
  const out: string[] = [];
  for (const m of rule.matchAll(/\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*("(?:[^"\\]|\\.)*"|[^()\s]+)\s*\)/g)) out.push(unquote(m[1]));
  for (const m of rule.matchAll(/\bAT_LEAST\s*\([^,()]*,[^,()]*,\s*\(([^()]*)\)\s*\)/g)) {
    for (const item of m[1].split(',')) if (item.trim() !== '') out.push(unquote(item));
  }
  return out.map((n) => n.replace(ALARM_ARN, ''));
}

/** Whether `consumer.<path>` names `alarm`: by its name where the value is known, else by reference. */
function names(graph: ResourceGraph, consumer: GraphNode, path: string, alarm: GraphNode, rule: boolean): boolean {
  const value = consumer.attr(path).value;
  const known = value !== undefined && findUnknown(value) === undefined;
  if (known) {
    const alarmName = alarm.attr('alarm_name').value;
    if (typeof alarmName !== 'string') return false;
    const written = leafValues(value).filter((v): v is string => typeof v === 'string');
    return (rule ? written.flatMap(alarmRuleNames) : written).includes(alarmName);
  }
  const refs = leafValues(value).filter((v): v is Unknown => v instanceof Unknown && v.ref !== undefined);
  if (refs.some((u) => u.ref!.address === alarm.address || u.ref!.address === alarm.resourceAddress)) return true;
  return graph.edgesFrom(consumer, path).some((e) => e.to === alarm.address);
}

/** Scaling policies an alarm's OK / INSUFFICIENT_DATA actions invoke: by reference or by a scaling policy ARN. */
function scalingActions(graph: ResourceGraph, alarm: GraphNode): AlarmConsumer[] {
  const out: AlarmConsumer[] = [];
  for (const attribute of OTHER_ACTIONS) {
    const policies = graph.targets(alarm, attribute, SCALING_POLICY_TYPES);
    for (const policy of policies) out.push({ node: policy, describe: `${policy.address} (through the alarm's ${attribute})` });
    const arns = leafValues(alarm.attr(attribute).value).filter((v): v is string => typeof v === 'string' && SCALING_POLICY_ARN.test(v));
    if (policies.length === 0 && arns.length > 0) out.push({ describe: `the scaling policy ${arns[0]} (through the alarm's ${attribute})` });
  }
  return out;
}

/** Everything that acts on a metric alarm's state other than through its `alarm_actions`. */
export function alarmConsumers(graph: ResourceGraph, alarm: GraphNode): AlarmConsumer[] {
  const out: AlarmConsumer[] = [];
  for (const reader of ALARM_READERS) {
    for (const consumer of graph.resources(reader.type)) {
      if (consumer.address === alarm.address) continue;
      const attribute = pathsOf(consumer, reader.path).find((p) => names(graph, consumer, p, alarm, reader.rule === true));
      if (attribute !== undefined) out.push({ node: consumer, describe: `${consumer.address} (${attribute})` });
    }
  }
  return [...out, ...scalingActions(graph, alarm)];
}
