/**
 * Which resources use each `data "aws_iam_policy_document"` of the graph as a policy. A document is
 * judged once, on the document (where its statements are written), for the rules of the resources
 * that use it (rules.md v1.2, "Where a result stands"): the identity-policy rules (TG-IAM-001/002)
 * when an identity policy uses it, TG-IAM-007 when a resource or trust policy in its scope does. A
 * document that nothing in scope uses (nothing at all, an output, a module whose code is not read, a
 * resource policy of another service such as an OpenSearch domain policy) is not judged.
 *
 * Uses are found from the consumers' policy attributes (`POLICY_ATTRIBUTES`): graph edges from such
 * an attribute to the document's `json` / `minified_json` (references through locals, module inputs
 * and outputs, and plan configuration references included), and the document a policy value is the
 * json of (`policyValues`, which also follows values the edges do not show). A document merged into
 * another (`source_policy_documents`, `override_policy_documents`, `source_json`, `override_json`)
 * is used however the including document is, unless only `direct` uses are asked for.
 */
import { GraphNode, ResourceGraph } from '../../../graph/model';
import { POLICY_ATTRIBUTES, PolicyKind, policyValues } from './policy-values';
import { memo } from '../../memo';

/** One resource using a policy document as one of its policies. */
interface DocumentUse {
  consumer: GraphNode;
  /** The consumer's attribute: `policy`, `assume_role_policy`, `inline_policy.0.policy`. */
  attribute: string;
  kind: PolicyKind;
}

const DOCUMENT_TYPE = 'aws_iam_policy_document';
const DOCUMENT_ATTRS = new Set(['json', 'minified_json']);
const MERGE_ATTRS = /^(source_policy_documents|override_policy_documents|source_json|override_json)(\.|$)/;

function matchesAttr(path: string, attr: string): boolean {
  const pattern = attr.includes('*') ? new RegExp(`^${attr.split('.*.').join('\\.\\d+\\.')}(\\.|$)`) : new RegExp(`^${attr}(\\.|$)`);
  return pattern.test(path);
}

/** The kind of policy `node.<path>` holds, when it is a policy attribute of a resource. */
function policyKindAt(node: GraphNode, path: string): PolicyKind | undefined {
  if (node.kind !== 'resource') return undefined;
  return (POLICY_ATTRIBUTES[node.type] ?? []).find(({ attr }) => matchesAttr(path, attr))?.kind;
}

function computeUses(graph: ResourceGraph, direct: boolean): Map<string, DocumentUse[]> {
  const docs = graph.dataSources(DOCUMENT_TYPE);
  const uses = new Map<string, DocumentUse[]>(docs.map((d) => [d.address, []]));
  const add = (doc: string, use: DocumentUse) => {
    const list = uses.get(doc);
    if (list && !list.some((u) => u.consumer.address === use.consumer.address && u.attribute === use.attribute)) list.push(use);
  };
  const mergedInto = new Map<string, string[]>();
  for (const d of docs) {
    for (const e of graph.edgesTo(d)) {
      // A plan may record `data.x[each.key].json` as a reference to the whole data source (toPath '').
      if (!DOCUMENT_ATTRS.has(e.toPath) && e.toPath !== '') continue;
      const from = graph.node(e.from);
      if (!from) continue;
      if (from.kind === 'data' && from.type === DOCUMENT_TYPE && MERGE_ATTRS.test(e.fromPath)) {
        mergedInto.set(d.address, [...(mergedInto.get(d.address) ?? []), from.address]);
        continue;
      }
      const kind = policyKindAt(from, e.fromPath);
      if (kind) add(d.address, { consumer: from, attribute: e.fromPath, kind });
    }
  }
  for (const consumer of graph.resources(Object.keys(POLICY_ATTRIBUTES))) {
    for (const v of policyValues(graph, consumer)) if (v.document) add(v.document.address, { consumer, attribute: v.path, kind: v.kind });
  }
  if (direct) return uses;
  // A merged document is used as the documents that include it are (to a fixpoint; chains are short).
  for (let changed = true, rounds = 0; changed && rounds < 10; rounds++) {
    changed = false;
    for (const [doc, into] of mergedInto) {
      for (const parent of into) {
        for (const u of uses.get(parent) ?? []) {
          const before = uses.get(doc)!.length;
          add(doc, u);
          if (uses.get(doc)!.length !== before) changed = true;
        }
      }
    }
  }
  return uses;
}

/**
 * The uses of every policy document (address → uses; none for a document nothing uses). With
 * `direct`, a merged document gets only its own uses, not those of the documents including it.
 */
function documentUses(graph: ResourceGraph, options: { direct?: boolean } = {}): Map<string, DocumentUse[]> {
  const direct = options.direct === true;
  return memo(graph, `iam-documents:uses:${direct}`, () => computeUses(graph, direct));
}

/**
 * The policy documents that a resource of `types` uses as a policy of one of `kinds`: the documents a
 * rule with that scope judges.
 */
export function documentsUsedBy(graph: ResourceGraph, types: readonly string[], kinds: readonly PolicyKind[], options: { direct?: boolean } = {}): GraphNode[] {
  const uses = documentUses(graph, options);
  return graph
    .dataSources(DOCUMENT_TYPE)
    .filter((doc) => (uses.get(doc.address) ?? []).some((u) => types.includes(u.consumer.type) && kinds.includes(u.kind)));
}
