/**
 * Arguments the AWS provider (v5) requires. When a rule cannot decide because one of them is missing,
 * the configuration is not one Terraform can apply, and the rule's `unknown` says so instead of
 * leaving the reader to guess: "engine is required by the provider and is not set: the configuration
 * is not valid Terraform". Rules ask `missingRequired(node, path)` where they read such an argument.
 *
 * Two kinds, from the provider documentation and schema:
 * - schema-required (`Required: true`): `terraform validate` rejects the configuration;
 * - required unless another argument is set ("Required unless a `snapshot_identifier` or
 *   `replicate_source_db` is provided"): the schema accepts it, the create call fails.
 */
import { GraphNode } from '../graph/model';

interface RequiredArgument {
  /** Not required when one of these is set (the provider's "Required unless ..."). */
  unless?: readonly string[];
}

const POLICY: Record<string, RequiredArgument> = { policy: {} };

/** Per resource type: argument path (numeric segments left out: `domain_name_configuration.security_policy`) → rule. */
const REQUIRED: Readonly<Record<string, Readonly<Record<string, RequiredArgument>>>> = {
  // v5.0.0: "resource/aws_rds_cluster: The `engine` argument is now required and has no default" (#31112).
  aws_rds_cluster: { engine: {} },
  // "engine - (Required unless a snapshot_identifier or replicate_source_db is provided)".
  aws_db_instance: { engine: { unless: ['snapshot_identifier', 'replicate_source_db'] } },
  // "engine – (Optional, Required if replication_group_id is not specified)".
  aws_elasticache_cluster: { engine: { unless: ['replication_group_id'] } },
  aws_db_parameter_group: { family: {} },
  aws_rds_cluster_parameter_group: { family: {} },
  aws_db_cluster_snapshot: { db_cluster_identifier: {} },
  aws_apigatewayv2_domain_name: { domain_name_configuration: {}, 'domain_name_configuration.security_policy': {} },
  aws_cloudfront_distribution: { origin: {}, default_cache_behavior: {} },
  aws_iam_role: { assume_role_policy: {} },
  aws_iam_policy: POLICY,
  aws_iam_role_policy: POLICY,
  aws_iam_user_policy: POLICY,
  aws_iam_group_policy: POLICY,
  aws_kms_key_policy: POLICY,
  aws_s3_bucket_policy: POLICY,
  aws_sqs_queue_policy: POLICY,
  aws_sns_topic_policy: POLICY,
};

/** `domain_name_configuration.0.security_policy` → `domain_name_configuration.security_policy`. */
function shape(path: string): string {
  return path
    .split('.')
    .filter((s) => !/^\d+$/.test(s))
    .join('.');
}

/**
 * When `path` is a required argument that the configuration does not set (and no argument that
 * would excuse it is set, or might be): the sentence saying so, for the rule's message. Else undefined.
 */
export function missingRequired(node: GraphNode, path: string): string | undefined {
  const name = shape(path);
  const spec = REQUIRED[node.type]?.[name];
  if (!spec || node.attr(path).present) return undefined;
  if (!spec.unless) return `${name} is required by the provider and is not set: the configuration is not valid Terraform`;
  // An excusing argument that is written (even with a value not known statically) may well apply.
  if (spec.unless.some((a) => node.attr(a).present)) return undefined;
  const others = spec.unless.length === 1 ? `${spec.unless[0]} is set, and it is not` : `${spec.unless.join(' or ')} is set, and none of them is`;
  return `${name} is required by the provider unless ${others}: the configuration cannot be applied`;
}
