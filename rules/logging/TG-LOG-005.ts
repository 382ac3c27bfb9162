import { ALARM_CONSUMER_TYPES, COMPOSITE_ALARM_TYPES, EVENT_RULE_TYPES, EVENT_TARGET_TYPES, EventRule, METRIC_ALARM_TYPES, MetricAlarm } from '../../src/providers/aws/monitoring/model';
import { whereWritten } from '../../src/rules/context';
import { Rule, RuleContext, RuleResult } from '../../src/rules/types';

/** Why an event rule routes nothing (`off`) or may not (`unknown`): `state` (v5+) decides, else the deprecated `is_enabled`. */
function disabled({ state, isEnabled }: EventRule): { status: 'off' | 'unknown'; words: string; attribute: string } | undefined {
  const unknown = (leaf: typeof state | typeof isEnabled) => ({ status: 'unknown' as const, words: `${leaf.describe()}: whether the rule is enabled is not known statically`, attribute: leaf.path });
  if (state.present) {
    if (!state.known) return unknown(state);
    return state.is('DISABLED') === true ? { status: 'off', words: 'state = "DISABLED": the rule routes nothing', attribute: state.path } : undefined;
  }
  if (isEnabled.is(false) === true) return { status: 'off', words: `${isEnabled.describe()}: the rule routes nothing`, attribute: isEnabled.path };
  return isEnabled.known ? undefined : unknown(isEnabled);
}

function checkEventRule({ report }: RuleContext, rule: EventRule, sources: string[]): RuleResult {
  const matched = `event_pattern source ${JSON.stringify(sources)} matches GuardDuty findings`;
  const off = disabled(rule);
  if (off?.status === 'off') return report('fail', rule, 'disabled', { matched, off: off.words }, off.attribute);
  const [first] = rule.targets;
  if (!first) return report('fail', rule, 'noTarget', { matched }, 'event_pattern');
  if (off) return report('unknown', rule, 'mayBeDisabled', { matched, target: first.address, off: off.words }, off.attribute);
  const targets = rule.targets.map((t) => t.address).join(', ');
  return report('pass', rule, 'routed', { matched, targets, arn: first.arn.present ? ` (${first.arn.describe()})` : '' }, 'event_pattern');
}

/** A metric alarm's result, or the consumers that act on it instead (then it is not a notification alarm). */
function checkMetricAlarm({ report }: RuleContext, alarm: MetricAlarm): RuleResult | { consumedBy: string } {
  const { alarmActions: actions, actionsEnabled: enabled } = alarm;
  if (actions.is(false) === true) {
    // A child of a composite alarm alerts through the composite alarm's actions.
    const composite = alarm.consumers.find((c) => c.composite?.alarmActions.is(true) === true && c.composite.actionsEnabled.is(false) !== true)?.composite;
    if (composite) return report('pass', alarm, 'throughComposite', { composite: composite.address });
    // Without actions of its own, an alarm that a health check, a deployment, a composite alarm or a
    // scaling policy acts on is not a notification alarm: it is not judged.
    if (alarm.consumers.length > 0) return { consumedBy: alarm.consumers.map((c) => c.describe).join(', ') };
  }
  if (enabled.is(false) === true) return report('fail', alarm, 'silent', { value: enabled.describe() }, enabled.path);
  if (!actions.known) return report('unknown', alarm, 'actionsUnknown', { value: actions.describe() }, actions.path);
  if (actions.is(false) === true) return report('fail', alarm, 'silent', { value: actions.describe() }, whereWritten(actions));
  if (!enabled.known) return report('unknown', alarm, 'enabledUnknown', { value: enabled.describe() }, enabled.path);
  return report('pass', alarm, 'notifies', { value: actions.describe() }, actions.path);
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
    messages: {
      disabled: '{{matched}}, but {{off}}',
      noTarget: '{{matched}}, but no aws_cloudwatch_event_target references this rule: the findings are not sent to any notification',
      mayBeDisabled: '{{matched}} and {{target}} receives them, but {{off}}',
      routed: 'GuardDuty findings are routed: {{matched}} and {{targets}}{{arn}} receives them',
      patternUnknown: '{{why}}: whether this rule routes GuardDuty findings is not known statically',
      throughComposite: 'The alarm notifies through composite alarm {{composite}}, which sets alarm_actions',
      silent: 'The alarm notifies nobody: {{value}}',
      actionsUnknown: '{{value}}: whether the alarm notifies anyone is not known statically',
      enabledUnknown: '{{value}}: whether the alarm actions run is not known statically',
      notifies: 'The alarm notifies: {{value}}',
    },
  },

  check(ctx) {
    const { eventRules, metricAlarms } = ctx.aws.monitoring;
    const results: RuleResult[] = [];
    const undecided: RuleResult[] = [];
    for (const rule of eventRules) {
      const match = rule.guardDuty;
      if (match.kind === 'guardduty') results.push(checkEventRule(ctx, rule, match.sources));
      else if (match.kind === 'unknown') undecided.push(ctx.report('unknown', rule, 'patternUnknown', { why: match.why }, 'event_pattern'));
    }
    const consumed: string[] = [];
    for (const alarm of metricAlarms) {
      const verdict = checkMetricAlarm(ctx, alarm);
      if ('consumedBy' in verdict) consumed.push(`${alarm.address} serves ${verdict.consumedBy}`);
      else results.push(verdict);
    }
    // Rules whose pattern is not known only matter when nothing else evidences alerting.
    if (!results.some((r) => r.status === 'pass')) results.push(...undecided);
    if (results.length > 0) return results;
    const alarms =
      consumed.length === 0
        ? 'no aws_cloudwatch_metric_alarm'
        : `no aws_cloudwatch_metric_alarm that notifies (only alarms without alarm_actions that other resources act on: ${consumed.join('; ')})`;
    const message = `No aws_cloudwatch_event_rule for GuardDuty findings (source aws.guardduty) and ${alarms} in the scanned configuration: nothing shows that alerts are sent`;
    return [{ status: 'not-evidenced', message }];
  },
};
