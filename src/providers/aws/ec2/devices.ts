/**
 * EBS volume definitions: the device blocks of instances, launch configurations and launch templates
 * (`root_block_device`, `ebs_block_device`, `block_device_mappings[*].ebs`), each with its `encrypted`
 * as written and the snapshot it is created from.
 */
import { Unknown } from '../../../eval/value';
import { GraphNode } from '../../../graph/model';
import { readVal, toBoolean } from '../../read';
import { readBoolean } from './booleans';
import type { EbsDevice, EbsSnapshot } from './model';

/** Finds the snapshots a `snapshot_id` names (by the adapter, which knows every snapshot model). */
export type SnapshotsOf = (node: GraphNode, path: string) => EbsSnapshot[];

/** `root_block_device`, `ebs_block_device[1] (/dev/sdg)`, `block_device_mappings[0] (/dev/xvda)`. */
function deviceName(node: GraphNode, blockPath: string, namePath: string = blockPath): string {
  const root = blockPath.replace(/\.\d+$/, '');
  if (root === 'root_block_device') return root;
  const device = node.attr(`${namePath.replace(/\.ebs\.\d+$/, '')}.device_name`).value;
  return `${root}${blockPath.slice(root.length).replace(/^\.(\d+).*$/, '[$1]')}${typeof device === 'string' ? ` (${device})` : ''}`;
}

/** One volume definition at `path` ('' for an `aws_ebs_volume` itself). */
export function deviceAt(node: GraphNode, path: string, name: string, group: string, snapshotsOf: SnapshotsOf): EbsDevice {
  const at = (attr: string) => (path ? `${path}.${attr}` : attr);
  const device: EbsDevice = { path, name, group, encrypted: readBoolean(node, at('encrypted')) };
  const snapshot = node.attr(at('snapshot_id'));
  if (snapshot.present && snapshot.value !== '') device.snapshot = { attribute: at('snapshot_id'), snapshots: snapshotsOf(node, at('snapshot_id')) };
  return device;
}

function unknownBlock(path: string, name: string, group: string, value: Unknown, node: GraphNode): EbsDevice {
  return { path, name, group, unknownReason: value.describe(), encrypted: readVal(node, path, toBoolean) };
}

/** Root and EBS block devices of an instance or launch configuration, in that order. */
export function instanceDevices(node: GraphNode, snapshotsOf: SnapshotsOf): { root: EbsDevice[]; ebs: EbsDevice[] } {
  const read = (group: string) =>
    node.blocks(group).map((b) => {
      const name = deviceName(node, b.path);
      return b.value instanceof Unknown ? unknownBlock(b.path, name, group, b.value, node) : deviceAt(node, b.path, name, group, snapshotsOf);
    });
  return { root: read('root_block_device'), ebs: read('ebs_block_device') };
}

/** `block_device_mappings[*].ebs` of a launch template; an unknown mapping is one device of group `block_device_mappings`. */
export function templateDevices(node: GraphNode, snapshotsOf: SnapshotsOf): EbsDevice[] {
  const devices: EbsDevice[] = [];
  for (const mapping of node.blocks('block_device_mappings')) {
    if (mapping.value instanceof Unknown) {
      devices.push(unknownBlock(mapping.path, 'block_device_mappings', 'block_device_mappings', mapping.value, node));
      continue;
    }
    for (const ebs of node.blocks(`${mapping.path}.ebs`)) {
      const name = deviceName(node, mapping.path, ebs.path);
      devices.push(ebs.value instanceof Unknown ? unknownBlock(ebs.path, name, 'ebs', ebs.value, node) : deviceAt(node, ebs.path, name, 'ebs', snapshotsOf));
    }
  }
  return devices;
}
