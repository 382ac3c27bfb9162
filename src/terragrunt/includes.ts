/**
 * `include` blocks: finding the included file, and merging its `inputs` into the unit's as
 * Terragrunt does (`config/include.go`). Locals are never merged: each file's `local.*` sees its own
 * locals, and the unit reads a parent's as `include.NAME.locals.x`.
 *
 * Terragrunt reads include paths before locals, so a path may call functions but not read
 * `local.*`; and it allows one level of includes only (an included file that includes another is an
 * error there, and here).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Block, Range } from '../hcl/ast';
import { evaluate } from '../eval/evaluate';
import { Scope } from '../eval/scope';
import { EvalError, Unknown, Value, ValueObject, isObject } from '../eval/value';
import type { ConfigEvaluator, InputsResult } from './evaluator';
import { IncludeRef } from './functions';
import { attributeOf, blocksOf } from './parse-config';

export type MergeStrategy = 'no_merge' | 'shallow' | 'deep' | 'deep_map_only';

const STRATEGIES: readonly MergeStrategy[] = ['no_merge', 'shallow', 'deep', 'deep_map_only'];

export interface ResolvedInclude extends IncludeRef {
  block: Block;
  /** The `path` attribute (or the block when it has none). */
  range: Range;
  /** Whether the included file exists (its path could be evaluated and names a file). */
  exists: boolean;
  expose: boolean;
  strategy: MergeStrategy;
}

/** Evaluates the include blocks of a file. Problems are reported; a broken include is left out. */
export function resolveIncludes(config: ConfigEvaluator): ResolvedInclude[] {
  const { session, file, ctx } = config;
  const blocks = blocksOf(file.body, 'include');
  if (blocks.length === 0) return [];
  const self = path.resolve(file.path);
  if (ctx.includedBy) {
    // Terragrunt allows one level of includes.
    for (const block of blocks) {
      const target = includePath(config, block);
      const unit = path.resolve(ctx.terragruntConfigPath);
      const cycle = typeof target === 'string' && (target === unit || target === self);
      session.error(
        block.range,
        cycle
          ? `Include cycle: ${session.display(unit)} includes ${session.display(self)}, which includes ${session.display(target as string)} again. The nested include is ignored.`
          : `${session.display(unit)} includes ${session.display(self)}, which itself includes ${typeof target === 'string' ? session.display(target) : 'another file'}; Terragrunt allows only one level of includes. The nested include is ignored.`,
      );
    }
    return [];
  }
  const out: ResolvedInclude[] = [];
  for (const block of blocks) {
    if (block.labels.length > 1) {
      session.error(block.range, 'An include block has at most one label: include "NAME" { path = ... }.');
      continue;
    }
    const name = block.labels[0] ?? '';
    if (out.some((i) => i.name === name)) {
      session.error(block.range, name ? `Duplicate include "${name}".` : 'Only one include block may be unlabeled; name them: include "NAME" { ... }.');
      continue;
    }
    const pathAttr = attributeOf(block.body, 'path');
    const range = pathAttr?.range ?? block.range;
    const target = includePath(config, block);
    if (typeof target !== 'string') {
      session.error(target.range, target.message);
      continue;
    }
    let exists = fs.existsSync(target) && fs.statSync(target).isFile();
    if (!exists) {
      session.error(range, `include${name ? ` "${name}"` : ''}: ${session.display(target)} does not exist.`);
    } else if (target === self) {
      session.error(range, `Include cycle: ${session.display(self)} includes itself.`);
      exists = false;
    }
    out.push({ name, path: target, block, range, exists, expose: constantBool(config, block, 'expose') === true, strategy: mergeStrategy(config, block) });
  }
  return out;
}

/** The only names an include path may use are functions: locals are read after includes. */
function functionsOnly(config: ConfigEvaluator): Scope {
  return {
    functions: config.functions,
    collector: undefined,
    resolve: (root) => {
      throw new EvalError(`"${root}" cannot be used in an include path: Terragrunt reads include blocks before locals, so only functions are available there.`);
    },
  };
}

function includePath(config: ConfigEvaluator, block: Block): string | { range: Range; message: string } {
  const attr = attributeOf(block.body, 'path');
  if (!attr) return { range: block.range, message: 'An include block needs a path: include "root" { path = find_in_parent_folders("root.hcl") }.' };
  let value: Value;
  try {
    value = evaluate(attr.expr, functionsOnly(config));
  } catch (err) {
    if (!(err instanceof EvalError)) throw err;
    return { range: attr.expr.range, message: `include path: ${err.message}` };
  }
  if (value instanceof Unknown) return { range: attr.expr.range, message: `include path is not known statically (${value.describe()}); the included file is not read.` };
  if (typeof value !== 'string' || value === '') return { range: attr.expr.range, message: 'include path must be a file path.' };
  // Relative to the unit's directory, as Terragrunt resolves it.
  return path.resolve(path.dirname(path.resolve(config.ctx.terragruntConfigPath)), value);
}

function constantBool(config: ConfigEvaluator, block: Block, name: string): boolean | undefined {
  const attr = attributeOf(block.body, name);
  if (!attr) return undefined;
  try {
    const v = evaluate(attr.expr, functionsOnly(config));
    if (typeof v === 'boolean') return v;
  } catch (err) {
    if (!(err instanceof EvalError)) throw err;
  }
  config.session.error(attr.expr.range, `${name} must be true or false.`);
  return undefined;
}

function mergeStrategy(config: ConfigEvaluator, block: Block): MergeStrategy {
  const attr = attributeOf(block.body, 'merge_strategy');
  if (!attr) return 'shallow';
  let v: Value = null;
  try {
    v = evaluate(attr.expr, functionsOnly(config));
  } catch (err) {
    if (!(err instanceof EvalError)) throw err;
  }
  if (typeof v === 'string' && (STRATEGIES as readonly string[]).includes(v)) return v as MergeStrategy;
  config.session.error(attr.expr.range, `merge_strategy must be one of ${STRATEGIES.map((s) => `"${s}"`).join(', ')}; "shallow" is used.`);
  return 'shallow';
}

/**
 * Deep merge as Terragrunt does it: objects merged key by key, lists concatenated (parent first)
 * for `deep` and replaced for `deep_map_only`, anything else replaced by the child's value.
 */
function deepMerge(parent: Value, child: Value, concatLists: boolean): Value {
  if (isObject(parent) && isObject(child)) {
    const out: ValueObject = { ...parent };
    for (const [k, v] of Object.entries(child)) out[k] = Object.prototype.hasOwnProperty.call(parent, k) ? deepMerge(parent[k], v, concatLists) : v;
    return out;
  }
  if (concatLists && Array.isArray(parent) && Array.isArray(child)) return [...parent, ...child];
  return child;
}

/** Merges a parent's inputs under a child's (the child wins). */
export function mergeInputs(parent: InputsResult, child: InputsResult, strategy: Exclude<MergeStrategy, 'no_merge'>): InputsResult {
  const values: ValueObject = { ...parent.values };
  const origins: Record<string, string> = { ...parent.origins };
  for (const [k, v] of Object.entries(child.values)) {
    const both = Object.prototype.hasOwnProperty.call(parent.values, k);
    values[k] = strategy === 'shallow' || !both ? v : deepMerge(parent.values[k], v, strategy === 'deep');
    origins[k] = both && strategy !== 'shallow' && isObject(v) ? `${child.origins[k]} (merged with ${parent.origins[k]})` : child.origins[k];
  }
  return { values, origins };
}
