/**
 * "Are engine or software updates applied automatically?" for databases, caches and search domains
 * (TG-SYS-001). Some of these are nullable booleans in the provider ("true"/"false" strings, "" when
 * unset), so an empty string counts as omitted here and the provider default applies.
 */
import type { GraphNode } from '../../graph/model';
import { readVal, toBoolean } from '../read';
import { Val } from '../val';

/** `software_update_options.0.auto_software_update_enabled` → `software_update_options.auto_software_update_enabled`. */
function shownName(path: string): string {
  const segments = path.split('.');
  const block = segments.length > 1 ? `${segments[0]}.` : '';
  return `${block}${segments[segments.length - 1]}`;
}

export function readUpdateSwitch(node: GraphNode, path: string, defaultValue: boolean): Val<boolean> {
  const read = node.attr(path);
  const name = shownName(path);
  if (!read.present || read.value === '') {
    const described = `${name} = ${defaultValue} (provider default when omitted)`;
    return new Val<boolean>({ owner: node, path, known: true, value: defaultValue, present: false, isDefault: true, origins: read.origins, described });
  }
  const leaf = readVal(node, path, toBoolean);
  const prefix = name.slice(0, name.length - (path.split('.').pop() ?? '').length);
  return leaf.describedAs(`${prefix}${leaf.describe()}`);
}

/** What a rule needs to word one update switch: the leaf, its shown name, and the block it sits in when that is written. */
export interface UpdateSwitch {
  leaf: Val<boolean>;
  /** `auto_minor_version_upgrade`, `software_update_options.auto_software_update_enabled`. */
  name: string;
  /** The enclosing block's path when the block is written (`software_update_options {}`): where an omitted switch points. */
  writtenBlock?: string;
}

export function updateSwitch(node: GraphNode, path: string, defaultValue: boolean): UpdateSwitch {
  const segments = path.split('.');
  const block = segments.length > 1 && node.attr(segments[0]).present ? segments[0] : undefined;
  return { leaf: readUpdateSwitch(node, path, defaultValue), name: shownName(path), writtenBlock: block };
}
