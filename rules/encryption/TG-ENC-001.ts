import { whereWritten } from '../../src/rules/context';
import { Rule } from '../../src/rules/types';
import { DATABASE_TYPES } from '../../src/providers/aws/rds/model';

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-001',
    title: 'Databases encrypt their storage at rest',
    claim: 'rest-kms',
    severity: 'high',
    fix: 'set storage_encrypted = true',
    appliesTo: DATABASE_TYPES,
    messages: {
      pass: '{{value}}',
      fail: 'Storage is not encrypted: {{value}}',
      unknown: 'storage_encrypted is not known statically: {{value}}',
      serverless: 'engine_mode = "serverless": Aurora Serverless v1 storage is always encrypted',
      inherits: 'inherits encryption from {{source}} (storage_encrypted = true) through {{attribute}}',
      inheritsUnknown: 'storage_encrypted is not set and {{attribute}} is: encryption is inherited from the source, which is not known to be encrypted',
    },
  },

  check({ aws, verdict, report }) {
    return aws.rds.databases.map((db) => {
      if (db.type === 'aws_rds_cluster' && db.engineMode.is('serverless') === true) return report('pass', db, 'serverless', {}, db.engineMode);
      const source = db.storageSource;
      if (source && !db.storageEncrypted.present) {
        const encrypted = source.databases.find((s) => s.storageEncrypted.is(true) === true);
        const data = { attribute: source.attribute, source: encrypted?.address ?? '' };
        return report(encrypted ? 'pass' : 'unknown', db, encrypted ? 'inherits' : 'inheritsUnknown', data, source.attribute);
      }
      const encrypted = db.storageEncrypted;
      // An omitted setting that fails points at the block (no attribute), as results always have: baselines match.
      const answer = encrypted.is(true);
      return verdict(db, answer, answer === false ? whereWritten(encrypted) : encrypted.path, { data: { value: encrypted.describe() } });
    });
  },
};
