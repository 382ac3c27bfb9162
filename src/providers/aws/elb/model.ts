/**
 * Elastic Load Balancing: v2 load balancers (`aws_lb`, alias `aws_alb`) with their listeners and
 * listener rules, and Classic Load Balancers (`aws_elb`) with their listeners and the SSL negotiation
 * policies that apply to each. What the transit, network and logging rules ask of them.
 */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';
import type { Distribution } from '../cloudfront/model';
import type { SecurityGroup } from '../vpc/model';

export const LOAD_BALANCER_TYPES = ['aws_lb', 'aws_alb'] as const;
export const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'] as const;
export const LISTENER_RULE_TYPES = ['aws_lb_listener_rule', 'aws_alb_listener_rule'] as const;
export const CLASSIC_TYPES = ['aws_elb'] as const;

/** What AWS applies to an HTTPS/TLS listener without `ssl_policy`, and to a Classic ELB HTTPS/SSL listener without a negotiation policy. */
export const DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-2016-08';

/** One nested block as rules see it: its path, its name in messages (`default_action[0]`), or why its content is not known. */
export interface Block {
  path: string;
  /** `listener[0]`: the path with the index in brackets. */
  name: string;
  /** Set when the blocks themselves are not known statically (a dynamic block over an unknown). */
  unknown?: string;
}

/** An `access_logs` block: logs are written when `enabled` is true and a bucket is given. */
export interface AccessLogs extends Block {
  /** `enabled`: false when omitted on v2 load balancers, true on Classic Load Balancers. */
  enabled: Val<boolean>;
  /** Whether `bucket` is written (the provider requires it; its value may be known only after apply). */
  bucket: Val<boolean>;
}

/** The security groups that filter a load balancer's traffic, as the adapter found them. */
export interface LoadBalancerGuards {
  /** Managed security groups whose ingress applies (those named, or the VPC's managed default group). */
  groups: SecurityGroup[];
  /** Named groups whose rules are not known (outside the configuration), or an unknown VPC, as reasons. */
  unresolved: string[];
  /** How the groups were found, for messages: '' when named by `security_groups`. */
  via: string;
  /** `security_groups` when written, else undefined. */
  attribute?: string;
  /**
   * Set when no security group filters the traffic (a network load balancer created without any), or
   * when AWS's untouched default group applies (ingress only from its own members).
   */
  none?: 'no-security-groups' | 'aws-default-group';
}

/** How the adapter finds a load balancer's surroundings, run on first use (only the network rules ask). */
export interface LoadBalancerLookups {
  guards: () => LoadBalancerGuards;
  cloudFrontOrigins: () => Distribution[];
  wafAssociations: () => ModelResource[];
}

export class LoadBalancer extends ModelResource {
  /** `load_balancer_type`, `application` when omitted. */
  kind!: Val<string>;
  /** `internal`, false (internet-facing) when omitted. */
  internal!: Val<boolean>;
  /** `drop_invalid_header_fields`, false when omitted (application load balancers only). */
  dropInvalidHeaderFields!: Val<boolean>;
  listeners: Listener[] = [];
  /** The first `access_logs` block, when written. */
  accessLogs?: AccessLogs;
  lookups!: LoadBalancerLookups;
  private found: Partial<{ guards: LoadBalancerGuards; cloudFrontOrigins: Distribution[]; wafAssociations: ModelResource[] }> = {};

  /** The security groups that filter its traffic. */
  get guards(): LoadBalancerGuards {
    return (this.found.guards ??= this.lookups.guards());
  }

  /** CloudFront distributions with an `origin.domain_name` that references its `dns_name`. */
  get cloudFrontOrigins(): Distribution[] {
    return (this.found.cloudFrontOrigins ??= this.lookups.cloudFrontOrigins());
  }

  /** `aws_wafv2_web_acl_association` / `aws_wafregional_web_acl_association` resources naming it in `resource_arn`. */
  get wafAssociations(): ModelResource[] {
    return (this.found.wafAssociations ??= this.lookups.wafAssociations());
  }
}

/** A `default_action` (or listener rule `action`) block. */
export interface ListenerAction extends Block {
  /** `type`, described with its full path (`default_action.0.type = "forward"`). */
  type: Val<string>;
  /** `redirect.0.protocol` (the provider's default `#{protocol}` keeps the request's protocol). */
  redirectProtocol: Val<string>;
}

export class ListenerRule extends ModelResource {
  actions: ListenerAction[] = [];
}

export class Listener extends ModelResource {
  /** `protocol`, `HTTP` when omitted (documented for application load balancers only). */
  protocol!: Val<string>;
  /** `ssl_policy`, `ELBSecurityPolicy-2016-08` when omitted. */
  sslPolicy!: Val<string>;
  port!: Val<number>;
  /** The load balancers `load_balancer_arn` names in the configuration (none: one outside it). */
  loadBalancers: LoadBalancer[] = [];
  defaultActions: ListenerAction[] = [];
  /** Listener rules whose `listener_arn` names this listener. */
  rules: ListenerRule[] = [];
}

/** An SSL negotiation policy (`aws_load_balancer_policy` or `aws_lb_ssl_negotiation_policy`). */
export class NegotiationPolicy extends ModelResource {
  /** `policy_name` (or `name`) when known: the profile may accept a policy by name. */
  policyName?: string;
  /**
   * What decides the policy, read in the order AWS reads its attributes: the first predefined
   * `Reference-Security-Policy`, or the first thing that is not known statically (as a message).
   */
  reference?: Val<unknown>;
  unknown?: string;
  /** `Protocol-*` attributes set to true before the deciding one (a custom policy enables exactly these). */
  enabledProtocols: string[] = [];
}

export interface ClassicListener extends Block {
  /** `lb_protocol`, described with its full path. */
  protocol: Val<string>;
  /** `lb_port`, described as its value. */
  port: Val<unknown>;
  /** The negotiation policies that apply to this listener's port. */
  policies: NegotiationPolicy[];
}

export class ClassicLoadBalancer extends ModelResource {
  /** `internal`, false when omitted. */
  internal!: Val<boolean>;
  listeners: ClassicListener[] = [];
  accessLogs?: AccessLogs;
}

export interface ElbModel {
  loadBalancers: LoadBalancer[];
  listeners: Listener[];
  classicLoadBalancers: ClassicLoadBalancer[];
}
