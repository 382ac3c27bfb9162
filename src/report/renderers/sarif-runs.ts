/**
 * Which SARIF run each result and notification goes to. GitHub code scanning keys alerts by tool and
 * category (`automationDetails.id`), replaces a category's alerts with each upload, and rejects a file
 * with two runs of the same tool and category or with more than 20 runs. So:
 *
 * - `--sarif-category CAT`: one run, category CAT, for everything scanned (a job or shard names itself);
 * - otherwise one run per root, category `tomguard/<root>/`: a root keeps its alerts whether it is
 *   scanned alone, in an estate, or in another shard of a matrix;
 * - more roots than GitHub takes runs in one file: one run with the whole scan's category, and a
 *   notification saying why.
 */
import { Diagnostic } from '../../diagnostics';
import { normalizeRoot } from '../../root-path';
import { Finding, Report } from '../findings';

/** GitHub rejects a SARIF file with more runs than this. */
export const GITHUB_MAX_RUNS = 20;

export interface RunPart {
  /** `automationDetails.id`: ends with `/`, as GitHub reads the part before the last `/` as the category. */
  category: string;
  /** The roots (report inputs) whose results this run holds. */
  roots: string[];
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** The first run also carries what belongs to no root: account-wide results and claim notes. */
  first: boolean;
}

export interface RunSplitOptions {
  /** --sarif-category. */
  category?: string;
  /** The category of a single run for the whole scan, when there are too many roots for one run each. */
  wholeScanCategory?: string;
}

/** `prod` → `prod/`: GitHub's upload action appends the slash to a category the same way. */
export function asCategory(id: string): string {
  return id.endsWith('/') ? id : `${id}/`;
}

/** `./envs/prod/` → `tomguard/envs/prod/`; the current directory is `tomguard/./`. */
export function rootCategory(root: string): string {
  return `tomguard/${normalizeRoot(root)}/`;
}

/** The root a file belongs to: the longest root that contains it (`.` contains everything). */
function rootOfFile(file: string, roots: readonly string[]): string | undefined {
  const norm = normalizeRoot(file);
  let best: string | undefined;
  let bestLength = -1;
  for (const root of roots) {
    const r = normalizeRoot(root);
    const inside = r === '.' || norm === r || norm.startsWith(`${r}/`);
    const length = r === '.' ? 0 : r.length;
    if (inside && length > bestLength) {
      best = root;
      bestLength = length;
    }
  }
  return best;
}

export function splitRuns(report: Report, options: RunSplitOptions): { parts: RunPart[]; note?: string } {
  const roots = report.inputs.map((i) => i.path);
  const categories = [...new Set(roots.map(rootCategory))];
  let note: string | undefined;
  let categoryOfRoot: (root: string | undefined) => string;
  if (options.category !== undefined || categories.length <= 1 || categories.length > GITHUB_MAX_RUNS) {
    const single = options.category !== undefined ? asCategory(options.category) : categories.length === 1 ? categories[0] : asCategory(options.wholeScanCategory ?? 'tomguard/');
    if (options.category === undefined && categories.length > GITHUB_MAX_RUNS) {
      note = `${categories.length} roots are more than the ${GITHUB_MAX_RUNS} runs GitHub code scanning takes in one SARIF file: all are in one run, category ${single}. Give each job or shard its own --sarif-category to split them.`;
    }
    categoryOfRoot = () => single;
  } else {
    categoryOfRoot = (root) => (root === undefined ? categories[0] : rootCategory(root));
  }
  const parts = new Map<string, RunPart>();
  const partOf = (root: string | undefined): RunPart => {
    const category = categoryOfRoot(root);
    let part = parts.get(category);
    if (!part) {
      part = { category, roots: [], findings: [], diagnostics: [], first: parts.size === 0 };
      parts.set(category, part);
    }
    return part;
  };
  // Runs in the order of the roots, so the first run is the first root's.
  for (const root of roots) {
    const part = partOf(root);
    if (!part.roots.includes(root)) part.roots.push(root);
  }
  if (parts.size === 0) partOf(undefined);
  for (const f of report.findings) partOf(f.root).findings.push(f);
  for (const d of [...report.errors, ...report.warnings]) partOf(rootOfFile(d.file, roots)).diagnostics.push(d);
  return { parts: [...parts.values()], note };
}
