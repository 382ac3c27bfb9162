/**
 * Entry point of HCL evaluation: loads a root module tree, gathers its variables and evaluates every
 * module instance, resource and data source.
 */
import * as path from 'node:path';
import { DiagnosticSink, diagnosticAt } from '../diagnostics';
import { Range } from '../hcl/ast';
import { parseNativeTemplate } from '../hcl/native-parser';
import { HclSyntaxError } from '../hcl/source-text';
import { evaluate } from '../eval/evaluate';
import { FunctionContext } from '../eval/functions';
import { EvalError, Value, ValueObject } from '../eval/value';
import { Cell } from './cell';
import { ModuleInstance } from './module-instance';
import { LoadTreeOptions, ModuleTree, loadModuleTree } from './module-tree';
import { ConfigFile } from '../hcl/ast';
import { RootVariables, VariableInputs } from './variables';
import { LoadLimits } from '../hcl/load-files';
import type { DownloadSettings } from '../modules/download';

/** The downloader (tar, yauzl, semver, https) only for --download-modules: a plain scan never fetches. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadDownloader = () => require('../modules/download') as typeof import('../modules/download');
import { repositoryRoot } from './repository-root';

export interface EvaluateOptions extends VariableInputs {
  /**
   * Local modules, symlinked source files and file()/templatefile() paths outside this directory are
   * refused. Default: src/config/repository-root.ts for the root dir and the working directory.
   */
  repoRoot?: string;
  /** --allow-outside-root: no such limit. */
  allowOutsideRoot?: boolean;
  /** Paths in messages and reports are relative to this directory. Default: process.cwd(). */
  cwd?: string;
  limits?: LoadLimits;
  /** Load only this `.tf`/`.tf.json` file as the root module. */
  singleFile?: string;
  /** --download-modules: fetch remote modules that are not on disk (credentials from `env`). */
  downloadModules?: DownloadSettings;
  /** More files of the root module that are not on disk (Terragrunt `generate` blocks). */
  extraFiles?: ConfigFile[];
  /** Files of the root directory that `extraFiles` replace (absolute paths). */
  replacedFiles?: string[];
}

export class Evaluation {
  readonly diagnostics = new DiagnosticSink();
  /** Cells being evaluated right now, innermost last: how cycles are detected and named. */
  readonly stack: Cell[] = [];
  readonly modules: ModuleInstance[] = [];
  readonly variables: RootVariables;
  readonly cwd: string;
  readonly repoRoot: string;
  /** Downloaded module packages: file() may read inside them as well as inside repoRoot. */
  readonly packageRoots: string[];
  /** Variables the root module reads that no variable block declares but that were given a value. */
  readonly undeclaredUsed = new Set<string>();
  root!: ModuleInstance;

  constructor(
    readonly rootDir: string,
    readonly tree: ModuleTree,
    options: EvaluateOptions,
  ) {
    this.cwd = options.cwd ?? process.cwd();
    this.repoRoot = evaluationRoot(rootDir, options);
    this.packageRoots = [...new Set([...tree.calls.values()].flatMap((c) => (c.module && c.packageDir ? [c.packageDir] : [])))];
    this.diagnostics.addAll(tree.diagnostics.map((d) => ({ ...d, file: this.displayPath(d.file) })));
    this.variables = RootVariables.gather(rootDir, options, this.functionContext(rootDir), this.cwd);
    this.diagnostics.addAll(this.variables.diagnostics.map((d) => ({ ...d, file: this.displayPath(d.file) })));
  }

  /** Display paths by file: asked for every graph node and every diagnostic, for a handful of files. */
  private readonly displayPaths = new Map<string, string>();

  displayPath(file: string): string {
    let shown = this.displayPaths.get(file);
    if (shown === undefined) {
      shown = path.isAbsolute(file) ? path.relative(this.cwd, file).split(path.sep).join('/') || file : file.split(path.sep).join('/');
      this.displayPaths.set(file, shown);
    }
    return shown;
  }

  /**
   * A value that could not be evaluated (it becomes Unknown). Reported as a warning: the input was
   * read and parsed, and the affected results show as `unknown`, so exit code 2 is not warranted.
   */
  error(range: Range, message: string): void {
    this.diagnostics.add(diagnosticAt({ ...range, file: this.displayPath(range.file) }, message, 'warning'));
  }

  warning(range: Range, message: string): void {
    this.diagnostics.add(diagnosticAt({ ...range, file: this.displayPath(range.file) }, message, 'warning'));
  }

  functionContext(moduleDir: string): FunctionContext {
    return {
      moduleDir,
      repoRoot: this.repoRoot,
      packageRoots: this.packageRoots,
      renderTemplate: (text: string, file: string, vars: ValueObject): Value => {
        let expr;
        try {
          expr = parseNativeTemplate(this.displayPath(file), text);
        } catch (err) {
          if (err instanceof HclSyntaxError) throw new EvalError(`templatefile: ${this.displayPath(file)}:${err.line}:${err.column}: ${err.message}`);
          throw err;
        }
        const scope = {
          functions: this.functionContext(path.dirname(file)),
          collector: undefined,
          resolve: (root: string) => (Object.prototype.hasOwnProperty.call(vars, root) ? { value: vars[root], consumed: 0 } : undefined),
        };
        return evaluate(expr, scope);
      },
    };
  }

  registerModule(m: ModuleInstance): void {
    this.modules.push(m);
  }

  /** Evaluates every module instance, including those only reachable through module calls. */
  evaluateAll(): void {
    this.root = new ModuleInstance(this, '', '', this.tree.root);
    this.registerModule(this.root);
    // Modules register children while they evaluate, so walk the growing list.
    for (let i = 0; i < this.modules.length; i++) this.modules[i].evaluateAll();
    // One warning for all of them, not one per use.
    const declared = new Set(this.root.variables.keys());
    const names = [...new Set([...this.variables.undeclared(declared), ...this.undeclaredUsed])].sort();
    if (names.length > 0) {
      this.diagnostics.add({
        file: path.relative(this.cwd, this.rootDir).split(path.sep).join('/') || '.',
        message: `Values were given for variables that no variable block declares (${names.join(', ')}); where the configuration reads them they are used as given (a generated file may declare them; otherwise check for a typo).`,
        severity: 'warning',
      });
    }
  }
}

/** The directory nothing is read outside of (the file system root with --allow-outside-root). */
function evaluationRoot(rootDir: string, options: EvaluateOptions): string {
  if (options.allowOutsideRoot) return path.parse(path.resolve(rootDir)).root;
  return path.resolve(options.repoRoot ?? repositoryRoot(rootDir, [options.cwd ?? process.cwd()]));
}

export async function evaluateRoot(rootDir: string, options: EvaluateOptions = {}): Promise<Evaluation> {
  const treeOptions: LoadTreeOptions = {
    limits: options.limits,
    singleFile: options.singleFile,
    extraFiles: options.extraFiles,
    replacedFiles: options.replacedFiles,
    cwd: options.cwd,
    downloadModules: options.downloadModules && loadDownloader().downloaderFor(options.downloadModules, options.env ?? process.env),
    repoRoot: options.allowOutsideRoot ? undefined : evaluationRoot(rootDir, options),
  };
  const tree = await loadModuleTree(rootDir, treeOptions);
  const evaluation = new Evaluation(rootDir, tree, options);
  evaluation.evaluateAll();
  return evaluation;
}

