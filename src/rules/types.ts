/**
 * The contract between the rule engine and rule modules (one module per rule under `rules/`).
 * A rule is metadata plus a pure check over the resource graph: no file access, no parsing.
 */
import { ResourceGraph, GraphNode, SourceLocation } from '../graph/model';
import { RuleParameters } from './parameters';
import type { ModelContext } from './context';
import type { RuleParameter } from './parameter';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

export type Status = 'pass' | 'fail' | 'unknown' | 'not-evidenced';

/** Short metadata beside the check; the long form (description, remediation, references) is `docs/rules/<ID>.md` (src/rules/docs.ts). */
export interface RuleMeta {
  /** Stable public ID from the catalog (shared/spec/rules.md), e.g. `TG-TLS-001`. */
  id: string;
  title: string;
  /** The TOM claim of the reference profile this rule gives evidence for, e.g. `transit-tls12`. */
  claim: string;
  severity: Severity;
  /** One line shown next to each failure in terminal output. */
  fix: string;
  /** Resource types the rule evaluates (v4/v5/v6 forms and aliases included). */
  appliesTo: readonly string[];
  /** True for existence claims: when nothing in scope shows them, the result is `not-evidenced`. */
  existence?: boolean;
  /**
   * Resource types the rule reads from the other roots of its account (`ctx.account`): a sharded scan
   * also loads, for the account view only, the roots outside its shard that may declare them.
   */
  accountTypes?: readonly string[];
  /** Message templates by ID (`{{value}}`, `{{address}}` and the rule's own placeholders), used by `verdict`/`report`. */
  messages?: Readonly<Record<string, string>>;
  /** Profile parameters the rule reads (`parameter()`): the profile schema and starter profile are generated from them. */
  parameters?: readonly RuleParameter[];
  /** Reference claims other than `claim` this rule also gives evidence for (TG-ENC-006: backups too). */
  alsoEvidences?: readonly string[];
}

/** One named part of a multi-part rule (e.g. "minimum_protocol_version"), reported in JSON `parts`. */
export interface ResultPart {
  name: string;
  status: Exclude<Status, 'not-evidenced'>;
  message: string;
  /** Attribute path the part is about, for its location. */
  attribute?: string;
}

export interface RuleResult {
  status: Status;
  /** The resource the verdict is about (absent for `not-evidenced`). */
  node?: GraphNode;
  /** The deciding attribute's dotted path, when there is one. */
  attribute?: string;
  /** Where to point: the deciding attribute's lines, else the resource block. Defaults from node + attribute. */
  location?: SourceLocation;
  /** Names the value and where it came from: `ssl_policy = "ELBSecurityPolicy-2016-08" (provider default when omitted)`. */
  message: string;
  parts?: ResultPart[];
}

/** A model object a result is about (any `ModelResource`); rules pass it, the engine reads the node. */
export interface Subject {
  readonly node: GraphNode;
}

export interface RuleContext extends ModelContext {
  graph: ResourceGraph;
  params: RuleParameters;
  /**
   * The AWS account this root belongs to, across every root scanned with it: for account-wide
   * evidence such as `aws_ebs_encryption_by_default`. Absent when a rule runs on one graph alone.
   */
  account?: AccountView;
}

export interface AccountView {
  /** How many roots the account has in this scan. */
  roots: number;
  /** Nodes of these types in every root of the account (this root's included), with their root. */
  resources(types: readonly string[]): Array<{ node: GraphNode; root: string }>;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): RuleResult[];
}
