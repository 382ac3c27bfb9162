import { Rule, RuleResult, Status } from '../../src/rules/types';
import { ModelContext } from '../../src/rules/context';
import { Database, ParameterGroup, TlsEngine, TlsSettings, parseFamily } from '../../src/providers/aws/rds/model';
import { isMistyped } from '../../src/providers/mistyped';

export const DATABASE_TYPES = ['aws_db_instance', 'aws_rds_cluster'] as const;

/** The parameter that makes the engine refuse connections without TLS. */
const TLS_PARAMETER: Readonly<Record<TlsEngine, string>> = {
  postgres: 'rds.force_ssl',
  'aurora-postgresql': 'rds.force_ssl',
  mysql: 'require_secure_transport',
  'aurora-mysql': 'require_secure_transport',
  mariadb: 'require_secure_transport',
};

/** RDS for PostgreSQL defaults `rds.force_ssl` to 1 from major version 15 on; every other covered engine defaults to plaintext allowed. */
const POSTGRES_FORCE_SSL_DEFAULT_FROM = 15;

interface Verdict {
  status: Exclude<Status, 'not-evidenced'>;
  message: string;
}

/** The major version: the family's, else `engine_version`'s. */
function majorVersion(tls: TlsSettings, family: string | undefined): { major?: number; describe: string } {
  const parsed = family ? parseFamily(family) : {};
  if (family && parsed.major !== undefined) return { major: parsed.major, describe: `family ${JSON.stringify(family.replace(/^default[.:]/i, ''))}` };
  return tls.engineVersion;
}

function engineDefault(engine: TlsEngine, tls: TlsSettings, family: string | undefined, what: string): Verdict {
  const parameter = TLS_PARAMETER[engine];
  if (engine !== 'postgres') {
    const off = parameter === 'rds.force_ssl' ? `${parameter} = 0` : `${parameter} = OFF`;
    return { status: 'fail', message: `${what}: the ${engine} default is ${off}, so clients may connect without TLS` };
  }
  const version = majorVersion(tls, family);
  if (version.major === undefined) {
    return { status: 'unknown', message: `${what}: PostgreSQL defaults to rds.force_ssl = 1 only from version ${POSTGRES_FORCE_SSL_DEFAULT_FROM}, and the version is not known (${version.describe})` };
  }
  const on = version.major >= POSTGRES_FORCE_SSL_DEFAULT_FROM;
  const effect = on ? 'rds.force_ssl = 1' : 'rds.force_ssl = 0, so clients may connect without TLS';
  return { status: on ? 'pass' : 'fail', message: `${what}: PostgreSQL ${version.major} (${version.describe}) defaults to ${effect}` };
}

/** Whether a parameter value turns TLS enforcement on (true), off (false) or is not recognised (undefined). */
function enforces(parameter: string, value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (parameter === 'rds.force_ssl') return v === '1' ? true : v === '0' ? false : undefined;
  if (['1', 'on', 'true'].includes(v)) return true;
  if (['0', 'off', 'false'].includes(v)) return false;
  return undefined;
}

function judgeCustomGroup(group: ParameterGroup, engine: TlsEngine, tls: TlsSettings): Verdict {
  const parameter = TLS_PARAMETER[engine];
  const loc = group.locationOf('');
  const name = `${group.address}${loc ? ` (${loc.file}:${loc.startLine})` : ''}`;
  const set = group.parameter(parameter);
  if (set.found) {
    const v = set.value;
    const shown = v.describe();
    if (!v.known && !isMistyped(v)) return { status: 'unknown', message: `${name} sets ${parameter} to a value that is not known statically: ${v.reason}` };
    const on = v.value === undefined ? undefined : enforces(parameter, v.value);
    if (on === true) return { status: 'pass', message: `${name} sets ${parameter} = ${shown}` };
    if (on === false) return { status: 'fail', message: `${name} sets ${parameter} = ${shown}, so clients may connect without TLS` };
    return { status: 'unknown', message: `${name} sets ${parameter} = ${shown}, which is not a recognised value` };
  }
  if (set.open) return { status: 'unknown', message: `${name} has parameter blocks that are not known statically (${set.open}): whether it sets ${parameter} is not known` };
  const verdict = engineDefault(engine, tls, group.family.value, `${name} does not set ${parameter}, so its family default applies`);
  const missing = verdict.status === 'unknown' ? group.missingFamily : undefined;
  return missing ? { ...verdict, message: `${verdict.message}; ${group.address}: ${missing}` } : verdict;
}

function checkDatabase(db: Database, tls: TlsSettings, report: ModelContext['report']): RuleResult | undefined {
  const { engine: facts, attribute, groups } = tls;
  const at = tls.attributeWritten ? attribute : undefined;
  if ('notApplicable' in facts) return undefined;
  // Aurora instances take TLS enforcement from their cluster's parameter group (checked on aws_rds_cluster).
  if ('engine' in facts && db.type === 'aws_db_instance' && facts.engine.startsWith('aurora')) return undefined;
  if ('unknown' in facts) {
    const why = [facts.unknown, ...groups.flatMap((g) => (g.kind === 'unknown' ? [g.message] : []))].join('; ');
    return report('unknown', db, 'undecided', { why }, facts.unknown.startsWith('engine is not known') ? 'engine' : at);
  }
  const verdicts: Verdict[] = groups.map((g) => {
    if (g.kind === 'unknown') return { status: 'unknown', message: g.message };
    if (g.kind === 'custom') return judgeCustomGroup(g.group, facts.engine, tls);
    const what = g.name ? `${attribute} = ${JSON.stringify(g.name)} is an AWS default parameter group` : `${attribute} is not set, so the engine's default parameter group applies`;
    return engineDefault(facts.engine, tls, g.name, what);
  });
  const statuses = new Set(verdicts.map((v) => v.status));
  const status = statuses.size === 1 ? verdicts[0].status : 'unknown';
  const prefix = status === 'unknown' && statuses.size > 1 ? 'Several parameter groups may apply and they disagree: ' : '';
  return report(status, db, 'verdict', { prefix, message: verdicts.map((v) => v.message).join('; '), engine: facts.describe }, at);
}

export const rule: Rule = {
  meta: {
    id: 'TG-TLS-006',
    title: 'RDS databases refuse connections without TLS',
    claim: 'transit-tls12',
    severity: 'medium',
    fix: 'reference a parameter group that sets rds.force_ssl = 1 (PostgreSQL) or require_secure_transport = ON (MySQL/MariaDB)',
    appliesTo: DATABASE_TYPES,
    messages: {
      verdict: '{{prefix}}{{message}} ({{engine}})',
      undecided: 'Cannot tell which TLS parameter applies: {{why}}',
    },
  },

  check({ aws, report }) {
    return aws.rds.databases.flatMap((db) => (db.tls ? (checkDatabase(db, db.tls, report) ?? []) : []));
  },
};
