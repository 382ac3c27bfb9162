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

  /** The line of the last lookup: the parser asks for positions mostly in order, on the same or a nearby line. */
  private cursor = 0;

  pos(offset: number): Pos {
    const starts = this.lineStarts;
    let line = this.cursor;
    if (starts[line] <= offset) {
      // Walk forward a few lines from the cursor; fall back to the binary search for far jumps.
      for (let steps = 0; steps < 4 && line + 1 < starts.length && starts[line + 1] <= offset; steps++) line++;
      if (line + 1 >= starts.length || starts[line + 1] > offset) {
        this.cursor = line;
        return { line: line + 1, column: offset - starts[line] + 1, offset };
      }
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.cursor = lo;
    return { line: lo + 1, column: offset - starts[lo] + 1, offset };
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
