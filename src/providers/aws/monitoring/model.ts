/**
 * Monitoring: EventBridge rules and their targets, CloudWatch metric and composite alarms, and what
 * acts on an alarm besides its own actions (alarms.ts).
 */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';
import { ALARM_CONSUMER_TYPES, COMPOSITE_ALARM_TYPES, METRIC_ALARM_TYPES } from './alarms';

export { ALARM_CONSUMER_TYPES, COMPOSITE_ALARM_TYPES, METRIC_ALARM_TYPES };
export const EVENT_RULE_TYPES = ['aws_cloudwatch_event_rule'] as const;
export const EVENT_TARGET_TYPES = ['aws_cloudwatch_event_target'] as const;

/** Whether an event pattern matches GuardDuty findings (`source` `aws.guardduty`, or a prefix of it). */
export type GuardDutyMatch = { kind: 'guardduty'; sources: string[] } | { kind: 'other' } | { kind: 'unknown'; why: string };

export class EventTarget extends ModelResource {
  /** `arn`, described as `arn = "arn:aws:sns:..."` or `arn = aws_sns_topic.alerts.arn` (the reference as written). */
  arn!: Val<string>;
}

export class EventRule extends ModelResource {
  /** What the rule's `event_pattern` says about GuardDuty findings (a schedule rule matches nothing). */
  guardDuty!: GuardDutyMatch;
  /** `state` (v5+): `ENABLED`, `DISABLED`, `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`; no default (then `is_enabled` decides). */
  state!: Val<string>;
  /** `is_enabled` (deprecated), default true. */
  isEnabled!: Val<boolean>;
  /** Targets naming this rule, by reference or by its literal name. */
  targets!: EventTarget[];
}

export class CompositeAlarm extends ModelResource {
  /** Whether `alarm_actions` names anything (presence is the evidence). */
  alarmActions!: Val<boolean>;
  /** `actions_enabled`, default true. */
  actionsEnabled!: Val<boolean>;
}

/** Something that acts on an alarm's state other than through the alarm's own `alarm_actions`. */
export interface AlarmConsumer {
  /** `aws_route53_health_check.api (cloudwatch_alarm_name)`. */
  describe: string;
  /** The composite alarm, when the consumer is one. */
  composite?: CompositeAlarm;
}

export class MetricAlarm extends ModelResource {
  alarmActions!: Val<boolean>;
  /** `actions_enabled`, default true. */
  actionsEnabled!: Val<boolean>;
  /** Looked for on first use: it scans every resource that may name an alarm. */
  private findConsumers!: () => AlarmConsumer[];
  private found?: AlarmConsumer[];

  get consumers(): AlarmConsumer[] {
    return (this.found ??= this.findConsumers());
  }

  setConsumerSearch(search: () => AlarmConsumer[]): void {
    this.findConsumers = search;
  }
}

export interface MonitoringModel {
  eventRules: EventRule[];
  metricAlarms: MetricAlarm[];
  compositeAlarms: CompositeAlarm[];
}
