import { loadModels } from '../../../helpers/models';

async function modelsOf(files: Record<string, string>) {
  return loadModels(files);
}

describe('adaptGuardDuty', () => {
  it('enable: true by default; a variable without value is unknown with its reason', async () => {
    const { detectors } = (await modelsOf({ 'main.tf': 'variable "on" {}\nresource "aws_guardduty_detector" "a" {}\nresource "aws_guardduty_detector" "b" {\n  enable = var.on\n}\n' })).guardduty;
    expect(detectors.map((d) => [d.enable.value, d.enable.isDefault, d.enable.known, d.enable.location?.startLine, d.enable.location?.startColumn])).toEqual([
      [true, true, true, 2, 1],
      [undefined, false, false, 4, 3],
    ]);
    expect(detectors[1].enable.reason).toContain('var.on');
  });
});
