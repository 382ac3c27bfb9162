/**
 * "Is this attribute set?" for attributes whose mere presence is the evidence (a KMS key ARN, a log
 * destination, a bucket name, a list of alarm actions). The one place every rule asks it (rules.md,
 * "Presence versus value"):
 * - a non-empty literal is set; `null`, `""` and `[]` are not;
 * - a reference to a resource is set, though its value is known only after apply (also one declared
 *   outside the scanned files);
 * - a value that is exactly a required variable's (a variable without default, passed on unchanged
 *   through locals and module inputs) is set: the caller must give it. The message names the variable;
 * - any other unknown (a conditional, a function of unknowns, a remote module's output) is unknown,
 *   unless the provider itself requires the attribute (`requiredByProvider`): a configuration that
 *   applies never leaves it null.
 * Rules that need the value itself (which key, which policy, true or false) do not ask this.
 */
import { RequiredInput, Unknown, Value } from '../eval/value';
import { GraphNode, ResourceGraph } from '../graph/model';
import { show } from './attributes';

export interface Presence {
  status: 'set' | 'unset' | 'unknown';
  /** `kms_key_id = aws_kms_key.trail.arn (a reference to aws_kms_key.trail)`, `kms_key_id is set from var.k, a required variable`, ... */
  describe: string;
  /** The resource the value refers to, when it is a reference. */
  target?: GraphNode;
  /** The required variable that makes it present, when that is what decides. */
  requiredInput?: RequiredInput;
}

export interface PresenceOptions {
  /**
   * The provider requires the attribute where its block is written (`access_logs.bucket`): Terraform
   * rejects a null there, so any unknown value counts as set.
   */
  requiredByProvider?: boolean;
}

function isBlank(v: Value): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

/** `var.k, a required variable`, with the caller's own required variable when a module passes one on. */
export function describeRequired(input: RequiredInput): string {
  const from = input.setBy?.from;
  return `${input.variable}, a required variable${from ? ` (${input.setBy!.call} passes ${from.variable}, a required variable)` : ''}`;
}

/** Whether `path` of `node` holds a value (see the module comment). */
export function presenceOf(graph: ResourceGraph, node: GraphNode, path: string, options: PresenceOptions = {}): Presence {
  const name = path.split('.').filter((s) => !/^\d+$/.test(s)).pop() ?? path;
  const read = node.attr(path);
  if (!read.present) return { status: 'unset', describe: `${name} is not set` };
  const v = read.value as Value;
  if (v instanceof Unknown) {
    if (v.ref) {
      const target = graph.node(v.ref.address) ?? graph.instancesOf(v.ref.address)[0];
      // Said only when the written expression does not name the resource already (a local, a module output).
      const via = !target || v.source === target.address || v.source.startsWith(`${target.address}.`) ? '' : ` (a reference to ${target.address})`;
      if (target) return { status: 'set', describe: `${name} = ${v.source}${via}`, target };
      // A file scanned alone: the resource is declared elsewhere, and its attribute is still a value.
      return { status: 'set', describe: `${name} = ${v.source} (a reference to ${v.ref.address}, declared outside the scanned files)` };
    }
    if (v.requiredInput) return { status: 'set', describe: `${name} is set from ${describeRequired(v.requiredInput)}`, requiredInput: v.requiredInput };
    // Plan JSON: a value known only after apply, whose configuration references a resource.
    if (v.reason === 'known after apply') {
      const target = graph.targets(node, path).find((t) => t.kind === 'resource' || t.kind === 'data');
      if (target) return { status: 'set', describe: `${name} refers to ${target.address} (known after apply)`, target };
    }
    if (options.requiredByProvider) return { status: 'set', describe: `${name} = ${show(v)}, required by the provider (never null where the configuration applies)` };
    return { status: 'unknown', describe: `${name} = ${show(v)}` };
  }
  if (node.isSensitive(path)) return { status: 'set', describe: `${name} = (sensitive value)` };
  const origin = read.origins.length > 0 ? ` (${read.origins.join(', ')})` : '';
  if (isBlank(v)) return { status: 'unset', describe: `${name} = ${show(v)}${origin}${typeof v === 'string' ? ' (empty: not set)' : ''}` };
  return { status: 'set', describe: `${name} = ${show(v)}${origin}` };
}
