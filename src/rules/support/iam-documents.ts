/**
 * How each `data "aws_iam_policy_document"` of the graph is used: as an identity (permission) policy,
 * as a role's trust policy, as a resource policy, or otherwise (a module input, an attribute that is
 * not a policy). Found from graph edges to the document's `json` / `minified_json`; a document merged
 * into another (`source_policy_documents`, `override_policy_documents`, `source_json`, `override_json`)
 * is used however the including document is.
 *
 * The IAM rules use it to judge each document once, as what it is: TG-IAM-002 leaves documents that
 * are only resource or trust policies to TG-IAM-007 (a KMS key policy granting `kms:*` to the account
 * root is not an identity policy), and TG-IAM-007 judges documents used as resource or trust policies.
 */
import { GraphNode, ResourceGraph } from '../../graph/model';
import { POLICY_ATTRIBUTES, PolicyKind, Statement, isParsed, readPolicyDocument } from './iam-policy';

export type DocumentUse = PolicyKind | 'other';

const DOCUMENT_TYPE = 'aws_iam_policy_document';
const DOCUMENT_ATTRS = new Set(['json', 'minified_json']);
const MERGE_ATTRS = /^(source_policy_documents|override_policy_documents|source_json|override_json)(\.|$)/;

/** Resource policies of services outside POLICY_ATTRIBUTES (attribute → resource policy). */
const OTHER_RESOURCE_POLICIES: Readonly<Record<string, string>> = {
  aws_kms_external_key: 'policy',
  aws_kms_replica_key: 'policy',
  aws_kms_replica_external_key: 'policy',
  aws_ecr_repository_policy: 'policy',
  aws_ecr_registry_policy: 'policy',
  aws_secretsmanager_secret_policy: 'policy',
  aws_secretsmanager_secret: 'policy',
  aws_glacier_vault: 'access_policy',
  aws_opensearch_domain_policy: 'access_policies',
  aws_elasticsearch_domain_policy: 'access_policies',
  aws_opensearch_domain: 'access_policies',
  aws_elasticsearch_domain: 'access_policies',
  aws_cloudwatch_log_resource_policy: 'policy_document',
  aws_cloudwatch_log_destination_policy: 'access_policy',
  aws_backup_vault_policy: 'policy',
  aws_efs_file_system_policy: 'policy',
  aws_api_gateway_rest_api_policy: 'policy',
  aws_api_gateway_rest_api: 'policy',
  aws_vpc_endpoint: 'policy',
  aws_vpc_endpoint_policy: 'policy',
  aws_codeartifact_domain_permissions_policy: 'policy_document',
  aws_codeartifact_repository_permissions_policy: 'policy_document',
  aws_s3control_access_point_policy: 'policy',
  aws_s3_access_point: 'policy',
  aws_lambda_layer_version_permission: 'policy',
  aws_schemas_registry_policy: 'policy',
  aws_dynamodb_resource_policy: 'policy',
  aws_kinesis_resource_policy: 'policy',
  aws_iot_policy: 'policy',
  aws_eventbridge_event_bus_policy: 'policy',
  aws_cloudwatch_event_bus_policy: 'policy',
  aws_media_store_container_policy: 'policy',
  aws_networkfirewall_resource_policy: 'policy',
  aws_ram_resource_share: 'policy',
};

/** Identity-policy attributes of resources outside POLICY_ATTRIBUTES. */
const OTHER_IDENTITY_POLICIES: Readonly<Record<string, string>> = {
  aws_ssoadmin_permission_set_inline_policy: 'inline_policy',
};

function matchesAttr(path: string, attr: string): boolean {
  const pattern = attr.includes('*') ? new RegExp(`^${attr.split('.*.').join('\\.\\d+\\.')}(\\.|$)`) : new RegExp(`^${attr}(\\.|$)`);
  return pattern.test(path);
}

/** What an edge from `from` at `fromPath` uses a document as. */
function useOf(from: GraphNode, fromPath: string): DocumentUse | 'merge' {
  if (from.kind === 'data' && from.type === DOCUMENT_TYPE) return MERGE_ATTRS.test(fromPath) ? 'merge' : 'other';
  if (from.kind !== 'resource') return 'other';
  for (const { attr, kind } of POLICY_ATTRIBUTES[from.type] ?? []) if (matchesAttr(fromPath, attr)) return kind;
  const resourceAttr = OTHER_RESOURCE_POLICIES[from.type];
  if (resourceAttr && matchesAttr(fromPath, resourceAttr)) return 'resource';
  const identityAttr = OTHER_IDENTITY_POLICIES[from.type];
  if (identityAttr && matchesAttr(fromPath, identityAttr)) return 'identity';
  return 'other';
}

/**
 * The uses of every policy document (address → uses); a document nothing uses has an empty set.
 * With `direct`, a merged document gets only its own uses (not those of the documents including it).
 */
export function documentUses(graph: ResourceGraph, options: { direct?: boolean } = {}): Map<string, Set<DocumentUse>> {
  const docs = graph.dataSources(DOCUMENT_TYPE);
  const uses = new Map<string, Set<DocumentUse>>(docs.map((d) => [d.address, new Set<DocumentUse>()]));
  const mergedInto = new Map<string, string[]>();
  for (const d of docs) {
    for (const e of graph.edgesTo(d)) {
      // A plan may record `data.x[each.key].json` as a reference to the whole data source (toPath '').
      if (!DOCUMENT_ATTRS.has(e.toPath) && e.toPath !== '') continue;
      const from = graph.node(e.from);
      if (!from) continue;
      const use = useOf(from, e.fromPath);
      if (use === 'merge') mergedInto.set(d.address, [...(mergedInto.get(d.address) ?? []), from.address]);
      else uses.get(d.address)!.add(use);
    }
  }
  // A merged document is used as the documents that include it are (to a fixpoint; chains are short).
  for (let changed = !options.direct, rounds = 0; changed && rounds < 10; rounds++) {
    changed = false;
    for (const [doc, into] of mergedInto) {
      const own = uses.get(doc)!;
      for (const parent of into) {
        for (const u of uses.get(parent) ?? []) {
          if (!own.has(u)) {
            own.add(u);
            changed = true;
          }
        }
      }
    }
  }
  return uses;
}

/** Only used as resource or trust policies (and used at all). */
export function usedOnlyAsResourceOrTrust(uses: Set<DocumentUse> | undefined): boolean {
  if (!uses || uses.size === 0) return false;
  return [...uses].every((u) => u === 'resource' || u === 'trust');
}

/** Whether a statement names principals (`principals` / `not_principals` blocks, `Principal` in a merged document). */
export function hasPrincipal(s: Statement): boolean {
  return s.principals !== undefined || s.notPrincipals !== undefined;
}

/** Whether another policy document merges this one (its statements are judged as part of that one). */
export function isMergedDocument(graph: ResourceGraph, doc: GraphNode): boolean {
  return graph.edgesTo(doc).some((e) => MERGE_ATTRS.test(e.fromPath) && (DOCUMENT_ATTRS.has(e.toPath) || e.toPath === '') && graph.node(e.from)?.type === DOCUMENT_TYPE);
}

/** Whether a known statement of the document names principals: by its shape, a resource or trust policy. */
export function documentNamesPrincipals(graph: ResourceGraph, doc: GraphNode): boolean {
  const parsed = readPolicyDocument(graph, doc);
  return isParsed(parsed) && parsed.statements.some(hasPrincipal);
}
