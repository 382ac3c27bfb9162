import { ResultPart, Rule } from '../../src/rules/types';
import type { Secret } from '../../src/providers/aws/secrets';

export const SECRET_TYPES = ['aws_db_instance', 'aws_rds_cluster', 'aws_elasticache_replication_group', 'aws_opensearch_domain', 'aws_elasticsearch_domain'];

/** `a string literal of 12 characters` — never the value itself. */
function literal(n: number): string {
  return `a string literal of ${n} character${n === 1 ? '' : 's'}`;
}

/**
 * One written secret. Not known statically (an input without value, a resource attribute): not in the
 * configuration, pass; supplied with `--var` / `TF_VAR_` at scan time: pass; known otherwise (a .tf
 * literal, a variable default, a local, a module argument, a .tfvars file): fail; known in a plan,
 * which does not say whether it was a literal: unknown. The value is never put in a message.
 */
function secretPart({ name, path, source }: Secret): ResultPart {
  const part = (status: ResultPart['status'], message: string): ResultPart => ({ name, status, message, attribute: path });
  switch (source.kind) {
    case 'unevaluated':
      return part('unknown', `${name} could not be evaluated (see the load diagnostics)`);
    case 'resource':
      return part('pass', `${name} comes from ${source.from}: not a literal in the configuration`);
    case 'input':
      return part('pass', `${name} comes from ${source.via}: not known statically, so not a literal in the configuration`);
    case 'expression':
      return part('unknown', `${name} is an expression over ${source.via} that is not known statically: it may fall back to a literal written in the configuration`);
    case 'not-string':
      return part('unknown', `${name} is not a string`);
    case 'empty':
      return part('pass', `${name} is an empty string: no secret is written`);
    case 'plan':
      return part(
        'unknown',
        `${name} holds a known value in the plan (a string of ${source.length} characters); plan JSON does not say whether it was written as a literal or passed in through a variable: scan the Terraform files to tell`,
      );
    case 'outside':
      return part('pass', `${name} comes from ${source.origin}, supplied outside the scanned files`);
    case 'literal':
      return part('fail', `${name} is ${literal(source.length)} written in the configuration (plaintext${source.where ? `, ${source.where}` : ''})`);
    case 'variable':
      return part('fail', `${name} is ${literal(source.length)} from ${source.origins.join(', ')}: a plaintext secret in the scanned files`);
  }
}

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-009',
    title: 'No plaintext database or cache secrets in the configuration',
    claim: 'rest-kms',
    severity: 'high',
    fix: 'remove the literal: use manage_master_user_password = true, a secrets-manager data source, or a sensitive variable without default',
    appliesTo: SECRET_TYPES,
    messages: {
      managed: 'manage_master_user_password = true: RDS generates the master password and keeps it in Secrets Manager',
      none: '{{names}} not set: no secret is written in the configuration',
    },
  },

  check({ aws, report, combine }) {
    const holders = [
      ...aws.rds.databases.filter((db) => db.secretNames.length > 0).map((db) => ({ subject: db, secrets: db.secrets, names: db.secretNames, managed: db.manageMasterUserPassword })),
      ...aws.elasticache.replicationGroups.map((g) => ({ subject: g, secrets: g.secrets, names: ['auth_token'], managed: undefined })),
      ...aws.opensearch.domains.map((d) => ({ subject: d, secrets: d.secrets, names: ['master_user_password'], managed: undefined })),
    ];
    return holders.map(({ subject, secrets, names, managed }) => {
      if (secrets.length > 0) {
        const parts = secrets.map(secretPart);
        return combine(subject, parts, parts.map((p) => p.message).join('; '));
      }
      if (managed?.present && managed.value === true) return report('pass', subject, 'managed', {}, managed);
      return report('pass', subject, 'none', { names: names.join(' / ') });
    });
  },
};
