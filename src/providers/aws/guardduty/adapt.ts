/** Builds the GuardDuty model: one `Detector` per `aws_guardduty_detector`. */
import type { AwsModels } from '..';
import { readVal, toBoolean } from '../../read';
import { DETECTOR_TYPES, Detector, GuardDutyModel } from './model';

export function adaptGuardDuty(aws: AwsModels): GuardDutyModel {
  const detectors = aws.graph.resources(DETECTOR_TYPES).map((node) => {
    const detector = new Detector(node);
    detector.enable = readVal(node, 'enable', toBoolean, true);
    return detector;
  });
  return { detectors };
}
