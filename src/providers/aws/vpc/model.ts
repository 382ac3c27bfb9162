/**
 * The VPC network as the network rules ask about it: VPCs with their default security group and flow
 * logs, security groups with their ingress in every Terraform form, and where data stores sit (their
 * subnets, and the security groups that guard them). Derived facts (is a subnet public?) are decided by
 * the adapter once per graph and carry their reason, so rules only choose the words.
 */
import type { Value } from '../../../eval/value';
import type { SourceLocation } from '../../../graph/model';
import { ModelResource } from '../../resource';
import type { Located, Val } from '../../val';
import type { PrefixListSource } from './prefix-lists';
import type { CidrClass, PortsReached } from './security-groups';
import type { SubnetExposure } from './subnets';

export type { PrefixListSource } from './prefix-lists';
export type { CidrClass, CidrSource, PortsReached } from './security-groups';
export type { Exposure, SubnetExposure } from './subnets';
/** `"0.0.0.0/0", "::/0"`: CIDR sources as messages name them. */
export { showCidrs } from './security-groups';

export class Vpc extends ModelResource {
  /** The `aws_default_security_group` resources that manage this VPC's default group (normally one). */
  defaultSecurityGroups: DefaultSecurityGroup[] = [];
  /** The `aws_flow_log` resources whose `vpc_id` names this VPC. */
  flowLogs: FlowLog[] = [];
  private findNarrower: () => string[] = () => [];
  private narrower?: string[];

  /** Flow logs that cover only one of its subnets or network interfaces: `aws_flow_log.x (subnet aws_subnet.a)`. */
  get narrowerFlowLogs(): string[] {
    return (this.narrower ??= this.findNarrower());
  }

  /** The adapter's search for `narrowerFlowLogs`, run on first use (only a VPC without a flow log asks). */
  set narrowerFlowLogSearch(find: () => string[]) {
    this.findNarrower = find;
  }
}

/** One rule of a default security group, ingress or egress, inline or its own resource. */
export interface GroupRule {
  /** `aws_default_security_group.d ingress.0`, `aws_vpc_security_group_egress_rule.out`. */
  label: string;
  /** `ingress`, `egress`, or why the direction is not known (an unknown or invalid `type`). */
  direction: 'ingress' | 'egress' | { unknown: string };
  /** The rule's lines (the inline block, or the rule resource). */
  location?: SourceLocation;
  /** The lines of its `type` (an `aws_security_group_rule`), where an unknown direction comes from. */
  typeLocation?: SourceLocation;
}

export class DefaultSecurityGroup extends ModelResource {
  /** The managed VPC whose default group it manages. */
  vpc?: Vpc;
  /** How the VPC was found, or why none is: `vpc_id names aws_vpc.main`, `vpc_id = "vpc-1", not a VPC managed ...`. */
  vpcReason!: string;
  /** Its `vpc_id` is not known and names no resource (an unset variable): it may manage any VPC's group. */
  mayManageAnyVpc!: boolean;
  rules!: GroupRule[];
  /** `ingress`/`egress` dynamic blocks over a collection that is not known statically. */
  unknownBlocks!: Array<{ path: string; reason: string; location?: SourceLocation }>;
}

export class FlowLog extends ModelResource {
  /** `traffic_type` as written (no provider default: AWS requires it for a VPC flow log). */
  trafficType!: Val<Value>;
  /** Its `vpc_id` names no managed VPC and could be any (an unset variable). */
  mayNameAnyVpc!: boolean;
  /** `vpc_id` as shown in messages: `"vpc-1"`, `var.vpc (no value given)`. */
  vpcIdShown!: string;
}

/** One ingress rule of a security group, whichever of the three Terraform forms declares it. */
export class IngressRule {
  constructor(
    /** The resource that declares it: the security group (inline block) or the rule resource. */
    readonly declaredBy: Located,
    /** `ingress.N` for an inline block, '' for a rule resource. */
    readonly path: string,
    /** `aws_security_group.db ingress.1`, or the rule resource's address. */
    readonly label: string,
    /** Set when the rule itself is not known statically (a dynamic block over an unknown collection, an unknown `type`). */
    readonly unknown: string | undefined,
    /** Its CIDR sources sorted into internet, public, private (the group's VPC ranges included) and unknown. */
    readonly cidrs: CidrClass,
    readonly fromPort: Val<Value>,
    readonly toPort: Val<Value>,
    /** `protocol` (`ip_protocol` on `aws_vpc_security_group_ingress_rule`). */
    readonly protocol: Val<Value>,
    /** The ports it opens and which of them an allow-list leaves out. */
    readonly ports: (allowed: readonly number[]) => PortsReached,
    private readonly findPrefixLists: () => PrefixListSource[] = () => [],
  ) {}

  private prefixListsFound?: PrefixListSource[];

  /** The prefix lists it admits, classified (the CloudFront origin-facing list, ...); looked up on first use. */
  get prefixLists(): PrefixListSource[] {
    return (this.prefixListsFound ??= this.findPrefixLists());
  }

  locationOf(path: string): SourceLocation | undefined {
    return this.declaredBy.locationOf(path);
  }
}

export class SecurityGroup extends ModelResource {
  /** Its inline `ingress` blocks. */
  inlineIngress!: IngressRule[];
  /** Inline blocks plus the rule resources whose `security_group_id` names it. */
  ingress!: IngressRule[];
}

/** An `aws_security_group_rule` or `aws_vpc_security_group_ingress_rule`. */
export class SecurityGroupRule extends ModelResource {
  /** The ingress it declares; undefined for an `aws_security_group_rule` of type egress. */
  ingress?: IngressRule;
}

/** Where a data store's subnets come from, and whether any is public. */
export type Placement =
  /** Subnets listed by a subnet group (`group`, reached through `via` when inherited) or by `vpc_options`. */
  | { kind: 'subnets'; exposure: SubnetExposure; attribute: string; group?: Located; via?: string }
  /** No subnets given: it lands in the default VPC (`missing` says why). */
  | { kind: 'default-vpc'; missing: string; attribute?: string }
  | { kind: 'unknown'; reason: string; attribute?: string }
  /** An OpenSearch domain without `vpc_options`: a public endpoint. */
  | { kind: 'public-endpoint' };

/** The security groups a data store runs with. */
export interface Guards {
  /** Set when they are a replication group's (an ElastiCache cluster that joins one). */
  via?: { attribute: string; holder: string };
  /** The replication group is not in the configuration (shown as written). */
  holderMissing?: string;
  /** The attribute (on the store or its holder) that lists them. */
  path: string;
  /** None listed (`not set` or `empty`): the VPC's default group applies. */
  noneListed?: 'is not set' | 'is empty';
  /** The groups listed, or with `noneListed` the managed default groups of the store's VPC. */
  groups: SecurityGroup[];
  /** Listed entries that are no managed security group, as reasons. */
  unresolved: string[];
}

export class DataStore extends ModelResource {
  /** `publicly_accessible` with the provider v5 default, for services that have the switch. */
  publiclyAccessible?: Val<boolean>;
  /** Where its subnets are (undefined for types whose placement is not judged: MemoryDB, DocumentDB, Neptune). */
  placement?: Placement;
  /** Its security groups (undefined when it has none to judge: a domain with a public endpoint, a cluster instance). */
  guards?: Guards;
}

export interface VpcModel {
  vpcs: Vpc[];
  /** `aws_security_group` and `aws_default_security_group`. */
  securityGroups: SecurityGroup[];
  securityGroupRules: SecurityGroupRule[];
  /** Every managed default security group, including those whose VPC is not in the configuration. */
  defaultSecurityGroups: DefaultSecurityGroup[];
  /** Flow logs whose `vpc_id` could name any VPC. */
  unplacedFlowLogs: FlowLog[];
  dataStores: DataStore[];
}
