/**
 * Builds the VPC network model from the graph: VPCs with their default security groups and flow logs,
 * security groups with their ingress in all three Terraform forms, and the data stores' placement
 * (data-stores.ts). The route and subnet reasoning lives in subnets.ts, the ingress records and CIDR
 * classification in security-groups.ts, the VPC links in vpcs.ts.
 */
import type { AwsModels } from '..';
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { asIs, readVal } from '../../read';
import { adaptDataStores } from './data-stores';
import { prefixListsOf } from './prefix-lists';
import { DefaultSecurityGroup, FlowLog, IngressRule, SecurityGroup, SecurityGroupRule, Vpc, VpcModel } from './model';
import { IngressRule as IngressRecord, RULE_RESOURCE_TYPES, classifyCidrs, describeRule, ingressRules, inlineIngressRules, ownIngressRules, portsReached, vpcCidrs, vpcOf } from './security-groups';
import { subnetsOf } from './subnets';
import { DEFAULT_SECURITY_GROUP_TYPES, VPC_RESOURCE_TYPES, attachedRules, defaultSecurityGroupsOf, referrersVia, showValue, vpcOfDefaultSecurityGroup, vpcReference } from './vpcs';

export const SECURITY_GROUP_TYPES = ['aws_security_group', 'aws_default_security_group'] as const;

/**
 * One ingress record as a model rule. `vpcRanges` are the CIDRs of the group's VPC (private sources);
 * without `graph`, CIDRs are not traced back to a VPC's or subnet's `cidr_block`.
 */
export function ingressRuleOf(graph: ResourceGraph | undefined, record: IngressRecord, vpcRanges: readonly string[] = []): IngressRule {
  const { node, path } = record;
  const at = (name: string) => (path === '' ? name : `${path}.${name}`);
  const protocol = node.type === 'aws_vpc_security_group_ingress_rule' ? 'ip_protocol' : 'protocol';
  return new IngressRule(
    node,
    path,
    describeRule(record),
    record.unknown?.describe(),
    classifyCidrs(record.cidrs, vpcRanges, graph ? { graph, node } : undefined),
    readVal(node, at('from_port'), asIs),
    readVal(node, at('to_port'), asIs),
    readVal(node, at(protocol), asIs),
    (allowed) => portsReached(record, allowed),
    graph ? () => prefixListsOf(graph, record) : undefined,
  );
}

function adaptSecurityGroup(graph: ResourceGraph, node: GraphNode): SecurityGroup {
  const group = new SecurityGroup(node);
  const vpc = vpcOf(graph, node);
  const ranges = vpc ? vpcCidrs(graph, vpc) : [];
  group.inlineIngress = inlineIngressRules(node).map((r) => ingressRuleOf(graph, r, ranges));
  group.ingress = ingressRules(graph, node).map((r) => ingressRuleOf(graph, r, ranges));
  return group;
}

function adaptDefaultSecurityGroup(graph: ResourceGraph, node: GraphNode, vpcs: Map<string, Vpc>): DefaultSecurityGroup {
  const group = new DefaultSecurityGroup(node);
  const owner = vpcOfDefaultSecurityGroup(graph, node);
  group.vpc = owner.vpc ? vpcs.get(owner.vpc.address) : undefined;
  group.vpcReason = owner.reason;
  group.mayManageAnyVpc = owner.couldBeAny;
  const { rules, unknownBlocks } = attachedRules(graph, node);
  group.rules = rules.map((r) => ({
    label: r.label,
    direction: r.direction,
    location: r.node.locationOf(r.path),
    typeLocation: r.node.locationOf('type'),
  }));
  group.unknownBlocks = unknownBlocks.map((b) => ({ path: b.path, reason: b.value.describe(), location: node.locationOf(b.path) }));
  return group;
}

function adaptFlowLog(graph: ResourceGraph, node: GraphNode): FlowLog {
  const log = new FlowLog(node);
  log.trafficType = readVal(node, 'traffic_type', asIs);
  const ref = vpcReference(graph, node);
  log.mayNameAnyVpc = !ref.vpc && ref.couldBeAny;
  log.vpcIdShown = showValue(node.attr('vpc_id').value);
  return log;
}

/** Flow logs on one of the VPC's subnets or network interfaces: they do not cover the VPC. */
function narrowerFlowLogs(graph: ResourceGraph, vpc: GraphNode): string[] {
  const inVpc = (subnetHolder: GraphNode) => subnetsOf(graph, subnetHolder, 'subnet_id').subnets.filter((s) => vpcOf(graph, s)?.address === vpc.address);
  const out: string[] = [];
  for (const log of graph.resources('aws_flow_log')) {
    if (log.attr('subnet_id').present) {
      const subnets = inVpc(log);
      if (subnets.length > 0) out.push(`${log.address} (subnet ${subnets.map((s) => s.address).join(', ')})`);
    }
    if (log.attr('eni_id').present) {
      const enis = graph.targets(log, 'eni_id', 'aws_network_interface').filter((eni) => inVpc(eni).length > 0);
      if (enis.length > 0) out.push(`${log.address} (network interface ${enis.map((e) => e.address).join(', ')})`);
    }
  }
  return out;
}

export function adaptVpc(aws: AwsModels): VpcModel {
  const { graph } = aws;
  const vpcs = graph.resources(VPC_RESOURCE_TYPES).map((node) => new Vpc(node));
  const vpcByAddress = new Map(vpcs.map((v) => [v.address, v]));
  const defaultSecurityGroups = graph.resources(DEFAULT_SECURITY_GROUP_TYPES).map((n) => adaptDefaultSecurityGroup(graph, n, vpcByAddress));
  const defaultByAddress = new Map(defaultSecurityGroups.map((g) => [g.address, g]));
  const flowLogs = graph.resources('aws_flow_log').map((n) => adaptFlowLog(graph, n));
  const flowLogByAddress = new Map(flowLogs.map((l) => [l.address, l]));
  for (const vpc of vpcs) {
    vpc.defaultSecurityGroups = defaultSecurityGroupsOf(graph, vpc.node).map((g) => defaultByAddress.get(g.address) ?? adaptDefaultSecurityGroup(graph, g, vpcByAddress));
    vpc.flowLogs = referrersVia(graph, vpc.node, 'aws_flow_log', 'vpc_id').map((l) => flowLogByAddress.get(l.address) ?? adaptFlowLog(graph, l));
    vpc.narrowerFlowLogSearch = () => narrowerFlowLogs(graph, vpc.node);
  }
  const securityGroups = graph.resources(SECURITY_GROUP_TYPES).map((n) => adaptSecurityGroup(graph, n));
  const groupByAddress = new Map(securityGroups.map((g) => [g.address, g]));
  const groupOf = (node: GraphNode) => groupByAddress.get(node.address) ?? adaptSecurityGroup(graph, node);
  const securityGroupRules = graph.resources(RULE_RESOURCE_TYPES).map((node) => {
    const rule = new SecurityGroupRule(node);
    const own = ownIngressRules(node);
    rule.ingress = own.length > 0 ? ingressRuleOf(graph, own[0]) : undefined;
    return rule;
  });
  return {
    vpcs,
    securityGroups,
    securityGroupRules,
    defaultSecurityGroups,
    unplacedFlowLogs: flowLogs.filter((l) => l.mayNameAnyVpc),
    dataStores: adaptDataStores(graph, groupOf),
  };
}
