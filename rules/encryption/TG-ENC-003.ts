/**
 * TG-ENC-003: EBS volumes are encrypted, whether defined as `aws_ebs_volume` or as the device blocks of
 * an instance, launch template or launch configuration. An omitted `encrypted` follows the snapshot
 * (inherited), the AMI (not encrypted unless it is) or the account's EBS encryption by default, which
 * counts from any root of the same account.
 */
import type { EbsDevice, EbsEncryptionByDefault, LaunchTemplate } from '../../src/providers/aws/ec2/model';
import type { ModelResource } from '../../src/providers/resource';
import { combineResults, ModelContext } from '../../src/rules/context';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';

export const EBS_TYPES = ['aws_ebs_volume', 'aws_instance', 'aws_launch_template', 'aws_launch_configuration'] as const;

/** What the account says about EBS encryption by default: the setting that turns it on, or one not known. */
interface ByDefault {
  on?: string;
  unknown?: string;
}

function byDefaultOf(settings: readonly EbsEncryptionByDefault[]): ByDefault {
  const out: ByDefault = {};
  for (const s of settings) {
    if (s.enabled.is(true) === true) out.on ??= `${s.name} sets ${s.enabled.describe()}`;
    else if (!s.enabled.known) out.unknown ??= `${s.name} has ${s.enabled.describe()}`;
  }
  return out;
}

const part = (name: string, status: ResultPart['status'], message: string, attribute?: string): ResultPart => ({ name, status, message, attribute });
const onByDefault = (d: ByDefault) => `EBS encryption by default is on (${d.on}), so AWS encrypts the volume`;
const NOT_SET_DEVICE = 'encrypted is not set: the volume is created unencrypted unless it comes from an encrypted AMI or snapshot';
const NO_ROOT_DEVICE = 'root_block_device is not set: the root volume takes the encryption of the AMI snapshot, not encrypted unless the AMI is';
const NO_MAPPINGS = "no block_device_mappings with an ebs block: the volumes follow the AMI's block device mappings, not encrypted unless its snapshots are";

/** The snapshot a volume inherits its encryption from, when one it names is known to be encrypted. */
function encryptedSnapshot(device: EbsDevice): string | undefined {
  for (const snap of device.snapshot?.snapshots ?? []) {
    if (snap.encrypted.is(true) === true) return `${snap.address} (encrypted = true)`;
    const source = snap.volumes.find((v) => v.encrypted.is(true) === true);
    if (source) return `${snap.address}, a snapshot of ${source.address} (encrypted = true)`;
  }
  return undefined;
}

/** One volume definition: encrypted, made so by encryption by default, inherited from a snapshot, or not. */
function volumePart(device: EbsDevice, d: ByDefault, omittedMeans = NOT_SET_DEVICE): ResultPart {
  const { encrypted: enc, path, name } = device;
  if (device.unknownReason !== undefined) {
    if (device.group === 'ebs') return part(name, 'unknown', `${name} ebs blocks are not known statically: ${device.unknownReason}`, path);
    const at = device.group === 'block_device_mappings' ? path : device.group;
    return part(device.group, 'unknown', `${device.group} blocks are not known statically: ${device.unknownReason}`, at);
  }
  const label = path ? `${name}: ` : '';
  if (enc.is(true) === true) return part(name, 'pass', `${label}${enc.describe()}`, enc.path);
  if (d.on) return part(name, 'pass', `${label}${enc.describe()}, but ${onByDefault(d)}`, enc.present ? enc.path : path || undefined);
  if (!enc.known) return part(name, 'unknown', `${label}encrypted is not known statically: unknown (${enc.reason})`, enc.path);
  if (enc.is(false) === true) return part(name, 'fail', `${label}${enc.describe()}: the volume is not encrypted`, enc.path);
  if (enc.present) return part(name, 'unknown', `${label}${enc.describe()} is not a boolean`, enc.path);
  if (device.snapshot) {
    const source = encryptedSnapshot(device);
    if (source) return part(name, 'pass', `${label}encrypted is not set and the volume inherits the encryption of snapshot ${source}`, device.snapshot.attribute);
    return part(name, 'unknown', `${label}encrypted is not set and snapshot_id is: the volume inherits the snapshot's encryption, which is not known statically`, device.snapshot.attribute);
  }
  return part(name, 'fail', `${label}${omittedMeans}`, path || undefined);
}

/** Root and EBS block devices of an instance or launch configuration. */
function devicesParts(root: EbsDevice[], ebs: EbsDevice[], d: ByDefault): ResultPart[] {
  const parts = root.length > 0 ? [] : [d.on ? part('root_block_device', 'pass', `root_block_device is not set, but ${onByDefault(d)}`) : part('root_block_device', 'fail', NO_ROOT_DEVICE)];
  return [...parts, ...[...root, ...ebs].map((device) => volumePart(device, d))];
}

function templateParts(template: LaunchTemplate, d: ByDefault): ResultPart[] {
  if (template.ebsDevices.length > 0) return template.ebsDevices.map((device) => volumePart(device, d));
  if (d.on) return [part('block_device_mappings', 'pass', `no block_device_mappings with an ebs block, but ${onByDefault(d)}`)];
  return [part('block_device_mappings', 'fail', NO_MAPPINGS)];
}

type Link = { attribute: string; template?: LaunchTemplate; shown: string };

/** An instance without block devices of its own takes them from its launch template. */
function fromTemplate(subject: ModelResource, link: Link, d: ByDefault): ResultPart {
  const { attribute, template } = link;
  if (!template) {
    if (d.on) return part('launch_template', 'pass', `the volumes come from a launch template outside the scanned configuration, but ${onByDefault(d)}`, attribute);
    return part('launch_template', 'unknown', `the volumes come from the launch template ${link.shown}, which is not in the scanned configuration`, attribute);
  }
  const judged = combineResults(subject, templateParts(template, d), '');
  const message = judged.status === 'pass' ? `the volumes come from ${template.address}, whose block devices are encrypted` : `the volumes come from ${template.address}: ${judged.message}`;
  return part('launch_template', judged.status as ResultPart['status'], message, attribute);
}

/**
 * One result from the parts. Failing parts would still be encrypted if EBS encryption by default were
 * on: when that is not known statically they become unknown, else the message says none turns it on.
 */
function finish({ report }: ModelContext, subject: ModelResource, parts: ResultPart[], d: ByDefault, withParts = true): RuleResult {
  const converted = d.unknown ? parts.map((p) => (p.status === 'fail' ? { ...p, status: 'unknown' as const } : p)) : parts;
  if (parts.length === 1 && converted[0].status === 'pass') return report('pass', subject, 'part', { message: parts[0].message }, parts[0].attribute);
  const res = parts.length === 1 ? { status: converted[0].status, message: converted[0].message, attribute: converted[0].attribute } : combineResults(subject, converted, converted.map((p) => p.message).join('; '));
  const madeUnknown = d.unknown && converted.some((p, i) => p !== parts[i]) && res.status === 'unknown';
  const id = madeUnknown ? 'unlessByDefault' : res.status === 'fail' ? 'noByDefault' : 'part';
  return report(res.status, subject, id, { message: res.message, setting: d.unknown ?? '' }, res.attribute, withParts ? converted : undefined);
}

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-003',
    title: 'EBS volumes are encrypted at rest',
    claim: 'rest-kms',
    severity: 'high',
    fix: 'set encrypted = true on every EBS volume and block device, or add aws_ebs_encryption_by_default { enabled = true }',
    appliesTo: EBS_TYPES,
    accountTypes: ['aws_ebs_encryption_by_default'],
    messages: {
      part: '{{message}}',
      noByDefault: '{{message}}; no aws_ebs_encryption_by_default in the scanned configuration turns on EBS encryption by default',
      unlessByDefault: '{{message}}; unless EBS encryption by default is on, which is not known statically ({{setting}})',
    },
  },

  check(ctx) {
    const ec2 = ctx.aws.ec2;
    const d = byDefaultOf(ec2.ebsEncryptionByDefault);
    return [
      ...ec2.ebsVolumes.map((v) => finish(ctx, v, [volumePart(v.device, d, `${v.encrypted.describe()}: the volume is not encrypted`)], d, false)),
      ...ec2.instances.map((i) => {
        const own = i.rootBlockDevices.length > 0 || i.ebsBlockDevices.length > 0;
        return finish(ctx, i, !own && i.launchTemplate ? [fromTemplate(i, i.launchTemplate, d)] : devicesParts(i.rootBlockDevices, i.ebsBlockDevices, d), d);
      }),
      ...ec2.launchTemplates.map((t) => finish(ctx, t, templateParts(t, d), d)),
      ...ec2.launchConfigurations.map((c) => finish(ctx, c, devicesParts(c.rootBlockDevices, c.ebsBlockDevices, d), d)),
    ];
  },
};
