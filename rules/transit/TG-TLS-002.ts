import { Unknown, Value } from '../../src/eval/value';
import { GraphNode } from '../../src/graph/model';
import { RuleParameters } from '../../src/rules/parameters';
import { asBoolean, setting, show } from '../../src/rules/support/attributes';
import { combineParts } from '../../src/rules/support/results';
import { acceptsOnlyTls12Plus, minTlsVersion, showTlsVersion } from '../../src/rules/support/tls-policies';
import { ResultPart, Rule } from '../../src/rules/types';

export const DISTRIBUTION_TYPES = ['aws_cloudfront_distribution'] as const;

/** The provider's default `viewer_certificate.minimum_protocol_version`, and what CloudFront uses with its default certificate. */
export const DEFAULT_MINIMUM_PROTOCOL_VERSION = 'TLSv1';

const HTTPS_VIEWER_POLICIES = ['redirect-to-https', 'https-only'];

function describeAt(node: GraphNode, path: string): string {
  const read = node.attr(path);
  const origin = read.origins.length > 0 ? ` (${read.origins.join(', ')})` : '';
  return `${path} = ${show(read.value)}${origin}`;
}

function part(name: string, status: ResultPart['status'], message: string, attribute?: string): ResultPart {
  return { name, status, message, attribute };
}

/** `viewer_protocol_policy` of one cache behavior block. */
function behaviorPart(node: GraphNode, path: string, value: Value): ResultPart {
  const root = path.replace(/\.\d+$/, '');
  const pattern = value instanceof Unknown ? undefined : node.attr(`${path}.path_pattern`).value;
  const name = root === 'default_cache_behavior' ? root : `${path.replace(/\.(\d+)$/, '[$1]')}${typeof pattern === 'string' ? ` (${pattern})` : ''}`;
  if (value instanceof Unknown) return part(name, 'unknown', `${root} blocks are not known statically: ${value.describe()}`, root);
  const vppPath = `${path}.viewer_protocol_policy`;
  const vpp = node.attr(vppPath);
  if (!vpp.present) return part(name, 'fail', `${name} has no viewer_protocol_policy (the provider requires one): HTTPS is not enforced`, path);
  if (vpp.value instanceof Unknown) return part(name, 'unknown', `${describeAt(node, vppPath)}: not known statically`, vppPath);
  if (typeof vpp.value === 'string' && HTTPS_VIEWER_POLICIES.includes(vpp.value)) return part(name, 'pass', describeAt(node, vppPath), vppPath);
  return part(name, 'fail', `${describeAt(node, vppPath)} lets viewers use plain HTTP`, vppPath);
}

/** `viewer_certificate`: the default certificate, and the minimum protocol version of a custom one. */
function certificateParts(node: GraphNode, params: RuleParameters): ResultPart[] {
  const blocks = node.blocks('viewer_certificate');
  if (blocks.length === 0) {
    return [
      part(
        'viewer_certificate',
        'fail',
        `viewer_certificate is not set: the CloudFront default certificate applies, with security policy ${DEFAULT_MINIMUM_PROTOCOL_VERSION} (accepts TLS 1.0)`,
      ),
    ];
  }
  const { path, value } = blocks[0];
  if (value instanceof Unknown) return [part('viewer_certificate', 'unknown', `viewer_certificate is not known statically: ${value.describe()}`, 'viewer_certificate')];
  const parts: ResultPart[] = [];
  const certPath = `${path}.cloudfront_default_certificate`;
  const cert = setting(node, certPath, false);
  const usesDefault = asBoolean(cert.value);
  if (usesDefault === true) {
    // CloudFront ignores minimum_protocol_version with its default certificate.
    return [
      part(
        'cloudfront_default_certificate',
        'fail',
        `${cert.describe}: the CloudFront default certificate uses security policy ${DEFAULT_MINIMUM_PROTOCOL_VERSION} whatever minimum_protocol_version says, so viewers may use TLS 1.0`,
        certPath,
      ),
    ];
  }
  if (usesDefault instanceof Unknown) {
    parts.push(part('cloudfront_default_certificate', 'unknown', `${cert.describe}: whether the default certificate (TLSv1) is used is not known statically`, certPath));
  } else if (usesDefault === undefined) {
    parts.push(part('cloudfront_default_certificate', 'unknown', `${cert.describe} is not a boolean`, certPath));
  }
  const versionPath = `${path}.minimum_protocol_version`;
  const version = setting(node, versionPath, DEFAULT_MINIMUM_PROTOCOL_VERSION);
  const attribute = version.read.present ? versionPath : path;
  const v = version.value;
  if (v instanceof Unknown) {
    parts.push(part('minimum_protocol_version', 'unknown', `${version.describe}: not known statically`, versionPath));
  } else if (typeof v !== 'string') {
    parts.push(part('minimum_protocol_version', 'unknown', `${version.describe} is not a security policy name`, attribute));
  } else {
    const ok = acceptsOnlyTls12Plus('cloudfront', v, params.acceptedTlsPolicies);
    const min = minTlsVersion('cloudfront', v);
    if (ok === true) {
      parts.push(part('minimum_protocol_version', 'pass', `${version.describe}${min ? ` (${showTlsVersion(min)} or newer)` : ' (accepted by the profile)'}`, attribute));
    } else if (ok === false) {
      parts.push(part('minimum_protocol_version', 'fail', `${version.describe} accepts ${showTlsVersion(min!)}: TLSv1.2_2018 or newer is required`, attribute));
    } else {
      parts.push(
        part(
          'minimum_protocol_version',
          'unknown',
          `${version.describe} is not a known CloudFront security policy (list it in the profile's acceptedTlsPolicies if it only allows TLS 1.2 or newer)`,
          attribute,
        ),
      );
    }
  }
  return parts;
}

export const rule: Rule = {
  meta: {
    id: 'TG-TLS-002',
    title: 'CloudFront distributions require HTTPS with TLS 1.2 or newer from viewers',
    claim: 'transit-tls12',
    severity: 'high',
    fix: 'set viewer_protocol_policy = "redirect-to-https" and a custom certificate with minimum_protocol_version = "TLSv1.2_2021"',
    appliesTo: DISTRIBUTION_TYPES,
  },

  check({ graph, params }) {
    return graph.resources(DISTRIBUTION_TYPES).map((node) => {
      const parts: ResultPart[] = [];
      const defaults = node.blocks('default_cache_behavior');
      if (defaults.length === 0) {
        parts.push(part('default_cache_behavior', 'fail', 'default_cache_behavior is not set (the provider requires it): HTTPS is not enforced'));
      }
      for (const b of defaults) parts.push(behaviorPart(node, b.path, b.value));
      for (const b of node.blocks('ordered_cache_behavior')) parts.push(behaviorPart(node, b.path, b.value));
      parts.push(...certificateParts(node, params));
      return combineParts(node, parts, parts.map((p) => p.message).join('; '));
    });
  },
};
