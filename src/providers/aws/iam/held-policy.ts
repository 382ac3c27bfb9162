/** A policy attribute as the IAM model shows it: parsed on first use, and then once per graph. */
import type { ResourceGraph } from '../../../graph/model';
import type { HeldPolicy } from './model';
import { PolicyValue, readPolicy } from './policy-values';

export function heldPolicy(graph: ResourceGraph, pv: PolicyValue): HeldPolicy {
  return {
    path: pv.path,
    kind: pv.kind,
    ...(pv.document ? { document: pv.document.address } : {}),
    blank: typeof pv.value === 'string' && pv.value.trim() === '',
    get parsed() {
      return readPolicy(graph, pv);
    },
  };
}

