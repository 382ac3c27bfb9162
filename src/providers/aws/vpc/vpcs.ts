/**
 * VPCs and what hangs off them by reference: the `aws_default_security_group` that manages a VPC's
 * default security group (and every rule attached to a security group, ingress and egress, inline or
 * as separate resources), and the VPC a node names through `vpc_id`. Shared by TG-NET-005/006/007/008.
 */
import { Unknown, Value } from '../../../eval/value';
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { followReference } from './subnets';

/** Managed VPCs: an `aws_vpc`, or the default VPC taken over with `aws_default_vpc`. */
export const VPC_RESOURCE_TYPES = ['aws_vpc', 'aws_default_vpc'] as const;
export const DEFAULT_SECURITY_GROUP_TYPES = ['aws_default_security_group'] as const;
/** Resources that attach one rule to a security group through `security_group_id`. */
export const SECURITY_GROUP_RULE_RESOURCE_TYPES = ['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'] as const;

const isVpcResource = (n: GraphNode) => n.kind === 'resource' && (VPC_RESOURCE_TYPES as readonly string[]).includes(n.type);

/** Formats a value for a message (an unknown names its source and reason). */
export function showValue(v: Value | undefined): string {
  if (v === undefined) return 'not set';
  return v instanceof Unknown ? v.describe() : JSON.stringify(v);
}

/**
 * True when the attribute at `path` names `target` exactly: edges may over-approximate (`ids[0]`
 * records an edge to every instance), so the value decides where it can.
 */
export function refersTo(graph: ResourceGraph, node: GraphNode, path: string, target: GraphNode): boolean {
  return followReference(graph, node, path).nodes.some((n) => n.address === target.address);
}

/** The nodes of `types` that reference `target` from `path`, checked exactly. */
export function referrersVia(graph: ResourceGraph, target: GraphNode, types: string | readonly string[], path: string): GraphNode[] {
  return graph.referrers(target, types, path).filter((r) => r.kind === 'resource' && refersTo(graph, r, path, target));
}

export interface VpcReference {
  /** The managed VPC the attribute names. */
  vpc?: GraphNode;
  /** False when the attribute is not set. */
  present: boolean;
  /**
   * What the attribute names when it is no managed VPC: `aws_vpc.other.id (not declared in the scanned
   * configuration)`, `"vpc-0123"`, `var.vpc_id (no value given)`.
   */
  shown?: string;
  /**
   * True when the value could name any VPC, including one in scope (an unknown that names no resource,
   * such as an unset variable). False for literals and references to other resources.
   */
  couldBeAny: boolean;
}

/** The managed VPC that `node.<path>` (normally `vpc_id`) names. */
export function vpcReference(graph: ResourceGraph, node: GraphNode, path = 'vpc_id'): VpcReference {
  const read = node.attr(path);
  if (!read.present) return { present: false, couldBeAny: false };
  const ref = followReference(graph, node, path);
  const vpc = ref.nodes.find(isVpcResource);
  if (vpc) return { vpc, present: true, couldBeAny: false };
  const other = ref.nodes[0];
  if (other) return { present: true, shown: other.address, couldBeAny: false };
  const u = ref.unresolved.find((v): v is Unknown => v instanceof Unknown);
  if (u) return { present: true, shown: u.describe(), couldBeAny: u.ref === undefined };
  return { present: true, shown: showValue(ref.unresolved[0] ?? read.value), couldBeAny: false };
}

/**
 * The `aws_default_security_group` resources that manage a VPC's default security group: those whose
 * `vpc_id` names it, and for `aws_default_vpc` also those without `vpc_id` (they manage the default
 * VPC's group).
 */
export function defaultSecurityGroupsOf(graph: ResourceGraph, vpc: GraphNode): GraphNode[] {
  const out = referrersVia(graph, vpc, DEFAULT_SECURITY_GROUP_TYPES, 'vpc_id');
  if (vpc.type === 'aws_default_vpc') {
    for (const g of graph.resources(DEFAULT_SECURITY_GROUP_TYPES)) if (!g.attr('vpc_id').present && !out.includes(g)) out.push(g);
  }
  return out;
}

/** The managed VPC whose default security group an `aws_default_security_group` manages, or why none is. */
export function vpcOfDefaultSecurityGroup(graph: ResourceGraph, group: GraphNode): { vpc?: GraphNode; reason: string; couldBeAny: boolean } {
  const ref = vpcReference(graph, group);
  if (ref.vpc) return { vpc: ref.vpc, reason: `vpc_id names ${ref.vpc.address}`, couldBeAny: false };
  if (!ref.present) {
    const defaults = graph.resources('aws_default_vpc');
    if (defaults.length === 1) return { vpc: defaults[0], reason: `no vpc_id: it manages the default VPC (${defaults[0].address})`, couldBeAny: false };
    return { reason: 'no vpc_id: it manages the default VPC\'s default security group, and the default VPC is not managed in the configuration', couldBeAny: false };
  }
  return { reason: `vpc_id = ${ref.shown}, not a VPC managed in the configuration`, couldBeAny: ref.couldBeAny };
}

/** One rule of a security group, ingress or egress, inline or as its own resource. */
export interface AttachedRule {
  /** The node that declares it: the security group (inline blocks) or the rule resource. */
  node: GraphNode;
  /** `ingress.0`, `egress.1` for inline blocks; '' for a rule resource. */
  path: string;
  /** `ingress`, `egress`, or why the direction is not known (an unknown or invalid `type`). */
  direction: 'ingress' | 'egress' | { unknown: string };
  /** `aws_default_security_group.d ingress.0`, `aws_vpc_security_group_egress_rule.out`. */
  label: string;
}

/**
 * Every rule of a security group: inline `ingress`/`egress` blocks (blocks of a dynamic block over an
 * unknown collection give one rule whose direction is the block name and whose presence is not known:
 * see `unknownBlocks`), plus `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule` and
 * `aws_vpc_security_group_egress_rule` resources whose `security_group_id` names the group.
 */
export function attachedRules(graph: ResourceGraph, group: GraphNode): { rules: AttachedRule[]; unknownBlocks: Array<{ path: string; value: Unknown }> } {
  const rules: AttachedRule[] = [];
  const unknownBlocks: Array<{ path: string; value: Unknown }> = [];
  for (const direction of ['ingress', 'egress'] as const) {
    for (const b of group.blocks(direction)) {
      if (b.value instanceof Unknown) unknownBlocks.push({ path: direction, value: b.value });
      else rules.push({ node: group, path: b.path, direction, label: `${group.address} ${b.path}` });
    }
  }
  for (const r of referrersVia(graph, group, SECURITY_GROUP_RULE_RESOURCE_TYPES, 'security_group_id')) {
    if (r.type === 'aws_vpc_security_group_ingress_rule') rules.push({ node: r, path: '', direction: 'ingress', label: r.address });
    else if (r.type === 'aws_vpc_security_group_egress_rule') rules.push({ node: r, path: '', direction: 'egress', label: r.address });
    else {
      const type = r.attr('type').value;
      const direction: AttachedRule['direction'] =
        type === 'ingress' || type === 'egress'
          ? type
          : { unknown: type instanceof Unknown ? `type is ${type.describe()}` : type === undefined ? 'type is not set' : `type = ${JSON.stringify(type)} is neither "ingress" nor "egress" (the provider rejects it)` };
      rules.push({ node: r, path: '', direction, label: r.address });
    }
  }
  return { rules, unknownBlocks };
}
