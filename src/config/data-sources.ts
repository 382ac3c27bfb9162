/**
 * Data sources whose result tomguard can compute from their configuration alone. Every other
 * data source attribute that the configuration does not set is unknown (read at plan time).
 */
import { ValueObject } from '../eval/value';
import { POLICY_DOCUMENT_TYPE, renderPolicyDocument } from '../providers/aws/iam/policy-document-renderer';

/** Computes attributes of a data source instance (`address`, e.g. `data.aws_iam_policy_document.x`) from its configuration. */
type Renderer = (attrs: ValueObject, address: string) => ValueObject;

const RENDERERS: Record<string, Renderer> = {
  [POLICY_DOCUMENT_TYPE]: renderPolicyDocument,
};

export function renderDataSource(type: string, attrs: ValueObject, address: string): ValueObject {
  const renderer = RENDERERS[type];
  return renderer ? renderer(attrs, address) : {};
}
