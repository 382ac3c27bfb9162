/** Builds the CloudFront model: one `Distribution` per `aws_cloudfront_distribution`. */
import type { AwsModels } from '..';
import { Unknown } from '../../../eval/value';
import type { GraphNode, ResourceGraph } from '../../../graph/model';
import { missingRequired } from '../../required';
import { show } from '../../attributes';
import { asIs, readPresence, readVal, toBoolean, toString } from '../../read';
import { ModelResource } from '../../resource';
import { blocksAt, bracketed, readAt } from '../elb/blocks';
import {
  CacheBehavior,
  CloudFrontModel,
  CustomOriginConfig,
  DEFAULT_MINIMUM_PROTOCOL_VERSION,
  DISTRIBUTION_TYPES,
  Distribution,
  LOG_DELIVERY_SOURCE_TYPE,
  LOG_DELIVERY_TYPE,
  LogDeliverySource,
  Origin,
  OriginProtocol,
} from './model';

function cacheBehaviors(node: GraphNode, kind: string): CacheBehavior[] {
  return blocksAt(node, kind).map((b) => {
    const pattern = b.unknown ? undefined : node.attr(`${b.path}.path_pattern`).value;
    return {
      ...b,
      kind,
      ...(typeof pattern === 'string' ? { pathPattern: pattern } : {}),
      viewerProtocolPolicy: readAt(node, `${b.path}.viewer_protocol_policy`, toString),
    };
  });
}

function originProtocols(node: GraphNode, path: string): OriginProtocol[] {
  const v = node.attr(path).value;
  if (v === undefined || v instanceof Unknown) return [];
  return (Array.isArray(v) ? v : [v]).map((item) => {
    if (item instanceof Unknown) return { unknown: item.describe() };
    return typeof item === 'string' ? { name: item } : { unknown: `${show(item)} (not a protocol name)` };
  });
}

function origins(node: GraphNode): Origin[] {
  return blocksAt(node, 'origin').map((b) => {
    const id = b.unknown ? undefined : node.attr(`${b.path}.origin_id`).value;
    const configs = b.unknown
      ? []
      : blocksAt(node, `${b.path}.custom_origin_config`).map(
          (c): CustomOriginConfig => ({
            ...c,
            protocolPolicy: readVal(node, `${c.path}.origin_protocol_policy`, toString),
            sslProtocols: readVal(node, `${c.path}.origin_ssl_protocols`, asIs),
            protocols: originProtocols(node, `${c.path}.origin_ssl_protocols`),
          }),
        );
    const label = `${bracketed(b.path)}${typeof id === 'string' ? ` (${JSON.stringify(id)})` : ''}`;
    return { ...b, label, customOriginConfigs: configs, vpcOrigin: node.attr(`${b.path}.vpc_origin_config`).present };
  });
}

/** Deliveries that send a v2 delivery source's logs somewhere: by reference, or naming it literally. */
function deliveriesOf(graph: ResourceGraph, source: GraphNode): GraphNode[] {
  const found = new Map<string, GraphNode>();
  for (const d of graph.referrers(source, [LOG_DELIVERY_TYPE], 'delivery_source_name')) found.set(d.address, d);
  const name = source.attr('name').value;
  if (typeof name === 'string' && name !== '') {
    for (const d of graph.resources([LOG_DELIVERY_TYPE])) if (d.attr('delivery_source_name').value === name) found.set(d.address, d);
  }
  return [...found.values()];
}

function logDeliverySources(graph: ResourceGraph, node: GraphNode): LogDeliverySource[] {
  return graph.referrers(node, [LOG_DELIVERY_SOURCE_TYPE], 'resource_arn').map((source) => ({
    source: new ModelResource(source),
    logType: readVal(source, 'log_type', toString).describedAs(show(source.attr('log_type').value)),
    deliveries: deliveriesOf(graph, source).map((d) => new ModelResource(d)),
  }));
}

export function adaptCloudFront(aws: AwsModels): CloudFrontModel {
  const { graph } = aws;
  const distributions = graph.resources(DISTRIBUTION_TYPES).map((node) => {
    const d = new Distribution(node);
    d.defaultCacheBehaviors = cacheBehaviors(node, 'default_cache_behavior');
    d.orderedCacheBehaviors = cacheBehaviors(node, 'ordered_cache_behavior');
    const [cert] = blocksAt(node, 'viewer_certificate');
    if (cert) {
      d.viewerCertificate = {
        ...cert,
        defaultCertificate: readVal(node, `${cert.path}.cloudfront_default_certificate`, toBoolean, false),
        minimumProtocolVersion: readVal(node, `${cert.path}.minimum_protocol_version`, toString, DEFAULT_MINIMUM_PROTOCOL_VERSION),
      };
    }
    d.origins = origins(node);
    if (d.origins.length === 0) d.noOrigin = missingRequired(node, 'origin') ?? 'no origin block';
    const [logging] = blocksAt(node, 'logging_config');
    if (logging) d.loggingConfig = { ...logging, bucket: readPresence(graph, node, `${logging.path}.bucket`, { requiredByProvider: true }) };
    d.logDeliverySources = logDeliverySources(graph, node);
    return d;
  });
  return { distributions };
}
