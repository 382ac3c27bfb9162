/**
 * Reading Terragrunt configuration files (`terragrunt.hcl`, `root.hcl`, files read with
 * `read_terragrunt_config`) and the state shared while one unit is read: the parsed files, the
 * diagnostics and the scan's environment.
 *
 * The unit's own file and the files it includes are read with `loadConfigFile`, so HashiCorp's HCL
 * parser checks them as it checks `.tf` files. A file named by `read_terragrunt_config` is only
 * known while expressions are evaluated (synchronously), so it is parsed with tomguard's parser alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostic, DiagnosticSink, diagnosticAt } from '../diagnostics';
import { Attribute, Block, Body, ConfigFile, Range } from '../hcl/ast';
import { DEFAULT_LIMITS, LoadLimits, loadConfigFile, readSourceFile } from '../hcl/load-files';
import { parseNativeFile } from '../hcl/native-parser';
import { HclSyntaxError } from '../hcl/source-text';
import { TERRAGRUNT_FILE } from './file-name';

/** The file that makes a directory a Terragrunt unit. */
export { TERRAGRUNT_FILE };

export interface SessionOptions {
  env: Record<string, string | undefined>;
  /** Paths in messages are relative to this directory. */
  cwd: string;
  limits?: LoadLimits;
}

type Loaded = { file?: ConfigFile; errors: Diagnostic[] };

/** State of reading one Terragrunt unit (its configuration and everything that configuration reads). */
export class TerragruntSession {
  readonly diagnostics = new DiagnosticSink();
  readonly env: Record<string, string | undefined>;
  readonly cwd: string;
  readonly limits: LoadLimits;
  private readonly files = new Map<string, Loaded>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly reported = new Set<string>();
  /** Directories of every configuration file read so far: file() may read below their common ancestor. */
  private readonly dirs: string[] = [];
  private gitRootCache: string | null | undefined;

  constructor(
    readonly unitDir: string,
    options: SessionOptions,
  ) {
    this.env = options.env;
    this.cwd = options.cwd;
    this.limits = options.limits ?? DEFAULT_LIMITS;
    this.dirs.push(path.resolve(unitDir));
  }

  display(file: string): string {
    if (!path.isAbsolute(file)) return file.split(path.sep).join('/');
    return path.relative(this.cwd, file).split(path.sep).join('/') || '.';
  }

  error(range: Range, message: string): void {
    this.diagnostics.add(diagnosticAt({ ...range, file: this.display(range.file) }, message, 'error'));
  }

  warning(range: Range, message: string): void {
    this.diagnostics.add(diagnosticAt({ ...range, file: this.display(range.file) }, message, 'warning'));
  }

  /** Reads and parses a file with both parsers (HashiCorp's and tomguard's), once. */
  async preload(file: string): Promise<void> {
    const key = path.resolve(file);
    if (this.files.has(key) || !fs.existsSync(key)) return;
    const loaded = await loadConfigFile(key, this.limits);
    this.files.set(key, { file: loaded.file, errors: loaded.errors.map((e) => ({ ...e, file: this.display(e.file), severity: 'error' as const })) });
  }

  /**
   * The parsed file (preloaded, else parsed now with tomguard's parser). Its read and syntax errors
   * are reported the first time it is asked for.
   */
  load(file: string): ConfigFile | undefined {
    const key = path.resolve(file);
    let loaded = this.files.get(key);
    if (!loaded) {
      loaded = this.parseNow(key);
      this.files.set(key, loaded);
    }
    if (!this.reported.has(key)) {
      this.reported.add(key);
      this.diagnostics.addAll(loaded.errors);
      if (loaded.file) this.dirs.push(path.dirname(key));
    }
    return loaded.file;
  }

  private parseNow(file: string): Loaded {
    const read = readSourceFile(file, this.limits);
    if ('error' in read) return { errors: [{ ...read.error, file: this.display(file), severity: 'error' }] };
    this.texts.set(file, read.text);
    try {
      return { file: parseNativeFile(file, read.text), errors: [] };
    } catch (err) {
      if (!(err instanceof HclSyntaxError)) throw err;
      return { errors: [{ file: this.display(file), line: err.line, column: err.column, message: err.message, severity: 'error' }] };
    }
  }

  /** The text of a configuration file (for placing generated files at their lines). */
  text(file: string): string | undefined {
    const key = path.resolve(file);
    if (!this.texts.has(key)) {
      const read = readSourceFile(key, this.limits);
      this.texts.set(key, 'text' in read ? read.text : undefined);
    }
    return this.texts.get(key);
  }

  /** The enclosing git work tree of the unit (what Terragrunt's get_repo_root() returns), if any. */
  gitRoot(): string | undefined {
    if (this.gitRootCache === undefined) {
      this.gitRootCache = null;
      for (let dir = path.resolve(this.unitDir); ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, '.git'))) {
          this.gitRootCache = dir;
          break;
        }
        if (path.dirname(dir) === dir) break;
      }
    }
    return this.gitRootCache ?? undefined;
  }

  /**
   * The directory file() may read below: the git work tree, else the common ancestor of the unit
   * and every configuration file it read (parent configurations sit above the unit).
   */
  repoRoot(): string {
    const git = this.gitRoot();
    if (git) return git;
    let common = this.dirs[0];
    for (const dir of this.dirs) {
      while (!(dir + path.sep).startsWith(common + path.sep) && path.dirname(common) !== common) common = path.dirname(common);
    }
    return common;
  }
}

// ------------------------------------------------------------------------------------ syntax helpers

export function attributeOf(body: Body, name: string): Attribute | undefined {
  return body.attributes.find((a) => a.name === name);
}

export function blocksOf(body: Body, type: string): Block[] {
  return body.blocks.filter((b) => b.type === type);
}

/**
 * Whether a directory is a Terragrunt unit rather than a configuration that units only include:
 * its terragrunt.hcl includes another file or sets `terraform { source }`, or the directory holds
 * `.tf` files. A repository-level terragrunt.hcl with none of these is not a unit.
 */
export async function isTerragruntUnit(dir: string, limits?: LoadLimits): Promise<boolean> {
  const file = path.join(dir, TERRAGRUNT_FILE);
  if (!fs.existsSync(file)) return false;
  if (hasTerraformFiles(dir)) return true;
  const loaded = await loadConfigFile(file, limits);
  // A file that cannot be read is a unit, so that its errors are reported.
  if (!loaded.file) return true;
  return loaded.file.body.blocks.some((b) => b.type === 'include' || (b.type === 'terraform' && attributeOf(b.body, 'source') !== undefined));
}

export function hasTerraformFiles(dir: string): boolean {
  try {
    return fs.readdirSync(dir).some((f) => !f.startsWith('.') && (f.endsWith('.tf') || f.endsWith('.tf.json')));
  } catch {
    return false;
  }
}
