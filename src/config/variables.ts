/**
 * Values of a root module's input variables, gathered in Terraform's precedence order
 * (later sources win): Terragrunt `inputs` (Terragrunt passes them as `TF_VAR_` variables, so they
 * lose to any other setting), environment `TF_VAR_name`, `terraform.tfvars`, `terraform.tfvars.json`,
 * `*.auto.tfvars` / `*.auto.tfvars.json` in lexical order, then `--var-file` and `--var`
 * in the order given on the command line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Diagnostic, diagnosticAt } from '../diagnostics';
import { Expr } from '../hcl/ast';
import { readSourceFile } from '../hcl/load-files';
import { parseNativeExpression, parseNativeFile } from '../hcl/native-parser';
import { HclSyntaxError } from '../hcl/source-text';
import { evaluate } from '../eval/evaluate';
import type { FunctionContext } from '../eval/functions';
import { Scope } from '../eval/scope';
import { EvalError, Value } from '../eval/value';

/** One command-line variable setting, in the order given. */
export type CliVariable = { kind: 'var'; name: string; value: string } | { kind: 'var-file'; file: string };

export interface VariableSetting {
  value: Value;
  /** Where the value was set, for messages: `terraform.tfvars:3`, `--var`, `TF_VAR_public`. */
  origin: string;
}

/** Where a setting came from: Terragrunt inputs, a TF_VAR_ variable, a tfvars file, the command line, a plan's recorded variables. */
type SettingKind = 'inputs' | 'env' | 'file' | 'cli' | 'plan';

/** Raw settings before the variable's declared type is known (CLI and env values are typed later). */
type RawSetting = ({ raw: string } | { value: Value }) & { origin: string; kind: SettingKind };

export interface VariableInputs {
  cli?: CliVariable[];
  env?: Record<string, string | undefined>;
  /** Typed values with the lowest precedence: a Terragrunt unit's `inputs`. */
  inputs?: Record<string, VariableSetting>;
  /** Values already typed, which win over every other source: a plan's recorded `variables`. */
  values?: { origin: string; values: Record<string, Value> };
}

/** Constant expressions only: tfvars files cannot reference anything. */
function constantScope(functions: FunctionContext): Scope {
  return {
    functions,
    collector: undefined,
    resolve: () => undefined,
  };
}

export class RootVariables {
  private readonly settings = new Map<string, RawSetting>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly rootDir: string,
    private readonly functions: FunctionContext,
    private readonly cwd: string,
  ) {}

  static gather(rootDir: string, inputs: VariableInputs, functions: FunctionContext, cwd = process.cwd()): RootVariables {
    const vars = new RootVariables(rootDir, functions, cwd);
    for (const [name, s] of Object.entries(inputs.inputs ?? {})) vars.settings.set(name, { value: s.value, origin: s.origin, kind: 'inputs' });
    for (const [key, value] of Object.entries(inputs.env ?? {})) {
      if (key.startsWith('TF_VAR_') && value !== undefined) vars.settings.set(key.slice(7), { raw: value, origin: key, kind: 'env' });
    }
    for (const name of ['terraform.tfvars', 'terraform.tfvars.json']) {
      const file = path.join(rootDir, name);
      if (fs.existsSync(file)) vars.readFile(file);
    }
    let autoFiles: string[] = [];
    try {
      autoFiles = fs
        .readdirSync(rootDir)
        .filter((f) => f.endsWith('.auto.tfvars') || f.endsWith('.auto.tfvars.json'))
        .sort();
    } catch {
      // An unreadable root is reported by the file loader.
    }
    for (const f of autoFiles) vars.readFile(path.join(rootDir, f));
    for (const setting of inputs.cli ?? []) {
      if (setting.kind === 'var') vars.settings.set(setting.name, { raw: setting.value, origin: '--var', kind: 'cli' });
      else vars.readFile(path.resolve(cwd, setting.file), true);
    }
    for (const [name, value] of Object.entries(inputs.values?.values ?? {})) vars.settings.set(name, { value, origin: inputs.values!.origin, kind: 'plan' });
    return vars;
  }

  private displayPath(file: string): string {
    return path.relative(this.cwd, file).split(path.sep).join('/') || file;
  }

  private readFile(file: string, explicit = false): void {
    const shown = this.displayPath(file);
    if (explicit && !fs.existsSync(file)) {
      this.diagnostics.push({ file: shown, message: `Variable file not found: ${shown}. Check the --var-file path.`, severity: 'error' });
      return;
    }
    const read = readSourceFile(file);
    if ('error' in read) {
      this.diagnostics.push({ ...read.error, file: shown });
      return;
    }
    const kind: SettingKind = explicit ? 'cli' : 'file';
    if (file.endsWith('.json')) {
      this.readJson(read.text, shown, kind);
      return;
    }
    try {
      const parsed = parseNativeFile(shown, read.text);
      for (const block of parsed.body.blocks) {
        this.diagnostics.push(diagnosticAt(block.range, `A variables file holds only "name = value" lines; "${block.type}" blocks are not allowed.`));
      }
      for (const attr of parsed.body.attributes) {
        const value = this.constant(attr.expr);
        if (value !== undefined) this.settings.set(attr.name, { value, origin: `${shown}:${attr.range.start.line}`, kind });
      }
    } catch (err) {
      if (err instanceof HclSyntaxError) this.diagnostics.push({ file: shown, line: err.line, column: err.column, message: err.message });
      else throw err;
    }
  }

  private readJson(text: string, shown: string, kind: SettingKind): void {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      this.diagnostics.push({ file: shown, message: `Invalid JSON in variables file: ${(err as Error).message}` });
      return;
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      this.diagnostics.push({ file: shown, message: 'A JSON variables file must hold one object of variable names to values.' });
      return;
    }
    for (const [name, value] of Object.entries(data as Record<string, Value>)) this.settings.set(name, { value, origin: shown, kind });
  }

  private constant(expr: Expr): Value | undefined {
    try {
      return evaluate(expr, constantScope(this.functions));
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      this.diagnostics.push(diagnosticAt(expr.range, `Variable values must be constants: ${err.message}`));
      return undefined;
    }
  }

  has(name: string): boolean {
    return this.settings.has(name);
  }

  /** The value for a declared variable; string settings from CLI/env are parsed per the declared type. */
  get(name: string, declaredType: string | undefined): VariableSetting | undefined {
    const s = this.settings.get(name);
    if (!s) return undefined;
    if ('value' in s) return { value: s.value, origin: s.origin };
    // Like Terraform: CLI and environment values are literal strings unless the type is not a string.
    if (declaredType === undefined || declaredType === 'string') return { value: s.raw, origin: s.origin };
    try {
      const expr = parseNativeExpression(s.origin, s.raw);
      return { value: evaluate(expr, constantScope(this.functions)), origin: s.origin };
    } catch (err) {
      if (!(err instanceof EvalError) && !(err instanceof HclSyntaxError)) throw err;
      this.diagnostics.push({ file: this.displayPath(this.rootDir), message: `Invalid value for variable "${name}" from ${s.origin}: ${err.message}` });
      return undefined;
    }
  }

  /**
   * Names set in a tfvars file or on the command line but never declared (Terraform warns about
   * these; a typo is a common cause of surprises). `TF_VAR_` variables and Terragrunt inputs for
   * undeclared variables are silently ignored by Terraform, as they are meant for many roots.
   */
  undeclared(declared: Set<string>): string[] {
    return [...this.settings.keys()].filter((n) => {
      const kind = this.settings.get(n)!.kind;
      return !declared.has(n) && (kind === 'file' || kind === 'cli');
    });
  }

  /**
   * The value for a variable no `variable` block declares (the root module reads it anyway, e.g.
   * because a generated file would declare it): as given, a string for `--var`, typed from files
   * and Terragrunt inputs. `TF_VAR_` values are not used: Terraform ignores them for undeclared names.
   */
  getUndeclared(name: string): VariableSetting | undefined {
    const s = this.settings.get(name);
    if (!s || s.kind === 'env') return undefined;
    return { value: 'value' in s ? s.value : s.raw, origin: s.origin };
  }
}
