/**
 * Turns a path given on the command line into a resource graph: a Terraform root directory, a
 * Terragrunt unit (a directory with `terragrunt.hcl`: its module evaluated with its inputs and
 * generated files) or a single `.tf` / `.tf.json` file (loaded alone, as a root of its own).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostic, UnresolvedModule } from './diagnostics';
import { evaluateRoot } from './config/evaluation';
import { ModuleTree } from './config/module-tree';
import { looksLikeJson, readJsonFile } from './plan/read-json';
import { SuppressionComment, parseSuppression } from './report/outcome/suppressions';
import { CliVariable } from './config/variables';
import { graphFromEvaluation } from './graph/from-config';
import { ResourceGraph } from './graph/model';
import { DEFAULT_LIMITS, LoadLimits } from './hcl/load-files';
import { unresolvedModuleWarning, unresolvedModulesOf } from './engine/unresolved-modules';
import type { DownloadSettings } from './modules/download';
import { TERRAGRUNT_FILE } from './terragrunt/file-name';

/* eslint-disable @typescript-eslint/no-require-imports -- loaded only when such input is scanned */
/** The plan/state loader: only for JSON input. */
const planLoader = () => require('./plan/load-plan') as typeof import('./plan/load-plan');
/** The Terragrunt loader (its own evaluator and functions): only for a directory with a terragrunt.hcl. */
const terragrunt = () => ({
  ...(require('./terragrunt/parse-config') as typeof import('./terragrunt/parse-config')),
  ...(require('./terragrunt/unit') as typeof import('./terragrunt/unit')),
});
/* eslint-enable @typescript-eslint/no-require-imports */
import { isWithin, repositoryRoot } from './config/repository-root';

export interface InputOptions {
  variables?: CliVariable[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  limits?: LoadLimits;
  /** For plan JSON: where the `.tf` files are (default: the plan file's directory). */
  sourceRoot?: string;
  /** Fetch remote modules that are not on disk (off by default: a plain scan opens no connection). */
  downloadModules?: DownloadSettings;
  /** Directories named on the command line (absolute): they widen the repository root outside git. */
  namedDirs?: string[];
  /** --allow-outside-root: read modules and files outside the repository root too. */
  allowOutsideRoot?: boolean;
}

export interface LoadedInput {
  kind: 'hcl' | 'plan' | 'state';
  /** The path as the user gave it. */
  path: string;
  graph: ResourceGraph;
  diagnostics: Diagnostic[];
  /** `tomguard:ignore` comments found in the loaded source files. */
  suppressions: SuppressionComment[];
  /** Module calls whose code was not read (HCL only: a plan holds every module's resources). */
  unresolvedModules: UnresolvedModule[];
}

export async function loadInput(inputPath: string, options: InputOptions = {}): Promise<LoadedInput> {
  const cwd = options.cwd ?? process.cwd();
  const abs = path.resolve(cwd, inputPath);
  const shown = inputPath.split(path.sep).join('/');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or directory' : code === 'ELOOP' ? 'symlink loop' : (err as Error).message;
    return { kind: 'hcl', path: shown, graph: new ResourceGraph(), suppressions: [], unresolvedModules: [], diagnostics: [{ file: shown, message: `Cannot read ${shown}: ${why}.`, severity: 'error' }] };
  }
  const common = { cli: options.variables ?? [], env: options.env ?? process.env, cwd, limits: options.limits ?? DEFAULT_LIMITS, downloadModules: options.downloadModules };
  let evaluation;
  let unitDiagnostics: Diagnostic[] | undefined;
  const trusted = [cwd, ...(options.namedDirs ?? [])];
  const rootOf = (dir: string) => ({ repoRoot: repositoryRoot(dir, trusted), allowOutsideRoot: options.allowOutsideRoot });
  const unitDir = stat.isDirectory() ? abs : path.basename(abs) === TERRAGRUNT_FILE ? path.dirname(abs) : undefined;
  if (unitDir !== undefined && fs.existsSync(path.join(unitDir, TERRAGRUNT_FILE)) && (await terragrunt().isTerragruntUnit(unitDir, common.limits))) {
    const unit = await terragrunt().readTerragruntUnit(unitDir, { env: common.env, cwd, limits: common.limits });
    unitDiagnostics = unit.diagnostics;
    if (!unit.moduleDir) {
      return { kind: 'hcl', path: shown, graph: new ResourceGraph(), suppressions: [], diagnostics: unit.diagnostics, unresolvedModules: unit.unresolved ? [unit.unresolved] : [] };
    }
    // The unit names its module explicitly (terraform { source }): the root holds both.
    const root = rootOf(unitDir);
    const moduleRoot = rootOf(unit.moduleDir).repoRoot;
    const repoRoot = isWithin(root.repoRoot, moduleRoot) ? root.repoRoot : isWithin(moduleRoot, root.repoRoot) ? moduleRoot : commonAncestor(root.repoRoot, moduleRoot);
    evaluation = await evaluateRoot(unit.moduleDir, { ...common, ...root, repoRoot, inputs: unit.inputs, extraFiles: unit.extraFiles, replacedFiles: unit.replacedFiles });
  } else if (stat.isDirectory()) {
    evaluation = await evaluateRoot(abs, { ...common, ...rootOf(abs) });
  } else if (abs.endsWith('.tf') || abs.endsWith('.tf.json')) {
    evaluation = await evaluateRoot(path.dirname(abs), { ...common, ...rootOf(path.dirname(abs)), singleFile: abs });
  } else if (abs.endsWith('.json') || looksLikeJson(abs)) {
    return loadJsonInput(abs, shown, options, cwd);
  } else {
    return {
      kind: 'hcl',
      path: shown,
      graph: new ResourceGraph(),
      suppressions: [],
      unresolvedModules: [],
      diagnostics: [{ file: shown, message: `${shown} is not a Terraform root directory, a .tf/.tf.json file or a plan JSON file.`, severity: 'error' }],
    };
  }
  const diagnostics = [...(unitDiagnostics ?? []), ...evaluation.diagnostics.items].map((d) => ({ ...d, severity: d.severity ?? ('error' as const) }));
  if (unitDiagnostics && evaluation.tree.root.files.length === 0 && !unitDiagnostics.some((d) => d.severity === 'error')) {
    const moduleDir = evaluation.displayPath(evaluation.rootDir);
    diagnostics.push({ file: shown, message: `The Terragrunt unit ${shown} has no Terraform code to scan: ${moduleDir} holds no .tf or .tf.json files.`, severity: 'error' });
  } else if (stat.isDirectory() && evaluation.tree.root.files.length === 0 && diagnostics.length === 0) {
    // Scanning the wrong directory must not look like a clean pass.
    const included = fs.existsSync(path.join(abs, TERRAGRUNT_FILE))
      ? ` Its ${TERRAGRUNT_FILE} is a Terragrunt configuration that units include (it has no include, no terraform source and no .tf files beside it): scan the units, or use --recursive.`
      : '';
    diagnostics.push({ file: shown, message: `No .tf or .tf.json files in ${shown}: point tomguard at a Terraform root directory, a plan JSON file, or use --recursive.${included}`, severity: 'error' });
  }
  const graph = graphFromEvaluation(evaluation);
  const unresolvedModules = unresolvedModulesOf(graph);
  for (const m of unresolvedModules) {
    // Loading already explained some (a module call cycle, nesting too deep): one message per call.
    if (!diagnostics.some((d) => d.file === m.file && d.line === m.line)) diagnostics.push(unresolvedModuleWarning(m));
  }
  return { kind: 'hcl', path: shown, graph, diagnostics, unresolvedModules, suppressions: suppressionComments(evaluation.tree, (f) => evaluation.displayPath(f)) };
}

function commonAncestor(a: string, b: string): string {
  let dir = a;
  while (!isWithin(dir, b) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

async function loadJsonInput(abs: string, shown: string, options: InputOptions, cwd: string): Promise<LoadedInput> {
  const empty = (message: string, extra: Partial<Diagnostic> = {}): LoadedInput => ({
    kind: 'plan',
    path: shown,
    graph: new ResourceGraph(),
    suppressions: [],
    unresolvedModules: [],
    diagnostics: [{ file: shown, message, severity: 'error', ...extra }],
  });
  const read = readJsonFile(abs, shown);
  if ('error' in read) return { ...empty(read.error.message), diagnostics: [read.error] };
  const { classifyJson, loadPlan } = planLoader();
  if (classifyJson(read.data) === 'other') {
    return empty(`${shown} is JSON but not Terraform plan or state output (no "format_version" with "planned_values", "resource_changes" or "values"). Create it with: terraform show -json plan.out > plan.json`);
  }
  try {
    const loaded = await loadPlan({ file: abs, shown, text: read.text, data: read.data, cwd, sourceRoot: options.sourceRoot, limits: options.limits });
    const display = (f: string) => path.relative(cwd, f).split(path.sep).join('/') || f;
    return {
      kind: loaded.kind,
      path: shown,
      graph: loaded.graph,
      diagnostics: loaded.diagnostics,
      unresolvedModules: [],
      suppressions: loaded.sourceMap ? suppressionComments(loaded.sourceMap.tree, display) : [],
    };
  } catch (err) {
    // Hostile input (e.g. nesting deep enough to exhaust the stack) must not end the run.
    if (err instanceof RangeError) return empty(`${shown} is nested too deeply to process.`);
    throw err;
  }
}

/** Suppression comments of every file of a module tree (root and modules), with display paths. */
function suppressionComments(tree: ModuleTree, display: (file: string) => string): SuppressionComment[] {
  const files = [tree.root, ...[...tree.calls.values()].flatMap((c) => (c.module ? [c.module] : []))].flatMap((m) => m.files);
  // By comment, not by file: several generated files may sit in one file (a root.hcl's generate blocks).
  const seen = new Set<string>();
  const out: SuppressionComment[] = [];
  for (const file of files) {
    for (const comment of file.comments) {
      const key = `${file.path}:${comment.range.start.line}:${comment.range.start.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const parsed = parseSuppression(display(file.path), comment);
      if (parsed) out.push(parsed);
    }
  }
  return out;
}
