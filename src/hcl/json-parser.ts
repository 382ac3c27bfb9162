/**
 * Terraform JSON syntax (`*.tf.json`) into the same syntax tree as native HCL.
 *
 * Terraform reads JSON with its schema; tomguard has none, so the mapping is the structural one
 * Terraform documents: known top-level block types take their labels from nested object keys, and
 * everything inside a block body is an attribute. Nested blocks therefore arrive as object or list
 * attributes, which the graph normalises (see `Node.blocks`). Strings are templates (`"${...}"`).
 */
import { Node as JsonNode, ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { describeJsonError } from '../json-syntax-error';
import { jsonTooDeepAt } from '../nesting-depth';
import { Attribute, Block, Body, ConfigFile, Expr, ObjectItem } from './ast';
import { MAX_NESTING, parseNativeTemplate } from './native-parser';
import { HclLimitError, HclSyntaxError, SourceText } from './source-text';
import { LABEL_COUNTS } from './label-counts';

export function parseJsonFile(path: string, text: string): ConfigFile {
  const src = new SourceText(path, text);
  checkJsonNesting(src);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !root) {
    const e = errors[0];
    const p = src.pos(e ? e.offset : 0);
    throw new HclSyntaxError(`Invalid JSON: ${e ? describeJsonError(printParseErrorCode(e.error)) : 'the file is empty'}.`, path, p.line, p.column);
  }
  if (root.type !== 'object') {
    const p = src.pos(root.offset);
    throw new HclSyntaxError('A Terraform JSON file must hold one object at the top level.', path, p.line, p.column);
  }
  const converter = new JsonConverter(src);
  const blocks: Block[] = [];
  for (const prop of root.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode || !valueNode) continue;
    const type = String(keyNode.value);
    if (type === '//') continue; // JSON syntax comments
    const labelCount = LABEL_COUNTS[type] ?? 0;
    converter.collectBlocks(type, labelCount, [], valueNode, prop, blocks);
  }
  return { path, body: { attributes: [], blocks, range: src.range(root.offset, root.offset + root.length) }, comments: [], syntax: 'json' };
}

/**
 * Fails at the first array or object nested more than MAX_NESTING deep, before the recursive tree
 * building and conversion run (the linear scan plan and profile JSON use too).
 */
function checkJsonNesting(src: SourceText): void {
  const at = jsonTooDeepAt(src.text, MAX_NESTING);
  if (at === undefined) return;
  const p = src.pos(at);
  throw new HclLimitError(
    `Nesting too deep: more than ${MAX_NESTING} levels of arrays and objects. Terraform configurations are never nested this deeply; flatten this part of the file.`,
    src.file,
    p.line,
    p.column,
  );
}

class JsonConverter {
  constructor(private readonly src: SourceText) {}

  private rangeOf(node: JsonNode) {
    return this.src.range(node.offset, node.offset + node.length);
  }

  /** Descends `labelsLeft` object levels to reach block bodies; arrays may appear at any level. */
  collectBlocks(type: string, labelsLeft: number, labels: string[], node: JsonNode, outer: JsonNode, out: Block[]): void {
    if (node.type === 'array') {
      for (const item of node.children ?? []) this.collectBlocks(type, labelsLeft, labels, item, item, out);
      return;
    }
    if (node.type !== 'object') {
      const p = this.src.pos(node.offset);
      throw new HclSyntaxError(`Expected a JSON object for the "${type}" block.`, this.src.file, p.line, p.column);
    }
    if (labelsLeft === 0) {
      out.push({ type, labels, body: this.body(node), range: this.rangeOf(outer) });
      return;
    }
    for (const prop of node.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (!keyNode || !valueNode || keyNode.value === '//') continue;
      this.collectBlocks(type, labelsLeft - 1, [...labels, String(keyNode.value)], valueNode, prop, out);
    }
  }

  private body(node: JsonNode): Body {
    const attributes: Attribute[] = [];
    for (const prop of node.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (!keyNode || !valueNode || keyNode.value === '//') continue;
      attributes.push({ name: String(keyNode.value), expr: this.expr(valueNode), range: this.rangeOf(prop) });
    }
    return { attributes, blocks: [], range: this.rangeOf(node) };
  }

  private expr(node: JsonNode): Expr {
    const range = this.rangeOf(node);
    switch (node.type) {
      case 'string': {
        const text = String(node.value);
        if (!text.includes('${') && !text.includes('%{')) return { kind: 'literal', value: text, range };
        try {
          return { ...parseNativeTemplate(this.src.file, text), range };
        } catch (err) {
          // Positions inside the template are relative to the string; report at the string itself.
          if (!(err instanceof HclSyntaxError)) throw err;
          throw new HclSyntaxError(`In this template string: ${err.message}`, this.src.file, range.start.line, range.start.column);
        }
      }
      case 'number':
      case 'boolean':
        return { kind: 'literal', value: node.value as number | boolean, range };
      case 'null':
        return { kind: 'literal', value: null, range };
      case 'array':
        return { kind: 'tuple', items: (node.children ?? []).map((c) => this.expr(c)), range };
      case 'object': {
        const items: ObjectItem[] = [];
        for (const prop of node.children ?? []) {
          const [keyNode, valueNode] = prop.children ?? [];
          if (!keyNode || !valueNode) continue;
          items.push({ key: { kind: 'literal', value: String(keyNode.value), range: this.rangeOf(keyNode) }, bareKey: true, value: this.expr(valueNode) });
        }
        return { kind: 'object', items, range };
      }
      default:
        return { kind: 'literal', value: null, range };
    }
  }
}
