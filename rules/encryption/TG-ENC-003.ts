import { Unknown } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { asBoolean, setting, show } from '../../src/rules/support/attributes';
import { referencedNodes } from '../../src/rules/support/references';
import { combineParts, pass, result } from '../../src/rules/support/results';
import { AccountView, ResultPart, Rule, RuleResult } from '../../src/rules/types';

export const EBS_TYPES = ['aws_ebs_volume', 'aws_instance', 'aws_launch_template', 'aws_launch_configuration'] as const;

/** Account/region-wide evidence: `aws_ebs_encryption_by_default` (`enabled` defaults to true). */
const BY_DEFAULT_TYPES = ['aws_ebs_encryption_by_default'];

const SNAPSHOT_TYPES = ['aws_ebs_snapshot', 'aws_ebs_snapshot_copy', 'aws_ebs_snapshot_import'];

/** What the scanned configuration says about EBS encryption by default. */
interface ByDefault {
  /** A resource that turns it on. */
  on?: { node: GraphNode; describe: string };
  /** A resource whose `enabled` is not known statically (when none turns it on). */
  unknown?: { node: GraphNode; describe: string };
}

/**
 * EBS encryption by default is an account setting: a resource in any root of the same account counts
 * (named with its root and line when it is not in this one).
 */
function encryptionByDefault(graph: ResourceGraph, account: AccountView | undefined): ByDefault {
  const out: ByDefault = {};
  const here = (n: GraphNode) => graph.node(n.address) === n;
  const found = account ? account.resources(BY_DEFAULT_TYPES) : graph.resources(BY_DEFAULT_TYPES).map((node) => ({ node, root: '' }));
  // This root's own resources first: the nearest evidence is the one to name.
  found.sort((a, b) => Number(here(b.node)) - Number(here(a.node)));
  for (const { node, root } of found) {
    const enabled = setting(node, 'enabled', true);
    const v = asBoolean(enabled.value);
    const name = here(node) ? node.address : `${node.address} (root ${root}${node.location ? `, ${node.location.file}:${node.location.startLine}` : ''})`;
    if (v === true && !out.on) out.on = { node, describe: `${name} sets ${enabled.describe}` };
    else if (v instanceof Unknown && !out.unknown) out.unknown = { node, describe: `${name} has ${enabled.describe}` };
  }
  return out;
}

function onByDefault(byDefault: ByDefault): string {
  return `EBS encryption by default is on (${byDefault.on!.describe}), so AWS encrypts the volume`;
}

function part(name: string, status: ResultPart['status'], message: string, attribute?: string): ResultPart {
  return { name, status, message, attribute };
}

/**
 * A volume created from a snapshot (`snapshot_id`) without `encrypted` inherits the snapshot's
 * encryption: pass when the snapshot is in the graph and known to be encrypted, else undefined.
 */
function encryptedSnapshot(graph: ResourceGraph, node: GraphNode, path: string): string | undefined {
  for (const snap of referencedNodes(graph, node, path, SNAPSHOT_TYPES).nodes) {
    if (asBoolean(snap.attr('encrypted').value) === true) return `${snap.address} (encrypted = true)`;
    if (snap.type === 'aws_ebs_snapshot') {
      const source = referencedNodes(graph, snap, 'volume_id', 'aws_ebs_volume').nodes.find((v) => asBoolean(v.attr('encrypted').value) === true);
      if (source) return `${snap.address}, a snapshot of ${source.address} (encrypted = true)`;
    }
  }
  return undefined;
}

/** `root_block_device`, `ebs_block_device[1] (/dev/sdg)`, `block_device_mappings[0] (/dev/xvda)`. */
function deviceName(node: GraphNode, blockPath: string, namePath: string = blockPath): string {
  const root = blockPath.replace(/\.\d+$/, '');
  if (root === 'root_block_device') return root;
  const device = node.attr(`${namePath.replace(/\.ebs\.\d+$/, '')}.device_name`).value;
  return `${root}${blockPath.slice(root.length).replace(/^\.(\d+).*$/, '[$1]')}${typeof device === 'string' ? ` (${device})` : ''}`;
}

/**
 * One EBS volume definition (a device block, or the `aws_ebs_volume` itself at path ''): encrypted,
 * made so by encryption by default, inherited from a snapshot, or not.
 */
function volumePart(graph: ResourceGraph, node: GraphNode, path: string, name: string, byDefault: ByDefault, omittedMeans: string): ResultPart {
  const at = (attr: string) => (path ? `${path}.${attr}` : attr);
  const encPath = at('encrypted');
  const enc = setting(node, encPath);
  const value = asBoolean(enc.value);
  const label = path ? `${name}: ` : '';
  if (value === true) return part(name, 'pass', `${label}${enc.describe}`, encPath);
  if (byDefault.on) {
    return part(name, 'pass', `${label}${enc.describe}, but ${onByDefault(byDefault)}`, enc.read.present ? encPath : path || undefined);
  }
  if (value instanceof Unknown) return part(name, 'unknown', `${label}encrypted is not known statically: ${show(value)}`, encPath);
  if (value === false) return part(name, 'fail', `${label}${enc.describe}: the volume is not encrypted`, encPath);
  if (enc.read.present) return part(name, 'unknown', `${label}${enc.describe} is not a boolean`, encPath);
  const snapshot = node.attr(at('snapshot_id'));
  if (snapshot.present && snapshot.value !== '') {
    const source = encryptedSnapshot(graph, node, at('snapshot_id'));
    if (source) return part(name, 'pass', `${label}encrypted is not set and the volume inherits the encryption of snapshot ${source}`, at('snapshot_id'));
    return part(name, 'unknown', `${label}encrypted is not set and snapshot_id is: the volume inherits the snapshot's encryption, which is not known statically`, at('snapshot_id'));
  }
  return part(name, 'fail', `${label}${omittedMeans}`, path || undefined);
}

const NOT_SET_DEVICE = 'encrypted is not set: the volume is created unencrypted unless it comes from an encrypted AMI or snapshot';
const NO_ROOT_DEVICE = 'root_block_device is not set: the root volume takes the encryption of the AMI snapshot, not encrypted unless the AMI is';

/** Root and EBS block devices of an instance or launch configuration. */
function devicesOf(graph: ResourceGraph, node: GraphNode, byDefault: ByDefault): ResultPart[] {
  const parts: ResultPart[] = [];
  const roots = node.blocks('root_block_device');
  if (roots.length === 0) {
    if (byDefault.on) parts.push(part('root_block_device', 'pass', `root_block_device is not set, but ${onByDefault(byDefault)}`));
    else parts.push(part('root_block_device', 'fail', NO_ROOT_DEVICE));
  }
  for (const b of [...roots, ...node.blocks('ebs_block_device')]) {
    const name = deviceName(node, b.path);
    const root = b.path.replace(/\.\d+$/, '');
    if (b.value instanceof Unknown) parts.push(part(root, 'unknown', `${root} blocks are not known statically: ${b.value.describe()}`, root));
    else parts.push(volumePart(graph, node, b.path, name, byDefault, NOT_SET_DEVICE));
  }
  return parts;
}

/** `block_device_mappings[*].ebs` of a launch template. */
function templateDevices(graph: ResourceGraph, node: GraphNode, byDefault: ByDefault): ResultPart[] {
  const parts: ResultPart[] = [];
  for (const mapping of node.blocks('block_device_mappings')) {
    if (mapping.value instanceof Unknown) {
      parts.push(part('block_device_mappings', 'unknown', `block_device_mappings blocks are not known statically: ${mapping.value.describe()}`, mapping.path));
      continue;
    }
    for (const ebs of node.blocks(`${mapping.path}.ebs`)) {
      const name = deviceName(node, mapping.path, ebs.path);
      if (ebs.value instanceof Unknown) parts.push(part(name, 'unknown', `${name} ebs blocks are not known statically: ${ebs.value.describe()}`, ebs.path));
      else parts.push(volumePart(graph, node, ebs.path, name, byDefault, NOT_SET_DEVICE));
    }
  }
  if (parts.length === 0) {
    const why = 'no block_device_mappings with an ebs block: the volumes follow the AMI\'s block device mappings, not encrypted unless its snapshots are';
    if (byDefault.on) parts.push(part('block_device_mappings', 'pass', `no block_device_mappings with an ebs block, but ${onByDefault(byDefault)}`));
    else parts.push(part('block_device_mappings', 'fail', why));
  }
  return parts;
}

/** An instance without block devices of its own takes them from its launch template, when it has one. */
function fromLaunchTemplate(graph: ResourceGraph, node: GraphNode, byDefault: ByDefault): ResultPart[] | undefined {
  if (node.blocks('root_block_device').length > 0 || node.blocks('ebs_block_device').length > 0) return undefined;
  const path = ['launch_template.0.id', 'launch_template.0.name'].find((p) => node.attr(p).present);
  if (!path) return undefined;
  const template = referencedNodes(graph, node, path, 'aws_launch_template').nodes[0];
  if (!template) {
    if (byDefault.on) return [part('launch_template', 'pass', `the volumes come from a launch template outside the scanned configuration, but ${onByDefault(byDefault)}`, path)];
    return [part('launch_template', 'unknown', `the volumes come from the launch template ${show(node.attr(path).value)}, which is not in the scanned configuration`, path)];
  }
  const judged = combineParts(template, templateDevices(graph, template, byDefault), '');
  const message = judged.status === 'pass' ? `the volumes come from ${template.address}, whose block devices are encrypted` : `the volumes come from ${template.address}: ${judged.message}`;
  return [part('launch_template', judged.status as ResultPart['status'], message, path)];
}

/**
 * One result from the parts. Failing parts would still be encrypted if EBS encryption by default were
 * on: when that is not known statically they become unknown, else the message says none turns it on.
 */
function finish(node: GraphNode, parts: ResultPart[], byDefault: ByDefault): RuleResult {
  const converted = byDefault.unknown ? parts.map((p) => (p.status === 'fail' ? { ...p, status: 'unknown' as const } : p)) : parts;
  if (parts.length === 1 && converted[0].status === 'pass') return pass(node, parts[0].message, parts[0].attribute);
  const res = parts.length === 1 ? result(converted[0].status, node, converted[0].message, converted[0].attribute, converted) : combineParts(node, converted, converted.map((p) => p.message).join('; '));
  if (byDefault.unknown && converted.some((p, i) => p !== parts[i]) && res.status === 'unknown') {
    res.message += `; unless EBS encryption by default is on, which is not known statically (${byDefault.unknown.describe})`;
  } else if (res.status === 'fail') {
    res.message += '; no aws_ebs_encryption_by_default in the scanned configuration turns on EBS encryption by default';
  }
  return res;
}

function checkVolume(graph: ResourceGraph, node: GraphNode, byDefault: ByDefault): RuleResult {
  const omitted = `${setting(node, 'encrypted', false).describe}: the volume is not encrypted`;
  const res = finish(node, [volumePart(graph, node, '', 'encrypted', byDefault, omitted)], byDefault);
  return { ...res, parts: undefined };
}

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-003',
    title: 'EBS volumes are encrypted at rest',
    claim: 'rest-kms',
    severity: 'high',
    fix: 'set encrypted = true on every EBS volume and block device, or add aws_ebs_encryption_by_default { enabled = true }',
    appliesTo: EBS_TYPES,
    accountTypes: BY_DEFAULT_TYPES,
  },

  check({ graph, account }) {
    const byDefault = encryptionByDefault(graph, account);
    const results: RuleResult[] = [];
    for (const node of graph.resources(EBS_TYPES)) {
      if (node.type === 'aws_ebs_volume') results.push(checkVolume(graph, node, byDefault));
      else if (node.type === 'aws_launch_template') results.push(finish(node, templateDevices(graph, node, byDefault), byDefault));
      else results.push(finish(node, (node.type === 'aws_instance' && fromLaunchTemplate(graph, node, byDefault)) || devicesOf(graph, node, byDefault), byDefault));
    }
    return results;
  },
};
