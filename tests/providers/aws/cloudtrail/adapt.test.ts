import { loadModels } from '../../../helpers/models';

async function modelsOf(files: Record<string, string>) {
  return loadModels(files);
}

describe('adaptCloudTrail', () => {
  it('provider v5 defaults when omitted', async () => {
    const [t] = (await modelsOf({ 'main.tf': 'resource "aws_cloudtrail" "t" {\n  name = "t"\n}\n' })).cloudtrail.trails;
    expect([t.multiRegion, t.logFileValidation, t.globalServiceEvents, t.logging, t.kmsKey, t.cloudWatchLogsGroup].map((v) => [v.path, v.value, v.present])).toEqual([
      ['is_multi_region_trail', false, false],
      ['enable_log_file_validation', false, false],
      ['include_global_service_events', true, false],
      ['enable_logging', true, false],
      ['kms_key_id', false, false],
      ['cloud_watch_logs_group_arn', false, false],
    ]);
  });

  it('a key by reference is present, at its line and column', async () => {
    const [t] = (await modelsOf({ 'main.tf': 'resource "aws_kms_key" "k" {}\nresource "aws_cloudtrail" "t" {\n  name       = "t"\n  kms_key_id = aws_kms_key.k.arn\n}\n' })).cloudtrail.trails;
    expect([t.kmsKey.value, t.kmsKey.describe(), t.kmsKey.location?.startLine, t.kmsKey.location?.startColumn]).toEqual([true, 'kms_key_id = aws_kms_key.k.arn', 4, 3]);
  });
});
