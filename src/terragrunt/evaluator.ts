/**
 * Evaluates one Terragrunt configuration file: its locals, `include`, `dependency`, `inputs`,
 * `terraform` and `generate` blocks, with Terraform's functions plus Terragrunt's.
 *
 * Everything is evaluated on demand and once. A value that cannot be evaluated is reported as a
 * warning at its expression and becomes an Unknown, as in `.tf` files; reading a file that does not
 * exist or cannot be parsed is an error.
 */
import * as path from 'node:path';
import { Attribute, Block, ConfigFile, Expr, Range } from '../hcl/ast';
import { parseNativeTemplate } from '../hcl/native-parser';
import { HclSyntaxError } from '../hcl/source-text';
import { evaluate } from '../eval/evaluate';
import { FunctionContext } from '../eval/functions';
import { Resolution, Scope, TraversalStep } from '../eval/scope';
import { EvalError, Unknown, Value, ValueObject, isObject, toStringValue } from '../eval/value';
import { IncludeRef, TerragruntFunctionHost, terragruntFunctions } from './functions';
import { MergeStrategy, ResolvedInclude, mergeInputs, resolveIncludes } from './includes';
import { TerragruntSession, attributeOf, blocksOf } from './parse-config';

export interface ConfigContext {
  /** Terragrunt's TerragruntConfigPath: the unit's file, also while its includes are evaluated. */
  terragruntConfigPath: string;
  originalConfigPath: string;
  /** Set when this file is evaluated as an include of the unit. */
  includedBy?: IncludeRef;
  /** Files being read with read_terragrunt_config, outermost first (to report cycles). */
  readStack: readonly string[];
}

/** Input values with where each was set (`live/prod/app/terragrunt.hcl:12`). */
export interface InputsResult {
  values: ValueObject;
  origins: Record<string, string>;
}

/** An attribute's value together with the file and place it was written. */
export interface Located {
  value: Value;
  range: Range;
  owner: ConfigEvaluator;
}

const EVALUATING = Symbol('evaluating');

/** Files read with read_terragrunt_config from one another, at most (a guard for hostile input). */
const MAX_READ_DEPTH = 32;

export class ConfigEvaluator implements TerragruntFunctionHost {
  readonly includes: ResolvedInclude[] = [];
  readonly functions: FunctionContext;
  readonly scope: Scope;
  private readonly localAttrs = new Map<string, Attribute>();
  private readonly localValues = new Map<string, Value | typeof EVALUATING>();
  private readonly localStack: string[] = [];
  private readonly includeConfigs = new Map<ResolvedInclude, ConfigEvaluator | undefined>();
  private readonly dependencyBlocks = new Map<string, Block>();
  private readonly generateBlocks = new Map<string, Block>();
  private readonly terraformBlock: Block | undefined;
  private inputsCache?: { result: InputsResult | undefined };
  private mergedInputsCache?: InputsResult;

  constructor(
    readonly session: TerragruntSession,
    readonly file: ConfigFile,
    readonly ctx: ConfigContext,
  ) {
    this.functions = {
      moduleDir: path.dirname(path.resolve(file.path)),
      get repoRoot() {
        return session.repoRoot();
      },
      renderTemplate: (text, templateFile, vars) => this.renderTemplate(text, templateFile, vars),
      extraFunctions: terragruntFunctions(this),
    };
    this.scope = { functions: this.functions, collector: undefined, resolve: (root, steps, at) => this.resolve(root, steps, at) };
    for (const block of blocksOf(file.body, 'locals')) {
      for (const attr of block.body.attributes) {
        if (this.localAttrs.has(attr.name)) session.error(attr.range, `Duplicate local value "${attr.name}": each local must be defined once.`);
        else this.localAttrs.set(attr.name, attr);
      }
    }
    for (const block of blocksOf(file.body, 'dependency')) {
      const name = block.labels[0];
      if (block.labels.length !== 1) session.error(block.range, 'A dependency block needs exactly one label: dependency "NAME" { config_path = "..." }.');
      else if (this.dependencyBlocks.has(name)) session.error(block.range, `Duplicate dependency "${name}".`);
      else this.dependencyBlocks.set(name, block);
    }
    for (const block of blocksOf(file.body, 'generate')) {
      const name = block.labels[0];
      if (block.labels.length !== 1) session.error(block.range, 'A generate block needs exactly one label: generate "NAME" { path = "...", contents = "..." }.');
      else if (this.generateBlocks.has(name)) session.error(block.range, `Duplicate generate block "${name}".`);
      else this.generateBlocks.set(name, block);
    }
    const terraform = blocksOf(file.body, 'terraform');
    for (const extra of terraform.slice(1)) session.error(extra.range, 'Only one terraform block is allowed in a Terragrunt configuration.');
    this.terraformBlock = terraform[0];
    this.includes.push(...resolveIncludes(this));
  }

  // ------------------------------------------------------------------ function host

  get terragruntConfigPath(): string {
    return this.ctx.terragruntConfigPath;
  }

  get originalConfigPath(): string {
    return this.ctx.originalConfigPath;
  }

  get includedBy(): IncludeRef | undefined {
    return this.ctx.includedBy;
  }

  get env(): Record<string, string | undefined> {
    return this.session.env;
  }

  includeRefs(): IncludeRef[] {
    return this.includes;
  }

  gitRoot(): string | undefined {
    return this.session.gitRoot();
  }

  display(file: string): string {
    return this.session.display(file);
  }

  readConfig(file: string): Value {
    const abs = path.resolve(file);
    // The file being evaluated, and the unit it is evaluated for (an included file reading its unit is a cycle too).
    const stack = [...new Set([...this.ctx.readStack, path.resolve(this.ctx.terragruntConfigPath), path.resolve(this.file.path)])];
    if (stack.includes(abs)) {
      throw new EvalError(`read_terragrunt_config: cycle ${[...stack.slice(stack.indexOf(abs)), abs].map((f) => this.display(f)).join(' → ')}.`);
    }
    if (stack.length > MAX_READ_DEPTH) throw new EvalError(`read_terragrunt_config: more than ${MAX_READ_DEPTH} files read one from another.`);
    const parsed = this.session.load(abs);
    if (!parsed) throw new EvalError(`read_terragrunt_config: ${this.display(abs)} could not be read (see its error).`);
    // The file read becomes the Terragrunt configuration being evaluated (Terragrunt clones its options with that path).
    const other = new ConfigEvaluator(this.session, parsed, { terragruntConfigPath: abs, originalConfigPath: this.ctx.originalConfigPath, readStack: stack });
    return other.asObject();
  }

  private renderTemplate(text: string, templateFile: string, vars: ValueObject): Value {
    let expr: Expr;
    try {
      expr = parseNativeTemplate(this.display(templateFile), text);
    } catch (err) {
      if (err instanceof HclSyntaxError) throw new EvalError(`templatefile: ${this.display(templateFile)}:${err.line}:${err.column}: ${err.message}`);
      throw err;
    }
    const functions = { ...this.functions, moduleDir: path.dirname(templateFile) };
    const scope: Scope = {
      functions,
      collector: undefined,
      resolve: (root) => (Object.prototype.hasOwnProperty.call(vars, root) ? { value: vars[root], consumed: 0 } : undefined),
    };
    return evaluate(expr, scope);
  }

  // ------------------------------------------------------------------ names

  private resolve(root: string, steps: TraversalStep[], at?: Range): Resolution {
    const first = steps[0]?.kind === 'attr' ? steps[0].name : undefined;
    switch (root) {
      case 'local':
        if (!first) throw new EvalError('"local" must be followed by a local value name.');
        return { value: this.local(first), consumed: 1 };
      case 'include':
        return this.resolveInclude(steps, at);
      case 'dependency':
        if (!first) throw new EvalError('"dependency" must be followed by a dependency name.');
        return { value: this.dependencyValue(first), consumed: 1 };
      default:
        throw new EvalError(`Unknown name "${root}": a Terragrunt configuration can read local, include and dependency values and call functions.`);
    }
  }

  /** Evaluates an expression; an error is reported at it and the value becomes Unknown. */
  evaluateSafely(expr: Expr, what: string): Value {
    try {
      return evaluate(expr, this.scope);
    } catch (err) {
      if (!(err instanceof EvalError)) throw err;
      this.session.warning(expr.range, err.message);
      return new Unknown(what, `could not be evaluated: ${err.message}`);
    }
  }

  hasLocal(name: string): boolean {
    return this.localAttrs.has(name);
  }

  local(name: string): Value {
    const attr = this.localAttrs.get(name);
    if (!attr) throw new EvalError(`Reference to undeclared local value "${name}" (no such local in ${this.display(this.file.path)}).`);
    const known = this.localValues.get(name);
    if (known === EVALUATING) {
      const cycle = [...this.localStack.slice(this.localStack.indexOf(name)), name].map((n) => `local.${n}`).join(' → ');
      throw new EvalError(`Cycle between locals: ${cycle}. Break the cycle; these values are treated as unknown.`);
    }
    if (known !== undefined) return known;
    this.localValues.set(name, EVALUATING);
    this.localStack.push(name);
    const value = this.evaluateSafely(attr.expr, `local.${name}`);
    this.localStack.pop();
    this.localValues.set(name, value);
    return value;
  }

  locals(): ValueObject {
    const out: ValueObject = {};
    for (const name of this.localAttrs.keys()) out[name] = this.local(name);
    return out;
  }

  /** The evaluated configuration of an include (undefined when its file could not be read). */
  includeConfig(include: ResolvedInclude): ConfigEvaluator | undefined {
    if (!this.includeConfigs.has(include)) {
      // Set first: a file that (wrongly) includes itself must not recurse.
      this.includeConfigs.set(include, undefined);
      const parsed = include.exists ? this.session.load(include.path) : undefined;
      const config = parsed
        ? new ConfigEvaluator(this.session, parsed, { ...this.ctx, includedBy: { name: include.name, path: include.path } })
        : undefined;
      this.includeConfigs.set(include, config);
    }
    return this.includeConfigs.get(include);
  }

  /** Included configurations that are merged into this one, first to last. */
  private merged(): Array<{ include: ResolvedInclude; config: ConfigEvaluator }> {
    const out: Array<{ include: ResolvedInclude; config: ConfigEvaluator }> = [];
    for (const include of this.includes) {
      if (include.strategy === 'no_merge') continue;
      const config = this.includeConfig(include);
      if (config) out.push({ include, config });
    }
    return out;
  }

  private resolveInclude(steps: TraversalStep[], at?: Range): Resolution {
    const first = steps[0]?.kind === 'attr' ? steps[0].name : undefined;
    let include = first !== undefined ? this.includes.find((i) => i.name !== '' && i.name === first) : undefined;
    let consumed = 1;
    if (!include) {
      // An unlabeled include is read as include.locals.x.
      include = this.includes.find((i) => i.name === '');
      consumed = 0;
    }
    if (!include) {
      if (this.includes.length === 0) throw new EvalError('"include" can only be read in a file with an include block.');
      throw new EvalError(`Reference to undeclared include "${first ?? ''}": this file includes ${this.includes.map((i) => `"${i.name}"`).join(', ')}.`);
    }
    if (!include.expose && at) {
      this.session.warning(at, `include${include.name ? ` "${include.name}"` : ''} is read here but does not set expose = true, which Terragrunt requires; the value is used anyway.`);
    }
    const config = this.includeConfig(include);
    const label = include.name ? `include.${include.name}` : 'include';
    if (!config) return { value: new Unknown(label, `the included file ${this.display(include.path)} could not be read`), consumed };
    const exposed = config.expose(steps.slice(consumed));
    return { value: exposed.value, consumed: consumed + exposed.consumed };
  }

  /** What `include.NAME...` reads from this (included) file: only the part asked for is evaluated. */
  expose(steps: TraversalStep[]): Resolution {
    const section = steps[0]?.kind === 'attr' ? steps[0].name : undefined;
    if (section === 'locals') {
      const name = steps[1]?.kind === 'attr' ? steps[1].name : undefined;
      if (name !== undefined) return { value: this.local(name), consumed: 2 };
      return { value: this.locals(), consumed: 1 };
    }
    if (section === 'inputs') return { value: this.mergedInputs().values, consumed: 1 };
    return { value: this.asObject(), consumed: 0 };
  }

  /** The configuration as read_terragrunt_config and exposed includes return it. */
  asObject(): ValueObject {
    const dependency: ValueObject = {};
    for (const name of this.dependencyNames()) dependency[name] = this.dependencyValue(name);
    const out: ValueObject = { locals: this.locals(), inputs: this.mergedInputs().values, dependency };
    const source = this.source();
    if (source) out.terraform = { source: source.value };
    return out;
  }

  // ------------------------------------------------------------------ dependency blocks

  private dependencyNames(): string[] {
    return [...new Set([...this.merged().flatMap((m) => m.config.dependencyNames()), ...this.dependencyBlocks.keys()])];
  }

  /** The dependency block of that name here, else in an included file (the unit's own wins). */
  private findDependency(name: string): { block: Block; owner: ConfigEvaluator } | undefined {
    const own = this.dependencyBlocks.get(name);
    if (own) return { block: own, owner: this };
    for (const m of this.merged().reverse()) {
      const found = m.config.findDependency(name);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * `dependency.NAME`: the other unit's outputs are known only after it is applied, so they are
   * Unknown (its mock_outputs are placeholders for plans, never evidence).
   */
  private dependencyValue(name: string): Value {
    const found = this.findDependency(name);
    if (!found) throw new EvalError(`Reference to undeclared dependency "${name}": no dependency "${name}" block in ${this.display(this.file.path)} or the files it includes.`);
    const attr = attributeOf(found.block.body, 'config_path');
    const configPath = attr ? found.owner.evaluateSafely(attr.expr, `dependency.${name}.config_path`) : null;
    const which = typeof configPath === 'string' ? configPath : `"${name}"`;
    return {
      config_path: configPath,
      outputs: new Unknown(`dependency.${name}.outputs`, `output of the Terragrunt dependency ${which}, known after it is applied`),
      inputs: new Unknown(`dependency.${name}.inputs`, `inputs of the Terragrunt dependency ${which}, not read by tomguard`),
    };
  }

  // ------------------------------------------------------------------ inputs

  /** This file's own `inputs`, per key where the expression is an object literal. */
  ownInputs(): InputsResult | undefined {
    if (this.inputsCache) return this.inputsCache.result;
    const attr = attributeOf(this.file.body, 'inputs');
    let result: InputsResult | undefined;
    if (attr) {
      const shown = this.display(this.file.path);
      result = { values: {}, origins: {} };
      if (attr.expr.kind === 'object') {
        // Item by item, so one value that cannot be evaluated does not lose the others.
        for (const item of attr.expr.items) {
          const key = item.bareKey ? (item.key as { value: string }).value : this.evaluateSafely(item.key, 'an inputs key');
          if (key instanceof Unknown || key === null || typeof key === 'object') {
            this.session.warning(item.key.range, 'This inputs key is not known statically; its value is not used.');
            continue;
          }
          const name = toStringValue(key);
          result.values[name] = this.evaluateSafely(item.value, `inputs.${name}`);
          result.origins[name] = `${shown}:${item.key.range.start.line}`;
        }
      } else {
        const value = this.evaluateSafely(attr.expr, 'inputs');
        if (isObject(value)) {
          result.values = value;
          for (const name of Object.keys(value)) result.origins[name] = `${shown}:${attr.range.start.line}`;
        } else if (value instanceof Unknown) {
          this.session.warning(attr.expr.range, `inputs are not known statically (${value.describe()}); no variable gets a value from them.`);
        } else {
          this.session.warning(attr.expr.range, 'inputs must be an object of variable names to values.');
        }
      }
    }
    this.inputsCache = { result };
    return result;
  }

  /** Inputs after merging the included files' (the unit's own win; Terragrunt's shallow merge by default). */
  mergedInputs(): InputsResult {
    if (this.mergedInputsCache) return this.mergedInputsCache;
    let acc: InputsResult = this.ownInputs() ?? { values: {}, origins: {} };
    // Terragrunt merges bottom-up: the last include is overridden by the unit, the first by all others.
    for (const m of this.merged().reverse()) acc = mergeInputs(m.config.mergedInputs(), acc, m.include.strategy as Exclude<MergeStrategy, 'no_merge'>);
    this.mergedInputsCache = acc;
    return acc;
  }

  // ------------------------------------------------------------------ terraform and generate

  /** `terraform { source }` of this file, else of the last included file that sets it. */
  source(): Located | undefined {
    const attr = this.terraformBlock ? attributeOf(this.terraformBlock.body, 'source') : undefined;
    if (attr) return { value: this.evaluateSafely(attr.expr, 'terraform.source'), range: attr.range, owner: this };
    for (const m of this.merged().reverse()) {
      const found = m.config.source();
      if (found) return found;
    }
    return undefined;
  }

  /** Whether this file or a merged include has a terraform block. */
  hasTerraformBlock(): boolean {
    return this.terraformBlock !== undefined || this.merged().some((m) => m.config.hasTerraformBlock());
  }

  /** generate blocks by name, the included files' first and this file's overriding them. */
  generates(): Map<string, { block: Block; owner: ConfigEvaluator }> {
    const out = new Map<string, { block: Block; owner: ConfigEvaluator }>();
    for (const m of this.merged()) for (const [name, g] of m.config.generates()) out.set(name, g);
    for (const [name, block] of this.generateBlocks) out.set(name, { block, owner: this });
    return out;
  }
}
