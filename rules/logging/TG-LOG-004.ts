import { LOG_GROUP_TYPES } from '../../src/providers/aws/logs/model';
import { whereWritten } from '../../src/rules/context';
import { Rule } from '../../src/rules/types';

export const rule: Rule = {
  meta: {
    id: 'TG-LOG-004',
    title: 'CloudWatch log groups expire their events',
    claim: 'retention',
    severity: 'low',
    fix: 'set retention_in_days to the retention period of your policy (e.g. 90)',
    appliesTo: LOG_GROUP_TYPES,
    messages: {
      pass: 'Log events expire after {{days}}: {{value}}',
      fail: 'Log events never expire: {{value}}',
      unknown: '{{value}}: the retention period is not known statically',
    },
  },

  check({ aws, verdict }) {
    return aws.logs.logGroups.map((group) => {
      const retention = group.retentionInDays;
      const days = retention.value ?? 0;
      const data = { value: retention.describe(), days: `${days} day${days === 1 ? '' : 's'}` };
      return verdict(group, retention.test((n) => n !== undefined && n > 0), whereWritten(retention), { data });
    });
  },
};
