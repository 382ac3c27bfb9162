/**
 * Where policies are: the policy attributes of each resource type, the \`aws_iam_policy_document\` a
 * value is the json of, and each policy read once per graph (documents merged as the provider does).
 */
import { Unknown, Value, valuesEqual } from '../../../eval/value';
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { BuiltPolicyDocument, POLICY_DOCUMENT_TYPE, buildPolicyDocument, documentUnknown } from './policy-document-renderer';
import { ParsedPolicy, Statement, UnknownStatements, isParsed } from './policy';
import { normalizeStatement, parsePolicy } from './parse';

// ------------------------------------------------------------------ aws_iam_policy_document data sources

function isDocumentNode(n: GraphNode | undefined): n is GraphNode {
  return n !== undefined && n.kind === 'data' && n.type === POLICY_DOCUMENT_TYPE;
}

const DOCUMENT_ATTRS = new Set(['json', 'minified_json']);

/** `module.m.data.aws_iam_policy_document.x[0].json` → the resource address and the instance key part. */
const DOCUMENT_SOURCE = /^((?:.+\.)?data\.aws_iam_policy_document\.[^.[\]]+)(\[[^\]]*\])?\.(?:json|minified_json)$/;

/** The one node of `address` (an instance or a resource with a single instance), if it is a policy document. */
function documentNode(graph: ResourceGraph, address: string): GraphNode | undefined {
  const n = graph.node(address);
  if (isDocumentNode(n)) return n;
  const instances = graph.instancesOf(address);
  return instances.length === 1 && isDocumentNode(instances[0]) ? instances[0] : undefined;
}

/** The policy document data source an Unknown `data.aws_iam_policy_document.x.json` stands for. */
function documentOfUnknown(graph: ResourceGraph, u: Unknown): GraphNode | undefined {
  if (u.ref) return DOCUMENT_ATTRS.has(u.ref.attrPath) ? documentNode(graph, u.ref.address) : undefined;
  // Without a ref (e.g. `data.x[0].json` of a data source whose count is not known), by its name.
  const m = DOCUMENT_SOURCE.exec(u.source);
  if (!m) return undefined;
  return (m[2] ? graph.node(m[1] + m[2]) : undefined) ?? documentNode(graph, m[1]);
}

function buildNode(graph: ResourceGraph, node: GraphNode, visiting: Set<string>): BuiltPolicyDocument {
  visiting.add(node.address);
  try {
    return buildPolicyDocument(node.attrs, {
      resolve: (u) => {
        const other = documentOfUnknown(graph, u);
        if (!other || visiting.has(other.address) || visiting.size > 8) return undefined;
        return { name: other.address, document: buildNode(graph, other, visiting) };
      },
    });
  } finally {
    visiting.delete(node.address);
  }
}

/**
 * Reads an `aws_iam_policy_document` data source from its blocks, merged as the provider does.
 * Unknown parts stay Unknown where they are, so a statement that is known decides on its own; each
 * statement's `at` is the data source and the attribute path it is written at.
 */
export function readPolicyDocument(graph: ResourceGraph, node: GraphNode, labelPrefix = ''): ParsedPolicy {
  const byPrefix = perGraph(documentCache, graph).get(node) ?? perGraph(documentCache, graph).set(node, new Map()).get(node)!;
  let parsed = byPrefix.get(labelPrefix);
  if (!parsed) byPrefix.set(labelPrefix, (parsed = buildDocumentPolicy(graph, node, labelPrefix)));
  return parsed;
}

function buildDocumentPolicy(graph: ResourceGraph, node: GraphNode, labelPrefix: string): ParsedPolicy {
  const built = buildNode(graph, node, new Set());
  if (built.error) return { invalid: `the AWS provider would fail to read ${node.address}: ${built.error}` };
  // A plan may know the rendered json even where the configuration alone does not.
  const json = node.attrs.json;
  if (documentUnknown(built) && typeof json === 'string') {
    const parsed = parsePolicy(json, 'json');
    if (!isParsed(parsed)) return parsed;
    const at = (p: string) => ({ node, path: p });
    return {
      statements: parsed.statements.map((s) => ({ ...s, label: `${labelPrefix}${s.label}`, at: at('json') })),
      unknownStatements: parsed.unknownStatements.map((u) => ({ ...u, label: `${labelPrefix}${u.label}`, at: at('json') })),
    };
  }
  const statements: Statement[] = [];
  const unknownStatements: UnknownStatements[] = [];
  built.entries.forEach((e, i) => {
    const at = { node, path: e.origin.path };
    if ('unknown' in e) unknownStatements.push({ unknown: e.unknown, label: `${labelPrefix}${e.origin.label}`, path: e.origin.path, at });
    else statements.push(normalizeStatement(e.statement, i, { label: `${labelPrefix}${e.origin.label}`, path: e.origin.path, at, presence: e.mayBeReplacedBy }));
  });
  return { statements, unknownStatements };
}

// ------------------------------------------------------------------ where policies are

export type PolicyKind = 'identity' | 'trust' | 'resource';

export interface PolicyValue {
  /** Attribute path: `policy`, `inline_policy.0.policy`, `assume_role_policy`. */
  path: string;
  /** identity: permissions of a user/group/role; trust: who may assume a role; resource: a resource policy. */
  kind: PolicyKind;
  value: Value;
  /** The `aws_iam_policy_document` data source the value is the json of, when it is in the graph. */
  document?: GraphNode;
}

/** Resource types and the attributes that hold their policies. */
export const POLICY_ATTRIBUTES: Readonly<Record<string, ReadonlyArray<{ attr: string; kind: PolicyKind }>>> = {
  aws_iam_policy: [{ attr: 'policy', kind: 'identity' }],
  aws_iam_role_policy: [{ attr: 'policy', kind: 'identity' }],
  aws_iam_user_policy: [{ attr: 'policy', kind: 'identity' }],
  aws_iam_group_policy: [{ attr: 'policy', kind: 'identity' }],
  aws_iam_role: [
    { attr: 'inline_policy.*.policy', kind: 'identity' },
    { attr: 'assume_role_policy', kind: 'trust' },
  ],
  aws_kms_key: [{ attr: 'policy', kind: 'resource' }],
  aws_kms_key_policy: [{ attr: 'policy', kind: 'resource' }],
  aws_s3_bucket_policy: [{ attr: 'policy', kind: 'resource' }],
  aws_s3_bucket: [{ attr: 'policy', kind: 'resource' }],
  aws_sqs_queue: [{ attr: 'policy', kind: 'resource' }],
  aws_sqs_queue_policy: [{ attr: 'policy', kind: 'resource' }],
  aws_sns_topic: [{ attr: 'policy', kind: 'resource' }],
  aws_sns_topic_policy: [{ attr: 'policy', kind: 'resource' }],
};

/** The policy document data source a policy value comes from (an Unknown json, or the same string through an edge). */
export function documentSourceOf(graph: ResourceGraph, node: GraphNode, path: string, value: Value): GraphNode | undefined {
  if (value instanceof Unknown) {
    const named = documentOfUnknown(graph, value);
    if (named) return named;
    // A value that names nothing (plan JSON: `aws_iam_policy.p.policy`, known after apply): the
    // attribute's only reference is to the json of one document that is itself not known.
    const edges = graph.edgesFrom(node, path);
    const targets = new Set(edges.map((e) => e.to));
    // (Plan references to `data.x[each.key].json` may be recorded on the whole data source: toPath ''.)
    if (targets.size !== 1 || !edges.every((e) => DOCUMENT_ATTRS.has(e.toPath) || e.toPath === '')) return undefined;
    const target = graph.node(edges[0].to);
    return isDocumentNode(target) && typeof target.attrs.json !== 'string' ? target : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const documentEdges = graph.edgesFrom(node, path).filter((e) => DOCUMENT_ATTRS.has(e.toPath) && isDocumentNode(graph.node(e.to)));
  for (const e of documentEdges) {
    const target = graph.node(e.to)!;
    if (target.attrs.json === value || target.attrs.minified_json === value || sameJson(target.attrs.json, value)) return target;
  }
  // Plans store the policy as the provider normalised it (minified, keys reordered): a single
  // reference to a document's json is where it came from.
  const targets = new Set(documentEdges.map((e) => e.to));
  return targets.size === 1 && graph.edgesFrom(node, path).every((e) => targets.has(e.to)) ? graph.node(documentEdges[0].to) : undefined;
}

/** Two JSON texts with the same content (formatting and key order aside). */
function sameJson(a: Value | undefined, b: string): boolean {
  if (typeof a !== 'string') return false;
  try {
    return valuesEqual(JSON.parse(a) as Value, JSON.parse(b) as Value);
  } catch {
    return false;
  }
}

/**
 * The policies a resource holds (only attributes that are set), with their paths for locations and
 * the policy document data source each comes from, when it is in the graph.
 */
export function policyValues(graph: ResourceGraph, node: GraphNode): PolicyValue[] {
  const cache = perGraph(valuesCache, graph);
  let values = cache.get(node);
  if (!values) cache.set(node, (values = findPolicyValues(graph, node)));
  return values;
}

function findPolicyValues(graph: ResourceGraph, node: GraphNode): PolicyValue[] {
  const out: PolicyValue[] = [];
  for (const { attr, kind } of POLICY_ATTRIBUTES[node.type] ?? []) {
    const paths = attr.includes('*') ? node.blocks(attr.split('.*.')[0]).map((b) => `${b.path}.${attr.split('.*.')[1]}`) : [attr];
    for (const path of paths) {
      const read = node.attr(path);
      if (!read.present || read.value === undefined) continue;
      // `inline_policy {}` (or the provider's state placeholder `{name = "", policy = ""}`) means "no inline policies".
      if (attr.includes('*') && read.value === '') continue;
      const document = documentSourceOf(graph, node, path, read.value);
      out.push({ path, kind, value: read.value, ...(document ? { document } : {}) });
    }
  }
  return out;
}

/** Reads one policy value of a resource: from its data source when it comes from one, else parsed. */
export function readPolicy(graph: ResourceGraph, pv: PolicyValue): ParsedPolicy {
  if (pv.document) return readPolicyDocument(graph, pv.document, `${pv.document.address} `);
  let parsed = parsedValues.get(pv);
  if (!parsed) {
    parsed = parsePolicy(pv.value, pv.path);
    parsedValues.set(pv, parsed);
  }
  return parsed;
}

/**
 * Parsed policies, once per graph: `policyValues` and `readPolicyDocument` are memoised on the graph,
 * so every rule asking about the same policy value gets the same parse (a big plan holds thousands).
 */
const parsedValues = new WeakMap<PolicyValue, ParsedPolicy>();
const valuesCache = new WeakMap<ResourceGraph, Map<GraphNode, PolicyValue[]>>();
const documentCache = new WeakMap<ResourceGraph, Map<GraphNode, Map<string, ParsedPolicy>>>();

function perGraph<V>(caches: WeakMap<ResourceGraph, Map<GraphNode, V>>, graph: ResourceGraph): Map<GraphNode, V> {
  let cache = caches.get(graph);
  if (!cache) caches.set(graph, (cache = new Map()));
  return cache;
}
