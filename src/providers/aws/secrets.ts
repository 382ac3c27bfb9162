/**
 * Where a secret attribute's value comes from (a database password, a cache auth token, a search
 * domain's master password), without ever keeping the value: its length and its provenance only.
 * Shared by the rds, elasticache and opensearch adapters; TG-ENC-009 decides what each source means.
 */
import { Unknown, Value } from '../../eval/value';
import type { GraphNode, ResourceGraph } from '../../graph/model';

export type SecretSource =
  /** The evaluator could not evaluate it (see the load diagnostics). */
  | { kind: 'unevaluated' }
  /** Known only after apply or plan: an attribute of these resources or data sources. */
  | { kind: 'resource'; from: string }
  /** A bare reference to an input without a value (`var.pw`, `local.pw`): no literal can hide in it. */
  | { kind: 'input'; via: string }
  /** An expression over inputs without value: it may still fall back to a literal. */
  | { kind: 'expression'; via: string }
  | { kind: 'not-string' }
  | { kind: 'empty' }
  /** A known value in plan JSON, which does not say whether it was a literal. */
  | { kind: 'plan'; length: number }
  /** Given on the command line or in the environment at scan time. */
  | { kind: 'outside'; origin: string }
  /** Written in a .tf file: `where` is `main.tf:12` when known. */
  | { kind: 'literal'; length: number; where?: string }
  /** From a variable default, a local, a module argument or a .tfvars file. */
  | { kind: 'variable'; length: number; origins: readonly string[] };

export interface Secret {
  /** The attribute's own name: `password`, `master_user_password`. */
  name: string;
  path: string;
  source: SecretSource;
}

/** A bare reference (`var.pw`, `local.pw`, `module.db.var.pw`, `data.x.y.z`): no literal can hide in it. */
const PURE_REFERENCE = /^(module\.[\w-]+(\[[^\]]*\])?\.)*(var|local|data|module)\.[\w-]+(\.[\w-]+|\[[^\]]*\])*$/;

/** Values given on the command line or in the environment at scan time: not written in any scanned file. */
const SUPPLIED_OUTSIDE = /\(set in (--var|TF_VAR_[^)]*)\)$/;

function shortName(path: string): string {
  return path.split('.').filter((s) => !/^\d+$/.test(s)).pop() ?? path;
}

function unknownSource(graph: ResourceGraph, node: GraphNode, path: string, v: Unknown, origins: readonly string[]): SecretSource {
  if (/^could not be evaluated/.test(v.reason)) return { kind: 'unevaluated' };
  const from = graph.targets(node, path).filter((t) => t.kind === 'resource' || t.kind === 'data').map((t) => t.address);
  if (from.length > 0) return { kind: 'resource', from: `${from.join(', ')}, known only after apply or plan` };
  if (v.ref) return { kind: 'resource', from: `${v.ref.address}, known only after apply` };
  const pure = PURE_REFERENCE.test(v.source);
  const via = origins.length > 0 ? origins.join(', ') : pure ? v.source : 'inputs';
  return pure ? { kind: 'input', via } : { kind: 'expression', via };
}

/** The secret at `path`, or undefined when it is not written. */
export function readSecret(graph: ResourceGraph, node: GraphNode, path: string): Secret | undefined {
  const read = node.attr(path);
  if (!read.present) return undefined;
  const name = shortName(path);
  const v: Value | undefined = read.value;
  const secret = (source: SecretSource): Secret => ({ name, path, source });
  if (v instanceof Unknown) return secret(unknownSource(graph, node, path, v, read.origins));
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return secret({ kind: 'not-string' });
  if (v === '') return secret({ kind: 'empty' });
  const length = String(v).length;
  if (node.attrLocations.size === 0 && node.origins.size === 0) return secret({ kind: 'plan', length });
  const outside = read.origins.find((o) => SUPPLIED_OUTSIDE.test(o));
  if (outside) return secret({ kind: 'outside', origin: outside });
  if (read.origins.length > 0) return secret({ kind: 'variable', length, origins: read.origins });
  const loc = node.locationOf(path);
  return secret({ kind: 'literal', length, where: loc ? `${loc.file}:${loc.startLine}` : undefined });
}

/** Every written secret of `node` among `paths`, in that order. */
export function readSecrets(graph: ResourceGraph, node: GraphNode, paths: readonly string[]): Secret[] {
  return paths.flatMap((p) => readSecret(graph, node, p) ?? []);
}

export { shortName as secretName };
