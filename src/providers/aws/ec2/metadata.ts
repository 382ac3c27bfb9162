/**
 * The instance metadata service settings that apply to an instance, template or configuration:
 * its own `metadata_options`, else its launch template's, else the account default
 * (`aws_ec2_instance_metadata_defaults`, provider v5.36+), else the provider default. The leaf's path
 * is the attribute a result points at ('' for the resource itself), its text says where the value came from.
 */
import { Unknown, Value } from '../../../eval/value';
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { setting, show } from '../../attributes';
import { Val } from '../../val';
import type { InstanceMetadata, LaunchTemplateLink, MetadataSetting } from './model';

type Field = 'http_tokens' | 'http_endpoint';

/** What AWS uses when neither the instance, its launch template nor the account says otherwise. */
const PROVIDER_DEFAULTS: Record<Field, string> = { http_tokens: 'optional', http_endpoint: 'enabled' };

interface Resolved {
  value: Value | undefined;
  described: string;
  attribute?: string;
  isDefault?: boolean;
  present?: boolean;
}

function leaf(node: GraphNode, r: Resolved): MetadataSetting {
  const known = !(r.value instanceof Unknown);
  const value = known && typeof r.value === 'string' ? r.value : undefined;
  return new Val<string>({
    owner: node,
    path: r.attribute ?? '',
    known,
    value,
    reason: r.value instanceof Unknown ? r.value.describe() : undefined,
    present: r.present ?? true,
    isDefault: r.isDefault ?? false,
    described: r.described,
  });
}

/** A field of a node's own `metadata_options` block, when the block or the field says something. */
function ownField(node: GraphNode, field: Field): Resolved | undefined {
  const blocks = node.blocks('metadata_options');
  if (blocks.length === 0) return undefined;
  const { path, value } = blocks[0];
  if (value instanceof Unknown) return { value, described: `metadata_options is not known statically: ${value.describe()}`, attribute: 'metadata_options' };
  const s = setting(node, `${path}.${field}`);
  if (!s.read.present) return undefined;
  const described = s.value instanceof Unknown ? `metadata_options.${field} is not known statically: ${s.describe}` : `metadata_options.${s.describe}`;
  return { value: s.value, described, attribute: `${path}.${field}` };
}

function resolve(graph: ResourceGraph, node: GraphNode, field: Field, link: LaunchTemplateLink | undefined): Resolved {
  const own = ownField(node, field);
  if (own) return own;
  const shownField = `metadata_options.${field}`;
  if (link && !link.template) {
    return {
      value: new Unknown(`launch_template ${link.shown}`, 'launch template not in the scanned configuration'),
      described: `${shownField} is not set on the instance and comes from launch template ${link.shown}, which is not in the scanned configuration`,
      attribute: 'launch_template',
    };
  }
  const fromTemplate = link?.template && ownField(link.template.node, field);
  if (fromTemplate) return { ...fromTemplate, described: `${fromTemplate.described} from ${link.template!.address}`, attribute: 'launch_template' };
  const blockAttribute = node.attr('metadata_options').present ? 'metadata_options' : undefined;
  for (const defaults of graph.resources('aws_ec2_instance_metadata_defaults')) {
    const s = setting(defaults, field);
    if (!s.read.present || s.value === 'no-preference') continue;
    return { value: s.value, described: `${field} = ${show(s.value)} (account default set by ${defaults.address})`, attribute: blockAttribute, present: false };
  }
  return {
    value: PROVIDER_DEFAULTS[field],
    described: `${shownField} = ${show(PROVIDER_DEFAULTS[field])} (provider default when omitted)`,
    attribute: blockAttribute,
    isDefault: true,
    present: false,
  };
}

export function metadataOf(graph: ResourceGraph, node: GraphNode, link?: LaunchTemplateLink): InstanceMetadata {
  return {
    httpTokens: leaf(node, resolve(graph, node, 'http_tokens', link)),
    httpEndpoint: leaf(node, resolve(graph, node, 'http_endpoint', link)),
  };
}
