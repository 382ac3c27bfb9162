import { Unknown, Value } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { setting, show } from '../../src/rules/support/attributes';
import { referencedNodes } from '../../src/rules/support/references';
import { fail, pass, unknown } from '../../src/rules/support/results';
import { Rule, RuleResult } from '../../src/rules/types';

export const LAUNCH_TYPES = ['aws_instance', 'aws_launch_template', 'aws_launch_configuration'] as const;

/** Account-level IMDS defaults for new instances (provider v5.36+). */
const ACCOUNT_DEFAULTS_TYPE = 'aws_ec2_instance_metadata_defaults';

type Field = 'http_tokens' | 'http_endpoint';

/** What AWS uses when neither the instance, its launch template nor the account says otherwise. */
const PROVIDER_DEFAULTS: Record<Field, string> = { http_tokens: 'optional', http_endpoint: 'enabled' };

interface Resolved {
  value: Value | undefined;
  /** `metadata_options.http_tokens = "optional" (provider default when omitted)`, `... from aws_launch_template.app`. */
  describe: string;
  /** Where to point on the evaluated resource. */
  attribute?: string;
  isDefault: boolean;
}

/** A field of a node's own `metadata_options` block, when the block or the field says something. */
function ownField(node: GraphNode, field: Field): Resolved | undefined {
  const blocks = node.blocks('metadata_options');
  if (blocks.length === 0) return undefined;
  const { path, value } = blocks[0];
  if (value instanceof Unknown) return { value, describe: `metadata_options is not known statically: ${value.describe()}`, attribute: 'metadata_options', isDefault: false };
  const s = setting(node, `${path}.${field}`);
  if (!s.read.present) return undefined;
  const describe = s.value instanceof Unknown ? `metadata_options.${field} is not known statically: ${s.describe}` : `metadata_options.${s.describe}`;
  return { value: s.value, describe, attribute: `${path}.${field}`, isDefault: false };
}

/** The launch templates an `aws_instance` is launched from (`launch_template { id | name }`). */
function launchTemplateOf(graph: ResourceGraph, node: GraphNode): { templates: GraphNode[]; unresolved: Value[] } | undefined {
  if (node.type !== 'aws_instance' || node.blocks('launch_template').length === 0) return undefined;
  const templates = new Map<string, GraphNode>();
  const unresolved: Value[] = [];
  for (const attr of ['id', 'name']) {
    const path = `launch_template.0.${attr}`;
    if (!node.attr(path).present) continue;
    const refs = referencedNodes(graph, node, path, 'aws_launch_template');
    refs.nodes.forEach((t) => templates.set(t.address, t));
    if (refs.nodes.length === 0) unresolved.push(...refs.unresolved);
  }
  return { templates: [...templates.values()], unresolved };
}

function resolve(graph: ResourceGraph, node: GraphNode, field: Field): Resolved {
  const own = ownField(node, field);
  if (own) return own;
  const shownField = `metadata_options.${field}`;
  const template = launchTemplateOf(graph, node);
  if (template) {
    const t = template.templates[0];
    if (!t) {
      const named = template.unresolved.length > 0 ? template.unresolved.map((v) => show(v)).join(', ') : 'a template';
      return {
        value: new Unknown(`launch_template ${named}`, 'launch template not in the scanned configuration'),
        describe: `${shownField} is not set on the instance and comes from launch template ${named}, which is not in the scanned configuration`,
        attribute: 'launch_template',
        isDefault: false,
      };
    }
    const fromTemplate = ownField(t, field);
    if (fromTemplate) {
      return { value: fromTemplate.value, describe: `${fromTemplate.describe} from ${t.address}`, attribute: 'launch_template', isDefault: false };
    }
  }
  for (const defaults of graph.resources(ACCOUNT_DEFAULTS_TYPE)) {
    const s = setting(defaults, field);
    if (!s.read.present || s.value === 'no-preference') continue;
    return {
      value: s.value,
      describe: `${field} = ${show(s.value)} (account default set by ${defaults.address})`,
      attribute: node.attr('metadata_options').present ? 'metadata_options' : undefined,
      isDefault: false,
    };
  }
  return {
    value: PROVIDER_DEFAULTS[field],
    describe: `${shownField} = ${show(PROVIDER_DEFAULTS[field])} (provider default when omitted)`,
    attribute: node.attr('metadata_options').present ? 'metadata_options' : undefined,
    isDefault: true,
  };
}

function check(graph: ResourceGraph, node: GraphNode): RuleResult {
  const endpoint = resolve(graph, node, 'http_endpoint');
  const tokens = resolve(graph, node, 'http_tokens');
  if (endpoint.value === 'disabled') return pass(node, `${endpoint.describe}: the instance metadata service is off`, endpoint.attribute);
  if (tokens.value === 'required') return pass(node, `${tokens.describe}: only IMDSv2 (session tokens) is accepted`, tokens.attribute);
  const unknowns = [endpoint, tokens].filter((r) => r.value instanceof Unknown);
  if (unknowns.length > 0) {
    return unknown(node, unknowns.map((r) => r.describe).join('; '), unknowns[0].attribute);
  }
  if (typeof tokens.value !== 'string' || !['optional', 'required'].includes(tokens.value)) {
    return unknown(node, `${tokens.describe} is not a value AWS accepts (required or optional)`, tokens.attribute);
  }
  const note = tokens.isDefault
    ? ' (an AMI registered with ImdsSupport = v2.0 or an account-level default may require IMDSv2, but the configuration does not show it)'
    : '';
  return fail(node, `${tokens.describe}: IMDSv1 requests without a session token are accepted${note}; ${endpoint.describe}`, tokens.attribute);
}

export const rule: Rule = {
  meta: {
    id: 'TG-SYS-002',
    title: 'EC2 instances require IMDSv2 for instance metadata',
    claim: 'patching',
    severity: 'medium',
    fix: 'set metadata_options { http_tokens = "required" }',
    appliesTo: LAUNCH_TYPES,
  },

  check({ graph }) {
    return graph.resources(LAUNCH_TYPES).map((node) => check(graph, node));
  },
};
