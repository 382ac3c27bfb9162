import { Rule } from '../../src/rules/types';
import { DATABASE_TYPES } from '../../src/providers/aws/rds/model';

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-002',
    title: 'Databases are encrypted with a customer-managed KMS key',
    claim: 'rest-kms',
    severity: 'medium',
    fix: 'set kms_key_id to a customer-managed aws_kms_key',
    appliesTo: DATABASE_TYPES,
    messages: {
      pass: '{{value}}',
      fail: '{{value}}',
      unknown: '{{value}}',
      omitted: 'No customer-managed key: {{attribute}} is not set, so AWS uses the AWS-managed key (alias/aws/rds)',
    },
  },

  check({ aws, verdict, report }) {
    return aws.rds.databases.map((db) => {
      const key = db.customerKey;
      // Omitted: the service's AWS-managed key, which the customer can neither control nor audit.
      if (!key.present) return report('fail', db, 'omitted', { attribute: key.path });
      return verdict(db, key.is(true), key);
    });
  },
};
