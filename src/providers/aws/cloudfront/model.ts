/**
 * CloudFront distributions: cache behaviours (viewer protocol), the viewer certificate, origins with
 * their custom origin settings, and access logging (the `logging_config` block, or standard logging
 * v2 through CloudWatch Logs delivery sources and deliveries).
 */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';
import type { Block } from '../elb/model';

export const DISTRIBUTION_TYPES = ['aws_cloudfront_distribution'] as const;
export const LOG_DELIVERY_SOURCE_TYPE = 'aws_cloudwatch_log_delivery_source';
export const LOG_DELIVERY_TYPE = 'aws_cloudwatch_log_delivery';

/** The provider's default `viewer_certificate.minimum_protocol_version`, and what CloudFront uses with its default certificate. */
export const DEFAULT_MINIMUM_PROTOCOL_VERSION = 'TLSv1';

export interface CacheBehavior extends Block {
  /** `default_cache_behavior` or `ordered_cache_behavior`. */
  kind: string;
  /** `path_pattern` of an ordered behaviour, when known. */
  pathPattern?: string;
  /** `viewer_protocol_policy`, described with its full path. */
  viewerProtocolPolicy: Val<string>;
}

export interface ViewerCertificate extends Block {
  /** `cloudfront_default_certificate`, false when omitted. */
  defaultCertificate: Val<boolean>;
  /** `minimum_protocol_version`, `TLSv1` when omitted. */
  minimumProtocolVersion: Val<string>;
}

/** One entry of `origin_ssl_protocols`: a protocol name, or why it is not one. */
export type OriginProtocol = { name: string } | { unknown: string };

export interface CustomOriginConfig extends Block {
  /** `origin_protocol_policy` (required by the provider). */
  protocolPolicy: Val<string>;
  /** `origin_ssl_protocols` as written (required by the provider); `protocols` are its entries. */
  sslProtocols: Val<unknown>;
  protocols: OriginProtocol[];
}

export interface Origin extends Block {
  /** `origin[0] ("api")`: the block with its `origin_id`. */
  label: string;
  customOriginConfigs: CustomOriginConfig[];
  /** `vpc_origin_config` is written (a VPC origin). */
  vpcOrigin: boolean;
}

export interface LoggingConfig extends Block {
  /** Whether `bucket` is written (the provider requires it; its value may be known only after apply). */
  bucket: Val<boolean>;
}

/** Standard logging v2: a delivery source naming the distribution, and the deliveries sending its logs. */
export interface LogDeliverySource {
  source: ModelResource;
  logType: Val<string>;
  deliveries: ModelResource[];
}

export class Distribution extends ModelResource {
  defaultCacheBehaviors: CacheBehavior[] = [];
  orderedCacheBehaviors: CacheBehavior[] = [];
  viewerCertificate?: ViewerCertificate;
  origins: Origin[] = [];
  /** Why there is no origin block (the provider requires one), when there is none. */
  noOrigin?: string;
  loggingConfig?: LoggingConfig;
  logDeliverySources: LogDeliverySource[] = [];
}

export interface CloudFrontModel {
  distributions: Distribution[];
}
