import { DISTRIBUTION_TYPES, Distribution, LOG_DELIVERY_SOURCE_TYPE, LOG_DELIVERY_TYPE } from '../../src/providers/aws/cloudfront/model';
import { AccessLogs, CLASSIC_TYPES, LOAD_BALANCER_TYPES, LoadBalancer } from '../../src/providers/aws/elb/model';
import type { ModelResource } from '../../src/providers/resource';
import { Rule, RuleContext as Ctx, RuleResult } from '../../src/rules/types';

/** A failure, or what stands in for one when the load balancer may turn out not to be applicable. */
type Failing = (messageId: string, data: Record<string, string>, at?: string) => RuleResult;

/** Logs are on when `enabled` is true and a bucket is written (its value may be unknown: only its presence matters). */
function accessLogs(ctx: Ctx, subject: ModelResource, logs: AccessLogs | undefined, enabledByDefault: boolean, failing: Failing): RuleResult {
  if (!logs) return failing(enabledByDefault ? 'noBlock' : 'noBlockDefault', {});
  if (logs.unknown) return ctx.report('unknown', subject, 'blockUnknown', { reason: logs.unknown }, 'access_logs');
  const { enabled, bucket } = logs;
  const data = { enabled: enabled.describe(), bucket: bucket.describe() };
  const at = enabled.present ? enabled.path : logs.path;
  if (!enabled.known) return ctx.report('unknown', subject, 'enabledUnknown', data, at);
  if (enabled.is(false) === true) return failing(enabled.present ? 'off' : 'offByDefault', data, at);
  if (bucket.is(true) !== true) return failing('noBucket', data, bucket.present ? bucket.path : logs.path);
  return ctx.report('pass', subject, 'on', data, at);
}

/** Application and Network Load Balancers; Gateway Load Balancers have no access logs. */
function loadBalancer(ctx: Ctx, lb: LoadBalancer): RuleResult | undefined {
  if (lb.kind.is('gateway') === true) return undefined;
  // A failure does not hold if the load balancer turns out to be a Gateway Load Balancer.
  const failing: Failing = lb.kind.known
    ? (id, data, at) => ctx.report('fail', lb, id, data, at)
    : (id, data, at) => ctx.report('unknown', lb, 'maybeGateway', { message: ctx.report('fail', lb, id, data).message, kind: lb.kind.describe() }, at);
  return accessLogs(ctx, lb, lb.accessLogs, false, failing);
}

/** CloudFront: `logging_config` with a bucket, else standard logging v2 (a delivery source for ACCESS_LOGS with a delivery). */
function distribution(ctx: Ctx, d: Distribution): RuleResult {
  const logging = d.loggingConfig;
  if (logging?.unknown) return ctx.report('unknown', d, 'loggingUnknown', { reason: logging.unknown }, 'logging_config');
  if (logging?.bucket.is(true) === true) return ctx.report('pass', d, 'standard', { bucket: logging.bucket.describe() }, logging.bucket.path);
  const sources = d.logDeliverySources.filter((s) => !s.logType.known || s.logType.value === undefined || s.logType.is('ACCESS_LOGS') === true);
  const active = sources.find((s) => s.deliveries.length > 0 && s.logType.is('ACCESS_LOGS') === true);
  if (active) return ctx.report('pass', d, 'v2', { source: active.source.address, delivery: active.deliveries[0].address });
  const delivered = sources.find((s) => s.deliveries.length > 0);
  if (delivered) return ctx.report('unknown', d, 'v2TypeUnknown', { source: delivered.source.address, value: delivered.logType.describe() });
  const undelivered = sources.find((s) => s.deliveries.length === 0);
  if (undelivered) return ctx.report('fail', d, 'v2NoDelivery', { source: undelivered.source.address });
  if (logging) return ctx.report('fail', d, 'noLoggingBucket', { bucket: logging.bucket.describe() }, 'logging_config');
  return ctx.report('fail', d, 'noLogging');
}

export const rule: Rule = {
  meta: {
    id: 'TG-LOG-003',
    title: 'Load balancers (also classic) and CloudFront distributions write access logs',
    claim: 'audit-logging',
    severity: 'medium',
    fix: 'add access_logs { enabled = true, bucket = ... } to load balancers and logging_config to CloudFront distributions',
    appliesTo: [...LOAD_BALANCER_TYPES, ...CLASSIC_TYPES, ...DISTRIBUTION_TYPES, LOG_DELIVERY_SOURCE_TYPE, LOG_DELIVERY_TYPE],
    messages: {
      noBlock: 'no access_logs block: access logs are off, so requests to the load balancer are not logged',
      noBlockDefault: 'no access_logs block: access logs are off (the provider default), so requests to the load balancer are not logged',
      blockUnknown: 'access_logs is not known statically: {{reason}}',
      enabledUnknown: 'access_logs.{{enabled}}: whether access logs are on is not known statically',
      off: 'access logs are off: access_logs.{{enabled}}',
      offByDefault: 'access logs are off: access_logs.{{enabled}}, even when a bucket is given',
      noBucket: 'access_logs.{{enabled}} but access_logs.{{bucket}}: there is nowhere to write the logs',
      on: 'access logs are on: access_logs.{{enabled}}, access_logs.{{bucket}}',
      maybeGateway: '{{message}}; {{kind}}, and Gateway Load Balancers are not applicable',
      loggingUnknown: 'logging_config is not known statically: {{reason}}',
      standard: 'standard access logging is on: logging_config.{{bucket}}',
      v2: 'access logs are delivered with CloudWatch Logs delivery (v2): {{source}} (log_type = "ACCESS_LOGS") through {{delivery}}',
      v2TypeUnknown: '{{source}} names the distribution but its log_type is not known statically ({{value}})',
      v2NoDelivery:
        'no logging_config, and {{source}} (v2 delivery source for the distribution) has no aws_cloudwatch_log_delivery: its access logs are not delivered anywhere',
      noLoggingBucket: 'logging_config.{{bucket}}: access logs are not written anywhere',
      noLogging: 'no logging_config block and no aws_cloudwatch_log_delivery_source for the distribution: CloudFront access logs are off',
    },
  },

  check(ctx) {
    const { elb, cloudfront } = ctx.aws;
    return [
      ...elb.loadBalancers.flatMap((lb) => loadBalancer(ctx, lb) ?? []),
      ...elb.classicLoadBalancers.map((c) => accessLogs(ctx, c, c.accessLogs, true, (id, data, at) => ctx.report('fail', c, id, data, at))),
      ...cloudfront.distributions.map((d) => distribution(ctx, d)),
    ];
  },
};
