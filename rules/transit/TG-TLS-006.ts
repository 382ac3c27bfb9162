import { Unknown, Value } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { show } from '../../src/rules/support/attributes';
import { referencedNodes } from '../../src/rules/support/references';
import { missingRequired } from '../../src/rules/support/required';
import { result } from '../../src/rules/support/results';
import { Rule, RuleResult } from '../../src/rules/types';

export const DATABASE_TYPES = ['aws_db_instance', 'aws_rds_cluster'] as const;
export const INSTANCE_PARAMETER_GROUP_TYPES = ['aws_db_parameter_group'] as const;
export const CLUSTER_PARAMETER_GROUP_TYPES = ['aws_rds_cluster_parameter_group'] as const;

/** The engines this rule covers; `aurora` is the legacy name of Aurora MySQL 5.6. */
type Engine = 'postgres' | 'aurora-postgresql' | 'mysql' | 'aurora-mysql' | 'mariadb';

const ENGINES: Readonly<Record<string, Engine>> = {
  postgres: 'postgres',
  'aurora-postgresql': 'aurora-postgresql',
  mysql: 'mysql',
  'aurora-mysql': 'aurora-mysql',
  aurora: 'aurora-mysql',
  mariadb: 'mariadb',
};

/** Engines of RDS that this rule does not cover (their TLS settings are other parameters). */
const OTHER_ENGINES = /oracle|sqlserver|db2|custom/i;

/** The parameter that makes the engine refuse connections without TLS. */
const TLS_PARAMETER: Readonly<Record<Engine, string>> = {
  postgres: 'rds.force_ssl',
  'aurora-postgresql': 'rds.force_ssl',
  mysql: 'require_secure_transport',
  'aurora-mysql': 'require_secure_transport',
  mariadb: 'require_secure_transport',
};

/** RDS for PostgreSQL defaults `rds.force_ssl` to 1 from major version 15 on; every other covered engine defaults to plaintext allowed. */
const POSTGRES_FORCE_SSL_DEFAULT_FROM = 15;

interface Verdict {
  status: 'pass' | 'fail' | 'unknown';
  message: string;
}

function where(node: GraphNode): string {
  return node.location ? ` (${node.location.file}:${node.location.startLine})` : '';
}

/** `postgres13` → postgres, 13; `aurora-mysql8.0` → aurora-mysql, 8; `default.postgres16` → postgres, 16. */
function parseFamily(family: string): { engine?: Engine; major?: number; other?: boolean } {
  const name = family.replace(/^default[.:]/i, '');
  const m = /^(aurora-postgresql|aurora-mysql|postgres|mysql|mariadb|aurora)(\d+)?/i.exec(name);
  if (m) return { engine: ENGINES[m[1].toLowerCase()], major: m[2] === undefined ? undefined : Number(m[2]) };
  return OTHER_ENGINES.test(name) ? { other: true } : {};
}

// ------------------------------------------------------------------ which parameter groups apply

type GroupRef =
  | { kind: 'custom'; node: GraphNode }
  /** The engine's default group: the attribute is omitted, or names a `default.*` group. */
  | { kind: 'default'; name?: string }
  | { kind: 'unknown'; message: string };

function resolveGroups(graph: ResourceGraph, db: GraphNode, attr: string, types: readonly string[]): GroupRef[] {
  const read = db.attr(attr);
  if (!read.present) return [{ kind: 'default' }];
  const { nodes, unresolved } = referencedNodes(graph, db, attr, types);
  if (nodes.length > 0) return nodes.map((node) => ({ kind: 'custom' as const, node }));
  const refs: GroupRef[] = [];
  for (const v of unresolved) {
    if (v instanceof Unknown) {
      refs.push({ kind: 'unknown', message: `${attr} is not known statically: ${v.describe()}` });
    } else if (typeof v === 'string') {
      // A literal name counts when a parameter group of that name is in the configuration.
      const named = graph.resources(types).filter((g) => g.attr('name').value === v);
      if (named.length > 0) refs.push(...named.map((node) => ({ kind: 'custom' as const, node })));
      else if (/^default[.:]/i.test(v)) refs.push({ kind: 'default', name: v });
      else refs.push({ kind: 'unknown', message: `${attr} = ${JSON.stringify(v)} names a parameter group that is not in the scanned configuration` });
    } else {
      refs.push({ kind: 'unknown', message: `${attr} = ${show(v)} is not a parameter group name` });
    }
  }
  return refs.length > 0 ? refs : [{ kind: 'unknown', message: `${attr} = ${show(read.value)} names no parameter group` }];
}

// ------------------------------------------------------------------ which engine and version

type EngineFacts = { engine: Engine; describe: string } | { notApplicable: true } | { unknown: string };

function engineOf(graph: ResourceGraph, db: GraphNode, groups: GroupRef[], depth = 0): EngineFacts {
  const read = db.attr('engine');
  if (read.present) {
    if (read.value instanceof Unknown) return { unknown: `engine is not known statically: ${read.value.describe()}` };
    const name = typeof read.value === 'string' ? read.value.toLowerCase() : '';
    const engine = ENGINES[name];
    return engine ? { engine, describe: `engine = ${show(read.value)}` } : { notApplicable: true };
  }
  // No engine argument (e.g. a read replica or a restored snapshot): the parameter group's family says it.
  for (const g of groups) {
    const family = g.kind === 'custom' ? g.node.attr('family').value : g.kind === 'default' ? g.name : undefined;
    if (typeof family !== 'string') continue;
    const parsed = parseFamily(family);
    if (parsed.other) return { notApplicable: true };
    if (parsed.engine) return { engine: parsed.engine, describe: g.kind === 'custom' ? `family = ${JSON.stringify(family)} of ${g.node.address}` : `parameter group ${JSON.stringify(family)}` };
  }
  if (db.type === 'aws_db_instance' && db.attr('replicate_source_db').present && depth < 4) {
    const source = referencedNodes(graph, db, 'replicate_source_db', ['aws_db_instance']).nodes[0];
    if (source) {
      const facts = engineOf(graph, source, [], depth + 1);
      if ('engine' in facts) return { engine: facts.engine, describe: `engine of the replication source ${source.address} (${facts.describe})` };
      return facts;
    }
  }
  // Nothing tells it: say so, and say when the configuration is not one Terraform can apply at all.
  return { unknown: missingRequired(db, 'engine') ?? 'engine is not set and no parameter group family or replication source in the scanned configuration tells it' };
}

/** The major version: a number, an Unknown (with why), or undefined when nothing says it. */
function majorVersion(db: GraphNode, family: string | undefined): { major?: number; describe: string } {
  if (family) {
    const parsed = parseFamily(family);
    if (parsed.major !== undefined) return { major: parsed.major, describe: `family ${JSON.stringify(family.replace(/^default[.:]/i, ''))}` };
  }
  const read = db.attr('engine_version');
  if (!read.present) return { describe: 'engine_version is not set (AWS picks its current default version)' };
  if (read.value instanceof Unknown) return { describe: `engine_version is not known statically: ${read.value.describe()}` };
  const m = /^(\d+)/.exec(String(read.value));
  if (!m) return { describe: `engine_version = ${show(read.value)} is not a version number` };
  return { major: Number(m[1]), describe: `engine_version = ${show(read.value)}` };
}

// ------------------------------------------------------------------ verdicts

function engineDefault(engine: Engine, db: GraphNode, family: string | undefined, what: string): Verdict {
  const parameter = TLS_PARAMETER[engine];
  if (engine !== 'postgres') {
    const off = parameter === 'rds.force_ssl' ? `${parameter} = 0` : `${parameter} = OFF`;
    return { status: 'fail', message: `${what}: the ${engine} default is ${off}, so clients may connect without TLS` };
  }
  const version = majorVersion(db, family);
  if (version.major === undefined) {
    return { status: 'unknown', message: `${what}: PostgreSQL defaults to rds.force_ssl = 1 only from version ${POSTGRES_FORCE_SSL_DEFAULT_FROM}, and the version is not known (${version.describe})` };
  }
  if (version.major >= POSTGRES_FORCE_SSL_DEFAULT_FROM) {
    return { status: 'pass', message: `${what}: PostgreSQL ${version.major} (${version.describe}) defaults to rds.force_ssl = 1` };
  }
  return { status: 'fail', message: `${what}: PostgreSQL ${version.major} (${version.describe}) defaults to rds.force_ssl = 0, so clients may connect without TLS` };
}

/** Whether a parameter value turns TLS enforcement on (true), off (false) or is not recognised (undefined). */
function enforces(parameter: string, value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (parameter === 'rds.force_ssl') return v === '1' ? true : v === '0' ? false : undefined;
  if (['1', 'on', 'true'].includes(v)) return true;
  if (['0', 'off', 'false'].includes(v)) return false;
  return undefined;
}

function judgeCustomGroup(group: GraphNode, engine: Engine, db: GraphNode): Verdict {
  const parameter = TLS_PARAMETER[engine];
  const name = `${group.address}${where(group)}`;
  let found: { path: string; value: Value | undefined } | undefined;
  let open: Unknown | undefined;
  for (const block of group.blocks('parameter')) {
    if (block.value instanceof Unknown) {
      open ??= block.value;
      continue;
    }
    const n = group.attr(`${block.path}.name`).value;
    if (n instanceof Unknown) open ??= n;
    else if (typeof n === 'string' && n.trim().toLowerCase() === parameter) found = { path: block.path, value: group.attr(`${block.path}.value`).value };
  }
  if (found) {
    const v = found.value;
    if (v instanceof Unknown) return { status: 'unknown', message: `${name} sets ${parameter} to a value that is not known statically: ${v.describe()}` };
    const on = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? enforces(parameter, String(v)) : undefined;
    if (on === true) return { status: 'pass', message: `${name} sets ${parameter} = ${show(v)}` };
    if (on === false) return { status: 'fail', message: `${name} sets ${parameter} = ${show(v)}, so clients may connect without TLS` };
    return { status: 'unknown', message: `${name} sets ${parameter} = ${show(v)}, which is not a recognised value` };
  }
  if (open) return { status: 'unknown', message: `${name} has parameter blocks that are not known statically (${open.describe()}): whether it sets ${parameter} is not known` };
  const family = group.attr('family').value;
  const verdict = engineDefault(engine, db, typeof family === 'string' ? family : undefined, `${name} does not set ${parameter}, so its family default applies`);
  const missing = verdict.status === 'unknown' ? missingRequired(group, 'family') : undefined;
  return missing ? { ...verdict, message: `${verdict.message}; ${group.address}: ${missing}` } : verdict;
}

function checkDatabase(graph: ResourceGraph, db: GraphNode): RuleResult | undefined {
  const attr = db.type === 'aws_rds_cluster' ? 'db_cluster_parameter_group_name' : 'parameter_group_name';
  const types = db.type === 'aws_rds_cluster' ? CLUSTER_PARAMETER_GROUP_TYPES : INSTANCE_PARAMETER_GROUP_TYPES;
  const attribute = db.attr(attr).present ? attr : undefined;
  const groups = resolveGroups(graph, db, attr, types);
  const facts = engineOf(graph, db, groups);
  if ('notApplicable' in facts) return undefined;
  // Aurora instances take TLS enforcement from their cluster's parameter group (checked on aws_rds_cluster).
  if ('engine' in facts && db.type === 'aws_db_instance' && facts.engine.startsWith('aurora')) return undefined;
  if ('unknown' in facts) {
    const groupProblems = groups.flatMap((g) => (g.kind === 'unknown' ? [g.message] : []));
    const why = [facts.unknown, ...groupProblems].join('; ');
    return result('unknown', db, `Cannot tell which TLS parameter applies: ${why}`, facts.unknown.startsWith('engine is not known') ? 'engine' : attribute);
  }
  const verdicts: Verdict[] = groups.map((g) => {
    if (g.kind === 'unknown') return { status: 'unknown', message: g.message };
    if (g.kind === 'custom') return judgeCustomGroup(g.node, facts.engine, db);
    const what = g.name ? `${attr} = ${JSON.stringify(g.name)} is an AWS default parameter group` : `${attr} is not set, so the engine's default parameter group applies`;
    return engineDefault(facts.engine, db, g.name, what);
  });
  const statuses = new Set(verdicts.map((v) => v.status));
  const message = verdicts.map((v) => v.message).join('; ');
  const status = statuses.size === 1 ? verdicts[0].status : 'unknown';
  const prefix = status === 'unknown' && statuses.size > 1 ? 'Several parameter groups may apply and they disagree: ' : '';
  return result(status, db, `${prefix}${message} (${facts.describe})`, attribute);
}

export const rule: Rule = {
  meta: {
    id: 'TG-TLS-006',
    title: 'RDS databases refuse connections without TLS',
    claim: 'transit-tls12',
    severity: 'medium',
    fix: 'reference a parameter group that sets rds.force_ssl = 1 (PostgreSQL) or require_secure_transport = ON (MySQL/MariaDB)',
    appliesTo: DATABASE_TYPES,
  },

  check({ graph }) {
    const out: RuleResult[] = [];
    for (const db of graph.resources(DATABASE_TYPES)) {
      const r = checkDatabase(graph, db);
      if (r) out.push(r);
    }
    return out;
  },
};
