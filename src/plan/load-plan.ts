/**
 * `terraform show -json` output (a plan, or a state) into the same ResourceGraph the HCL loader
 * builds, so the very same rules run on it.
 */
import * as path from 'node:path';
import { Diagnostic } from '../diagnostics';
import { Unknown, Value, ValueObject, isObject } from '../eval/value';
import { GraphNode, NodeInit, ResourceGraph } from '../graph/model';
import { LoadLimits } from '../hcl/load-files';
import { ConfigModule, ConfigResource, configuredAttributes, expressionRefs, parseReference } from './references';
import { validatePlanShape } from './schema';
import { SourceMap, buildSourceMap } from './source-map';
import { SourceReferences, sourceReferences } from './source-edges';
import { planValue, sensitivePaths, setOwn } from './values';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

interface ValueResource {
  address: string;
  mode?: string;
  type: string;
  name: string;
  index?: number | string;
  values?: JsonObject | null;
  sensitive_values?: Json;
}
interface ValueModule {
  address?: string;
  resources?: ValueResource[];
  child_modules?: ValueModule[];
}
interface ResourceChange {
  address: string;
  module_address?: string;
  mode?: string;
  type: string;
  name: string;
  index?: number | string;
  change: { actions: string[]; after?: JsonObject | null; after_unknown?: Json; after_sensitive?: Json };
}
export interface PlanDocument {
  format_version: string;
  terraform_version?: string;
  planned_values?: { root_module?: ValueModule };
  values?: { root_module?: ValueModule };
  prior_state?: { values?: { root_module?: ValueModule } };
  resource_changes?: ResourceChange[];
  configuration?: { root_module?: ConfigModule };
  /** Root module input variables: name → `{ value }`. */
  variables?: Record<string, { value?: unknown }>;
}

export type JsonInputKind = 'plan' | 'state' | 'other';

/** Plan and state output are told apart by content, never by file name. */
export function classifyJson(data: unknown): JsonInputKind {
  if (!isObject(data as Value)) return 'other';
  const d = data as Record<string, unknown>;
  // Some tools write plans without format_version; planned_values or configuration still make a plan.
  if (!('format_version' in d)) return 'planned_values' in d || 'resource_changes' in d ? 'plan' : 'other';
  // A wrong format_version type still makes a (broken) plan: schema validation then says what is wrong.
  if ('planned_values' in d || 'resource_changes' in d || 'configuration' in d || typeof d.format_version !== 'string') return 'plan';
  if ('values' in d || Object.keys(d).every((k) => ['format_version', 'terraform_version'].includes(k))) return 'state';
  return 'other';
}

export interface PlanLoadOptions {
  file: string;
  shown: string;
  text: string;
  data: unknown;
  cwd: string;
  sourceRoot?: string;
  limits?: LoadLimits;
}

export interface PlanLoadResult {
  kind: 'plan' | 'state';
  graph: ResourceGraph;
  diagnostics: Diagnostic[];
  sourceMap?: SourceMap;
}

/** `module.a[0].aws_x.y["k"]` → `module.a[0].aws_x.y`. */
function withoutKey(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

function modulePathOf(address: string, type: string, mode: string | undefined): string {
  const marker = mode === 'data' ? `data.${type}.` : `${type}.`;
  const at = address.lastIndexOf(marker);
  return at > 0 ? address.slice(0, at - 1) : '';
}

/** `module.a[0].module.b` → `module.a.module.b` (configuration is per module, not per instance). */
function stripKeys(modulePath: string): string {
  return modulePath.replace(/\[[^\]]*\]/g, '');
}

function collectValueResources(mod: ValueModule | undefined, out: ValueResource[] = [], depth = 0): ValueResource[] {
  if (!mod || depth > 64) return out;
  for (const r of mod.resources ?? []) out.push(r);
  for (const c of mod.child_modules ?? []) collectValueResources(c, out, depth + 1);
  return out;
}

function indexConfig(mod: ConfigModule | undefined, prefix: string, out: Map<string, ConfigModule>, depth = 0): Map<string, ConfigModule> {
  if (!mod || depth > 64) return out;
  out.set(prefix, mod);
  for (const [name, call] of Object.entries(mod.module_calls ?? {})) {
    indexConfig(call.module, prefix ? `${prefix}.module.${name}` : `module.${name}`, out, depth + 1);
  }
  return out;
}

export async function loadPlan(options: PlanLoadOptions): Promise<PlanLoadResult> {
  const diagnostics = validatePlanShape(options.data, options.text, options.shown);
  const kind = classifyJson(options.data) === 'state' ? 'state' : 'plan';
  const graph = new ResourceGraph();
  if (diagnostics.length > 0) return { kind, graph, diagnostics };
  const doc = options.data as PlanDocument & { errored?: boolean };
  if (doc.format_version === undefined) {
    diagnostics.push({ file: options.shown, message: 'The JSON has no format_version; read as a plan. Produce it with terraform show -json for a supported format.', severity: 'warning' });
  }
  if (doc.errored === true) {
    diagnostics.push({ file: options.shown, message: 'Terraform reported errors while planning (errored: true): the plan is partial, and resources it could not plan are missing.', severity: 'warning' });
  }
  const shownPaths = new Map<string, string>();
  const display = (f: string) => {
    let shown = shownPaths.get(f);
    if (shown === undefined) {
      shown = path.relative(options.cwd, f).split(path.sep).join('/') || f;
      shownPaths.set(f, shown);
    }
    return shown;
  };
  const sourceRoot = path.resolve(options.cwd, options.sourceRoot ?? path.dirname(options.file));
  const sourceMap = await buildSourceMap(sourceRoot, display, options.limits);
  diagnostics.push(...sourceMap.tree.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ ...d, file: display(d.file), severity: 'warning' as const })));
  const configs = indexConfig(doc.configuration?.root_module, '', new Map());
  const configResource = (modulePath: string, type: string, name: string, mode?: string): ConfigResource | undefined => {
    const mod = configs.get(stripKeys(modulePath));
    const local = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
    return mod?.resources?.find((r) => r.address === local);
  };

  let unlocated = 0;
  const addNode = (init: Omit<NodeInit, 'location' | 'locator'>, mode: string | undefined): void => {
    const key = mode === 'data' ? `data.${init.type}.${init.name}` : `${init.type}.${init.name}`;
    const located = sourceMap.locate(init.modulePath, key, init.attrs);
    if (!located) unlocated++;
    graph.addNode(new GraphNode({ ...init, location: located?.block, locator: located?.attribute }));
  };

  const resources = planResources(doc, kind);
  for (const r of resources) {
    const modulePath = modulePathOf(r.address, r.type, r.mode);
    const config = configResource(modulePath, r.type, r.name, r.mode);
    const attrs = toAttributes(r, config);
    addNode(
      {
        address: r.address,
        resourceAddress: withoutKey(r.address),
        key: r.index,
        keysKnown: true,
        kind: r.mode === 'data' ? 'data' : 'resource',
        type: r.type,
        name: r.name,
        modulePath,
        attrs,
        sensitivePaths: r.sensitive,
        meta: r.actions ? { actions: r.actions.join(',') } : undefined,
      },
      r.mode,
    );
  }
  // The plan's own variable values, for evaluating the source the way the plan was made.
  const planVariables: ValueObject = {};
  if (isObject(doc.variables as Value)) {
    for (const [name, v] of Object.entries(doc.variables!)) if (isObject(v as Value) && 'value' in v) setOwn(planVariables, name, planValue(v.value, undefined, `var.${name}`));
  }
  const fromSource = sourceReferences(sourceRoot, sourceMap.tree, options.cwd, planVariables);
  addReferenceEdges(graph, configs, (m, name) => sourceMap.localReferences(m, name), fromSource);
  if (kind === 'state') addIdEdges(graph);
  if (resources.length > 0 && unlocated > 0) {
    const where = path.relative(options.cwd, sourceRoot).split(path.sep).join('/') || '.';
    const why = sourceMap.hasSources
      ? `${unlocated} of ${resources.length} resources of ${options.shown} have no declaration under ${where}: their findings have no source location.`
      : `No .tf files found at ${where} for ${options.shown}: findings have no source location. Point --source-root at the Terraform root the plan was made from.`;
    diagnostics.push({ file: options.shown, message: why, severity: 'warning' });
  }
  return { kind, graph, diagnostics, sourceMap };
}

interface PlanResource {
  address: string;
  mode?: string;
  type: string;
  name: string;
  index?: number | string;
  after: Json | undefined;
  afterUnknown: Json | undefined;
  sensitive: Set<string>;
  actions?: string[];
}

/** The resources to check: planned ones (not those being deleted), and data sources read during plan. */
function planResources(doc: PlanDocument, kind: 'plan' | 'state'): PlanResource[] {
  if (kind === 'state') {
    return collectValueResources(doc.values?.root_module).map((r) => ({
      address: r.address,
      mode: r.mode,
      type: r.type,
      name: r.name,
      index: r.index,
      after: r.values ?? {},
      afterUnknown: undefined,
      sensitive: sensitivePaths(r.sensitive_values),
    }));
  }
  const out: PlanResource[] = [];
  const seen = new Set<string>();
  if (doc.resource_changes && doc.resource_changes.length > 0) {
    for (const rc of doc.resource_changes) {
      const actions = rc.change.actions;
      seen.add(rc.address);
      // Deleted and forgotten resources no longer exist after apply: nothing to check.
      if (actions.includes('delete') && !actions.includes('create')) continue;
      if (actions.includes('forget')) continue;
      out.push({
        address: rc.address,
        mode: rc.mode,
        type: rc.type,
        name: rc.name,
        index: rc.index,
        after: rc.change.after ?? {},
        afterUnknown: rc.change.after_unknown,
        sensitive: sensitivePaths(rc.change.after_sensitive),
        actions,
      });
    }
  } else {
    for (const r of collectValueResources(doc.planned_values?.root_module)) {
      seen.add(r.address);
      out.push({ address: r.address, mode: r.mode, type: r.type, name: r.name, index: r.index, after: r.values ?? {}, afterUnknown: undefined, sensitive: sensitivePaths(r.sensitive_values) });
    }
  }
  // Data sources read while planning are in the prior state, not in resource_changes.
  for (const r of collectValueResources(doc.prior_state?.values?.root_module)) {
    if (r.mode !== 'data' || seen.has(r.address)) continue;
    out.push({ address: r.address, mode: r.mode, type: r.type, name: r.name, index: r.index, after: r.values ?? {}, afterUnknown: undefined, sensitive: sensitivePaths(r.sensitive_values) });
  }
  return out;
}

/**
 * Values with unknowns marked. An unknown top-level attribute the configuration does not set is left
 * out: it is the provider's computed default, which rules judge as "omitted" exactly as for HCL.
 */
function toAttributes(r: PlanResource, config: ConfigResource | undefined): ValueObject {
  const value = planValue(r.after ?? {}, r.afterUnknown, r.address);
  if (!isObject(value)) return {};
  if (!config) return value;
  const configured = configuredAttributes(config.expressions);
  const out: ValueObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (v instanceof Unknown && !configured.has(k)) continue;
    setOwn(out, k, v);
  }
  return out;
}

const MAX_RESOLVE_DEPTH = 24;

/** A target as the plan resolves it: an instance or resource address, and the attribute read. */
type Target = { address: string; attrPath: string };

/** Instance-level targets: a resource address stands for each of its instances in the graph. */
function expandTargets(graph: ResourceGraph, targets: Target[]): Target[] {
  // The common case: every target already names an instance (no copy: callers never change the list).
  if (targets.every((t) => graph.node(t.address))) return targets;
  return targets.flatMap((t) => (graph.node(t.address) ? [t] : graph.instancesOf(t.address).map((n) => ({ address: n.address, attrPath: t.attrPath }))));
}

/** More than one distinct address in the list. */
function several(targets: readonly Target[]): boolean {
  return targets.some((t) => t.address !== targets[0].address);
}

/**
 * Of the targets the plan's references allow (`found`, resolved per resource), the ones this instance
 * names. `keyed` is the plan's own guess (`aws_subnet.x[count.index]` is the instance with the
 * referrer's key), trusted when it names one instance per target. Where an instance selector (`each`,
 * `count`, also through a module input) leaves several candidates, or could not be followed at all
 * (`each.value` passed through a module input), the `.tf` source says which; then, among several, a known
 * value picks the candidate it names (the attribute's value is one candidate's `id`). When nothing
 * tells, every candidate stays: an edge may over-approximate, and rules that need the exact one read
 * values first.
 */
function pickTargets(
  graph: ResourceGraph,
  node: GraphNode,
  fromPath: string,
  selector: { direct: boolean; throughInputs: { key: boolean; value: boolean } },
  found: Target[],
  keyed: Target[],
  fromSource: SourceReferences,
): Target[] {
  let out = keyed;
  const keyedInstances = expandTargets(graph, keyed);
  const ask = ((selector.direct || selector.throughInputs.key) && several(keyedInstances)) || (selector.throughInputs.value && found.length === 0);
  const said = ask ? fromSource(node.address, fromPath) : undefined;
  if (said) {
    const named = expandTargets(graph, said);
    if (found.length === 0) {
      out = named;
    } else {
      const names = new Set(named.map((t) => t.address));
      const kept = expandTargets(graph, found).filter((t) => names.has(t.address));
      if (kept.length > 0) out = kept;
    }
  }
  const candidates = out === keyed ? keyedInstances : expandTargets(graph, out);
  if (several(candidates)) {
    const v = node.attr(fromPath).value;
    const wanted = typeof v === 'string' ? [v] : Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string') ? (v as string[]) : [];
    const kept = candidates.filter((t) => {
      const tv = t.attrPath === '' ? undefined : graph.node(t.address)?.attr(t.attrPath).value;
      return typeof tv === 'string' && wanted.includes(tv);
    });
    if (kept.length > 0) out = kept;
  }
  return out;
}

/** Adds an edge for every configuration reference, following module outputs and inputs. */
function addReferenceEdges(
  graph: ResourceGraph,
  configs: Map<string, ConfigModule>,
  localReferences: (modulePath: string, name: string) => string[],
  fromSource: SourceReferences = () => undefined,
): void {
  const moduleInstances = new Set<string>();
  for (const n of graph.nodes()) {
    let p = n.modulePath;
    while (p) {
      moduleInstances.add(p);
      const cut = p.lastIndexOf('.module.');
      p = cut > 0 ? p.slice(0, cut) : '';
    }
  }
  // Module instances by their call (`module.a[0].module.b["x"]` under `module.a[0].module.b`).
  const instancesByCall = new Map<string, string[]>();
  for (const m of moduleInstances) {
    const call = m.replace(/\[[^\]]*\]$/, '');
    (instancesByCall.get(call) ?? instancesByCall.set(call, []).get(call)!).push(m);
  }
  const prefixOf = (modulePath: string) => (modulePath ? `${modulePath}.` : '');
  const cache = new Map<string, Array<{ address: string; attrPath: string }>>();

  /** What a reference written in module instance `modulePath` points at: resource addresses with attribute paths. */
  const resolve = (ref: string, modulePath: string, depth: number): Array<{ address: string; attrPath: string }> => {
    const cacheKey = `${modulePath}\u0000${ref}`;
    const hit = cache.get(cacheKey);
    if (hit) return hit;
    if (depth > MAX_RESOLVE_DEPTH) return [];
    cache.set(cacheKey, []); // a reference cycle resolves to nothing rather than recursing
    const p = parseReference(ref);
    let out: Array<{ address: string; attrPath: string }> = [];
    if (p.kind === 'resource') {
      const key = p.key === undefined ? '' : typeof p.key === 'number' ? `[${p.key}]` : `[${JSON.stringify(p.key)}]`;
      out = [{ address: `${prefixOf(modulePath)}${p.target}${key}`, attrPath: p.rest.join('.') }];
    } else if (p.kind === 'module') {
      const callPath = `${prefixOf(modulePath)}module.${p.target}`;
      const ofCall = instancesByCall.get(callPath) ?? [];
      const instances = p.key === undefined ? ofCall : ofCall.filter((m) => m === `${callPath}[${typeof p.key === 'number' ? p.key : JSON.stringify(p.key)}]`);
      const childConfig = configs.get(stripKeys(callPath));
      const outputs = p.rest[0] !== undefined ? [p.rest[0]] : Object.keys(childConfig?.outputs ?? {});
      for (const inst of instances.filter((m) => !m.slice(callPath.length).includes('.module.'))) {
        for (const o of outputs) {
          const expr = childConfig?.outputs?.[o]?.expression;
          for (const r of expressionRefs(expr as Json)) for (const inner of r.references) out.push(...resolve(inner, inst, depth + 1));
        }
      }
    } else if (p.kind === 'local') {
      // Plans do not record locals; the source, when at hand, says what a local refers to.
      for (const inner of localReferences(stripKeys(modulePath), p.target)) out.push(...resolve(inner, modulePath, depth + 1));
    } else if (p.kind === 'var' && modulePath) {
      const cut = modulePath.lastIndexOf('module.');
      const parent = cut > 0 ? modulePath.slice(0, cut - 1) : '';
      const callName = modulePath.slice(cut + 'module.'.length).replace(/\[[^\]]*\]$/, '');
      const call = configs.get(stripKeys(parent))?.module_calls?.[callName];
      const arg = call?.expressions?.[p.target];
      for (const r of expressionRefs(arg as Json)) for (const inner of r.references) out.push(...resolve(inner, parent, depth + 1));
    }
    cache.set(cacheKey, out);
    return out;
  };

  /**
   * How a module input `var.x` of `modulePath` is set, maybe through the caller's own inputs: from an
   * instance key (`each`, `count`: it may differ per instance), and from `each.value` of a `for_each`
   * that references something (the plan records `each.value` but not what it stands for).
   */
  type InputSelector = { key: boolean; value: boolean };
  const inputSelectors = new Map<string, InputSelector>();
  const NONE: InputSelector = { key: false, value: false };
  const inputSelector = (ref: string, modulePath: string, depth: number): InputSelector => {
    const p = parseReference(ref);
    if (p.kind !== 'var' || !modulePath || depth > MAX_RESOLVE_DEPTH) return NONE;
    const cacheKey = `${modulePath}\u0000${p.target}`;
    const hit = inputSelectors.get(cacheKey);
    if (hit) return hit;
    inputSelectors.set(cacheKey, NONE);
    const cut = modulePath.lastIndexOf('module.');
    const parent = cut > 0 ? modulePath.slice(0, cut - 1) : '';
    const callName = modulePath.slice(cut + 'module.'.length).replace(/\[[^\]]*\]$/, '');
    const call = configs.get(stripKeys(parent))?.module_calls?.[callName] as { expressions?: JsonObject; for_each_expression?: JsonObject } | undefined;
    const refs = expressionRefs(call?.expressions?.[p.target] as Json).flatMap((r) => r.references);
    const forEachRefs = expressionRefs(call?.for_each_expression as Json).flatMap((r) => r.references);
    const outer = refs.map((r) => inputSelector(r, parent, depth + 1));
    const result: InputSelector = {
      key: refs.some((r) => /^(each|count)\./.test(r)) || outer.some((o) => o.key),
      value: (refs.some((r) => r.startsWith('each.value')) && forEachRefs.length > 0) || outer.some((o) => o.value),
    };
    inputSelectors.set(cacheKey, result);
    return result;
  };

  // How each expression's inputs select instances depends on the module call and the resource, not the instance.
  const selectorsOf = new Map<string, InputSelector[]>();
  for (const node of graph.nodes()) {
    const callPath = stripKeys(node.modulePath);
    const config = configs.get(callPath)?.resources?.find((r) => r.address === (node.kind === 'data' ? `data.${node.type}.${node.name}` : `${node.type}.${node.name}`));
    if (!config) continue;
    const { forEachRefs, expressions } = configReferences(config);
    // `for_each = aws_subnet.private` then `subnet_id = each.value.id`: each.value is this instance's element.
    const eachValueTargets = (ref: string): Array<{ address: string; attrPath: string }> => {
      const rest = ref.replace(/^each\.value\.?/, '');
      return forEachRefs.flatMap((fe) => resolve(fe, node.modulePath, 0)).map((t) => ({ address: t.address, attrPath: [t.attrPath, rest].filter(Boolean).join('.') }));
    };
    const selectorKey = `${callPath}\u0000${config.address}`;
    let throughInputs = selectorsOf.get(selectorKey);
    if (!throughInputs) {
      throughInputs = expressions.map(({ references }) => {
        const inputs = references.map((r) => inputSelector(r, node.modulePath, 0));
        return { key: inputs.some((i) => i.key), value: inputs.some((i) => i.value) };
      });
      selectorsOf.set(selectorKey, throughInputs);
    }
    for (const [index, { path: fromPath, longest, usesKey }] of expressions.entries()) {
      const found: Target[] = [];
      const keyed: Target[] = [];
      for (const ref of longest) {
        const targets = ref.startsWith('each.value') ? eachValueTargets(ref) : resolve(ref, node.modulePath, 0);
        for (const target of targets) {
          found.push(target);
          let to = target.address;
          // `aws_subnet.x[count.index]`: the instance with the referrer's own key, when it exists.
          if (usesKey && node.key !== undefined) {
            const withKey = `${to}${typeof node.key === 'number' ? `[${node.key}]` : `[${JSON.stringify(node.key)}]`}`;
            if (graph.node(withKey)) to = withKey;
          }
          keyed.push({ address: to, attrPath: target.attrPath });
        }
      }
      const selector = { direct: usesKey, throughInputs: throughInputs[index] };
      for (const t of pickTargets(graph, node, fromPath, selector, found, keyed, fromSource)) graph.addReference(node.address, fromPath, t.address, t.attrPath);
    }
  }
  graph.pruneWholeObjectEdges();
}

interface ConfigExpressionRefs {
  path: string;
  references: string[];
  /** Terraform also lists every prefix of a traversal (`module.net` next to `module.net.vpc_id`): only the longest says what is read. */
  longest: string[];
  /** The expression selects by the instance's key (`count.index`, `each.*`). */
  usesKey: boolean;
}

/** A resource's configuration references, worked out once: it is shared by all its instances (thousands in a large plan). */
const referencesOfConfig = new WeakMap<ConfigResource, { forEachRefs: string[]; expressions: ConfigExpressionRefs[] }>();

function configReferences(config: ConfigResource): { forEachRefs: string[]; expressions: ConfigExpressionRefs[] } {
  let known = referencesOfConfig.get(config);
  if (!known) {
    known = {
      forEachRefs: expressionRefs(config.for_each_expression as Json).flatMap((r) => r.references),
      expressions: expressionRefs(config.expressions as Json).map(({ path, references }) => ({
        path,
        references,
        longest: references.filter((r) => !references.some((o) => o.startsWith(`${r}.`) || o.startsWith(`${r}[`))),
        usesKey: references.some((r) => /^(count\.index|each\.(key|value))/.test(r)),
      })),
    };
    referencesOfConfig.set(config, known);
  }
  return known;
}

/** State has no configuration, but all values are known: link attributes that hold another resource's id or arn. */
function addIdEdges(graph: ResourceGraph): void {
  const byId = new Map<string, { address: string; attr: string }>();
  for (const n of graph.nodes()) {
    for (const attr of ['id', 'arn']) {
      const v = n.attrs[attr];
      if (typeof v === 'string' && v.length > 3) byId.set(v, { address: n.address, attr });
    }
  }
  const walk = (node: GraphNode, v: Value, p: string) => {
    if (typeof v === 'string') {
      const t = byId.get(v);
      if (t && t.address !== node.address && p !== 'id' && p !== 'arn') graph.addReference(node.address, p, t.address, t.attr);
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(node, x, p ? `${p}.${i}` : String(i)));
    else if (isObject(v)) for (const k of Object.keys(v)) walk(node, v[k], p ? `${p}.${k}` : k);
  };
  for (const n of graph.nodes()) walk(n, n.attrs, '');
}
