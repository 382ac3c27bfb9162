import { Unknown, Value } from '../../src/eval/value';
import { GraphNode } from '../../src/graph/model';
import { RuleParameters } from '../../src/rules/parameters';
import { show } from '../../src/rules/support/attributes';
import { combineParts, result } from '../../src/rules/support/results';
import { missingRequired } from '../../src/rules/support/required';
import { acceptsOnlyTls12Plus, minTlsVersion, showTlsVersion } from '../../src/rules/support/tls-policies';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';

export const DISTRIBUTION_TYPES = ['aws_cloudfront_distribution'] as const;

/** `name = "value" (origins)`: an attribute of an origin block, with where its value came from. */
function describeAt(node: GraphNode, path: string): string {
  const read = node.attr(path);
  const origin = read.origins.length > 0 && !(read.value instanceof Unknown) ? ` (${read.origins.join(', ')})` : '';
  return `${path.split('.').pop()} = ${show(read.value)}${origin}`;
}

function part(name: string, status: ResultPart['status'], message: string, attribute?: string): ResultPart {
  return { name, status, message, attribute };
}

/** `origin[0] ("api")`: an origin block as messages name it. */
function originName(node: GraphNode, path: string): string {
  const id = node.attr(`${path}.origin_id`).value;
  return `${path.replace(/\.(\d+)$/, '[$1]')}${typeof id === 'string' ? ` (${JSON.stringify(id)})` : ''}`;
}

/** `origin_protocol_policy`: only `https-only` keeps CloudFront from talking plain HTTP to the origin. */
function protocolPolicyPart(node: GraphNode, name: string, configPath: string): ResultPart {
  const path = `${configPath}.origin_protocol_policy`;
  const read = node.attr(path);
  const partName = `${name} origin_protocol_policy`;
  if (!read.present) {
    return part(partName, 'fail', `${name}: custom_origin_config has no origin_protocol_policy (the provider requires one): HTTPS to the origin is not enforced`, configPath);
  }
  if (read.value instanceof Unknown) return part(partName, 'unknown', `${name}: ${describeAt(node, path)}: not known statically`, path);
  if (read.value === 'https-only') return part(partName, 'pass', `${name}: ${describeAt(node, path)}`, path);
  const why = read.value === 'match-viewer' ? 'uses plain HTTP towards the origin whenever the viewer does' : read.value === 'http-only' ? 'uses plain HTTP towards the origin' : 'is not "https-only"';
  return part(partName, 'fail', `${name}: ${describeAt(node, path)} ${why}`, path);
}

/** `origin_ssl_protocols`: every protocol CloudFront may use towards the origin must be TLS 1.2 or newer. */
function sslProtocolsPart(node: GraphNode, name: string, configPath: string, params: RuleParameters): ResultPart {
  const path = `${configPath}.origin_ssl_protocols`;
  const read = node.attr(path);
  const partName = `${name} origin_ssl_protocols`;
  if (!read.present) {
    return part(partName, 'fail', `${name}: custom_origin_config has no origin_ssl_protocols (the provider requires them): the protocols towards the origin are not limited to TLS 1.2`, configPath);
  }
  const described = describeAt(node, path);
  if (read.value instanceof Unknown) return part(partName, 'unknown', `${name}: ${described}: not known statically`, path);
  const items: Value[] = Array.isArray(read.value) ? read.value : [read.value as Value];
  if (items.length === 0) return part(partName, 'fail', `${name}: ${described} is empty (the provider requires at least one protocol)`, path);
  const weak: string[] = [];
  const unknownItems: string[] = [];
  for (const item of items) {
    if (item instanceof Unknown) {
      unknownItems.push(`${item.describe()}`);
      continue;
    }
    if (typeof item !== 'string') {
      unknownItems.push(`${show(item)} (not a protocol name)`);
      continue;
    }
    const ok = acceptsOnlyTls12Plus('cloudfront_origin', item, params.acceptedTlsPolicies);
    const min = minTlsVersion('cloudfront_origin', item);
    if (ok === false && min) weak.push(showTlsVersion(min) === item ? JSON.stringify(item) : `${JSON.stringify(item)} (${showTlsVersion(min)})`);
    else if (ok !== true) unknownItems.push(`${JSON.stringify(item)} is not a known origin protocol`);
  }
  if (weak.length > 0) return part(partName, 'fail', `${name}: ${described} allows ${weak.join(', ')} towards the origin: only TLSv1.2 is allowed`, path);
  if (unknownItems.length > 0) {
    return part(partName, 'unknown', `${name}: ${described}: ${unknownItems.join('; ')} (list a protocol in the profile's acceptedTlsPolicies if it is TLS 1.2 or newer)`, path);
  }
  return part(partName, 'pass', `${name}: ${described}`, path);
}

function originParts(node: GraphNode, path: string, value: Value, params: RuleParameters): ResultPart[] {
  if (value instanceof Unknown) return [part(path, 'unknown', `origin blocks are not known statically: ${value.describe()}`, 'origin')];
  const name = originName(node, path);
  const configs = node.blocks(`${path}.custom_origin_config`);
  if (configs.length === 0) {
    const kind = node.attr(`${path}.vpc_origin_config`).present ? 'a VPC origin (vpc_origin_config)' : 'an S3 or other AWS origin';
    return [part(name, 'pass', `${name} has no custom_origin_config: ${kind}`, path)];
  }
  const parts: ResultPart[] = [];
  for (const config of configs) {
    if (config.value instanceof Unknown) {
      parts.push(part(name, 'unknown', `${name}: custom_origin_config is not known statically: ${config.value.describe()}`, config.path));
      continue;
    }
    parts.push(protocolPolicyPart(node, name, config.path), sslProtocolsPart(node, name, config.path, params));
  }
  return parts;
}

function checkDistribution(node: GraphNode, params: RuleParameters): RuleResult {
  const origins = node.blocks('origin');
  if (origins.length === 0) return result('unknown', node, `${missingRequired(node, 'origin') ?? 'no origin block'}; the origins are not known`);
  const parts = origins.flatMap((o) => originParts(node, o.path, o.value, params));
  const custom = parts.filter((p) => p.name.endsWith(' origin_protocol_policy')).length;
  const summary =
    custom === 0
      ? `no custom origins (${parts.map((p) => p.message).join('; ')})`
      : `every custom origin uses HTTPS with TLS 1.2 only: ${parts.filter((p) => p.status === 'pass').map((p) => p.message).join('; ')}`;
  return combineParts(node, parts, summary);
}

export const rule: Rule = {
  meta: {
    id: 'TG-TLS-003',
    title: 'CloudFront connects to custom origins with HTTPS and TLS 1.2 only',
    claim: 'transit-tls12',
    severity: 'high',
    fix: 'set origin_protocol_policy = "https-only" and origin_ssl_protocols = ["TLSv1.2"] on every custom origin',
    appliesTo: DISTRIBUTION_TYPES,
  },

  check({ graph, params }) {
    return graph.resources(DISTRIBUTION_TYPES).map((node) => checkDistribution(node, params));
  },
};
