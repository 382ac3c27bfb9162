/** Builds the EC2 model: compute, its placement and launch links, EBS volumes and the account-wide settings. */
import type { AwsModels } from '..';
import { Unknown } from '../../../eval/value';
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { followReference } from '../vpc/subnets';
import { showValue } from '../vpc/vpcs';
import { referencedNodes } from '../../links';
import { readUserData } from '../plaintext';
import { readBoolean } from './booleans';
import { deviceAt, instanceDevices, SnapshotsOf, templateDevices } from './devices';
import { launchConfigurationOf, launchersOf, TEMPLATE_BLOCKS, templateLink } from './launch';
import { metadataOf } from './metadata';
import * as m from './model';
import { defaultVpcPlacement, subnetExposureOf, subnetExposureOfNodes, subnetsPlacement } from './placement';

type SubnetsPlacement = Extract<m.Placement, { kind: 'subnets' }>;

function where(node: GraphNode, path: string): string {
  const loc = node.locationOf(path);
  return loc ? ` (${loc.file}:${loc.startLine})` : '';
}

/** The subnets a launch template's `network_interfaces` name (undefined when none does). */
function templatePlacement(graph: ResourceGraph, template: GraphNode): SubnetsPlacement | undefined {
  const paths = template
    .blocks('network_interfaces')
    .filter((b) => !(b.value instanceof Unknown) && template.attr(`${b.path}.subnet_id`).present)
    .map((b) => `${b.path}.subnet_id`);
  if (paths.length === 0) return undefined;
  return { kind: 'subnets', via: `${template.address} network_interfaces.subnet_id${where(template, paths[0])}`, exposure: subnetExposureOf(graph, template, paths) };
}

/** An instance's subnets: `subnet_id`, else its attached network interfaces, else its launch template's, else the default VPC. */
function instancePlacement(graph: ResourceGraph, node: GraphNode, link: m.LaunchTemplateLink | undefined): m.Placement {
  if (node.attr('subnet_id').present) return subnetsPlacement(graph, node, 'subnet_id', 'subnet_id');
  const enis = node.blocks('network_interface');
  if (enis.length > 0) {
    const found: GraphNode[] = [];
    const problems: string[] = [];
    for (const b of enis) {
      if (b.value instanceof Unknown) {
        problems.push(`network_interface is not known statically: ${b.value.describe()}`);
        continue;
      }
      const path = `${b.path}.network_interface_id`;
      const ref = followReference(graph, node, path, ['aws_network_interface']);
      const eni = ref.nodes.find((n) => n.type === 'aws_network_interface' && n.kind === 'resource');
      if (eni) found.push(eni);
      else problems.push(`${path} = ${ref.nodes[0]?.address ?? showValue(ref.unresolved[0] ?? node.attr(path).value)} is not a network interface managed in the configuration, so its subnet is not known`);
    }
    if (problems.length > 0) return { kind: 'unresolved', attribute: 'network_interface', problems };
    return { kind: 'subnets', via: 'the subnet of its network interfaces', attribute: 'network_interface', exposure: subnetExposureOfNodes(graph, found, 'subnet_id') };
  }
  if (link && !link.template) {
    const problem = `${link.attribute} names ${link.named}, which is not a launch template managed in the configuration`;
    return { kind: 'unresolved', attribute: 'launch_template', problems: [`subnet_id is not set and the subnet would come from the launch template: ${problem}`] };
  }
  const fromTemplate = link?.template?.placement;
  if (fromTemplate) return { ...fromTemplate, via: `launch template ${fromTemplate.via}`, attribute: 'launch_template' };
  return defaultVpcPlacement('no subnet_id', node, 'associate_public_ip_address', 'associate_public_ip_address');
}

/** An Auto Scaling group's subnets, else the default VPC with the public-IP switch of what it launches. */
function groupPlacement(graph: ResourceGraph, node: GraphNode): m.Placement {
  if (node.attr('vpc_zone_identifier').present) return subnetsPlacement(graph, node, 'vpc_zone_identifier', 'vpc_zone_identifier');
  const lc = launchConfigurationOf(graph, node);
  if (lc) return defaultVpcPlacement('no vpc_zone_identifier', lc, 'associate_public_ip_address', `associate_public_ip_address of ${lc.address}`);
  for (const block of TEMPLATE_BLOCKS) {
    const template = templateLink(graph, node, block)?.template;
    if (template) return defaultVpcPlacement('no vpc_zone_identifier', template, 'network_interfaces.0.associate_public_ip_address', `network_interfaces.associate_public_ip_address of ${template.address}`);
  }
  return defaultVpcPlacement('no vpc_zone_identifier', node, 'associate_public_ip_address', 'associate_public_ip_address of its launch template');
}

function launchers(graph: ResourceGraph, node: GraphNode): m.Launchers {
  const { judged, others } = launchersOf(graph, node);
  return { judged: judged.map((n) => n.address), others: others.map((n) => n.address) };
}

/** Every `aws_ebs_encryption_by_default` of the account (this root's first: the nearest evidence is the one to name). */
function encryptionByDefault(aws: AwsModels): m.EbsEncryptionByDefault[] {
  const { graph, account } = aws;
  const here = (n: GraphNode) => graph.node(n.address) === n;
  const found = account ? account.resources(m.EBS_ENCRYPTION_BY_DEFAULT_TYPES) : graph.resources(m.EBS_ENCRYPTION_BY_DEFAULT_TYPES).map((node) => ({ node, root: '' }));
  found.sort((a, b) => Number(here(b.node)) - Number(here(a.node)));
  return found.map(({ node, root }) => {
    const setting = new m.EbsEncryptionByDefault(node);
    setting.enabled = readBoolean(node, 'enabled', true);
    setting.name = here(node) ? node.address : `${node.address} (root ${root}${node.location ? `, ${node.location.file}:${node.location.startLine}` : ''})`;
    return setting;
  });
}

export function adaptEc2(aws: AwsModels): m.Ec2Model {
  const { graph } = aws;
  const volumes = new Map(graph.resources(m.EBS_VOLUME_TYPES).map((n) => [n.address, new m.EbsVolume(n)]));
  const snapshots = new Map(graph.resources(m.EBS_SNAPSHOT_TYPES).map((n) => [n.address, new m.EbsSnapshot(n)]));
  const snapshotsOf: SnapshotsOf = (node, path) => referencedNodes(graph, node, path, m.EBS_SNAPSHOT_TYPES).nodes.flatMap((n) => snapshots.get(n.address) ?? []);
  for (const snap of snapshots.values()) {
    snap.encrypted = readBoolean(snap.node, 'encrypted');
    if (snap.type === 'aws_ebs_snapshot') snap.volumes = referencedNodes(graph, snap.node, 'volume_id', 'aws_ebs_volume').nodes.flatMap((n) => volumes.get(n.address) ?? []);
  }
  for (const volume of volumes.values()) {
    volume.encrypted = readBoolean(volume.node, 'encrypted', false);
    volume.device = deviceAt(volume.node, '', 'encrypted', 'volume', snapshotsOf);
  }

  const templates = new Map(graph.resources(m.LAUNCH_TEMPLATE_TYPES).map((node) => {
    const t = new m.LaunchTemplate(node);
    t.networkInterfaces = node.blocks('network_interfaces').map((b) => ({
      path: b.path,
      unknownReason: b.value instanceof Unknown ? b.value.describe() : undefined,
      associatePublicIp: readBoolean(node, `${b.path}.associate_public_ip_address`),
    }));
    t.placement = templatePlacement(graph, node);
    t.launchers = launchers(graph, node);
    t.metadata = metadataOf(graph, node);
    t.ebsDevices = templateDevices(node, snapshotsOf);
    t.userData = [readUserData(node, 'user_data', true)].flatMap((u) => u ?? []);
    return [node.address, t] as const;
  }));
  const linkOf = (node: GraphNode): m.LaunchTemplateLink | undefined => {
    if (node.blocks('launch_template').length === 0) return undefined;
    const facts = templateLink(graph, node, 'launch_template.0');
    return facts && { ...facts, template: facts.template && templates.get(facts.template.address) };
  };

  const instances = graph.resources(m.INSTANCE_TYPES).map((node) => {
    const i = new m.Instance(node);
    i.associatePublicIp = readBoolean(node, 'associate_public_ip_address');
    i.launchTemplate = linkOf(node);
    i.placement = instancePlacement(graph, node, i.launchTemplate);
    i.metadata = metadataOf(graph, node, i.launchTemplate);
    const devices = instanceDevices(node, snapshotsOf);
    i.rootBlockDevices = devices.root;
    i.ebsBlockDevices = devices.ebs;
    i.userData = [readUserData(node, 'user_data', false), readUserData(node, 'user_data_base64', true)].flatMap((u) => u ?? []);
    return i;
  });
  const launchConfigurations = graph.resources(m.LAUNCH_CONFIGURATION_TYPES).map((node) => {
    const c = new m.LaunchConfiguration(node);
    c.associatePublicIp = readBoolean(node, 'associate_public_ip_address');
    c.launchers = launchers(graph, node);
    c.metadata = metadataOf(graph, node);
    const devices = instanceDevices(node, snapshotsOf);
    c.rootBlockDevices = devices.root;
    c.ebsBlockDevices = devices.ebs;
    return c;
  });
  const autoscalingGroups = graph.resources(m.AUTOSCALING_GROUP_TYPES).map((node) => {
    const g = new m.AutoScalingGroup(node);
    g.placement = groupPlacement(graph, node);
    return g;
  });
  return {
    instances,
    launchTemplates: [...templates.values()],
    launchConfigurations,
    autoscalingGroups,
    ebsVolumes: [...volumes.values()],
    ebsEncryptionByDefault: encryptionByDefault(aws),
  };
}
