import { loadModels } from '../../../helpers/models';

async function modelsOf(files: Record<string, string>) {
  return loadModels(files);
}

describe('adaptLogs', () => {
  it('retention_in_days: 0 by default, numeric strings as numbers, at their line and column', async () => {
    const { logGroups } = (await modelsOf({ 'main.tf': 'resource "aws_cloudwatch_log_group" "a" {}\nresource "aws_cloudwatch_log_group" "b" {\n  retention_in_days = "30"\n}\n' })).logs;
    expect(logGroups.map((g) => [g.address, g.retentionInDays.value, g.retentionInDays.isDefault, g.retentionInDays.location?.startLine, g.retentionInDays.location?.startColumn])).toEqual([
      ['aws_cloudwatch_log_group.a', 0, true, 1, 1],
      ['aws_cloudwatch_log_group.b', 30, false, 3, 3],
    ]);
  });
});
