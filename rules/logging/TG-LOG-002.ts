import { Unknown } from '../../src/eval/value';
import { asBoolean, setting } from '../../src/rules/support/attributes';
import { fail, pass, unknown } from '../../src/rules/support/results';
import { Rule } from '../../src/rules/types';

export const DETECTOR_TYPES = ['aws_guardduty_detector'] as const;

export const rule: Rule = {
  meta: {
    id: 'TG-LOG-002',
    title: 'GuardDuty is enabled',
    claim: 'threat-detection',
    severity: 'high',
    existence: true,
    fix: 'create an aws_guardduty_detector with enable = true',
    appliesTo: DETECTOR_TYPES,
  },

  check({ graph }) {
    const detectors = graph.resources(DETECTOR_TYPES);
    if (detectors.length === 0) {
      return [
        {
          status: 'not-evidenced',
          message:
            'No aws_guardduty_detector in the scanned configuration: nothing shows that GuardDuty monitors the account (a detector managed elsewhere can be given to the profile as external evidence)',
        },
      ];
    }
    return detectors.map((node) => {
      const enable = setting(node, 'enable', true);
      const attribute = enable.read.present ? 'enable' : undefined;
      const v = asBoolean(enable.value);
      if (v === true) return pass(node, `GuardDuty detector is enabled: ${enable.describe}`, attribute);
      if (v === false) return fail(node, `GuardDuty is suspended: ${enable.describe}, so it produces no findings`, attribute);
      if (v instanceof Unknown) return unknown(node, `${enable.describe}: whether the detector is enabled is not known statically`, attribute);
      return unknown(node, `${enable.describe} is not a boolean`, attribute);
    });
  },
};
