/**
 * An on/off setting that may sit in a nested block (`encrypt_at_rest { enabled = true }`), as the
 * data-service rules word it: by its full name without list indices (`encrypt_at_rest.enabled`), and
 * pointing at the setting when written, else at its block when that is written, else at the resource.
 */
import type { GraphNode } from '../../graph/model';
import { readVal, toBoolean } from '../read';
import type { Val } from '../val';

export interface Switch {
  /** Described by its full name: `encrypt_at_rest.enabled = false (provider default when omitted)`. */
  leaf: Val<boolean>;
  /** `encrypt_at_rest.enabled`. */
  name: string;
  /** The setting's path when written, else its block's when that is written, else undefined (the resource). */
  at?: string;
}

export function readSwitch(node: GraphNode, path: string, defaultValue?: boolean): Switch {
  const name = path.replace(/\.\d+(?=\.|$)/g, '');
  const raw = readVal(node, path, toBoolean, defaultValue);
  const leaf = raw.describedAs(raw.describe().replace(/^\S+/, name));
  const block = path.includes('.') ? path.split('.')[0] : undefined;
  const at = raw.present ? path : block && node.attr(block).present ? block : undefined;
  return { leaf, name, at };
}
