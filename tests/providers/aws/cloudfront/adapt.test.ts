import { loadModels } from '../../../helpers/models';
/** The CloudFront model per Terraform shape: behaviours, certificate defaults, origins, logging, and exact leaf locations. */
import type { CloudFrontModel } from '../../../../src/providers/aws/cloudfront/model';

const tf = (...lines: string[]) => lines.join('\n') + '\n';

async function cloudfrontOf(files: Record<string, string>): Promise<CloudFrontModel> {
  return (await loadModels(files)).cloudfront;
}

describe('cloudfront adapter', () => {
  it('behaviours, a custom certificate, a custom origin and logging_config, with their locations', async () => {
    const [d] = (
      await cloudfrontOf({
        'main.tf': tf(
          'resource "aws_cloudfront_distribution" "site" {',
          '  origin {',
          '    origin_id   = "api"',
          '    domain_name = "api.example.com"',
          '    custom_origin_config {',
          '      origin_protocol_policy = "https-only"',
          '      origin_ssl_protocols   = ["TLSv1.2", "TLSv1"]',
          '    }',
          '  }',
          '  default_cache_behavior {',
          '    viewer_protocol_policy = "redirect-to-https"',
          '  }',
          '  ordered_cache_behavior {',
          '    path_pattern           = "/api/*"',
          '    viewer_protocol_policy = "allow-all"',
          '  }',
          '  viewer_certificate {',
          '    ssl_support_method = "sni-only"',
          '  }',
          '  logging_config {',
          '    bucket = aws_s3_bucket.logs.bucket_domain_name',
          '  }',
          '}',
        ),
      })
    ).distributions;
    const [def] = d.defaultCacheBehaviors;
    expect([def.viewerProtocolPolicy.describe(), def.viewerProtocolPolicy.location?.startLine, def.viewerProtocolPolicy.location?.startColumn]).toEqual([
      'default_cache_behavior.0.viewer_protocol_policy = "redirect-to-https"',
      11,
      5,
    ]);
    expect(d.orderedCacheBehaviors.map((b) => [b.name, b.pathPattern, b.viewerProtocolPolicy.value])).toEqual([['ordered_cache_behavior[0]', '/api/*', 'allow-all']]);
    const cert = d.viewerCertificate!;
    expect([cert.defaultCertificate.value, cert.defaultCertificate.isDefault, cert.minimumProtocolVersion.value, cert.minimumProtocolVersion.isDefault]).toEqual([false, true, 'TLSv1', true]);
    expect(cert.minimumProtocolVersion.describe()).toBe('minimum_protocol_version = "TLSv1" (not set in the viewer_certificate block: provider default)');
    const [origin] = d.origins;
    expect([origin.label, origin.vpcOrigin]).toEqual(['origin[0] ("api")', false]);
    const [config] = origin.customOriginConfigs;
    expect([config.protocolPolicy.value, config.protocolPolicy.location?.startLine, config.protocolPolicy.location?.startColumn]).toEqual(['https-only', 6, 7]);
    expect(config.protocols).toEqual([{ name: 'TLSv1.2' }, { name: 'TLSv1' }]);
    expect([d.loggingConfig?.bucket.value, d.loggingConfig?.bucket.location?.startLine]).toEqual([true, 21]);
    expect(d.noOrigin).toBeUndefined();
  });

  it('no origin, no certificate, and standard logging v2 through a delivery named literally', async () => {
    const [d] = (
      await cloudfrontOf({
        'main.tf': tf(
          'resource "aws_cloudfront_distribution" "site" {}',
          'resource "aws_cloudwatch_log_delivery_source" "cf" {',
          '  name         = "cf-access"',
          '  log_type     = "ACCESS_LOGS"',
          '  resource_arn = aws_cloudfront_distribution.site.arn',
          '}',
          'resource "aws_cloudwatch_log_delivery" "cf" {',
          '  delivery_source_name = "cf-access"',
          '}',
        ),
      })
    ).distributions;
    expect(d.noOrigin).toContain('origin');
    expect(d.viewerCertificate).toBeUndefined();
    expect(d.logDeliverySources.map((s) => [s.source.address, s.logType.value, s.deliveries.map((x) => x.address)])).toEqual([
      ['aws_cloudwatch_log_delivery_source.cf', 'ACCESS_LOGS', ['aws_cloudwatch_log_delivery.cf']],
    ]);
  });

  it('an unknown custom_origin_config and an unknown protocol entry carry their reasons', async () => {
    const [d] = (
      await cloudfrontOf({
        'main.tf': tf(
          'variable "proto" {}',
          'resource "aws_cloudfront_distribution" "site" {',
          '  origin {',
          '    origin_id = "a"',
          '    custom_origin_config {',
          '      origin_protocol_policy = "https-only"',
          '      origin_ssl_protocols   = [var.proto]',
          '    }',
          '  }',
          '}',
        ),
      })
    ).distributions;
    const [config] = d.origins[0].customOriginConfigs;
    expect(config.sslProtocols.known).toBe(true);
    expect(config.protocols).toEqual([{ unknown: expect.stringContaining('var.proto') }]);
  });
});
