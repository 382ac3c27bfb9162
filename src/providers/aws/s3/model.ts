/**
 * S3 buckets and their server-side encryption, whichever way it is written: the inline
 * `server_side_encryption_configuration` block (provider v3) or a separate
 * `aws_s3_bucket_server_side_encryption_configuration` resource (v4+), which replaces the inline one.
 */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';

export const BUCKET_TYPES = ['aws_s3_bucket'] as const;
export const SSE_CONFIG_TYPES = ['aws_s3_bucket_server_side_encryption_configuration'] as const;

/** One `rule` of a configuration. */
export interface SseRule {
  /** The `rule` block itself: unknown when a dynamic block is not known statically. */
  block: Val<unknown>;
  /** `apply_server_side_encryption_by_default`, when the rule has one (unknown as the rule block can be). */
  byDefault?: Val<unknown>;
  /** Its `sse_algorithm` (required by the provider: not present means the configuration cannot be applied). */
  algorithm?: Val<string>;
}

/** A server-side encryption configuration that applies to a bucket. */
export interface SseConfiguration {
  /** The v3 inline block (on the bucket) rather than a separate resource. */
  inline: boolean;
  /** `server_side_encryption_configuration`, or `aws_s3_bucket_server_side_encryption_configuration.b (main.tf:5)`. */
  label: string;
  /** Where a configuration without rules points: the inline block (unknown when it is), or the resource's `bucket`. */
  anchor: Val<unknown>;
  rules: SseRule[];
}

export class Bucket extends ModelResource {
  /** The configurations that apply: the separate resources naming the bucket when there are any, else the inline blocks. */
  encryption!: SseConfiguration[];
  /** A separate configuration resource applies while an inline block is also written (the resource wins). */
  inlineReplaced!: boolean;
}

/** A separate configuration whose bucket is not known statically: it may apply to any bucket. */
export interface FloatingSseConfiguration {
  configuration: SseConfiguration;
  /** `aws_s3_..._configuration.c (main.tf:3) has a bucket that is not known statically (var.b ...)`. */
  describe: string;
}

export interface S3Model {
  buckets: Bucket[];
  floatingEncryption: FloatingSseConfiguration[];
}
