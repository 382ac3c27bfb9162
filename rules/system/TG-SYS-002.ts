/**
 * TG-SYS-002: instances accept only IMDSv2. The adapter resolves each setting through the resource's
 * own `metadata_options`, its launch template, the account default and the provider default, and
 * names where the value came from.
 */
import { Rule, RuleResult } from '../../src/rules/types';
import type { InstanceMetadata, MetadataSetting } from '../../src/providers/aws/ec2/model';
import type { ModelResource } from '../../src/providers/resource';
import type { ModelContext } from '../../src/rules/context';

export const LAUNCH_TYPES = ['aws_instance', 'aws_launch_template', 'aws_launch_configuration'] as const;

/** The attribute a result points at ('' is the resource itself). */
const at = (s: MetadataSetting) => s.path || undefined;

function judge({ report }: ModelContext, subject: ModelResource, { httpEndpoint: endpoint, httpTokens: tokens }: InstanceMetadata): RuleResult {
  if (endpoint.is('disabled') === true) return report('pass', subject, 'off', { value: endpoint.describe() }, at(endpoint));
  if (tokens.is('required') === true) return report('pass', subject, 'required', { value: tokens.describe() }, at(tokens));
  const unknowns = [endpoint, tokens].filter((s) => !s.known);
  if (unknowns.length > 0) return report('unknown', subject, 'unknown', { value: unknowns.map((s) => s.describe()).join('; ') }, at(unknowns[0]));
  if (tokens.oneOf(['optional', 'required']) !== true) return report('unknown', subject, 'invalid', { value: tokens.describe() }, at(tokens));
  const note = tokens.isDefault ? 'optionalByDefault' : 'optional';
  return report('fail', subject, note, { value: tokens.describe(), endpoint: endpoint.describe() }, at(tokens));
}

export const rule: Rule = {
  meta: {
    id: 'TG-SYS-002',
    title: 'EC2 instances require IMDSv2 for instance metadata',
    claim: 'patching',
    severity: 'medium',
    fix: 'set metadata_options { http_tokens = "required" }',
    appliesTo: LAUNCH_TYPES,
    messages: {
      off: '{{value}}: the instance metadata service is off',
      required: '{{value}}: only IMDSv2 (session tokens) is accepted',
      unknown: '{{value}}',
      invalid: '{{value}} is not a value AWS accepts (required or optional)',
      optional: '{{value}}: IMDSv1 requests without a session token are accepted; {{endpoint}}',
      optionalByDefault:
        '{{value}}: IMDSv1 requests without a session token are accepted (an AMI registered with ImdsSupport = v2.0 or an account-level default may require IMDSv2, but the configuration does not show it); {{endpoint}}',
    },
  },

  check(ctx) {
    const { instances, launchTemplates, launchConfigurations } = ctx.aws.ec2;
    return [...instances, ...launchTemplates, ...launchConfigurations].map((r) => judge(ctx, r, r.metadata));
  },
};
