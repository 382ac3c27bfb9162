/**
 * The exposure diagram as the report carries it (JSON `exposure`, drawn by the Markdown report).
 * The shape lives here, apart from whoever computes it (src/providers/aws/exposure.ts), so that the
 * report model and its renderers depend on no provider and no engine code.
 */
export type ExposureKind = 'internet' | 'cdn' | 'lb' | 'compute' | 'datastore';

export interface ExposureNode {
  id: string;
  kind: ExposureKind;
  address: string;
  type: string;
  /** Where the node sits; 'internet' for the internet itself. */
  zone: 'internet' | 'edge' | 'public' | 'private' | 'unknown';
  /** A failing finding on this node breaks a claim. */
  broken: boolean;
  /** Why the placement is not known (zone `unknown`): the deciding rule's unknown result. */
  reason?: string;
}

export interface ExposureLink {
  from: string;
  to: string;
  broken: boolean;
  label?: string;
}

export interface ExposureGraph {
  nodes: ExposureNode[];
  links: ExposureLink[];
  /** Nodes left out to keep the diagram readable. */
  omitted: number;
}
