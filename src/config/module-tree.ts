/**
 * Loads a root module and every module it calls (local paths, and remote ones that `terraform init`
 * placed under `.terraform/modules`) before evaluation starts, so evaluation itself is synchronous.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostic, diagnosticAt } from '../diagnostics';
import { Block, ConfigFile } from '../hcl/ast';
import { LoadLimits, loadConfigFile, loadModuleDir } from '../hcl/load-files';
import type { FetchResult } from '../modules/download';
import { OUTSIDE_ROOT_HINT, isWithin as isWithinRoot, realpathLenient } from './repository-root';

export interface ModuleSourceDir {
  dir: string;
  files: ConfigFile[];
}

/** How one module call (identified by its chain of call names, e.g. `net.subnets`) resolved. */
export interface ModuleCallResolution {
  source: string;
  /** Loaded module, or undefined when it could not be found (its values are then unknown). */
  module?: ModuleSourceDir;
  unresolvedReason?: string;
  /** For a module fetched by --download-modules (or local to one): the downloaded package it is in. */
  packageDir?: string;
}

export interface ModuleTree {
  root: ModuleSourceDir;
  /** Keyed by the call-name chain joined with '.', as in `.terraform/modules/modules.json`. */
  calls: Map<string, ModuleCallResolution>;
  diagnostics: Diagnostic[];
}

/** Limits that keep hostile inputs from recursing forever. */
const MAX_MODULE_DEPTH = 32;

interface ModulesJsonEntry {
  Key: string;
  Source: string;
  Dir: string;
}

function readModulesJson(rootDir: string, diagnostics: Diagnostic[]): Map<string, ModulesJsonEntry> {
  const file = path.join(rootDir, '.terraform', 'modules', 'modules.json');
  const map = new Map<string, ModulesJsonEntry>();
  if (!fs.existsSync(file)) return map;
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { Modules?: ModulesJsonEntry[] };
    for (const m of data.Modules ?? []) if (m && typeof m.Key === 'string' && typeof m.Dir === 'string') map.set(m.Key, m);
  } catch (err) {
    diagnostics.push({ file, message: `Could not read ${file}: ${(err as Error).message}. Remote modules are treated as unknown; run terraform init again.`, severity: 'warning' });
  }
  return map;
}

export function isLocalSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..';
}

export function moduleSourceOf(block: Block): string | undefined {
  const attr = block.body.attributes.find((a) => a.name === 'source');
  if (!attr) return undefined;
  if (attr.expr.kind === 'literal' && typeof attr.expr.value === 'string') return attr.expr.value;
  return undefined;
}

export interface LoadTreeOptions {
  limits?: LoadLimits;
  /** Load just this file as the root (a `.tf` given explicitly). */
  singleFile?: string;
  /** Root module files that are not on disk (Terragrunt `generate` blocks), added to the root's. */
  extraFiles?: ConfigFile[];
  /** Root files (absolute paths) that `extraFiles` replace, as Terragrunt overwrites them. */
  replacedFiles?: string[];
  /** --download-modules: fetches remote modules that are not on disk (src/modules/download.ts). */
  downloadModules?: { fetch(source: string, version?: string): Promise<FetchResult> };
  /** Paths in messages are relative to this directory (default: the process's). */
  cwd?: string;
  /**
   * Local module directories and source files (through symlinks) must lie below this directory
   * (src/config/repository-root.ts); undefined: no limit (--allow-outside-root).
   */
  repoRoot?: string;
}

/** The module block's `version`, which Terraform requires to be a literal string. */
function moduleVersionOf(block: Block): { value?: string; error?: string } {
  const attr = block.body.attributes.find((a) => a.name === 'version');
  if (!attr) return {};
  if (attr.expr.kind === 'literal' && typeof attr.expr.value === 'string') return { value: attr.expr.value };
  return { error: 'module "version" must be a literal string' };
}

function isWithin(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

export async function loadModuleTree(rootDir: string, options: LoadTreeOptions = {}): Promise<ModuleTree> {
  const diagnostics: Diagnostic[] = [];
  const cache = new Map<string, ModuleSourceDir>();
  const calls = new Map<string, ModuleCallResolution>();
  const modulesJson = readModulesJson(rootDir, diagnostics);

  /** `packageDir`: a downloaded package holding `dir`, whose files must stay inside it instead of the repository. */
  const loadDir = async (dir: string, packageDir?: string): Promise<ModuleSourceDir> => {
    const cached = cache.get(dir);
    if (cached) return cached;
    const loaded = await loadModuleDir(dir, options.limits);
    const within = packageDir ?? options.repoRoot;
    const outside = new Set(within ? filesOutside(loaded.files.map((f) => f.path), within) : []);
    for (const file of outside) {
      const root = packageDir ? `its downloaded package (${packageDir})` : `the repository root (${options.repoRoot})`;
      diagnostics.push({ file, message: `${path.basename(file)} is a symlink to ${realpathLenient(file)}, outside ${root}; not read${packageDir ? '' : ` (${OUTSIDE_ROOT_HINT})`}.`, severity: 'error' });
    }
    diagnostics.push(...loaded.errors.filter((e) => !outside.has(e.file)));
    const mod = { dir, files: loaded.files.filter((f) => !outside.has(f.path)) };
    cache.set(dir, mod);
    return mod;
  };

  let root: ModuleSourceDir;
  if (options.singleFile) {
    const loaded = await loadConfigFile(options.singleFile, options.limits);
    diagnostics.push(...loaded.errors);
    root = { dir: rootDir, files: loaded.file ? [loaded.file] : [] };
  } else {
    root = await loadDir(rootDir);
  }
  if (options.extraFiles?.length) {
    const replaced = new Set((options.replacedFiles ?? []).map((f) => path.resolve(f)));
    root = { dir: root.dir, files: [...root.files.filter((f) => !replaced.has(path.resolve(f.path))), ...options.extraFiles] };
  }

  /** `packageDir`: the downloaded package `mod` belongs to, if any. */
  const visit = async (mod: ModuleSourceDir, keyPrefix: string, dirChain: string[], packageDir?: string): Promise<void> => {
    for (const file of mod.files) {
      for (const block of file.body.blocks) {
        if (block.type !== 'module' || block.labels.length !== 1) continue;
        const key = keyPrefix ? `${keyPrefix}.${block.labels[0]}` : block.labels[0];
        const source = moduleSourceOf(block);
        if (source === undefined) {
          calls.set(key, { source: '', unresolvedReason: 'module "source" must be a literal string' });
          diagnostics.push(diagnosticAt(block.range, `module "${block.labels[0]}": "source" must be a literal string.`));
          continue;
        }
        let resolution = resolveCall(source, key, mod.dir, rootDir, modulesJson, !!options.downloadModules, options.cwd ?? process.cwd());
        let childPackage = isLocalSource(source) ? packageDir : undefined;
        if (resolution.download && options.downloadModules) {
          const version = moduleVersionOf(block);
          const fetched = version.error ? { reason: version.error } : await options.downloadModules.fetch(source, version.value);
          if ('reason' in fetched) {
            resolution = { reason: fetched.reason };
          } else {
            resolution = { dir: fetched.dir };
            childPackage = fetched.packageDir;
            if (fetched.warning) diagnostics.push(diagnosticAt(block.range, `module "${block.labels[0]}": ${fetched.warning}`, 'warning'));
          }
        }
        if (!resolution.dir) {
          calls.set(key, { source, unresolvedReason: resolution.reason });
          continue;
        }
        // As in Terraform, a relative path inside a downloaded package must stay inside that package.
        if (childPackage && !isWithin(safeRealpath(childPackage), safeRealpath(resolution.dir))) {
          calls.set(key, { source, unresolvedReason: `local module path "${source}" leads outside its downloaded package` });
          continue;
        }
        const real = safeRealpath(resolution.dir);
        // Code a hostile repository points to elsewhere on the disk (`../../../home/x`, an absolute Dir in
        // modules.json, a symlinked directory) is not read: downloaded packages have their own check above.
        if (options.repoRoot && !childPackage && !isWithinRoot(realpathLenient(options.repoRoot), real)) {
          calls.set(key, { source, unresolvedReason: `its source leads outside the repository root (${options.repoRoot})` });
          diagnostics.push(diagnosticAt(block.range, `module "${block.labels[0]}": the source "${source}" leads to ${real}, outside the repository root (${options.repoRoot}); not read (${OUTSIDE_ROOT_HINT}).`));
          continue;
        }
        if (dirChain.includes(real)) {
          const reason = `module call cycle: ${key.split('.').map((n) => `module.${n}`).join(' → ')} leads back to ${path.relative(rootDir, real) || '.'}`;
          calls.set(key, { source, unresolvedReason: reason });
          diagnostics.push(diagnosticAt(block.range, `Module call cycle: module "${block.labels[0]}" (source "${source}") calls a module that is already being loaded; values from it are unknown.`));
          continue;
        }
        if (dirChain.length >= MAX_MODULE_DEPTH) {
          calls.set(key, { source, unresolvedReason: `module nesting deeper than ${MAX_MODULE_DEPTH} levels` });
          diagnostics.push(diagnosticAt(block.range, `Module nesting is deeper than ${MAX_MODULE_DEPTH} levels; values below are unknown.`));
          continue;
        }
        if (isSymlinkLoop(resolution.dir)) {
          calls.set(key, { source, unresolvedReason: `${path.relative(rootDir, resolution.dir) || '.'} is a symlink loop` });
          continue;
        }
        if (!fs.existsSync(resolution.dir) || !fs.statSync(resolution.dir).isDirectory()) {
          // Reported once, as a warning, with the other unresolved calls (src/engine/unresolved-modules.ts).
          calls.set(key, { source, unresolvedReason: `the directory ${path.relative(rootDir, resolution.dir) || '.'} does not exist (check the source path)` });
          continue;
        }
        const child = await loadDir(resolution.dir, childPackage);
        calls.set(key, { source, module: child, ...(childPackage ? { packageDir: childPackage } : {}) });
        await visit(child, key, [...dirChain, real], childPackage);
      }
    }
  };
  await visit(root, '', [safeRealpath(rootDir)]);
  return { root, calls, diagnostics };
}

/** Source files that are symlinks to files outside `root`. */
function filesOutside(files: string[], root: string): string[] {
  const realRoot = realpathLenient(root);
  return files.filter((f) => !isWithinRoot(realRoot, realpathLenient(f)));
}

function isSymlinkLoop(p: string): boolean {
  try {
    fs.statSync(p);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ELOOP';
  }
}

function safeRealpath(p: string): string {
  try {
    return fs.realpathSync.native(p); // one syscall instead of an lstat per path component
  } catch {
    return path.resolve(p);
  }
}

function resolveCall(
  source: string,
  key: string,
  callerDir: string,
  rootDir: string,
  modulesJson: Map<string, ModulesJsonEntry>,
  downloading: boolean,
  cwd: string,
): { dir?: string; reason?: string; download?: boolean } {
  const entry = modulesJson.get(key);
  if (isLocalSource(source)) return { dir: path.resolve(callerDir, source) };
  if (entry) {
    const dir = path.resolve(rootDir, entry.Dir);
    if (fs.existsSync(dir)) return { dir };
    return { reason: `remote module "${source}" is listed in .terraform/modules/modules.json but ${entry.Dir} is missing` };
  }
  if (downloading) return { download: true };
  const shown = path.relative(cwd, rootDir).split(path.sep).join('/') || '.';
  return { reason: `remote module "${source}" is not on disk: run "terraform init -backend=false" in ${shown} or scan with --download-modules` };
}
