import { Rule } from '../../src/rules/types';
import { ACCESS_KEY_TYPES } from '../../src/providers/aws/iam/model';

export const rule: Rule = {
  meta: {
    id: 'TG-IAM-006',
    title: 'No long-lived IAM user access keys are created',
    claim: 'iam-least-privilege',
    severity: 'medium',
    fix: 'remove aws_iam_access_key; use a role with temporary credentials instead',
    appliesTo: ACCESS_KEY_TYPES,
    messages: {
      fail: 'Long-lived access key for IAM user {{user}}{{inactive}}: its secret is stored {{secret}} in the Terraform state, and the key does not expire',
    },
  },

  check({ aws, report }) {
    return aws.iam.accessKeys.map((key) => {
      const inactive = key.inactive ? ' (created with status = "Inactive", but it can be activated at any time)' : '';
      const secret = key.pgpEncrypted ? 'PGP-encrypted' : 'in plain text';
      return report('fail', key, 'fail', { user: key.userNames, inactive, secret }, key.userWritten ? 'user' : undefined);
    });
  },
};
