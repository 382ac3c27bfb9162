/**
 * Maps plan resources back to the `.tf` blocks that declared them, so plan findings point at the same
 * lines an HCL scan would: the root module is `--source-root` (default: the plan file's directory),
 * local modules are found through their `source`, remote ones through `.terraform/modules/modules.json`.
 * A resource inside a remote module whose code is not on disk points at the `module` call block in the
 * repository (never at a registry or git URI, which code scanning rejects).
 */
import * as fs from 'node:fs';
import { Block, Body, Expr, Range } from '../hcl/ast';
import { Unknown, Value, ValueObject, isObject, valuesEqual } from '../eval/value';
import { ModuleSourceDir, ModuleTree, loadModuleTree } from '../config/module-tree';
import { SourceLocation } from '../graph/model';
import { locationOf } from '../graph/from-config';
import { LoadLimits } from '../hcl/load-files';
import { staticReferences } from '../hcl/static-references';

interface IndexedModule {
  resources: Map<string, Block>;
  calls: Map<string, Block>;
  locals: Map<string, Expr>;
}

export interface SourceMap {
  tree: ModuleTree;
  /** Where the declaration of a resource is: its block and a locator for its attribute paths. */
  locate(modulePath: string, resourceKey: string, attrs?: ValueObject): { block: SourceLocation; attribute: (path: string) => SourceLocation | undefined } | undefined;
  hasSources: boolean;
  /** What a local value of a module refers to, from its source (`[]` when the source is not at hand). */
  localReferences(modulePath: string, name: string): string[];
}

function index(mod: ModuleSourceDir): IndexedModule {
  const resources = new Map<string, Block>();
  const calls = new Map<string, Block>();
  const locals = new Map<string, Expr>();
  for (const file of mod.files) {
    for (const b of file.body.blocks) {
      if (b.type === 'locals') for (const a of b.body.attributes) locals.set(a.name, a.expr);
      if (b.type === 'resource' && b.labels.length === 2) resources.set(`${b.labels[0]}.${b.labels[1]}`, b);
      else if (b.type === 'data' && b.labels.length === 2) resources.set(`data.${b.labels[0]}.${b.labels[1]}`, b);
      else if (b.type === 'module' && b.labels.length === 1) calls.set(b.labels[0], b);
    }
  }
  return { resources, calls, locals };
}

/** Call names of a module path: `module.a[0].module.b` → ['a', 'b']. */
export function callNames(modulePath: string): string[] {
  const names: string[] = [];
  const re = /module\.([^.[\]]+)(\[[^\]]*\])?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(modulePath))) names.push(m[1]);
  return names;
}

/** A literal attribute value written in source (`"tcp"`, `5432`, `["0.0.0.0/0"]`), else undefined. */
function literalOf(expr: Expr): Value | undefined {
  if (expr.kind === 'literal') return expr.value;
  if (expr.kind === 'tuple') {
    const items = expr.items.map(literalOf);
    return items.every((i) => i !== undefined) ? (items as Value[]) : undefined;
  }
  return undefined;
}

/**
 * How well a source block matches the plan's block: +1 per literal attribute with the same value,
 * a large penalty per differing one. Providers sort set-typed blocks (security group `ingress`), so
 * the plan's order need not be the source's.
 */
function matchScore(block: Block, planned: Value | undefined): number {
  if (!isObject(planned)) return 0;
  let score = 0;
  for (const attr of block.body.attributes) {
    const lit = literalOf(attr.expr);
    const v = planned[attr.name];
    if (lit === undefined || v === undefined || v instanceof Unknown) continue;
    score += valuesEqual(lit, v) ? 1 : -100;
  }
  return score;
}

/** Inside an object or list written in place (also `jsonencode({...})`): the range of a sub-path. */
function rangeInExpr(expr: Expr, segments: string[]): Range | undefined {
  if (segments.length === 0) return undefined;
  let e = expr;
  if (e.kind === 'call' && (e.name === 'jsonencode' || e.name === 'yamlencode') && e.args.length === 1) e = e.args[0];
  const [head, ...rest] = segments;
  if (e.kind === 'object') {
    const item = e.items.find((i) => i.key.kind === 'literal' && i.key.value === head);
    if (!item) return undefined;
    return rangeInExpr(item.value, rest) ?? { file: item.key.range.file, start: item.key.range.start, end: item.value.range.end };
  }
  if (e.kind === 'tuple' && /^\d+$/.test(head)) {
    const item = e.items[Number(head)];
    return item ? rangeInExpr(item, rest) ?? item.range : undefined;
  }
  return undefined;
}

/**
 * The range of the attribute or nested block at a dotted path inside a block body. `planned` gives
 * the plan's value at a path, to pick the right source block when the plan reordered them.
 */
export function rangeInBody(body: Body, segments: string[], planned: (path: string[]) => Value | undefined = () => undefined, prefix: string[] = []): Range | undefined {
  const [head, index, ...rest] = segments;
  if (head === undefined) return undefined;
  const attr = body.attributes.find((a) => a.name === head);
  if (attr) return rangeInExpr(attr.expr, segments.slice(1)) ?? attr.range;
  const statics = body.blocks.filter((b) => b.type === head);
  const dynamics = body.blocks.filter((b) => b.type === 'dynamic' && b.labels[0] === head);
  const candidates: Block[] = [...statics, ...dynamics.map((d) => d.body.blocks.find((c) => c.type === 'content') ?? d)];
  if (candidates.length === 0) return undefined;
  if (index === undefined || !/^\d+$/.test(index)) return candidates[0].range;
  // Blocks generated by a dynamic block come after the static ones; the last candidate stands for them.
  let best = Math.min(Number(index), candidates.length - 1);
  const value = planned([...prefix, head, index]);
  if (isObject(value)) {
    let bestScore = matchScore(candidates[best], value);
    candidates.forEach((c, i) => {
      const score = matchScore(c, value);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
  }
  const block = candidates[best];
  return rangeInBody(block.body, rest, planned, [...prefix, head, index]) ?? block.range;
}

export async function buildSourceMap(sourceRoot: string, display: (file: string) => string, limits?: LoadLimits): Promise<SourceMap> {
  const hasDir = fs.existsSync(sourceRoot) && fs.statSync(sourceRoot).isDirectory();
  const tree: ModuleTree = hasDir ? await loadModuleTree(sourceRoot, { limits }) : { root: { dir: sourceRoot, files: [] }, calls: new Map(), diagnostics: [] };
  const cache = new Map<string, IndexedModule | undefined>();
  const moduleAt = (names: string[]): IndexedModule | undefined => {
    const key = names.join('.');
    if (!cache.has(key)) {
      const dir = names.length === 0 ? tree.root : tree.calls.get(key)?.module;
      cache.set(key, dir ? index(dir) : undefined);
    }
    return cache.get(key);
  };
  const loc = (r: Range) => locationOf(r, display);
  return {
    tree,
    hasSources: tree.root.files.length > 0,
    localReferences(modulePath, name) {
      const expr = moduleAt(callNames(modulePath))?.locals.get(name);
      return expr ? staticReferences(expr) : [];
    },
    locate(modulePath, resourceKey, attrs) {
      const names = callNames(modulePath);
      const mod = moduleAt(names);
      const block = mod?.resources.get(resourceKey);
      if (block) return { block: loc(block.range), attribute: (p) => {
        const planned = (segs: string[]): Value | undefined => {
          let v: Value | undefined = attrs;
          for (const seg of segs) v = Array.isArray(v) ? v[Number(seg)] : isObject(v) ? v[seg] : undefined;
          return v;
        };
        const r = rangeInBody(block.body, p.split('.'), planned);
        return r ? loc(r) : undefined;
      } };
      // Not on disk: point at the nearest module call block that is.
      for (let n = names.length; n > 0; n--) {
        const parent = moduleAt(names.slice(0, n - 1));
        const call = parent?.calls.get(names[n - 1]);
        if (call) {
          const at = loc(call.range);
          return { block: at, attribute: () => at };
        }
      }
      return undefined;
    },
  };
}
