/**
 * TG-NET-003: security groups attached to data stores admit no internet CIDR at all.
 *
 * Decision: one result per data store (not per security group). The claim is about the data store
 * ("can the database be reached from the internet?"), a security group is only evidence, and one group
 * shared by several data stores must count against each of them: examples/saas-broken/README.md expects
 * `aws_security_group.db` to fail TG-NET-003 for both `aws_db_instance.main` and
 * `aws_rds_cluster.reporting` at security.tf:100. The manifest has no peer cases for this rule. The
 * finding's location is the offending CIDR attribute in the security group (or rule resource); the
 * `attribute` is the data store's security group attribute.
 */
import { GUARDED_STORE_TYPES } from '../../src/providers/aws/vpc/data-stores';
import { type DataStore, type Guards, type IngressRule, type SecurityGroup, showCidrs } from '../../src/providers/aws/vpc/model';
import type { ModelContext } from '../../src/rules/context';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';

type Finding = Pick<RuleResult, 'message' | 'location'> & { status: ResultPart['status'] };

/** One ingress rule of a data store's security group: only security groups, prefix lists, `self` and private CIDRs. */
function checkRule(rule: IngressRule): Finding {
  const name = rule.label;
  if (rule.unknown) return { status: 'unknown', message: `${name} is not known statically: ${rule.unknown}`, location: rule.locationOf(rule.path) };
  const c = rule.cidrs;
  const ports = rule.ports([]).label;
  if (c.internet.length > 0) {
    return { status: 'fail', message: `${name} admits the internet: ${ports} from ${showCidrs(c.internet)}`, location: rule.locationOf(c.internet[0].path) };
  }
  if (c.public.length > 0) {
    const message = `${name} admits public addresses: ${ports} from ${showCidrs(c.public)} (only security groups, prefix lists and private ranges: RFC 1918, RFC 6598, the VPC CIDR)`;
    return { status: 'fail', message, location: rule.locationOf(c.public[0].path) };
  }
  if (c.unknown.length > 0) {
    return { status: 'unknown', message: `${name}: ${ports} from a CIDR that is not known statically: ${c.unknown[0].value.describe()}`, location: rule.locationOf(c.unknown[0].path) };
  }
  return { status: 'pass', message: `${name}: no internet or public source` };
}

/** The verdict over the groups a store runs with; `lead` says which groups they are. */
function judge({ report }: ModelContext, store: DataStore, attribute: string | undefined, groups: SecurityGroup[], unresolved: string[], lead: string): RuleResult {
  const parts: ResultPart[] = [];
  const fails: Finding[] = [];
  const unknowns: Finding[] = [];
  for (const sg of groups) {
    const findings = sg.ingress.map(checkRule);
    const f = findings.filter((x) => x.status === 'fail');
    const u = findings.filter((x) => x.status === 'unknown');
    fails.push(...f);
    unknowns.push(...u);
    const status = f.length > 0 ? 'fail' : u.length > 0 ? 'unknown' : 'pass';
    const message = status === 'pass' ? `${sg.address}: ingress only from security groups, prefix lists or private ranges` : [...f, ...u].map((x) => x.message).join('; ');
    parts.push({ name: sg.address, status, message });
  }
  for (const m of unresolved) {
    unknowns.push({ status: 'unknown', message: m });
    parts.push({ name: 'security group', status: 'unknown', message: m, attribute });
  }
  const prefix = lead === '' || lead.endsWith(': ') ? lead : `${lead}: `;
  const deciding = fails.length > 0 ? fails : unknowns;
  if (deciding.length > 0) {
    const result = report(deciding[0].status, store, 'findings', { prefix, findings: deciding.map((f) => f.message).join('; ') }, attribute, parts);
    return { ...result, location: deciding[0].location ?? result.location };
  }
  if (groups.length === 0) return report('unknown', store, 'noGroup', { prefix }, attribute, parts);
  return report('pass', store, 'pass', { prefix, groups: groups.map((g) => g.address).join(', ') }, attribute, parts);
}

function checkStore(ctx: ModelContext, store: DataStore, guards: Guards): RuleResult {
  const { via, path, groups } = guards;
  if (guards.holderMissing !== undefined) return ctx.report('unknown', store, 'holderMissing', { holder: guards.holderMissing }, via?.attribute);
  const lead = via ? `security groups of ${via.holder}: ` : '';
  if (guards.noneListed) {
    const what = `${lead}${path} ${guards.noneListed}`;
    if (groups.length === 0) return ctx.report('pass', store, 'vpcDefault', { what }, via?.attribute);
    return judge(ctx, store, via?.attribute, groups, [], `${what}: the default security group ${groups[0].address} applies`);
  }
  return judge(ctx, store, via?.attribute ?? path, groups, guards.unresolved, lead);
}

export const rule: Rule = {
  meta: {
    id: 'TG-NET-003',
    title: 'Data store security groups admit no internet traffic',
    claim: 'network-private',
    severity: 'critical',
    fix: 'admit data store ports only from security groups or private CIDRs, never 0.0.0.0/0 or ::/0',
    appliesTo: GUARDED_STORE_TYPES,
    messages: {
      pass: '{{prefix}}{{groups}}: ingress only from security groups, prefix lists or private ranges',
      findings: '{{prefix}}{{findings}}',
      noGroup: '{{prefix}}no security group is given',
      vpcDefault: "{{what}}: the VPC's default security group applies, which AWS creates admitting only its own members",
      holderMissing: 'the cluster joins replication group {{holder}}, which is not in the configuration, so its security groups are not known',
    },
  },

  check(ctx) {
    return ctx.aws.vpc.dataStores.flatMap((store) => (store.guards ? [checkStore(ctx, store, store.guards)] : []));
  },
};
