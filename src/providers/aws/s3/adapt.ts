/** Builds the S3 model: buckets with the encryption configurations that apply to them, linked by reference or by name. */
import type { AwsModels } from '..';
import { Unknown } from '../../../eval/value';
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { referencedNodes } from '../../links';
import { asIs, readVal, toString } from '../../read';
import { BUCKET_TYPES, Bucket, FloatingSseConfiguration, S3Model, SSE_CONFIG_TYPES, SseConfiguration, SseRule } from './model';

function where(node: GraphNode): string {
  return node.location ? ` (${node.location.file}:${node.location.startLine})` : '';
}

/** The rules of a configuration whose block is at `path` of `node` ('' for the separate resource). */
function rulesOf(node: GraphNode, path: string): SseRule[] {
  return node.blocks(path ? `${path}.rule` : 'rule').map((r): SseRule => {
    const block = readVal(node, r.path, asIs);
    const d = node.blocks(`${r.path}.apply_server_side_encryption_by_default`)[0];
    if (!block.known || !d) return { block };
    const byDefault = readVal(node, d.path, asIs);
    return { block, byDefault, algorithm: byDefault.known ? readVal(node, `${d.path}.sse_algorithm`, toString) : undefined };
  });
}

function separateConfiguration(node: GraphNode): SseConfiguration {
  return { inline: false, label: `${node.address}${where(node)}`, anchor: readVal(node, 'bucket', asIs), rules: rulesOf(node, '') };
}

function inlineConfigurations(bucket: GraphNode): SseConfiguration[] {
  return bucket.blocks('server_side_encryption_configuration').map(({ path }) => ({
    inline: true,
    label: path.replace(/\.0$/, ''),
    anchor: readVal(bucket, path, asIs),
    rules: rulesOf(bucket, path),
  }));
}

/** Which separate configurations apply to which bucket: by reference, else by a literal bucket name. */
function linkConfigurations(graph: ResourceGraph, buckets: GraphNode[]) {
  const byBucket = new Map<string, SseConfiguration[]>();
  const floating: FloatingSseConfiguration[] = [];
  for (const node of graph.resources(SSE_CONFIG_TYPES)) {
    const configuration = separateConfiguration(node);
    const add = (b: GraphNode) => byBucket.set(b.address, [...(byBucket.get(b.address) ?? []), configuration]);
    const { nodes, unresolved } = referencedNodes(graph, node, 'bucket', BUCKET_TYPES);
    if (nodes.length > 0) {
      nodes.forEach(add);
      continue;
    }
    const names = unresolved.filter((v): v is string => typeof v === 'string');
    const named = buckets.filter((b) => names.includes(b.attr('bucket').value as string));
    named.forEach(add);
    const u = unresolved.find((v): v is Unknown => v instanceof Unknown);
    if (named.length === 0 && u) floating.push({ configuration, describe: `${configuration.label} has a bucket that is not known statically (${u.describe()})` });
  }
  return { byBucket, floating };
}

export function adaptS3(aws: AwsModels): S3Model {
  const nodes = aws.graph.resources(BUCKET_TYPES);
  const { byBucket, floating } = linkConfigurations(aws.graph, nodes);
  const buckets = nodes.map((node) => {
    const bucket = new Bucket(node);
    const separate = byBucket.get(node.address) ?? [];
    const inline = inlineConfigurations(node);
    bucket.encryption = separate.length > 0 ? separate : inline;
    bucket.inlineReplaced = separate.length > 0 && inline.length > 0;
    return bucket;
  });
  return { buckets, floatingEncryption: floating };
}
