/**
 * Parser for HCL native syntax (`.tf` files) that keeps exact positions.
 *
 * A single recursive-descent pass over the characters (no separate token stream): HCL templates
 * nest expressions inside strings and heredocs, which a scanner-with-lookahead handles more simply
 * than a lexer with modes. See docs/design.md for why this was chosen over tree-sitter.
 */
import { Attribute, BinaryOp, Block, Body, Comment, ConfigFile, Expr, ObjectItem, Pos, Range, TemplatePart } from './ast';
import { HclLimitError, HclSyntaxError, SourceText } from './source-text';

// Each level longest first, so "<=" is not read as "<" (sorted once here: sorting per call was the parser's top cost).
const BINARY_LEVELS: BinaryOp[][] = ([['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']] as BinaryOp[][]).map((ops) =>
  [...ops].sort((a, b) => b.length - a.length),
);

/**
 * Deepest nesting of blocks, brackets, parentheses, objects, templates and unary operators accepted.
 * Real configurations stay below ~20; the limit keeps a hostile file from overflowing the stack of
 * this recursive parser or of the evaluator that walks the tree.
 */
export const MAX_NESTING = 256;
/** Longest chain of binary operators in one expression (the tree it builds is that deep). */
export const MAX_OPERATOR_CHAIN = 1024;
/** Longest line of native HCL accepted (characters); longer lines are generated data, not configuration. */
export const MAX_LINE_LENGTH = 256 * 1024;

// ASCII first without a Unicode regex: nearly every character of real HCL is ASCII.
function isIdStart(c: string): boolean {
  const code = c !== undefined && c.length === 1 ? c.charCodeAt(0) : 128;
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
  return /[\p{L}_]/u.test(c);
}
function isIdChar(c: string): boolean {
  const code = c !== undefined && c.length === 1 ? c.charCodeAt(0) : 128;
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 45;
  return /[\p{L}\p{N}_-]/u.test(c);
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

export function parseNativeFile(path: string, text: string): ConfigFile {
  checkLineLengths(path, text);
  const parser = new NativeParser(new SourceText(path, text));
  const body = parser.parseFileBody();
  return { path, body, comments: parser.comments, syntax: 'hcl' };
}

/** Parses a standalone expression (used for `.tf.json` string templates and tests). */
export function parseNativeExpression(path: string, text: string, offsetBase = 0): Expr {
  const parser = new NativeParser(new SourceText(path, text), offsetBase);
  return parser.parseStandaloneExpression();
}

/** Parses a standalone template (the content of a JSON string) into a template expression. */
export function parseNativeTemplate(path: string, text: string): Expr {
  const parser = new NativeParser(new SourceText(path, text));
  return parser.parseStandaloneTemplate();
}

class NativeParser {
  readonly comments: Comment[] = [];
  private readonly commentOffsets = new Set<number>();
  private i: number;
  private readonly s: string;
  /** Depth of brackets/parens/braces inside an expression: newlines are insignificant when > 0. */
  private nesting = 0;
  /** Current recursion depth of blocks and expressions, limited to MAX_NESTING. */
  depth = 0;

  constructor(
    private readonly src: SourceText,
    start = 0,
    /** For a heredoc's (dedented) content parsed on its own: the file around it and how offsets map into it. */
    private readonly outer?: { src: SourceText; fileOffset: (offset: number) => number },
  ) {
    this.s = src.text;
    this.i = start;
  }

  // ---------------------------------------------------------------- errors and positions

  /** The whole file's text positions (this parser may be reading a heredoc cut out of it). */
  private fileSource(): SourceText {
    return this.outer ? this.outer.src : this.src;
  }

  private toFileOffset(offset: number): number {
    return this.outer ? this.outer.fileOffset(offset) : offset;
  }

  private fail(message: string, at = this.i, kind: typeof HclSyntaxError = HclSyntaxError): never {
    const offset = Math.min(at, this.s.length);
    const p = this.outer ? this.outer.src.pos(this.outer.fileOffset(offset)) : this.src.pos(offset);
    throw new kind(message, this.src.file, p.line, p.column);
  }

  /** Counts one more level of nesting at `at`; fails with a clear message past MAX_NESTING. */
  private enter(at = this.i): void {
    if (++this.depth > MAX_NESTING) {
      this.fail(
        `Nesting too deep: more than ${MAX_NESTING} levels of blocks, brackets, parentheses, objects or templates. Terraform configurations are never nested this deeply; flatten this part of the file.`,
        at,
        HclLimitError,
      );
    }
  }

  private describeHere(): string {
    if (this.i >= this.s.length) return 'end of file';
    const c = this.s[this.i];
    if (c === '\n') return 'newline';
    return `"${c}"`;
  }

  // ---------------------------------------------------------------- whitespace and comments

  /** Skips spaces, tabs, comments; and newlines too when `newlines` (inside brackets). */
  private skip(newlines = this.nesting > 0): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === ' ' || c === '\t' || (c === '\r' && s[this.i + 1] === '\n') || (c === '\uFEFF' && this.i === 0)) {
        this.i++;
      } else if (c === '\r') {
        this.fail('Invalid character: a carriage return (CR) not followed by a line feed. Save the file with LF or CRLF line endings.');
      } else if (c === '\uFEFF') {
        this.fail('Invalid character: a byte order mark (U+FEFF) is allowed only at the start of the file. Delete it.');
      } else if (c === '\n' && newlines) {
        this.i++;
      } else if (c === '#' || (c === '/' && s[this.i + 1] === '/')) {
        const start = this.i;
        const markerLen = c === '#' ? 1 : 2;
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
        this.addComment(start, this.i, s.slice(start + markerLen, this.i));
      } else if (c === '/' && s[this.i + 1] === '*') {
        const start = this.i;
        const end = s.indexOf('*/', this.i + 2);
        if (end < 0) this.fail('Unterminated comment: a "/*" comment has no closing "*/".', start);
        this.i = end + 2;
        this.addComment(start, this.i, s.slice(start + 2, end));
      } else {
        break;
      }
    }
  }

  private addComment(start: number, end: number, text: string): void {
    // Backtracking can skip the same comment twice; record it once.
    if (this.commentOffsets.has(start)) return;
    this.commentOffsets.add(start);
    this.comments.push({ text: text.trim(), range: this.src.range(start, end) });
  }

  private peek(str: string): boolean {
    return this.s.startsWith(str, this.i);
  }

  private expect(str: string, what = `"${str}"`): void {
    this.skip();
    if (!this.peek(str)) this.fail(`Expected ${what}, found ${this.describeHere()}.`);
    this.i += str.length;
  }

  private identifier(): string {
    const start = this.i;
    if (this.i < this.s.length && isIdStart(this.s[this.i])) {
      this.i++;
      while (this.i < this.s.length && isIdChar(this.s[this.i])) this.i++;
    }
    return this.s.slice(start, this.i);
  }

  // ---------------------------------------------------------------- bodies

  parseFileBody(): Body {
    const body = this.parseBody(0, false);
    this.skip(true);
    if (this.i < this.s.length) this.fail(`Unexpected ${this.describeHere()}: expected an attribute or a block.`);
    return body;
  }

  private parseBody(start: number, inBlock: boolean): Body {
    if (inBlock) this.enter(start - 1);
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    const attributeLines = new Map<string, number>();
    const saved = this.nesting;
    this.nesting = 0;
    while (true) {
      this.skip(true);
      if (this.i >= this.s.length) {
        if (inBlock) this.fail('Unclosed block: expected "}" before the end of the file.');
        break;
      }
      if (this.s[this.i] === '}') {
        if (!inBlock) this.fail('Unexpected "}": there is no open block to close.');
        break;
      }
      const itemStart = this.i;
      const name = this.identifier();
      if (!name) this.fail(`Expected an attribute name or a block type, found ${this.describeHere()}.`);
      this.skip(false);
      if (this.s[this.i] === '=' && this.s[this.i + 1] !== '=') {
        const earlier = attributeLines.get(name);
        if (earlier !== undefined) {
          this.fail(`Attribute redefined: the argument "${name}" was already set at line ${earlier}. Each argument may be set only once.`, itemStart);
        }
        attributeLines.set(name, this.src.pos(itemStart).line);
        this.i++;
        const expr = this.parseExpression();
        attributes.push({ name, expr, range: this.src.range(itemStart, expr.range.end.offset) });
        this.endOfItem('an argument');
      } else {
        blocks.push(this.parseBlock(name, itemStart));
      }
    }
    this.nesting = saved;
    if (inBlock) this.depth--;
    return { attributes, blocks, range: this.src.range(start, this.i) };
  }

  /** In a multi-line body every argument and block ends with a newline (or the end of the file). */
  private endOfItem(what: 'an argument' | 'a block'): void {
    this.skip(false);
    if (this.i >= this.s.length || this.s[this.i] === '\n') return;
    this.fail(`Missing newline after ${what}: found ${this.describeHere()}; each argument and block definition must end with a newline.`);
  }

  /**
   * `a { b = 1 }`: a block whose "{" is not followed by a newline holds nothing or a single argument,
   * and its "}" must follow on the same line (HCL's single-line block rule).
   */
  private parseSingleLineBody(start: number): Body {
    this.enter(start - 1);
    const saved = this.nesting;
    this.nesting = 0;
    const attributes: Attribute[] = [];
    if (this.s[this.i] !== '}') {
      const itemStart = this.i;
      const name = this.identifier();
      this.skip(false);
      if (!name || this.s[this.i] !== '=' || this.s[this.i + 1] === '=') {
        this.fail('Argument definition required: a single-line block definition can contain only a single argument. Put a nested block on its own lines.', itemStart);
      }
      this.i++;
      const expr = this.parseExpression();
      attributes.push({ name, expr, range: this.src.range(itemStart, expr.range.end.offset) });
      this.skip(false);
      if (this.s[this.i] !== '}') {
        this.fail(
          `Invalid single-argument block definition: found ${this.describeHere()}; an argument on the same line as its block's "{" makes a single-line block, which must end with "}" on the same line. Start the argument on a new line.`,
        );
      }
    }
    this.nesting = saved;
    this.depth--;
    return { attributes, blocks: [], range: this.src.range(start, this.i) };
  }

  private parseBlock(type: string, start: number): Block {
    const labels: string[] = [];
    while (true) {
      this.skip(false);
      const c = this.s[this.i];
      if (c === '{') break;
      if (c === '"') {
        const expr = this.parseQuotedTemplate();
        if (expr.kind !== 'literal') this.fail('Block labels cannot contain template sequences.', expr.range.start.offset);
        labels.push(String(expr.value));
      } else if (c !== undefined && isIdStart(c)) {
        labels.push(this.identifier());
      } else {
        this.fail(`Expected "=" for an attribute or "{" to open block "${type}", found ${this.describeHere()}.`);
      }
    }
    this.i++; // {
    const bodyStart = this.i;
    this.skip(false);
    const multiLine = this.i >= this.s.length || this.s[this.i] === '\n';
    this.i = bodyStart;
    const body = multiLine ? this.parseBody(bodyStart, true) : (this.skip(false), this.parseSingleLineBody(bodyStart));
    this.i++; // }
    const block: Block = { type, labels, body, range: this.src.range(start, this.i) };
    this.endOfItem('a block');
    return block;
  }

  // ---------------------------------------------------------------- expressions

  parseStandaloneExpression(): Expr {
    this.nesting = 1;
    const e = this.parseExpression();
    this.skip(true);
    if (this.i < this.s.length) this.fail(`Unexpected ${this.describeHere()} after the expression.`);
    return e;
  }

  parseStandaloneTemplate(): Expr {
    const parts = this.parseTemplateParts(null, false);
    return this.makeTemplate(parts, 0, this.s.length, false);
  }

  private parseExpression(): Expr {
    const start = this.skipAndMark();
    this.enter();
    const e = this.parseConditional(start);
    this.depth--;
    return e;
  }

  private parseConditional(start: number): Expr {
    const cond = this.parseBinary(0);
    const save = this.i;
    this.skip();
    if (this.s[this.i] !== '?') this.i = save;
    if (this.s[this.i] === '?') {
      this.i++;
      const thenE = this.parseExpression();
      this.expect(':', '":" of the conditional expression');
      const elseE = this.parseExpression();
      return { kind: 'conditional', cond, then: thenE, else: elseE, range: this.src.range(start, elseE.range.end.offset) };
    }
    return cond;
  }

  private skipAndMark(): number {
    this.skip();
    return this.i;
  }

  private parseBinary(level: number): Expr {
    if (level >= BINARY_LEVELS.length) return this.parseUnary();
    let left = this.parseBinary(level + 1);
    for (let chain = 1; ; chain++) {
      // Do not consume whitespace (newlines inside brackets) unless an operator follows it.
      const save = this.i;
      this.skip();
      const op = this.matchOperator(BINARY_LEVELS[level]);
      if (!op) {
        this.i = save;
        return left;
      }
      if (chain > MAX_OPERATOR_CHAIN) {
        this.fail(`Expression too long: more than ${MAX_OPERATOR_CHAIN} "${op}" operators in a row. Split it into locals.`, this.i, HclLimitError);
      }
      this.i += op.length;
      const right = this.parseBinary(level + 1);
      left = { kind: 'binary', op, left, right, range: this.src.range(left.range.start.offset, right.range.end.offset) };
    }
  }

  private matchOperator(ops: BinaryOp[]): BinaryOp | undefined {
    // Longest first (BINARY_LEVELS is sorted) so "<=" is not read as "<", and "=>" / "==" are not read as comparison parts.
    for (const op of ops) {
      if (!this.peek(op)) continue;
      const next = this.s[this.i + op.length];
      if ((op === '<' || op === '>') && next === '=') continue;
      if (op === '/' && (next === '/' || next === '*')) continue;
      return op;
    }
    return undefined;
  }

  private parseUnary(): Expr {
    const start = this.skipAndMark();
    const c = this.s[this.i];
    if (c === '!' || c === '-') {
      this.i++;
      this.enter(start);
      const operand = this.parseUnary();
      this.depth--;
      return { kind: 'unary', op: c as '!' | '-', operand, range: this.src.range(start, operand.range.end.offset) };
    }
    return this.parsePostfix(this.parseTerm());
  }

  private parseTerm(): Expr {
    const start = this.skipAndMark();
    const c = this.s[this.i];
    if (c === undefined) this.fail('Expected an expression, found end of file.');
    if (c === '"') return this.parseQuotedTemplate();
    if (c === '<' && this.peek('<<')) return this.parseHeredoc();
    if (isDigit(c)) return this.parseNumber();
    if (c === '(') {
      this.i++;
      this.nesting++;
      const inner = this.parseExpression();
      this.expect(')', '")"');
      this.nesting--;
      return { kind: 'paren', expr: inner, range: this.src.range(start, this.i) };
    }
    if (c === '[') return this.parseTupleOrFor(start);
    if (c === '{') return this.parseObjectOrFor(start);
    if (isIdStart(c)) {
      const name = this.identifier();
      if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true', range: this.src.range(start, this.i) };
      if (name === 'null') return { kind: 'literal', value: null, range: this.src.range(start, this.i) };
      let fname = name;
      while (this.peek('::')) {
        this.i += 2;
        fname += '::' + this.identifier();
      }
      this.skip(false);
      if (this.s[this.i] === '(') return this.parseCall(fname, start);
      if (fname !== name) this.fail(`Expected "(" after function name "${fname}".`);
      return { kind: 'var', name, range: this.src.range(start, start + name.length) };
    }
    this.fail(`Expected an expression, found ${this.describeHere()}.`);
  }

  private parseNumber(): Expr {
    const start = this.i;
    // HCL's scanner reads digits, dots and exponents as one token (never ending in "."), then converts it.
    const m = /^[0-9](?:[0-9]|\.(?=[0-9eE])|[eE][+-]?[0-9])*/.exec(this.s.slice(this.i, this.i + 400));
    const text = m ? m[0] : '';
    if (!/^[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?$/.test(text)) this.fail(`Invalid number literal "${text}".`, start);
    this.i += text.length;
    return { kind: 'literal', value: Number(text), range: this.src.range(start, this.i) };
  }

  private parseCall(name: string, start: number): Expr {
    this.i++; // (
    this.nesting++;
    const args: Expr[] = [];
    let expandFinal = false;
    this.skip();
    while (this.s[this.i] !== ')') {
      if (expandFinal) this.fail('The "..." expansion must be on the last argument.');
      args.push(this.parseExpression());
      this.skip();
      if (this.peek('...')) {
        this.i += 3;
        expandFinal = true;
        this.skip();
      }
      if (this.s[this.i] === ',') {
        this.i++;
        this.skip();
      } else if (this.s[this.i] !== ')') {
        this.fail(`Expected "," or ")" in the arguments of ${name}(), found ${this.describeHere()}.`);
      }
    }
    this.i++;
    this.nesting--;
    return { kind: 'call', name, args, expandFinal, range: this.src.range(start, this.i) };
  }

  private atKeyword(word: string): boolean {
    if (!this.peek(word)) return false;
    const next = this.s[this.i + word.length];
    return next === undefined || !isIdChar(next);
  }

  private parseTupleOrFor(start: number): Expr {
    this.i++;
    this.nesting++;
    this.skip();
    if (this.atKeyword('for')) return this.parseFor(start, false);
    const items: Expr[] = [];
    while (this.s[this.i] !== ']') {
      items.push(this.parseExpression());
      this.skip();
      if (this.s[this.i] === ',') {
        this.i++;
        this.skip();
      } else if (this.s[this.i] !== ']') {
        this.fail(`Expected "," or "]" in the list, found ${this.describeHere()}.`);
      }
    }
    this.i++;
    this.nesting--;
    return { kind: 'tuple', items, range: this.src.range(start, this.i) };
  }

  private parseObjectOrFor(start: number): Expr {
    this.i++;
    this.nesting++;
    this.skip();
    if (this.atKeyword('for')) return this.parseFor(start, true);
    const items: ObjectItem[] = [];
    while (true) {
      this.skip(true);
      if (this.s[this.i] === '}') break;
      const keyStart = this.i;
      let key: Expr;
      let bareKey = false;
      // Inside an object, unlike brackets and parentheses, newlines matter: the key, "=" and the
      // start of the value share a line, and a newline ends the value.
      const outerNesting = this.nesting;
      this.nesting = 0;
      const c = this.s[this.i];
      if (c !== undefined && isIdStart(c)) {
        const name = this.identifier();
        this.skip(false);
        if (this.s[this.i] === '=' || this.s[this.i] === ':') {
          key = { kind: 'literal', value: name, range: this.src.range(keyStart, keyStart + name.length) };
          bareKey = true;
        } else {
          this.i = keyStart;
          key = this.parseExpression();
        }
      } else {
        key = this.parseExpression();
      }
      this.skip(false);
      const sep = this.s[this.i];
      if ((sep !== '=' && sep !== ':') || this.s[this.i + 1] === '=' || this.s[this.i + 1] === '>')
        this.fail(`Expected "=" or ":" after the object key, found ${this.describeHere()}.`);
      this.i++;
      const value = this.parseExpression();
      this.nesting = outerNesting;
      items.push({ key, bareKey, value });
      // Items end with a comma or a newline.
      this.skip(false);
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== '\n' && this.s[this.i] !== '}')
        this.fail(`Expected a newline, "," or "}" after the object item, found ${this.describeHere()}.`);
    }
    this.i++;
    this.nesting--;
    return { kind: 'object', items, range: this.src.range(start, this.i) };
  }

  private parseFor(start: number, object: boolean): Expr {
    this.i += 3;
    this.skip();
    let keyVar: string | undefined;
    let valVar = this.identifier();
    if (!valVar) this.fail('Expected a variable name after "for".');
    this.skip();
    if (this.s[this.i] === ',') {
      this.i++;
      this.skip();
      keyVar = valVar;
      valVar = this.identifier();
      if (!valVar) this.fail('Expected a second variable name in the "for" expression.');
      this.skip();
    }
    if (!this.atKeyword('in')) this.fail(`Expected "in" in the "for" expression, found ${this.describeHere()}.`);
    this.i += 2;
    const collection = this.parseExpression();
    this.expect(':', '":" in the "for" expression');
    let keyExpr: Expr | undefined;
    let valueExpr = this.parseExpression();
    if (object) {
      this.expect('=>', '"=>" in the object "for" expression');
      keyExpr = valueExpr;
      valueExpr = this.parseExpression();
    }
    this.skip();
    let grouping = false;
    if (this.peek('...')) {
      if (!object) this.fail('Invalid "for" expression: the grouping ellipsis (...) cannot be used when building a tuple.');
      this.i += 3;
      grouping = true;
      this.skip();
    }
    let cond: Expr | undefined;
    if (this.atKeyword('if')) {
      this.i += 2;
      cond = this.parseExpression();
      this.skip();
    }
    const close = object ? '}' : ']';
    if (this.s[this.i] !== close) this.fail(`Expected "${close}" to end the "for" expression, found ${this.describeHere()}.`);
    this.i++;
    this.nesting--;
    return { kind: 'for', keyVar, valVar, collection, keyExpr, valueExpr, cond, grouping, object, range: this.src.range(start, this.i) };
  }

  private parsePostfix(term: Expr): Expr {
    let e = term;
    const start = term.range.start.offset;
    while (true) {
      // Traversals bind tightly: no whitespace allowed is not required by HCL, but newlines end them.
      const save = this.i;
      this.skip(this.nesting > 0);
      const c = this.s[this.i];
      if (c === '.' && this.s[this.i + 1] === '*') {
        this.i += 2;
        e = this.parseSplat(e, start, true);
      } else if (c === '.' && isDigit(this.s[this.i + 1] ?? '')) {
        this.i++;
        const key = this.legacyIndexKey();
        e = { kind: 'index', obj: e, key, legacy: true, range: this.src.range(start, this.i) };
      } else if (c === '.' && this.s[this.i + 1] !== '.') {
        this.i++;
        this.skip(); // HCL allows space between "." and the name: `a. b`
        const name = this.identifier();
        if (!name) this.fail(`Expected an attribute name after ".", found ${this.describeHere()}.`);
        e = { kind: 'getattr', obj: e, name, range: this.src.range(start, this.i) };
      } else if (c === '[') {
        this.i++;
        this.nesting++;
        this.skip();
        if (this.s[this.i] === '*') {
          this.i++;
          this.expect(']', '"]" after "[*"');
          this.nesting--;
          e = this.parseSplat(e, start, false);
        } else {
          const key = this.parseExpression();
          this.expect(']', '"]" to end the index');
          this.nesting--;
          e = { kind: 'index', obj: e, key, legacy: false, range: this.src.range(start, this.i) };
        }
      } else {
        this.i = save;
        return e;
      }
    }
  }

  /**
   * The number after a dot in `a.1`. HCL scans it as a number token, so `a.1.2` is the number 1.2,
   * which it rejects as a chained legacy index; `a.1[2]` is fine.
   */
  private legacyIndexKey(): Expr {
    const start = this.i;
    const key = this.parseNumber();
    if (/\./.test(this.s.slice(start, this.i))) {
      this.fail('Invalid legacy index syntax: chaining two indexes together is not permitted. Use the proper index syntax instead, like [1][2].', start);
    }
    return key;
  }

  /** After `[*]` (full) or `.*` (attribute-only), following traversal steps apply to each element. */
  private parseSplat(source: Expr, start: number, attrOnly: boolean): Expr {
    const itemRange = this.src.range(this.i, this.i);
    let each: Expr = { kind: 'splatItem', range: itemRange };
    while (true) {
      const save = this.i;
      const c = this.s[this.i];
      if (c === '.' && this.s[this.i + 1] !== '*' && !isDigit(this.s[this.i + 1] ?? '')) {
        this.i++;
        const name = this.identifier();
        if (!name) this.fail('Expected an attribute name after "." in a splat expression.');
        each = { kind: 'getattr', obj: each, name, range: this.src.range(start, this.i) };
      } else if (!attrOnly && c === '.' && isDigit(this.s[this.i + 1] ?? '')) {
        this.i++;
        const key = this.legacyIndexKey();
        each = { kind: 'index', obj: each, key, legacy: true, range: this.src.range(start, this.i) };
      } else if (!attrOnly && c === '[' && this.s[this.i + 1] !== '*') {
        this.i++;
        this.nesting++;
        const key = this.parseExpression();
        this.expect(']', '"]" to end the index');
        this.nesting--;
        each = { kind: 'index', obj: each, key, legacy: false, range: this.src.range(start, this.i) };
      } else {
        this.i = save;
        break;
      }
    }
    return { kind: 'splat', source, each, range: this.src.range(start, this.i) };
  }

  // ---------------------------------------------------------------- templates

  private parseQuotedTemplate(): Expr {
    const start = this.i;
    this.i++; // opening quote
    const parts = this.parseTemplateParts('"', true);
    this.i++; // closing quote
    return this.makeTemplate(parts, start, this.i, false);
  }

  private makeTemplate(parts: TemplatePart[], start: number, end: number, heredoc: boolean): Expr {
    applyStripMarkers(parts);
    const range = this.src.range(start, end);
    const merged = mergeLiterals(parts);
    if (merged.length === 0) return { kind: 'literal', value: '', range };
    if (merged.length === 1 && merged[0].kind === 'lit' && !heredoc) return { kind: 'literal', value: merged[0].value, range };
    return { kind: 'template', parts: merged, heredoc, range };
  }

  /**
   * Reads template content until `terminator` (a quote, or null for "until the end of the text")
   * or until a directive keyword that closes the enclosing directive.
   */
  private parseTemplateParts(terminator: string | null, escapes: boolean, stopAt: string[] = []): TemplatePart[] {
    const parts: TemplatePart[] = [];
    let lit = '';
    const s = this.s;
    const flush = () => {
      if (lit) parts.push({ kind: 'lit', value: lit });
      lit = '';
    };
    while (true) {
      if (this.i >= s.length) {
        if (terminator === null && stopAt.length === 0) break;
        this.fail(terminator === '"' ? 'Unterminated string: missing the closing quote.' : 'Unterminated template directive.');
      }
      const c = s[this.i];
      if (terminator !== null && c === terminator) break;
      if (terminator === '"' && (c === '\n' || c === '\r')) this.fail('Unterminated string: a quoted string cannot span lines (use a heredoc).');
      if (c === '\r' && s[this.i + 1] !== '\n' && this.outer) {
        this.fail('Invalid character: a carriage return (CR) not followed by a line feed. Save the file with LF or CRLF line endings.');
      }
      if (c === '\\' && escapes) {
        lit += this.readEscape();
        continue;
      }
      if ((c === '$' || c === '%') && s[this.i + 1] === c && s[this.i + 2] === '{') {
        lit += c + '{';
        this.i += 3;
        continue;
      }
      if (c === '$' && s[this.i + 1] === '{') {
        flush();
        this.i += 2;
        const stripBefore = this.consumeStrip();
        const saved = this.nesting;
        this.nesting = 1;
        const expr = this.parseExpression();
        this.skip(true);
        const stripAfter = this.consumeStripBeforeClose();
        if (s[this.i] !== '}') this.fail(`Expected "}" to close the interpolation, found ${this.describeHere()}.`);
        this.i++;
        this.nesting = saved;
        parts.push({ kind: 'interp', expr, stripBefore, stripAfter });
        continue;
      }
      if (c === '%' && s[this.i + 1] === '{') {
        const directiveStart = this.i;
        this.i += 2;
        this.consumeStrip();
        this.skip(true);
        const word = this.identifier();
        if (stopAt.includes(word)) {
          this.i = directiveStart;
          break;
        }
        flush();
        this.enter(directiveStart);
        parts.push(this.parseDirective(word, terminator, escapes));
        this.depth--;
        continue;
      }
      lit += c;
      this.i++;
    }
    flush();
    return parts;
  }

  private consumeStrip(): boolean {
    if (this.s[this.i] === '~') {
      this.i++;
      return true;
    }
    return false;
  }

  private consumeStripBeforeClose(): boolean {
    if (this.s[this.i] === '~' && this.s[this.i + 1] === '}') {
      this.i++;
      return true;
    }
    return false;
  }

  /** Closes `%{ word }` after its keyword (and arguments) were read. */
  private closeDirective(): void {
    this.skip(true);
    this.consumeStripBeforeClose();
    if (this.s[this.i] !== '}') this.fail(`Expected "}" to close the template directive, found ${this.describeHere()}.`);
    this.i++;
  }

  private readDirectiveKeyword(expected: string): void {
    this.i += 2; // %{
    this.consumeStrip();
    this.skip(true);
    const word = this.identifier();
    if (word !== expected) this.fail(`Expected %{ ${expected} }, found %{ ${word} }.`);
    this.closeDirective();
  }

  private parseDirective(word: string, terminator: string | null, escapes: boolean): TemplatePart {
    const saved = this.nesting;
    this.nesting = 1;
    if (word === 'if') {
      const cond = this.parseExpression();
      this.closeDirective();
      this.nesting = saved;
      const thenParts = this.parseTemplateParts(terminator, escapes, ['else', 'endif']);
      let elseParts: TemplatePart[] = [];
      if (this.peekDirective('else')) {
        this.readDirectiveKeyword('else');
        elseParts = this.parseTemplateParts(terminator, escapes, ['endif']);
      }
      this.readDirectiveKeyword('endif');
      return { kind: 'if', cond, then: thenParts, else: elseParts };
    }
    if (word === 'for') {
      this.skip(true);
      let keyVar: string | undefined;
      let valVar = this.identifier();
      this.skip(true);
      if (this.s[this.i] === ',') {
        this.i++;
        this.skip(true);
        keyVar = valVar;
        valVar = this.identifier();
        this.skip(true);
      }
      if (!this.atKeyword('in')) this.fail('Expected "in" in the %{ for } directive.');
      this.i += 2;
      const collection = this.parseExpression();
      this.closeDirective();
      this.nesting = saved;
      const body = this.parseTemplateParts(terminator, escapes, ['endfor']);
      this.readDirectiveKeyword('endfor');
      return { kind: 'for', keyVar, valVar, collection, body };
    }
    this.fail(`Unknown template directive "%{ ${word} }": expected if or for.`);
  }

  private peekDirective(word: string): boolean {
    const m = /^%\{~?\s*([A-Za-z]+)/.exec(this.s.slice(this.i, this.i + 40));
    return !!m && m[1] === word;
  }

  private readEscape(): string {
    const s = this.s;
    const n = s[this.i + 1];
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
    if (n !== undefined && n in simple) {
      this.i += 2;
      return simple[n];
    }
    if (n === 'u' || n === 'U') {
      const len = n === 'u' ? 4 : 8;
      const hex = s.slice(this.i + 2, this.i + 2 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) this.fail(`Invalid unicode escape: \\${n} needs ${len} hex digits.`);
      const code = parseInt(hex, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        this.fail(`Invalid escape sequence: cannot encode character U+${code.toString(16).toUpperCase()} in UTF-8.`);
      }
      this.i += 2 + len;
      return String.fromCodePoint(code);
    }
    this.fail(`Invalid escape sequence "\\${n ?? ''}": valid escapes are \\n \\r \\t \\" \\\\ \\uNNNN \\UNNNNNNNN.`);
  }

  private parseHeredoc(): Expr {
    const start = this.i;
    this.i += 2;
    const indent = this.s[this.i] === '-';
    if (indent) this.i++;
    const marker = this.identifier();
    if (!marker) this.fail('Expected a heredoc marker such as EOT after "<<".');
    if (this.s[this.i] === '\r' && this.s[this.i + 1] === '\n') this.i++;
    if (this.s[this.i] !== '\n') this.fail(`A heredoc marker must be followed directly by a newline, found ${this.describeHere()}.`);
    this.i++;
    // Find the closing marker: a line holding only the marker (leading spaces allowed).
    const contentStart = this.i;
    // The closing line must itself end with a newline: a marker on the file's last line without one is not closed.
    const closeRe = new RegExp(`^[ \\t]*${marker}[ \\t]*(?=\\r?\\n)`, 'm');
    const rest = this.s.slice(contentStart);
    const m = closeRe.exec(rest);
    if (!m) this.fail(`Unterminated heredoc: no closing "${marker}" line was found.`, start);
    const contentEnd = contentStart + m.index;
    const closeEnd = contentEnd + m[0].length;
    // Parse the (dedented) content on its own, then move every position back to its place in the file.
    const { text: content, lines } = heredocContent(this.s, contentStart, contentEnd, indent);
    const fileOffset = (offset: number) => {
      let lo = 0;
      let hi = lines.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lines[mid].cutStart <= offset) lo = mid;
        else hi = mid - 1;
      }
      const k = lo;
      return this.toFileOffset(lines[k].fileStart + offset - lines[k].cutStart);
    };
    const sub = new NativeParser(new SourceText(this.src.file, content), 0, { src: this.fileSource(), fileOffset });
    sub.depth = this.depth;
    const parts = sub.parseTemplateParts(null, false);
    remapRanges(parts, (offset) => this.fileSource().pos(fileOffset(offset)), new Set());
    this.i = closeEnd;
    return this.makeTemplate(parts, start, closeEnd, true);
  }
}

/** Rewrites, in place, the positions of every range in a parsed heredoc from its content to the file. */
function remapRanges(node: unknown, pos: (offset: number) => Pos, seen: Set<object>): void {
  if (typeof node !== 'object' || node === null || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) remapRanges(item, pos, seen);
    return;
  }
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    if (key === 'range' && typeof value === 'object' && value !== null && !seen.has(value)) {
      const range = value as Range;
      seen.add(range);
      range.start = pos(range.start.offset);
      range.end = pos(range.end.offset);
    } else {
      remapRanges(value, pos, seen);
    }
  }
}

/**
 * A heredoc's content (file offsets contentStart..contentEnd), dedented for `<<-` by the smallest
 * indentation of its non-blank lines, with where each content line starts in the file.
 */
function heredocContent(
  s: string,
  contentStart: number,
  contentEnd: number,
  indent: boolean,
): { text: string; lines: { cutStart: number; fileStart: number }[] } {
  const raw = s.slice(contentStart, contentEnd).split('\n');
  let min = 0;
  if (indent) {
    min = Infinity;
    for (const line of raw) {
      if (line.trim() === '') continue;
      min = Math.min(min, /^[ \t]*/.exec(line)![0].length);
    }
    if (!isFinite(min)) min = 0;
  }
  const lines: { cutStart: number; fileStart: number }[] = [];
  const out: string[] = [];
  let cut = 0;
  let file = contentStart;
  for (const line of raw) {
    const drop = Math.min(min, /^[ \t]*/.exec(line)![0].length);
    lines.push({ cutStart: cut, fileStart: file + drop });
    out.push(line.slice(drop));
    cut += line.length - drop + 1;
    file += line.length + 1;
  }
  return { text: out.join('\n'), lines };
}

function mergeLiterals(parts: TemplatePart[]): TemplatePart[] {
  const out: TemplatePart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === 'lit' && last && last.kind === 'lit') out[out.length - 1] = { kind: 'lit', value: last.value + p.value };
    else if (!(p.kind === 'lit' && p.value === '')) out.push(p);
  }
  return out;
}

/** `${~ x ~}` trims whitespace from the neighbouring literal text. */
function applyStripMarkers(parts: TemplatePart[]): void {
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (p.kind !== 'interp') continue;
    const prev = parts[k - 1];
    const next = parts[k + 1];
    if (p.stripBefore && prev && prev.kind === 'lit') parts[k - 1] = { kind: 'lit', value: prev.value.replace(/\s+$/, '') };
    if (p.stripAfter && next && next.kind === 'lit') parts[k + 1] = { kind: 'lit', value: next.value.replace(/^\s+/, '') };
  }
}

/** Fails on the first line longer than MAX_LINE_LENGTH, before any parsing (bounded work per line). */
function checkLineLengths(path: string, text: string): void {
  if (text.length <= MAX_LINE_LENGTH) return;
  let lineStart = 0;
  for (let line = 1; ; line++) {
    const end = text.indexOf('\n', lineStart);
    const lineEnd = end < 0 ? text.length : end;
    if (lineEnd - lineStart > MAX_LINE_LENGTH) {
      throw new HclLimitError(
        `Line too long: line ${line} has ${lineEnd - lineStart} characters, over the limit of ${MAX_LINE_LENGTH} for one line of HCL. Break it over several lines (generated data belongs in a .json file read with file()).`,
        path,
        line,
        MAX_LINE_LENGTH + 1,
      );
    }
    if (end < 0) return;
    lineStart = end + 1;
  }
}
