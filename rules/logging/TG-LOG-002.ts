import { DETECTOR_TYPES } from '../../src/providers/aws/guardduty/model';
import { whereWritten } from '../../src/rules/context';
import { Rule, RuleResult } from '../../src/rules/types';

export const rule: Rule = {
  meta: {
    id: 'TG-LOG-002',
    title: 'GuardDuty is enabled',
    claim: 'threat-detection',
    severity: 'high',
    existence: true,
    fix: 'create an aws_guardduty_detector with enable = true',
    appliesTo: DETECTOR_TYPES,
    messages: {
      pass: 'GuardDuty detector is enabled: {{value}}',
      fail: 'GuardDuty is suspended: {{value}}, so it produces no findings',
      unknown: '{{value}}: whether the detector is enabled is not known statically',
    },
  },

  check({ aws, verdict }): RuleResult[] {
    const { detectors } = aws.guardduty;
    if (detectors.length === 0) {
      return [
        {
          status: 'not-evidenced',
          message:
            'No aws_guardduty_detector in the scanned configuration: nothing shows that GuardDuty monitors the account (a detector managed elsewhere can be given to the profile as external evidence)',
        },
      ];
    }
    return detectors.map((d) => verdict(d, d.enable.is(true), whereWritten(d.enable), { data: { value: d.enable.describe() } }));
  },
};
