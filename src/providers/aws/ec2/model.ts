/**
 * EC2 compute and its block storage: instances, launch templates and configurations, Auto Scaling
 * groups, network interfaces, EBS volumes and snapshots, and the account-wide settings that change
 * what an omitted attribute means (EBS encryption by default, instance metadata defaults).
 */
import { ModelResource } from '../../resource';
import type { PlaintextText } from '../plaintext';
import type { Val } from '../../val';

export const INSTANCE_TYPES = ['aws_instance'] as const;
export const LAUNCH_TEMPLATE_TYPES = ['aws_launch_template'] as const;
export const LAUNCH_CONFIGURATION_TYPES = ['aws_launch_configuration'] as const;
export const AUTOSCALING_GROUP_TYPES = ['aws_autoscaling_group'] as const;
export const EBS_VOLUME_TYPES = ['aws_ebs_volume'] as const;
export const EBS_SNAPSHOT_TYPES = ['aws_ebs_snapshot', 'aws_ebs_snapshot_copy', 'aws_ebs_snapshot_import'] as const;
export const EBS_ENCRYPTION_BY_DEFAULT_TYPES = ['aws_ebs_encryption_by_default'] as const;
export const INSTANCE_METADATA_DEFAULTS_TYPES = ['aws_ec2_instance_metadata_defaults'] as const;

/** Whether a set of subnets is public (src/providers/aws/vpc/subnets.ts decides, for every service alike). */
export interface SubnetExposure {
  status: 'public' | 'private' | 'unknown';
  /** Names the subnet and the route table / gateway / attribute that decided. */
  reason: string;
}

/** A nested block; written with `dynamic` over an unknown collection, its content is not known. */
export interface NestedBlock {
  path: string;
  /** Why the block's content is not known statically (absent when it is). */
  unknownReason?: string;
}

/** The launch template an `aws_instance` or Auto Scaling group names (`launch_template { id | name }`). */
export interface LaunchTemplateLink {
  /** The attribute that names it: `launch_template.0.id`. */
  attribute: string;
  /** The template, when it is managed in the configuration (by reference or by its literal `name`). */
  template?: LaunchTemplate;
  /** What the attribute names when it is no managed template: the node, else the value (`"lt-0abc"`). */
  named: string;
  /** The attribute's value as a message shows it (`"lt-0abc"`, `unknown (var.lt (no value given))`). */
  shown: string;
}

/** An `http_tokens` / `http_endpoint` setting as it applies after the instance, template and account say their part. */
export type MetadataSetting = Val<string>;

export interface InstanceMetadata {
  httpTokens: MetadataSetting;
  httpEndpoint: MetadataSetting;
}

/**
 * One EBS volume definition: an `aws_ebs_volume`, or a device block of an instance/template/configuration
 * (a block whose content is not known has `unknownReason`).
 */
export interface EbsDevice extends NestedBlock {
  /** The block's group (`root_block_device`, `ebs_block_device`, `block_device_mappings`). */
  group: string;
  /** `root_block_device`, `ebs_block_device[1] (/dev/sdg)`, `block_device_mappings[0] (/dev/xvda)`. */
  name: string;
  /** `encrypted` as written (no default: an omitted one follows the snapshot, AMI or account setting). */
  encrypted: Val<boolean>;
  /** The snapshot the volume is created from, when `snapshot_id` is set (and not ""). */
  snapshot?: { attribute: string; snapshots: EbsSnapshot[] };
}

export class EbsVolume extends ModelResource {
  /** `encrypted`, default false. */
  encrypted!: Val<boolean>;
  /** The volume as a device definition (path ''). */
  device!: EbsDevice;
}

export class EbsSnapshot extends ModelResource {
  encrypted!: Val<boolean>;
  /** The volumes an `aws_ebs_snapshot` is taken of (its `volume_id`). */
  volumes: EbsVolume[] = [];
}

/** A public-IP switch (`associate_public_ip_address`, `assign_public_ip`); a known non-boolean is known with value undefined. */
export type PublicIpSwitch = Val<boolean>;

/** Where a resource's instances run. */
export type Placement =
  /** Named subnets (`via` names the attribute for messages: `subnet_id`, `vpc_zone_identifier`, ...). */
  | { kind: 'subnets'; via: string; attribute?: string; exposure: SubnetExposure }
  /** The subnets cannot be followed: why (one entry per unresolved interface or link); `unknownBlock`: the block naming them is not known. */
  | { kind: 'unresolved'; attribute: string; problems: string[]; unknownBlock?: boolean }
  /** No subnet: the default VPC, public unless the profile accepts it with the public switch off. */
  | { kind: 'default-vpc'; decide(defaultVpcIsPrivate: boolean): SubnetExposure };

/** Who launches a template or configuration: their placement is judged on them. */
export interface Launchers {
  /** Addresses of the Auto Scaling groups and instances in scope that launch it. */
  judged: string[];
  /** Other resources that refer to it (their subnets are not resolved here). */
  others: string[];
}

export class Instance extends ModelResource {
  associatePublicIp!: PublicIpSwitch;
  placement!: Placement;
  launchTemplate?: LaunchTemplateLink;
  metadata!: InstanceMetadata;
  rootBlockDevices: EbsDevice[] = [];
  ebsBlockDevices: EbsDevice[] = [];
  /** `user_data` and `user_data_base64` (decoded), when set. */
  userData: PlaintextText[] = [];
}

export interface TemplateNetworkInterface extends NestedBlock {
  associatePublicIp: PublicIpSwitch;
}

export class LaunchTemplate extends ModelResource {
  networkInterfaces: TemplateNetworkInterface[] = [];
  /** The subnets its `network_interfaces` name, when any does. */
  placement?: Extract<Placement, { kind: 'subnets' }>;
  launchers!: Launchers;
  metadata!: InstanceMetadata;
  /** `block_device_mappings[*].ebs` (unknown mappings or ebs blocks included, with their reason). */
  ebsDevices: EbsDevice[] = [];
  /** `user_data` (base64, decoded), when set. */
  userData: PlaintextText[] = [];
}

export class LaunchConfiguration extends ModelResource {
  associatePublicIp!: PublicIpSwitch;
  launchers!: Launchers;
  metadata!: InstanceMetadata;
  rootBlockDevices: EbsDevice[] = [];
  ebsBlockDevices: EbsDevice[] = [];
}

export class AutoScalingGroup extends ModelResource {
  placement!: Placement;
}

export class EbsEncryptionByDefault extends ModelResource {
  /** `enabled`, default true. */
  enabled!: Val<boolean>;
  /** `aws_ebs_encryption_by_default.x`, or with its root and line when it is in another root of the account. */
  name!: string;
}

export interface Ec2Model {
  instances: Instance[];
  launchTemplates: LaunchTemplate[];
  launchConfigurations: LaunchConfiguration[];
  autoscalingGroups: AutoScalingGroup[];
  ebsVolumes: EbsVolume[];
  /** Every `aws_ebs_encryption_by_default` of the account (this root's first). */
  ebsEncryptionByDefault: EbsEncryptionByDefault[];
}
