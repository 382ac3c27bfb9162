/**
 * Rule parameters a profile can set (allowed internet ports, accepted TLS policies, thresholds).
 * Rules read them from the context; defaults are those of the reference TOM.
 */
export interface RuleParameters {
  /** TG-NET-002: ports that may be open to the internet. */
  allowedInternetPorts: number[];
  /** TG-TLS-001/002/004/007: extra policy names to accept as TLS >= 1.2 (e.g. custom policies). */
  acceptedTlsPolicies: string[];
  /** TG-BAK-001: minimum backup retention in days. */
  backupMinDays: number;
  /** TG-ENC-004: require SSE-KMS on S3 buckets. */
  s3RequireKms: boolean;
  /** TG-ENC-008: require a KMS key on DynamoDB tables. */
  dynamodbRequireKms: boolean;
  /** TG-NET-001/004: accept the default VPC's subnets as private when public access is explicitly off. */
  defaultVpcIsPrivate: boolean;
  /** TG-IAM-004 thresholds. */
  passwordMinLength: number;
  passwordReusePrevention: number;
  passwordMaxAgeDays: number;
  /**
   * TG-TLS-008: only buckets with this tag (and value, when given) hold personal data and are
   * checked; undefined checks every bucket.
   */
  personalDataTag?: { key: string; value?: string };
}

export const DEFAULT_PARAMETERS: RuleParameters = {
  allowedInternetPorts: [80, 443],
  acceptedTlsPolicies: [],
  backupMinDays: 7,
  s3RequireKms: false,
  dynamodbRequireKms: false,
  defaultVpcIsPrivate: false,
  passwordMinLength: 14,
  passwordReusePrevention: 24,
  passwordMaxAgeDays: 90,
};
