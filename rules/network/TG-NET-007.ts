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
import type { FlowLog, Vpc } from '../../src/providers/aws/vpc/model';
import { VPC_RESOURCE_TYPES } from '../../src/providers/aws/vpc/vpcs';
import type { ModelContext } from '../../src/rules/context';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';

const GOOD_TRAFFIC_TYPES = ['ALL', 'REJECT'];

/** One flow log of the VPC: does it record rejected traffic? */
function judgeFlowLog(log: FlowLog): ResultPart {
  const t = log.trafficType;
  const at = log.locationOf('');
  const name = `${log.address}${at ? ` (${at.file}:${at.startLine})` : ''}`;
  if (!t.present) return { name: log.address, status: 'fail', message: `${name} sets no traffic_type (AWS requires one for a VPC flow log, so it records nothing)` };
  if (!t.known) return { name: log.address, status: 'unknown', message: `${name}: traffic_type is not known statically: ${t.describe()}`, attribute: t.path };
  if (t.test((v) => typeof v === 'string' && GOOD_TRAFFIC_TYPES.includes(v.toUpperCase())) === true) {
    return { name: log.address, status: 'pass', message: `${name} records ${t.describe()}`, attribute: t.path };
  }
  return { name: log.address, status: 'fail', message: `${name} records only accepted traffic: ${t.describe()} (ALL or REJECT is needed to see rejected connections)`, attribute: t.path };
}

function checkVpc({ report }: ModelContext, vpc: Vpc, maybe: FlowLog[]): RuleResult {
  const parts = vpc.flowLogs.map(judgeFlowLog);
  const withStatus = (status: ResultPart['status']) => parts.filter((p) => p.status === status).map((p) => p.message).join('; ');
  const firstLog = (status: ResultPart['status']) => vpc.flowLogs[parts.findIndex((p) => p.status === status)];
  const at = (log: FlowLog | undefined) => (log ?? vpc).locationOf(log ? 'traffic_type' : '');
  // Results are about the VPC but point at the flow log that decided: no `attribute` (it would name the VPC's).
  const result = (status: RuleResult['status'], id: string, data: Record<string, string>, log?: FlowLog) => ({ ...report(status, vpc, id, data, undefined, parts), location: at(log) });
  if (parts.some((p) => p.status === 'pass')) return result('pass', 'pass', { logs: withStatus('pass') });
  if (parts.some((p) => p.status === 'unknown')) return result('unknown', 'unknown', { logs: withStatus('unknown') }, firstLog('unknown'));
  const fails = parts.map((p) => p.message);
  if (maybe.length > 0) {
    const which = maybe.map((l) => `${l.address} (vpc_id = ${l.vpcIdShown})`).join(', ');
    return result('unknown', 'mayBeCovered', { which, known: fails.length > 0 ? `; ${fails.join('; ')}` : '' });
  }
  if (fails.length > 0) return result('fail', 'fail', { logs: fails.join('; ') }, vpc.flowLogs[0]);
  const narrower = vpc.narrowerFlowLogs;
  return result('fail', 'missing', { narrower: narrower.length > 0 ? ` (flow logs on single subnets or network interfaces do not cover the VPC: ${narrower.join(', ')})` : '' });
}

export const rule: Rule = {
  meta: {
    id: 'TG-NET-007',
    title: 'VPC flow logs record rejected traffic',
    claim: 'network-monitoring',
    severity: 'medium',
    fix: 'add an aws_flow_log with vpc_id = the VPC and traffic_type = "ALL" (or "REJECT")',
    appliesTo: VPC_RESOURCE_TYPES,
    messages: {
      pass: 'flow log {{logs}}',
      unknown: 'flow log {{logs}}',
      mayBeCovered: "no flow log is known to record {{address}}'s rejected traffic: {{which}} may name it{{known}}",
      fail: 'no flow log records rejected traffic of {{address}}: {{logs}}',
      missing: 'no aws_flow_log names {{address}} in vpc_id: its traffic is not logged{{narrower}}',
    },
  },

  check(ctx) {
    // Flow logs whose vpc_id could be any VPC (an unset variable, not a reference to another resource).
    const maybe = ctx.aws.vpc.unplacedFlowLogs;
    return ctx.aws.vpc.vpcs.map((vpc) => checkVpc(ctx, vpc, maybe));
  },
};
