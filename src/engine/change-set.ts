/**
 * What a pull request changed, as PR mode (--diff-base) needs it: changed lines per file, resource
 * types whose blocks were deleted, and scanned roots that did not exist at the base. Paths are
 * relative to the working directory with `/` separators, as findings' are. Built by diff-base.ts.
 */

export interface FileChanges {
  /** A file new since the base (added or untracked): every line counts as changed. */
  whole: boolean;
  added: Array<[number, number]>;
  deletedAfter: number[];
}

export class ChangeSet {
  readonly files = new Map<string, FileChanges>();
  /** Resource types whose block opening line was deleted somewhere (evidence that may be gone). */
  readonly removedTypes = new Set<string>();
  /** Scanned roots (as the report names them) with no file at the base. */
  readonly newRoots = new Set<string>();

  /** @param ref the base as given; @param commit the commit the change is measured from. */
  constructor(
    readonly ref: string,
    readonly commit: string,
  ) {}

  /** True when lines first..last of the file (as it is now) were added, changed, or had lines deleted between them. */
  touches(file: string | undefined, first: number | undefined, last: number | undefined): boolean {
    if (!file || first === undefined) return false;
    const c = this.files.get(file);
    if (!c) return false;
    if (c.whole) return true;
    const end = last ?? first;
    return c.added.some(([a, b]) => a <= end && b >= first) || c.deletedAfter.some((n) => n >= first && n < end);
  }
}
