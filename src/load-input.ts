/**
 * Turns a path given on the command line into a resource graph: a Terraform root directory or a
 * single `.tf` / `.tf.json` file (loaded alone, as a root of its own).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostic } from './diagnostics';
import { Evaluation, evaluateRoot } from './config/evaluation';
import { SuppressionComment, parseSuppression } from './report/suppressions';
import { CliVariable } from './config/variables';
import { graphFromEvaluation } from './graph/from-config';
import { ResourceGraph } from './graph/model';
import { DEFAULT_LIMITS, LoadLimits } from './hcl/load-files';

export interface InputOptions {
  variables?: CliVariable[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  limits?: LoadLimits;
}

export interface LoadedInput {
  kind: 'hcl';
  /** The path as the user gave it. */
  path: string;
  graph: ResourceGraph;
  diagnostics: Diagnostic[];
  /** `tomguard:ignore` comments found in the loaded source files. */
  suppressions: SuppressionComment[];
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
    return { kind: 'hcl', path: shown, graph: new ResourceGraph(), suppressions: [], diagnostics: [{ file: shown, message: `Cannot read ${shown}: ${why}.`, severity: 'error' }] };
  }
  const common = { cli: options.variables ?? [], env: options.env ?? process.env, cwd, limits: options.limits ?? DEFAULT_LIMITS };
  let evaluation;
  if (stat.isDirectory()) {
    evaluation = await evaluateRoot(abs, common);
  } else if (abs.endsWith('.tf') || abs.endsWith('.tf.json')) {
    evaluation = await evaluateRoot(path.dirname(abs), { ...common, singleFile: abs });
  } else {
    return {
      kind: 'hcl',
      path: shown,
      graph: new ResourceGraph(),
      suppressions: [],
      diagnostics: [{ file: shown, message: `${shown} is not a Terraform root directory, a .tf/.tf.json file or a plan JSON file.`, severity: 'error' }],
    };
  }
  const diagnostics = evaluation.diagnostics.items.map((d) => ({ ...d, severity: d.severity ?? ('error' as const) }));
  return { kind: 'hcl', path: shown, graph: graphFromEvaluation(evaluation), diagnostics, suppressions: suppressionComments(evaluation) };
}

/** Suppression comments of every file the evaluation loaded (root and modules), with display paths. */
function suppressionComments(evaluation: Evaluation): SuppressionComment[] {
  const files = [evaluation.tree.root, ...[...evaluation.tree.calls.values()].flatMap((c) => (c.module ? [c.module] : []))].flatMap((m) => m.files);
  const seen = new Set<string>();
  const out: SuppressionComment[] = [];
  for (const file of files) {
    if (seen.has(file.path)) continue;
    seen.add(file.path);
    for (const comment of file.comments) {
      const parsed = parseSuppression(evaluation.displayPath(file.path), comment);
      if (parsed) out.push(parsed);
    }
  }
  return out;
}
