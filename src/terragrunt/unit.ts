/**
 * A Terragrunt unit (a directory with `terragrunt.hcl`) read the way Terragrunt reads it, down to
 * what tomguard needs to evaluate it as a Terraform root: the module directory
 * (`terraform { source }`, else the unit's own directory), the files `generate` blocks add to it,
 * and the `inputs` that become its variables' values.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostic, UnresolvedModule } from '../diagnostics';
import { ConfigFile } from '../hcl/ast';
import { listConfigFiles, loadModuleDir } from '../hcl/load-files';
import { Unknown } from '../eval/value';
import type { VariableSetting } from '../config/variables';
import { ConfigEvaluator } from './evaluator';
import { generatedFiles } from './generate';
import { SessionOptions, TERRAGRUNT_FILE, TerragruntSession } from './parse-config';
import { resolveSource } from './source';


export interface TerragruntUnit {
  /** Absolute path of the unit's terragrunt.hcl. */
  configFile: string;
  /** The module to evaluate as the root; undefined when it cannot be read (remote, missing). */
  moduleDir?: string;
  /** Files `generate` blocks add to the module (parsed), and the module files they replace. */
  extraFiles: ConfigFile[];
  replacedFiles: string[];
  /** Values for the root module's variables, with where each was set. */
  inputs: Record<string, VariableSetting>;
  diagnostics: Diagnostic[];
  unresolved?: UnresolvedModule;
  /** Files the unit includes (absolute paths). */
  included: string[];
}

export async function readTerragruntUnit(unitDir: string, options: SessionOptions): Promise<TerragruntUnit> {
  const dir = path.resolve(unitDir);
  const configFile = path.join(dir, TERRAGRUNT_FILE);
  const session = new TerragruntSession(dir, options);
  const result: TerragruntUnit = { configFile, extraFiles: [], replacedFiles: [], inputs: {}, diagnostics: [], included: [] };
  await session.preload(configFile);
  const file = session.load(configFile);
  if (!file) {
    result.diagnostics = session.diagnostics.items;
    return result;
  }
  try {
    await readUnit(result, session, file, dir);
  } catch (err) {
    // Hostile input (nesting deep enough to exhaust the stack) must not end the run.
    if (!(err instanceof RangeError)) throw err;
    session.diagnostics.add({ file: session.display(configFile), message: `${session.display(configFile)} is nested too deeply to evaluate.`, severity: 'error' });
    result.moduleDir = undefined;
  }
  result.diagnostics = session.diagnostics.items;
  return result;
}

async function readUnit(result: TerragruntUnit, session: TerragruntSession, file: ConfigFile, dir: string): Promise<void> {
  const configFile = result.configFile;
  const unit = new ConfigEvaluator(session, file, { terragruntConfigPath: configFile, originalConfigPath: configFile, readStack: [] });
  for (const include of unit.includes) {
    if (!include.exists) continue;
    await session.preload(include.path);
    result.included.push(include.path);
  }
  // Every local is evaluated, so that a broken one is reported even when nothing reads it.
  unit.locals();
  for (const include of unit.includes) unit.includeConfig(include)?.locals();

  const source = unit.source();
  const where = (s: { range: { file: string; start: { line: number; column: number } } }) => ({
    file: session.display(s.range.file),
    line: s.range.start.line,
    column: s.range.start.column,
  });
  if (!source) {
    result.moduleDir = dir;
  } else if (typeof source.value !== 'string') {
    const reason =
      source.value instanceof Unknown ? `terraform.source is not known statically (${source.value.describe()})` : 'terraform.source must be a string';
    session.warning(source.range, `${reason}; the unit's module is not scanned.`);
    result.unresolved = { call: 'terraform.source', source: '', reason, ...where(source) };
  } else {
    const resolved = resolveSource(source.value, dir);
    if (resolved.kind === 'remote') {
      session.warning(
        source.range,
        `The remote Terragrunt source "${source.value}" was not read: tomguard scans only local module sources, so this unit's resources are not checked. Scan a local checkout of the module, or a plan JSON of the unit.`,
      );
      result.unresolved = { call: 'terraform.source', source: source.value, reason: resolved.reason, ...where(source) };
    } else if (!fs.existsSync(resolved.dir) || !fs.statSync(resolved.dir).isDirectory()) {
      const reason = `module directory ${session.display(resolved.dir)} does not exist`;
      session.error(source.range, `terraform.source "${source.value}": the ${reason}.`);
      result.unresolved = { call: 'terraform.source', source: source.value, reason, ...where(source) };
    } else {
      result.moduleDir = resolved.dir;
    }
  }

  const inputs = unit.mergedInputs();
  for (const [name, value] of Object.entries(inputs.values)) result.inputs[name] = { value, origin: inputs.origins[name] };
  if (result.moduleDir) await addWorkingDirFiles(result, unit, dir, result.moduleDir, session);
}

/**
 * What Terragrunt puts in Terraform's working directory besides the module: the unit directory's own
 * `.tf` files (copied over the module's, when `source` names another directory), then the generated
 * files (as `if_exists` allows).
 */
async function addWorkingDirFiles(result: TerragruntUnit, unit: ConfigEvaluator, unitDir: string, moduleDir: string, session: TerragruntSession): Promise<void> {
  const present = new Map<string, string>();
  for (const file of listConfigFiles(moduleDir).files) present.set(path.basename(file), path.resolve(file));
  let copied: ConfigFile[] = [];
  if (path.resolve(moduleDir) !== path.resolve(unitDir)) {
    const loaded = await loadModuleDir(unitDir, session.limits);
    for (const e of loaded.errors) session.diagnostics.add({ ...e, file: session.display(e.file), severity: 'error' });
    copied = loaded.files;
    for (const file of copied) {
      const name = path.basename(file.path);
      if (present.has(name)) result.replacedFiles.push(present.get(name)!);
      present.set(name, path.resolve(file.path));
    }
  }
  const generated = generatedFiles(unit, (name) => present.get(name));
  const replaced = new Set(generated.replaced);
  result.extraFiles = [...copied.filter((f) => !replaced.has(path.resolve(f.path))), ...generated.files];
  result.replacedFiles.push(...generated.replaced);
}
