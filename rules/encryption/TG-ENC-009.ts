import { Unknown, Value } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { asBoolean } from '../../src/rules/support/attributes';
import { combineParts, pass } from '../../src/rules/support/results';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';

const OPENSEARCH_PASSWORD = 'advanced_security_options.0.master_user_options.0.master_user_password';

/**
 * The secret attributes per resource type. The write-only forms (`password_wo`, provider 5.87+) keep a
 * value out of plan and state, but a literal written there is still plaintext in the configuration.
 */
const SECRETS: Record<string, string[]> = {
  aws_db_instance: ['password', 'password_wo'],
  aws_rds_cluster: ['master_password', 'master_password_wo'],
  aws_elasticache_replication_group: ['auth_token'],
  aws_opensearch_domain: [OPENSEARCH_PASSWORD],
  aws_elasticsearch_domain: [OPENSEARCH_PASSWORD],
};

export const SECRET_TYPES = Object.keys(SECRETS);

/** A bare reference (`var.pw`, `local.pw`, `module.db.var.pw`, `data.x.y.z`): no literal can hide in it. */
const PURE_REFERENCE = /^(module\.[\w-]+(\[[^\]]*\])?\.)*(var|local|data|module)\.[\w-]+(\.[\w-]+|\[[^\]]*\])*$/;

/** Values given on the command line or in the environment at scan time: not written in any scanned file. */
const SUPPLIED_OUTSIDE = /\(set in (--var|TF_VAR_[^)]*)\)$/;

function shortName(path: string): string {
  return path.split('.').filter((s) => !/^\d+$/.test(s)).pop() ?? path;
}

function where(node: GraphNode, path: string): string {
  const loc = node.locationOf(path);
  return loc ? `, ${loc.file}:${loc.startLine}` : '';
}

/** `a string literal of 12 characters` — never the value itself. */
function literal(v: string | number | boolean): string {
  const n = String(v).length;
  return `a string literal of ${n} character${n === 1 ? '' : 's'}`;
}

/**
 * One secret attribute. The value itself is never put in a message: only its length and where it came from.
 * - not known statically (a variable without value, a resource attribute, a data source): not written in the
 *   configuration, pass;
 * - known and supplied with `--var` / `TF_VAR_` at scan time: pass;
 * - known otherwise (written in a .tf file, a variable default, a local, a module argument, a .tfvars file): fail;
 * - known in a plan (plan JSON does not say whether it was a literal or a variable): unknown.
 */
function secretPart(graph: ResourceGraph, node: GraphNode, path: string): ResultPart | undefined {
  const name = shortName(path);
  const read = node.attr(path);
  if (!read.present) return undefined;
  const v: Value | undefined = read.value;
  if (v instanceof Unknown) {
    // Neither the Unknown's source nor its reason is printed: both may quote literals of the expression.
    if (/^could not be evaluated/.test(v.reason)) return { name, status: 'unknown', message: `${name} could not be evaluated (see the load diagnostics)`, attribute: path };
    const from = graph.targets(node, path).filter((t) => t.kind === 'resource' || t.kind === 'data').map((t) => t.address);
    if (from.length > 0) return { name, status: 'pass', message: `${name} comes from ${from.join(', ')}, known only after apply or plan: not a literal in the configuration`, attribute: path };
    if (v.ref) return { name, status: 'pass', message: `${name} comes from ${v.ref.address}, known only after apply: not a literal in the configuration`, attribute: path };
    const pure = PURE_REFERENCE.test(v.source);
    const via = read.origins.length > 0 ? read.origins.join(', ') : pure ? v.source : 'inputs';
    if (pure) return { name, status: 'pass', message: `${name} comes from ${via}: not known statically, so not a literal in the configuration`, attribute: path };
    // An expression over inputs without value (a conditional, coalesce() or lookup() with a default) may still pick a literal.
    return { name, status: 'unknown', message: `${name} is an expression over ${via} that is not known statically: it may fall back to a literal written in the configuration`, attribute: path };
  }
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
    return { name, status: 'unknown', message: `${name} is not a string`, attribute: path };
  }
  if (v === '') return { name, status: 'pass', message: `${name} is an empty string: no secret is written`, attribute: path };
  if (node.attrLocations.size === 0 && node.origins.size === 0) {
    return {
      name,
      status: 'unknown',
      message: `${name} holds a known value in the plan (a string of ${String(v).length} characters); plan JSON does not say whether it was written as a literal or passed in through a variable: scan the Terraform files to tell`,
      attribute: path,
    };
  }
  const origins = read.origins;
  const outside = origins.find((o) => SUPPLIED_OUTSIDE.test(o));
  if (outside) return { name, status: 'pass', message: `${name} comes from ${outside}, supplied outside the scanned files`, attribute: path };
  if (origins.length === 0) {
    return { name, status: 'fail', message: `${name} is ${literal(v)} written in the configuration (plaintext${where(node, path)})`, attribute: path };
  }
  return { name, status: 'fail', message: `${name} is ${literal(v)} from ${origins.join(', ')}: a plaintext secret in the scanned files`, attribute: path };
}

function check(graph: ResourceGraph, node: GraphNode): RuleResult {
  const parts = SECRETS[node.type].map((p) => secretPart(graph, node, p)).filter((p): p is ResultPart => p !== undefined);
  if (parts.length === 0) {
    const managed = node.attr('manage_master_user_password');
    if (managed.present && asBoolean(managed.value) === true) {
      return pass(node, 'manage_master_user_password = true: RDS generates the master password and keeps it in Secrets Manager', 'manage_master_user_password');
    }
    return pass(node, `${SECRETS[node.type].map(shortName).join(' / ')} not set: no secret is written in the configuration`);
  }
  return combineParts(node, parts, parts.map((p) => p.message).join('; '));
}

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-009',
    title: 'No plaintext database or cache secrets in the configuration',
    claim: 'rest-kms',
    severity: 'high',
    fix: 'remove the literal: use manage_master_user_password = true, a secrets-manager data source, or a sensitive variable without default',
    appliesTo: SECRET_TYPES,
  },

  check({ graph }) {
    return graph.resources(SECRET_TYPES).map((node) => check(graph, node));
  },
};
