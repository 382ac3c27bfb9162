import { Pos, Range } from './ast';

/** Maps offsets of one file's text to 1-based line/column positions (binary search over line starts). */
export class SourceText {
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  pos(offset: number): Pos {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1, offset };
  }

  range(start: number, end: number): Range {
    return { file: this.file, start: this.pos(start), end: this.pos(end) };
  }
}

/** A syntax error at an exact position. */
export class HclSyntaxError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}


/** A syntax error for input over one of tomguard's limits (nesting depth, line length), not invalid HCL. */
export class HclLimitError extends HclSyntaxError {}
