/**
 * "Is this attribute set?" for attributes whose mere presence is the evidence (a KMS key ARN, a log group
 * ARN, a bucket name). A reference to a resource in the graph counts as set even though its value is
 * only known after apply; an unresolved variable or an undeclared resource does not, and gives unknown.
 */
import { Unknown, Value } from '../../eval/value';
import { GraphNode, ResourceGraph } from '../../graph/model';
import { show } from './attributes';

export interface Presence {
  status: 'set' | 'unset' | 'unknown';
  /** `kms_key_id = aws_kms_key.trail.arn (known after apply)`, `kms_key_id is not set`, ... */
  describe: string;
  /** The resource the value refers to, when it is a reference. */
  target?: GraphNode;
}

function isBlank(v: Value): boolean {
  return v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** Whether `path` of `node` holds a value: a non-empty literal, or a reference to a resource in the graph. */
export function presenceOf(graph: ResourceGraph, node: GraphNode, path: string): Presence {
  const name = path.split('.').filter((s) => !/^\d+$/.test(s)).pop() ?? path;
  const read = node.attr(path);
  if (!read.present) return { status: 'unset', describe: `${name} is not set` };
  const v = read.value as Value;
  const origin = read.origins.length > 0 && !(v instanceof Unknown) ? ` (${read.origins.join(', ')})` : '';
  if (v instanceof Unknown) {
    if (v.ref) {
      const target = graph.node(v.ref.address) ?? graph.instancesOf(v.ref.address)[0];
      if (target) return { status: 'set', describe: `${name} = ${v.source} (a reference to ${target.address})`, target };
      return { status: 'unknown', describe: `${name} = ${show(v)}` };
    }
    // Plan JSON: a value known only after apply, whose configuration references a resource.
    if (v.reason === 'known after apply') {
      const target = graph.targets(node, path).find((t) => t.kind === 'resource' || t.kind === 'data');
      if (target) return { status: 'set', describe: `${name} refers to ${target.address} (known after apply)`, target };
    }
    return { status: 'unknown', describe: `${name} = ${show(v)}` };
  }
  if (node.isSensitive(path)) return { status: 'set', describe: `${name} = (sensitive value)` };
  if (isBlank(v)) return { status: 'unset', describe: `${name} = ${show(v)}${origin}` };
  if (typeof v === 'string' && v.trim() === '') return { status: 'unset', describe: `${name} = ${show(v)}${origin}` };
  return { status: 'set', describe: `${name} = ${show(v)}${origin}` };
}
