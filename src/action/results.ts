/**
 * What the action reports on a pull request: every unsuppressed result that is not a pass, and the
 * input problems, most severe first. The first ANNOTATION_LIMIT become annotations (GitHub shows
 * 10 errors, 10 warnings and 10 notices per step and 50 per job, in the order they are printed);
 * the job summary lists all of them.
 */
import { Finding, Report } from '../report/findings';
import { groupAcrossRoots } from '../report/renderers/group-findings';
import { ANNOTATION_LEVEL } from '../report/renderers/github-reporter';
import { Diagnostic } from '../diagnostics';
import { RepoContext, isFile, repoPath } from './repo-paths';

export const ANNOTATION_LIMIT = 50;

export type AnnotationKind = 'error' | 'warning' | 'notice';

export interface ActionResult {
  kind: AnnotationKind;
  /** critical, high, medium, low, unknown, not evidenced, input error, input warning. */
  label: string;
  ruleId?: string;
  resource?: string;
  /** Path relative to the repository root (what annotations and links need). */
  file?: string;
  startLine?: number;
  endLine?: number;
  /** Roots a shared module's result stands in, when the scan had several. */
  roots: string[];
  message: string;
  fix?: string;
  /** Set in PR mode (--diff-base): false for a result the base already had. */
  isNew?: boolean;
}

/** Report order within a rank (file, line, rule): ranks put the most severe first. */
const RANK: Record<string, number> = { 'input error': 0, critical: 1, high: 2, medium: 3, low: 4, unknown: 5, 'not evidenced': 6, 'input warning': 7 };

function fromFinding(f: Finding, roots: string[], ctx: RepoContext): ActionResult {
  const label = f.status === 'fail' ? f.severity : f.status === 'unknown' ? 'unknown' : 'not evidenced';
  const isNew = f.new;
  return {
    kind: f.status === 'fail' ? ANNOTATION_LEVEL[f.severity] : 'notice',
    label,
    ruleId: f.ruleId,
    resource: f.resource,
    file: f.file ? repoPath(f.file, ctx) : undefined,
    startLine: f.file ? f.startLine : undefined,
    endLine: f.file && f.startLine ? (f.endLine ?? f.startLine) : undefined,
    roots,
    message: f.message,
    fix: f.fix,
    ...(isNew !== undefined ? { isNew } : {}),
  };
}

function fromDiagnostic(d: Diagnostic, ctx: RepoContext): ActionResult {
  const error = d.severity !== 'warning';
  // A diagnostic about a directory ("no .tf files in ."), not a file, has no place to annotate.
  const file = d.file && isFile(d.file, ctx) ? repoPath(d.file, ctx) : undefined;
  return {
    kind: error ? 'error' : 'warning',
    label: error ? 'input error' : 'input warning',
    file,
    startLine: file ? d.line : undefined,
    endLine: file ? d.line : undefined,
    roots: [],
    message: d.message,
  };
}

export function collectResults(report: Report, ctx: RepoContext): ActionResult[] {
  const shown = report.findings.filter((f) => !f.suppressed && f.status !== 'pass');
  const several = report.inputs.length > 1;
  const results = [
    ...report.errors.map((d) => fromDiagnostic(d, ctx)),
    // A shared local module's result in several roots is one result naming the roots.
    ...groupAcrossRoots(shown).map(({ finding, roots }) => fromFinding(finding, several ? roots : [], ctx)),
    ...report.warnings.map((d) => fromDiagnostic(d, ctx)),
  ];
  // Array.prototype.sort is stable: within a rank the report's order stays.
  return results.sort((a, b) => RANK[a.label] - RANK[b.label]);
}

/** The results to annotate: in PR mode only those the change brings, then at most ANNOTATION_LIMIT. */
export function annotationsToMake(results: readonly ActionResult[]): ActionResult[] {
  const prMode = results.some((r) => r.isNew !== undefined);
  return results.filter((r) => !prMode || r.isNew !== false).slice(0, ANNOTATION_LIMIT);
}

/** `TG-ENC-001 aws_db_instance.main [envs/a, envs/b]`: the annotation's title. */
export function resultTitle(r: ActionResult): string {
  if (!r.ruleId) return r.label === 'input error' ? 'tomguard: input error' : 'tomguard: input warning';
  const status = r.label === 'unknown' || r.label === 'not evidenced' ? ` (${r.label})` : '';
  const roots = r.roots.length > 0 ? ` [${r.roots.join(', ')}]` : '';
  return `${r.ruleId}${status}${r.resource ? ` ${r.resource}` : ''}${roots}`;
}

export function resultMessage(r: ActionResult): string {
  return r.fix ? `${r.message}\nFix: ${r.fix}` : r.message;
}
