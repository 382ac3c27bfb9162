/**
 * TG-NET-007: every VPC has a flow log that records rejected (or all) traffic.
 *
 * Decisions where rules.md is silent:
 * - Only VPC-level flow logs count (`aws_flow_log.vpc_id` naming the VPC). Flow logs on subnets
 *   (`subnet_id`) or network interfaces (`eni_id`) cover only those, not subnets or interfaces added
 *   later: they do not satisfy the rule, and the failure message names them.
 * - `traffic_type` omitted: the provider has no default and AWS requires it for VPC flow logs, so such a
 *   flow log records nothing for the VPC (fail, with that reason). `ACCEPT` alone fails: it misses the
 *   rejected connections that show scans and attacks.
 * - A flow log whose `vpc_id` is not known statically and names no resource (an unset variable) may
 *   cover any VPC: VPCs without a qualifying flow log are then `unknown` rather than `fail`. A reference
 *   to a VPC that is not in the configuration names another VPC.
 * - The default VPC, when managed as `aws_default_vpc`, is checked too.
 */
import { Unknown } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { setting } from '../../src/rules/support/attributes';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';
import { VPC_RESOURCE_TYPES, referrersVia, showValue, vpcReference } from '../../src/rules/support/vpcs';
import { subnetsOf } from '../../src/rules/support/subnets';
import { vpcOf } from '../../src/rules/support/security-groups';

const GOOD_TRAFFIC_TYPES = ['ALL', 'REJECT'];

function where(node: GraphNode): string {
  return node.location ? ` (${node.location.file}:${node.location.startLine})` : '';
}

/** One flow log of the VPC: does it record rejected traffic? */
function judgeFlowLog(log: GraphNode): ResultPart {
  const s = setting(log, 'traffic_type');
  const name = `${log.address}${where(log)}`;
  if (!s.read.present) return { name: log.address, status: 'fail', message: `${name} sets no traffic_type (AWS requires one for a VPC flow log, so it records nothing)` };
  const v = s.value;
  if (v instanceof Unknown) return { name: log.address, status: 'unknown', message: `${name}: traffic_type is not known statically: ${s.describe}`, attribute: 'traffic_type' };
  if (typeof v === 'string' && GOOD_TRAFFIC_TYPES.includes(v.toUpperCase())) return { name: log.address, status: 'pass', message: `${name} records ${s.describe}`, attribute: 'traffic_type' };
  return { name: log.address, status: 'fail', message: `${name} records only accepted traffic: ${s.describe} (ALL or REJECT is needed to see rejected connections)`, attribute: 'traffic_type' };
}

/** Flow logs on a subnet or network interface of the VPC: named in the failure message. */
function narrowerFlowLogs(graph: ResourceGraph, vpc: GraphNode): string[] {
  const out: string[] = [];
  for (const log of graph.resources('aws_flow_log')) {
    if (log.attr('subnet_id').present) {
      const subnets = subnetsOf(graph, log, 'subnet_id').subnets.filter((s) => vpcOf(graph, s)?.address === vpc.address);
      if (subnets.length > 0) out.push(`${log.address} (subnet ${subnets.map((s) => s.address).join(', ')})`);
    }
    if (log.attr('eni_id').present) {
      const enis = graph.targets(log, 'eni_id', 'aws_network_interface').filter((eni) => subnetsOf(graph, eni, 'subnet_id').subnets.some((s) => vpcOf(graph, s)?.address === vpc.address));
      if (enis.length > 0) out.push(`${log.address} (network interface ${enis.map((e) => e.address).join(', ')})`);
    }
  }
  return out;
}

function checkVpc(graph: ResourceGraph, vpc: GraphNode, maybe: GraphNode[]): RuleResult {
  const logs = referrersVia(graph, vpc, 'aws_flow_log', 'vpc_id');
  const parts = logs.map(judgeFlowLog);
  const good = parts.filter((p) => p.status === 'pass');
  if (good.length > 0) {
    return { status: 'pass', node: vpc, location: vpc.location, message: `flow log ${good.map((p) => p.message).join('; ')}`, parts };
  }
  const unknowns = parts.filter((p) => p.status === 'unknown');
  if (unknowns.length > 0) {
    const log = logs[parts.indexOf(unknowns[0])];
    return { status: 'unknown', node: vpc, location: log.locationOf('traffic_type'), message: `flow log ${unknowns.map((p) => p.message).join('; ')}`, parts };
  }
  const fails = parts.map((p) => p.message);
  if (maybe.length > 0) {
    const which = maybe.map((l) => `${l.address} (vpc_id = ${showValue(l.attr('vpc_id').value)})`).join(', ');
    const known = fails.length > 0 ? `; ${fails.join('; ')}` : '';
    return { status: 'unknown', node: vpc, location: vpc.location, message: `no flow log is known to record ${vpc.address}'s rejected traffic: ${which} may name it${known}`, parts };
  }
  if (fails.length > 0) {
    const log = logs[0];
    return { status: 'fail', node: vpc, location: log.locationOf('traffic_type'), message: `no flow log records rejected traffic of ${vpc.address}: ${fails.join('; ')}`, parts };
  }
  const narrower = narrowerFlowLogs(graph, vpc);
  const extra = narrower.length > 0 ? ` (flow logs on single subnets or network interfaces do not cover the VPC: ${narrower.join(', ')})` : '';
  return { status: 'fail', node: vpc, location: vpc.location, message: `no aws_flow_log names ${vpc.address} in vpc_id: its traffic is not logged${extra}`, parts };
}

export const rule: Rule = {
  meta: {
    id: 'TG-NET-007',
    title: 'VPC flow logs record rejected traffic',
    claim: 'network-monitoring',
    severity: 'medium',
    fix: 'add an aws_flow_log with vpc_id = the VPC and traffic_type = "ALL" (or "REJECT")',
    appliesTo: VPC_RESOURCE_TYPES,
  },

  check({ graph }) {
    // Flow logs whose vpc_id could be any VPC (an unset variable, not a reference to another resource).
    const maybe = graph.resources('aws_flow_log').filter((l) => {
      const ref = vpcReference(graph, l);
      return !ref.vpc && ref.couldBeAny;
    });
    return graph.resources(VPC_RESOURCE_TYPES).map((vpc) => checkVpc(graph, vpc, maybe));
  },
};
