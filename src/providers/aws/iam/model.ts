/**
 * IAM and resource policies: the policies each resource holds (identity, trust, resource), the
 * `aws_iam_policy_document` data sources they come from, what roles and groups are granted, users'
 * direct grants, access keys, the account password policy, and which bucket policies protect which
 * S3 bucket. Policies are parsed once per graph (see policy.ts); rules read the parsed statements.
 */
import { ModelResource } from '../../resource';
import type { Tri, Val } from '../../val';
import type { AttachedPolicy } from './attachments';
import type { ParsedPolicy } from './policy';
import type { PolicyKind } from './policy-values';

/** Resources holding identity (permission) policies; `aws_iam_role` only through `inline_policy`. */
export const IDENTITY_POLICY_TYPES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy', 'aws_iam_role'] as const;

/** Resources holding resource policies or trust policies (v3 inline forms included; `aws_kms_key_policy` since v4.x). */
export const RESOURCE_POLICY_TYPES = [
  'aws_iam_role',
  'aws_kms_key',
  'aws_kms_key_policy',
  'aws_s3_bucket_policy',
  'aws_s3_bucket',
  'aws_sqs_queue_policy',
  'aws_sqs_queue',
  'aws_sns_topic_policy',
  'aws_sns_topic',
] as const;

/** Resources that give an IAM user policies directly (v4–v6; the `*_exclusive` forms since v5.8x). */
export const USER_POLICY_TYPES = [
  'aws_iam_user_policy',
  'aws_iam_user_policy_attachment',
  'aws_iam_policy_attachment',
  'aws_iam_user_policy_attachments_exclusive',
  'aws_iam_user_policies_exclusive',
] as const;

export const ACCESS_KEY_TYPES = ['aws_iam_access_key'] as const;
export const PASSWORD_POLICY_TYPES = ['aws_iam_account_password_policy'] as const;
export const MFA_SUBJECT_TYPES = ['aws_iam_role', 'aws_iam_group'] as const;

/** One policy attribute a resource sets. */
export interface HeldPolicy {
  /** `policy`, `inline_policy.0.policy`, `assume_role_policy`. */
  readonly path: string;
  readonly kind: PolicyKind;
  /** The `aws_iam_policy_document` whose json this is, when it is in the graph: judged there, once. */
  readonly document?: string;
  /** The value is a blank string (the provider rejects it; it allows no one). */
  readonly blank: boolean;
  /** The statements, parsed once per graph. */
  readonly parsed: ParsedPolicy;
}

/** A resource with policy attributes (identity, trust or resource policies). */
export class PolicyHolder extends ModelResource {
  policies: HeldPolicy[] = [];
  /** Why the policy the provider requires (`policy`, a role's `assume_role_policy`) is missing, when it is. */
  requiredMissing?: string;
  /** An `aws_kms_key` whose key policy a standalone `aws_kms_key_policy` sets. */
  policySetElsewhere = false;

  /** The set policies of these kinds that are not the json of a policy document in the graph. */
  own(kinds: readonly PolicyKind[]): HeldPolicy[] {
    return this.policies.filter((p) => kinds.includes(p.kind) && p.document === undefined);
  }

  has(kinds: readonly PolicyKind[]): boolean {
    return this.policies.some((p) => kinds.includes(p.kind));
  }
}

/** A `data "aws_iam_policy_document"`: judged once, where its statements are written. */
export class PolicyDocument extends ModelResource {
  /** The merged statements (source/override documents included), parsed once per graph. */
  declare readonly parsed: ParsedPolicy;
  /** An identity policy uses it, also through a document that merges it. */
  declare readonly usedAsIdentity: boolean;
  /** A resource or trust policy (RESOURCE_POLICY_TYPES) uses it directly. */
  declare readonly usedAsResourceOrTrust: boolean;
}

/** An IAM role or group and every permission policy it holds. */
export class Principal extends ModelResource {
  /** Inline, attached and managed policies, found through the graph. */
  attached: AttachedPolicy[] = [];
  /** A role's trust policy (`assume_role_policy`) when set. */
  trust?: HeldPolicy;
  /** Why a role's `assume_role_policy` is missing. */
  trustMissing?: string;
}

/** A resource that gives IAM users policies directly (TG-IAM-003). */
export class UserPolicyGrant extends ModelResource {
  /** The user(s) named, for messages: `aws_iam_user.a (user = aws_iam_user.a.name)`. */
  userNames = '';
  /** `aws_iam_policy_attachment`: how many users `users` names. */
  users?: Val<number>;
  /** `aws_iam_policy_attachment`: the other attributes that attach the policy (`roles`, `groups`). */
  alsoAttachedThrough: string[] = [];
  /** The `*_exclusive` forms: how many policies the list names. */
  exclusiveList?: Val<number>;
  /** Whether the user attribute is written (`user`), for where a result points. */
  userWritten = false;
}

/** An `aws_iam_access_key`. */
export class AccessKey extends ModelResource {
  /** `aws_iam_user.a (user = aws_iam_user.a.name)` or `user = "x"`. */
  userNames = '';
  userWritten = false;
  pgpEncrypted = false;
  /** `status = "Inactive"`. */
  inactive = false;
}

/** The account password policy (`aws_iam_account_password_policy`); leaves carry the IAM defaults. */
export class PasswordPolicy extends ModelResource {
  /** Numbers are NaN when the value is not a number. */
  minimumPasswordLength!: Val<number>;
  passwordReusePrevention!: Val<number>;
  maxPasswordAge!: Val<number>;
  /** The `require_*` flags (lowercase, uppercase, numbers, symbols); null when written but not a boolean. */
  requirements!: Array<Val<boolean | null>>;
}

/** A policy that applies to an S3 bucket: its inline `policy`, or an `aws_s3_bucket_policy`. */
export interface BucketPolicy {
  holder: ModelResource;
  policy: HeldPolicy;
  /** `aws_s3_bucket_policy.b (main.tf:5)`, or `policy` for the inline one. */
  name: string;
  inline: boolean;
}

/** An S3 bucket as a resource-policy holder (the bucket's other settings are the s3 service's). */
export class PolicyBucket extends ModelResource {
  policies: BucketPolicy[] = [];
  /** Whether the bucket carries `tags[key]` (= value when given): tags decide which buckets hold personal data. */
  taggedAs!: (key: string, value?: string) => { answer: Tri; reason?: string };
}

export interface IamModel {
  /** Resources of IDENTITY_POLICY_TYPES, in graph order. */
  identityHolders: PolicyHolder[];
  /** Resources of RESOURCE_POLICY_TYPES, in graph order. */
  resourceHolders: PolicyHolder[];
  documents: PolicyDocument[];
  roles: Principal[];
  groups: Principal[];
  userPolicyGrants: UserPolicyGrant[];
  accessKeys: AccessKey[];
  passwordPolicies: PasswordPolicy[];
  buckets: PolicyBucket[];
  /** Bucket policies whose bucket is not known: they may apply to any bucket (with why). */
  floatingBucketPolicies: string[];
}
