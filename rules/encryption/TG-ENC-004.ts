import { Unknown } from '../../src/eval/value';
import { GraphNode, ResourceGraph, SourceLocation } from '../../src/graph/model';
import { setting, show } from '../../src/rules/support/attributes';
import { referencedNodes } from '../../src/rules/support/references';
import { Rule, RuleResult } from '../../src/rules/types';

export const BUCKET_TYPES = ['aws_s3_bucket'] as const;
export const SSE_CONFIG_TYPES = ['aws_s3_bucket_server_side_encryption_configuration'] as const;

/** What S3 has applied to every new bucket without a configuration since January 2023. */
export const S3_DEFAULT = 'AWS default SSE-S3 (AES-256) since 2023-01';

const KMS_ALGORITHMS = ['aws:kms', 'aws:kms:dsse'];
const VALID_ALGORITHMS = ['AES256', ...KMS_ALGORITHMS];

interface Verdict {
  status: 'pass' | 'fail' | 'unknown';
  message: string;
  /** Where to point: the deciding attribute, possibly on the configuration resource. */
  location?: SourceLocation;
  attribute?: string;
  /** The resource the attribute is on: the bucket, or a configuration resource. */
  node: GraphNode;
}

/** A server-side encryption configuration that applies to a bucket: inline (v3) or a separate resource (v4+). */
interface SseConfig {
  node: GraphNode;
  /** Path of the configuration block inside `node` ('' for the separate resource). */
  path: string;
  /** `aws_s3_bucket_server_side_encryption_configuration.b (main.tf:5)` or `server_side_encryption_configuration`. */
  name: string;
}

function where(node: GraphNode): string {
  return node.location ? ` (${node.location.file}:${node.location.startLine})` : '';
}

interface ConfigIndex {
  byBucket: Map<string, SseConfig[]>;
  /** Configurations whose bucket is not known statically: they may apply to any bucket. */
  floating: Array<{ config: SseConfig; describe: string }>;
}

/** Which separate configurations apply to which bucket: by reference, else by a literal bucket name. */
function indexConfigs(graph: ResourceGraph, buckets: GraphNode[]): ConfigIndex {
  const byBucket = new Map<string, SseConfig[]>();
  const floating: ConfigIndex['floating'] = [];
  for (const node of graph.resources(SSE_CONFIG_TYPES)) {
    const config: SseConfig = { node, path: '', name: `${node.address}${where(node)}` };
    const add = (b: GraphNode) => byBucket.set(b.address, [...(byBucket.get(b.address) ?? []), config]);
    const { nodes, unresolved } = referencedNodes(graph, node, 'bucket', BUCKET_TYPES);
    if (nodes.length > 0) {
      nodes.forEach(add);
      continue;
    }
    const names = unresolved.filter((v): v is string => typeof v === 'string');
    const named = buckets.filter((b) => names.includes(b.attr('bucket').value as string));
    named.forEach(add);
    const u = unresolved.find((v): v is Unknown => v instanceof Unknown);
    if (named.length === 0 && u) floating.push({ config, describe: `${config.name} has a bucket that is not known statically (${u.describe()})` });
  }
  return { byBucket, floating };
}

function verdict(status: Verdict['status'], message: string, node: GraphNode, attribute: string): Verdict {
  return { status, message, location: node.locationOf(attribute), attribute, node };
}

/** One configuration: every `rule` must name a valid algorithm (a KMS one when `requireKms`). */
function judgeConfig(config: SseConfig, requireKms: boolean): Verdict[] {
  const { node } = config;
  const at = (p: string) => (config.path ? `${config.path}.${p}` : p);
  const label = config.path ? config.path.replace(/\.0$/, '') : config.name;
  const rules = node.blocks(at('rule'));
  const noAlgorithm = (why: string, attribute: string): Verdict =>
    requireKms
      ? verdict('fail', `${label}: ${why}, so the bucket keeps the ${S3_DEFAULT}; the profile requires SSE-KMS (s3_require_kms)`, node, attribute)
      : verdict('pass', `${label}: ${why}: ${S3_DEFAULT}`, node, attribute);
  if (rules.length === 0) return [noAlgorithm('has no rule', config.path || 'bucket')];
  return rules.map((r): Verdict => {
    if (r.value instanceof Unknown) return verdict('unknown', `${label}: its rule blocks are not known statically (${r.value.describe()})`, node, r.path);
    const defaults = node.blocks(`${r.path}.apply_server_side_encryption_by_default`);
    if (defaults.length === 0) return noAlgorithm('its rule has no apply_server_side_encryption_by_default', r.path);
    const d = defaults[0];
    if (d.value instanceof Unknown) return verdict('unknown', `${label}: apply_server_side_encryption_by_default is not known statically (${d.value.describe()})`, node, d.path);
    const algPath = `${d.path}.sse_algorithm`;
    const alg = setting(node, algPath);
    const v = alg.value;
    if (!alg.read.present) return verdict('fail', `${label}: sse_algorithm is not set in apply_server_side_encryption_by_default (the provider requires it)`, node, d.path);
    if (v instanceof Unknown) return verdict('unknown', `${label}: sse_algorithm is not known statically: ${show(v)}`, node, algPath);
    if (typeof v !== 'string' || !VALID_ALGORITHMS.includes(v)) {
      return verdict('fail', `${label}: ${alg.describe} is not a server-side encryption algorithm (AES256, aws:kms or aws:kms:dsse), so the configuration cannot be applied`, node, algPath);
    }
    if (KMS_ALGORITHMS.includes(v)) return verdict('pass', `${label}: ${alg.describe} (SSE-KMS)`, node, algPath);
    if (requireKms) return verdict('fail', `${label}: ${alg.describe} is SSE-S3, and the profile requires SSE-KMS (s3_require_kms)`, node, algPath);
    return verdict('pass', `${label}: ${alg.describe} (SSE-S3, AES-256)`, node, algPath);
  });
}

function toResult(bucket: GraphNode, status: Verdict['status'], message: string, first?: Verdict): RuleResult {
  const attribute = first && first.node === bucket ? first.attribute : undefined;
  return { status, node: bucket, attribute, location: first?.location ?? bucket.location, message };
}

function checkBucket(bucket: GraphNode, index: ConfigIndex, requireKms: boolean): RuleResult {
  const separate = index.byBucket.get(bucket.address) ?? [];
  const inline = bucket.blocks('server_side_encryption_configuration');
  const configs: SseConfig[] = separate.length > 0 ? separate : inline.map((b) => ({ node: bucket, path: b.path, name: 'server_side_encryption_configuration' }));
  const verdicts: Verdict[] = [];
  for (const c of configs) {
    const block = inline.find((b) => b.path === c.path && c.node === bucket);
    if (block && block.value instanceof Unknown) {
      verdicts.push(verdict('unknown', `server_side_encryption_configuration is not known statically (${block.value.describe()})`, bucket, block.path));
    } else {
      verdicts.push(...judgeConfig(c, requireKms));
    }
  }
  if (verdicts.length === 0) {
    // A configuration whose bucket is not known may apply to this bucket: it matters only where it would change the verdict.
    const own = requireKms ? 'fail' : 'pass';
    const differing = index.floating.filter((f) => judgeConfig(f.config, requireKms).some((v) => v.status !== own));
    if (differing.length > 0) {
      return toResult(bucket, 'unknown', `No server-side encryption configuration refers to this bucket, but ${differing.map((f) => f.describe).join('; ')}`);
    }
    if (requireKms) {
      return toResult(bucket, 'fail', `No server-side encryption configuration: the bucket gets the ${S3_DEFAULT}, and the profile requires SSE-KMS (s3_require_kms)`);
    }
    return toResult(bucket, 'pass', `No server-side encryption configuration: ${S3_DEFAULT}`);
  }
  const note = separate.length > 0 && inline.length > 0 ? ' (the separate configuration resource replaces the inline server_side_encryption_configuration)' : '';
  const failing = verdicts.filter((v) => v.status === 'fail');
  const unknowns = verdicts.filter((v) => v.status === 'unknown');
  if (failing.length > 0) return toResult(bucket, 'fail', failing.map((v) => v.message).join('; ') + note, failing[0]);
  if (unknowns.length > 0) return toResult(bucket, 'unknown', unknowns.map((v) => v.message).join('; ') + note, unknowns[0]);
  return toResult(bucket, 'pass', verdicts.map((v) => v.message).join('; ') + note, verdicts[0]);
}

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-004',
    title: 'S3 buckets are encrypted at rest',
    claim: 'rest-kms',
    severity: 'medium',
    fix: 'add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = "aws:kms"',
    appliesTo: BUCKET_TYPES,
  },

  check({ graph, params }) {
    const buckets = graph.resources(BUCKET_TYPES);
    const index = indexConfigs(graph, buckets);
    return buckets.map((bucket) => checkBucket(bucket, index, params.s3RequireKms));
  },
};
