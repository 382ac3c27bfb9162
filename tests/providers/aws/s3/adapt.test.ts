import { loadModels } from '../../../helpers/models';
import { planJson } from '../../../helpers/plan-builder';

async function s3Of(files: Record<string, string>, input?: string) {
  return (await loadModels(files, input)).s3;
}

const KMS_RULE = '  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "aws:kms"\n    }\n  }\n';

describe('adaptS3: which encryption configuration applies to a bucket', () => {
  it.each([
    {
      shape: 'v3 inline block',
      files: { 'main.tf': `resource "aws_s3_bucket" "b" {\n  server_side_encryption_configuration {\n${KMS_RULE}  }\n}\n` },
      inline: true,
      label: 'server_side_encryption_configuration',
      algorithm: { line: 5, column: 7 },
      replaced: false,
    },
    {
      shape: 'v4 separate resource by reference',
      files: { 'main.tf': `resource "aws_s3_bucket" "b" {}\nresource "aws_s3_bucket_server_side_encryption_configuration" "c" {\n  bucket = aws_s3_bucket.b.id\n${KMS_RULE}}\n` },
      inline: false,
      label: 'aws_s3_bucket_server_side_encryption_configuration.c (main.tf:2)',
      algorithm: { line: 6, column: 7 },
      replaced: false,
    },
    {
      shape: 'v4 separate resource by literal bucket name, replacing an inline block',
      files: {
        'main.tf': `resource "aws_s3_bucket" "b" {\n  bucket = "data"\n  server_side_encryption_configuration {\n${KMS_RULE}  }\n}\nresource "aws_s3_bucket_server_side_encryption_configuration" "c" {\n  bucket = "data"\n${KMS_RULE}}\n`,
      },
      inline: false,
      label: 'aws_s3_bucket_server_side_encryption_configuration.c (main.tf:11)',
      algorithm: { line: 15, column: 7 },
      replaced: true,
    },
  ])('$shape', async ({ files, inline, label, algorithm, replaced }) => {
    const { buckets } = await s3Of(files);
    expect(buckets.map((b) => b.address)).toEqual(['aws_s3_bucket.b']);
    const [config] = buckets[0].encryption;
    expect({ inline: config.inline, label: config.label, replaced: buckets[0].inlineReplaced }).toEqual({ inline, label, replaced });
    const alg = config.rules[0].algorithm!;
    expect({ value: alg.value, line: alg.location?.startLine, column: alg.location?.startColumn }).toEqual({ value: 'aws:kms', ...algorithm });
  });

  it('a configuration whose bucket is not known statically applies to no bucket and is kept apart', async () => {
    const { buckets, floatingEncryption } = await s3Of({
      'main.tf': `variable "b" {}\nresource "aws_s3_bucket" "b" {}\nresource "aws_s3_bucket_server_side_encryption_configuration" "c" {\n  bucket = var.b\n${KMS_RULE}}\n`,
    });
    expect(buckets[0].encryption).toEqual([]);
    expect(floatingEncryption.map((f) => f.describe)).toEqual([expect.stringContaining('aws_s3_bucket_server_side_encryption_configuration.c (main.tf:3) has a bucket that is not known statically (var.b')]);
  });

  it('an algorithm from a variable without value is unknown, with its reason and line', async () => {
    const { buckets } = await s3Of({
      'main.tf': `variable "alg" {}\nresource "aws_s3_bucket" "b" {\n  server_side_encryption_configuration {\n    rule {\n      apply_server_side_encryption_by_default {\n        sse_algorithm = var.alg\n      }\n    }\n  }\n}\n`,
    });
    const alg = buckets[0].encryption[0].rules[0].algorithm!;
    expect({ known: alg.known, reason: alg.reason, line: alg.location?.startLine, column: alg.location?.startColumn }).toEqual({ known: false, reason: expect.stringContaining('var.alg'), line: 6, column: 9 });
  });

  it('plan JSON: the separate resource linked through the plan configuration', async () => {
    const { buckets } = await s3Of(
      {
        'plan.json': planJson([
          { address: 'aws_s3_bucket.b', values: { bucket: 'data' } },
          { address: 'aws_s3_bucket_server_side_encryption_configuration.c', values: { bucket: 'data', rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256', kms_master_key_id: null }] }] } },
        ]),
      },
      'plan.json',
    );
    expect(buckets[0].encryption.map((c) => c.rules.map((r) => r.algorithm?.value))).toEqual([['AES256']]);
  });
});
