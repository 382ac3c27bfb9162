/** GuardDuty: the detectors that monitor an account and region. */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';

export const DETECTOR_TYPES = ['aws_guardduty_detector'] as const;

export class Detector extends ModelResource {
  /** `enable`, default true: a detector is on unless suspended. */
  enable!: Val<boolean>;
}

export interface GuardDutyModel {
  detectors: Detector[];
}
