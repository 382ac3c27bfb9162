/**
 * What a pull request changed, as PR mode (--diff-base) needs it: changed lines per file, resource
 * types whose blocks were deleted, and the files the scanned paths held at the base (to tell new
 * roots). Paths are relative to the working directory with `/` separators, as findings' are. Built by
 * diff-base.ts.
 */
import * as path from 'node:path';
import { normalizeRoot } from '../root-path';

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
  /** Files and directories (relative to the working directory) that the scanned paths held at the base. */
  readonly atBase = new Set<string>();

  /**
   * @param ref the base as given
   * @param commit the commit the change is measured from
   * @param cwd the working directory the paths are relative to
   */
  constructor(
    readonly ref: string,
    readonly commit: string,
    readonly cwd: string = '.',
  ) {}

  /** A root (a directory or file, as scanned) that did not exist at the base. */
  isNewRoot(root: string): boolean {
    const rel = path.isAbsolute(root) ? path.relative(this.cwd, root).split(path.sep).join('/') : root;
    return !this.atBase.has(normalizeRoot(rel));
  }

  /** Records a file that existed at the base, and its directories. */
  addAtBase(file: string): void {
    this.atBase.add(file);
    for (let dir = file; dir.includes('/'); ) {
      dir = dir.slice(0, dir.lastIndexOf('/'));
      this.atBase.add(dir);
    }
    if (!file.startsWith('../')) this.atBase.add('.');
  }

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
