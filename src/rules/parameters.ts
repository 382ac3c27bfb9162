/**
 * Rule parameters a profile can set (allowed internet ports, accepted TLS policies, thresholds).
 * Each is declared with `parameter()` in the `meta.parameters` of the rules that read it, and read
 * with `X.of(ctx.params)`, which falls back to the declared default (the reference TOM's value). The
 * declarations here are the ones several rules share; a parameter of one rule lives in that rule.
 */
import { parameter } from './parameter';

/** Profile values by parameter key (`allowedInternetPorts`); a key that is absent reads as its default. */
export type RuleParameters = Readonly<Record<string, unknown>>;

/** No profile overrides: every rule reads its declared defaults. */
export const DEFAULT_PARAMETERS: RuleParameters = {};

export const ALLOWED_INTERNET_PORTS = parameter<number[]>({
  key: 'allowedInternetPorts',
  profileKey: 'allowed_internet_ports',
  schema: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 65535 } },
  default: [80, 443],
  description: 'ports that may be open to the internet',
});

export const ACCEPTED_TLS_POLICIES = parameter<string[]>({
  key: 'acceptedTlsPolicies',
  profileKey: 'accepted_tls_policies',
  schema: { type: 'array', items: { type: 'string' } },
  default: [],
  description: 'extra TLS policy names to accept as TLS 1.2+ (e.g. custom ones)',
});

export const DEFAULT_VPC_IS_PRIVATE = parameter<boolean>({
  key: 'defaultVpcIsPrivate',
  profileKey: 'default_vpc_is_private',
  schema: { type: 'boolean' },
  default: false,
  description: 'accept the default VPC when public access is explicitly off',
});
