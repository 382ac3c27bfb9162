import { Unknown } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { asBoolean, setting, show } from '../../src/rules/support/attributes';
import { presenceOf } from '../../src/rules/support/presence';
import { fail, pass, unknown } from '../../src/rules/support/results';
import { Rule, RuleResult } from '../../src/rules/types';

export const LOAD_BALANCER_TYPES = ['aws_lb', 'aws_alb'] as const;
export const CLASSIC_LOAD_BALANCER_TYPES = ['aws_elb'] as const;
export const DISTRIBUTION_TYPES = ['aws_cloudfront_distribution'] as const;
const DELIVERY_SOURCE = 'aws_cloudwatch_log_delivery_source';
const DELIVERY = 'aws_cloudwatch_log_delivery';

/** A bucket attribute the provider requires: written, and not an empty string. Its value may be known only after apply. */
function bucketOf(graph: ResourceGraph, node: GraphNode, path: string): { ok: boolean; describe: string } {
  const p = presenceOf(graph, node, path, { requiredByProvider: true });
  return { ok: p.status === 'set', describe: p.describe };
}

/** A failure, or what stands in for one when the load balancer may turn out not to be applicable. */
type Failing = (message: string, attribute?: string) => RuleResult;

/**
 * The `access_logs` block of a load balancer: logs are on when `enabled` (whose provider default is
 * `enabledByDefault`) is true and a bucket is written (its value may be unknown: only its presence
 * matters).
 */
function checkAccessLogs(graph: ResourceGraph, node: GraphNode, enabledByDefault: boolean, failing: Failing): RuleResult {
  const blocks = node.blocks('access_logs');
  if (blocks.length === 0) {
    const off = enabledByDefault ? 'access logs are off' : 'access logs are off (the provider default)';
    return failing(`no access_logs block: ${off}, so requests to the load balancer are not logged`);
  }
  const { path, value } = blocks[0];
  if (value instanceof Unknown) return unknown(node, `access_logs is not known statically: ${value.describe()}`, 'access_logs');
  const enabled = setting(node, `${path}.enabled`, enabledByDefault);
  const enabledAttr = enabled.read.present ? `${path}.enabled` : path;
  const on = asBoolean(enabled.value);
  if (on instanceof Unknown) return unknown(node, `access_logs.${enabled.describe}: whether access logs are on is not known statically`, enabledAttr);
  if (on === undefined) return unknown(node, `access_logs.${enabled.describe} is not a boolean`, enabledAttr);
  if (on === false) {
    const why = enabled.read.present ? '' : ', even when a bucket is given';
    return failing(`access logs are off: access_logs.${enabled.describe}${why}`, enabledAttr);
  }
  const bucket = bucketOf(graph, node, `${path}.bucket`);
  if (!bucket.ok) return failing(`access_logs.${enabled.describe} but access_logs.${bucket.describe}: there is nowhere to write the logs`, bucket.describe.endsWith('not set') ? path : `${path}.bucket`);
  return pass(node, `access logs are on: access_logs.${enabled.describe}, access_logs.${bucket.describe}`, enabledAttr);
}

/** Application and Network Load Balancers: `enabled` defaults to false; Gateway Load Balancers have no access logs. */
function checkLoadBalancer(graph: ResourceGraph, node: GraphNode): RuleResult | undefined {
  const type = setting(node, 'load_balancer_type', 'application');
  if (type.value === 'gateway') return undefined;
  // A failure does not hold if the load balancer turns out to be a Gateway Load Balancer.
  const failing: Failing =
    type.value instanceof Unknown
      ? (message, attribute) => unknown(node, `${message}; ${type.describe}, and Gateway Load Balancers are not applicable`, attribute)
      : (message, attribute) => fail(node, message, attribute);
  return checkAccessLogs(graph, node, false, failing);
}

/** Classic Load Balancers: `enabled` defaults to true, so a bucket alone turns access logs on. */
function checkClassicLoadBalancer(graph: ResourceGraph, node: GraphNode): RuleResult {
  return checkAccessLogs(graph, node, true, (message, attribute) => fail(node, message, attribute));
}

/** Deliveries that send a v2 delivery source's logs somewhere: by reference, or naming it literally. */
function deliveriesOf(graph: ResourceGraph, source: GraphNode): GraphNode[] {
  const found = new Map<string, GraphNode>();
  for (const d of graph.referrers(source, [DELIVERY], 'delivery_source_name')) found.set(d.address, d);
  const name = source.attr('name').value;
  if (typeof name === 'string' && name !== '') {
    for (const d of graph.resources([DELIVERY])) if (d.attr('delivery_source_name').value === name) found.set(d.address, d);
  }
  return [...found.values()];
}

/** CloudFront standard logging v2: a delivery source for the distribution's ACCESS_LOGS, with a delivery. */
function v2Logging(graph: ResourceGraph, node: GraphNode): RuleResult | undefined {
  const sources = graph.referrers(node, [DELIVERY_SOURCE], 'resource_arn');
  let withoutDelivery: GraphNode | undefined;
  let unknownType: GraphNode | undefined;
  for (const source of sources) {
    const logType = source.attr('log_type').value;
    if (typeof logType === 'string' && logType !== 'ACCESS_LOGS') continue;
    const deliveries = deliveriesOf(graph, source);
    if (deliveries.length === 0) {
      withoutDelivery ??= source;
      continue;
    }
    if (logType === 'ACCESS_LOGS') {
      return pass(node, `access logs are delivered with CloudWatch Logs delivery (v2): ${source.address} (log_type = "ACCESS_LOGS") through ${deliveries[0].address}`);
    }
    unknownType ??= source;
  }
  if (unknownType) return unknown(node, `${unknownType.address} names the distribution but its log_type is not known statically (${show(unknownType.attr('log_type').value)})`);
  if (withoutDelivery) {
    return fail(
      node,
      `no logging_config, and ${withoutDelivery.address} (v2 delivery source for the distribution) has no aws_cloudwatch_log_delivery: its access logs are not delivered anywhere`,
    );
  }
  return undefined;
}

function checkDistribution(graph: ResourceGraph, node: GraphNode): RuleResult {
  const blocks = node.blocks('logging_config');
  let noBucket: string | undefined;
  if (blocks.length > 0) {
    const { path, value } = blocks[0];
    if (value instanceof Unknown) return unknown(node, `logging_config is not known statically: ${value.describe()}`, 'logging_config');
    const bucket = bucketOf(graph, node, `${path}.bucket`);
    if (bucket.ok) return pass(node, `standard access logging is on: logging_config.${bucket.describe}`, `${path}.bucket`);
    noBucket = `logging_config.${bucket.describe}`;
  }
  const v2 = v2Logging(graph, node);
  if (v2) return v2;
  if (noBucket) return fail(node, `${noBucket}: access logs are not written anywhere`, 'logging_config');
  return fail(node, 'no logging_config block and no aws_cloudwatch_log_delivery_source for the distribution: CloudFront access logs are off');
}

export const rule: Rule = {
  meta: {
    id: 'TG-LOG-003',
    title: 'Load balancers (also classic) and CloudFront distributions write access logs',
    claim: 'audit-logging',
    severity: 'medium',
    fix: 'add access_logs { enabled = true, bucket = ... } to load balancers and logging_config to CloudFront distributions',
    appliesTo: [...LOAD_BALANCER_TYPES, ...CLASSIC_LOAD_BALANCER_TYPES, ...DISTRIBUTION_TYPES, DELIVERY_SOURCE, DELIVERY],
  },

  check({ graph }) {
    const results: RuleResult[] = [];
    for (const node of graph.resources(LOAD_BALANCER_TYPES)) {
      const r = checkLoadBalancer(graph, node);
      if (r) results.push(r);
    }
    for (const node of graph.resources(CLASSIC_LOAD_BALANCER_TYPES)) results.push(checkClassicLoadBalancer(graph, node));
    for (const node of graph.resources(DISTRIBUTION_TYPES)) results.push(checkDistribution(graph, node));
    return results;
  },
};
