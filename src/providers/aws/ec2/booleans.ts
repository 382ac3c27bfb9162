/**
 * A boolean leaf that tells "not known" from "not a boolean": Terraform converts `"true"`/`"false"`;
 * any other known value is known with value undefined (while still present), so that a rule can say
 * the value is no boolean instead of calling it unknown.
 */
import { GraphNode } from '../../../graph/model';
import { asIs, readVal, toBoolean } from '../../read';
import type { Val } from '../../val';

export function readBoolean(node: GraphNode, path: string, defaultValue?: boolean): Val<boolean> {
  return readVal(node, path, asIs, defaultValue).map((v) => (v === undefined ? undefined : toBoolean(v)));
}
