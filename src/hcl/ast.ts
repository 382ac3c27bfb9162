/**
 * The syntax tree tomguard builds from Terraform files (native HCL and JSON syntax alike).
 * Every node carries its exact source range so findings can point at real lines.
 */

/** A position in a file: 1-based line and column (columns count UTF-16 code units), 0-based offset. */
export interface Pos {
  line: number;
  column: number;
  offset: number;
}

export interface Range {
  file: string;
  start: Pos;
  end: Pos;
}

export type TemplatePart =
  | { kind: 'lit'; value: string }
  | { kind: 'interp'; expr: Expr; stripBefore: boolean; stripAfter: boolean }
  | { kind: 'if'; cond: Expr; then: TemplatePart[]; else: TemplatePart[] }
  | { kind: 'for'; keyVar?: string; valVar: string; collection: Expr; body: TemplatePart[] };

export interface ObjectItem {
  key: Expr;
  /** true when the key was written as a bare identifier (`a = 1`), which is a literal string key. */
  bareKey: boolean;
  value: Expr;
}

export type Expr = (
  | { kind: 'literal'; value: null | boolean | number | string }
  | { kind: 'template'; parts: TemplatePart[]; heredoc: boolean }
  | { kind: 'var'; name: string }
  | { kind: 'getattr'; obj: Expr; name: string }
  | { kind: 'index'; obj: Expr; key: Expr; legacy: boolean }
  | { kind: 'splat'; source: Expr; each: Expr }
  | { kind: 'splatItem' }
  | { kind: 'tuple'; items: Expr[] }
  | { kind: 'object'; items: ObjectItem[] }
  | { kind: 'call'; name: string; args: Expr[]; expandFinal: boolean }
  | { kind: 'unary'; op: '!' | '-'; operand: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'conditional'; cond: Expr; then: Expr; else: Expr }
  | {
      kind: 'for';
      keyVar?: string;
      valVar: string;
      collection: Expr;
      keyExpr?: Expr;
      valueExpr: Expr;
      cond?: Expr;
      grouping: boolean;
      object: boolean;
    }
  | { kind: 'paren'; expr: Expr }
) & { range: Range };

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface Attribute {
  name: string;
  expr: Expr;
  /** From the name to the end of the value. */
  range: Range;
}

export interface Block {
  type: string;
  labels: string[];
  body: Body;
  /** From the block type keyword to the closing brace. */
  range: Range;
}

export interface Body {
  attributes: Attribute[];
  blocks: Block[];
  range: Range;
}

export interface Comment {
  /** Text without the comment markers, trimmed. */
  text: string;
  range: Range;
}

export interface ConfigFile {
  path: string;
  body: Body;
  comments: Comment[];
  syntax: 'hcl' | 'json';
}
