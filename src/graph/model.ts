/**
 * The resource graph: the one model every loader (HCL, plan JSON) produces and every rule reads.
 *
 * Nodes are resource instances, data source instances and module calls. Attributes are a value
 * tree where nested blocks are lists of objects (as in plan JSON). Edges are references from one
 * node's attribute path to another node, found by evaluation (HCL) or configuration references (plan).
 */
import { Unknown, Value, ValueObject, isObject } from '../eval/value';

export interface SourceLocation {
  /** Relative to the working directory, with `/` separators. */
  file: string;
  startLine: number;
  endLine: number;
  startColumn?: number;
  endColumn?: number;
}

export type NodeKind = 'resource' | 'data' | 'module';

export interface GraphEdge {
  from: string;
  /** Attribute path on the referring node (`subnet_ids`, `ingress.0.security_groups`). */
  fromPath: string;
  to: string;
  /** Attribute path read on the target (`id`, `arn`), or '' for the whole object. */
  toPath: string;
}

/** The result of reading one attribute path of a node. */
export interface AttrRead {
  path: string;
  /** False when the configuration does not set the attribute (the provider default applies). */
  present: boolean;
  /** The value when present; may be (or contain) an Unknown. */
  value: Value | undefined;
  /** The attribute's own lines when present, else the nearest enclosing block's lines. */
  location?: SourceLocation;
  /** Variables and locals the value came through, e.g. `var.public (set in terraform.tfvars:3)`. */
  origins: readonly string[];
}

export interface NodeInit {
  address: string;
  resourceAddress: string;
  key?: string | number;
  keysKnown: boolean;
  kind: NodeKind;
  type: string;
  name: string;
  modulePath: string;
  location?: SourceLocation;
  attrs: ValueObject;
  attrLocations?: Map<string, SourceLocation>;
  origins?: Map<string, string[]>;
  /** Attribute paths whose values are sensitive: present, never printed. */
  sensitivePaths?: Set<string>;
  /** Free-form facts a loader records (module source, why a module is unresolved, plan actions). */
  meta?: Record<string, string | boolean | number | undefined>;
  /** Finds an attribute's lines on demand (plan nodes map paths to .tf source lazily). */
  locator?: (path: string) => SourceLocation | undefined;
}

/** Rules read the same few hundred paths on every node: split each once (bounded, in case paths are generated). */
const segmentsOfPath = new Map<string, readonly string[]>();
function pathSegments(path: string): readonly string[] {
  let segments = segmentsOfPath.get(path);
  if (!segments) {
    segments = path === '' ? [] : path.split('.');
    if (segmentsOfPath.size >= 10000) segmentsOfPath.clear();
    segmentsOfPath.set(path, segments);
  }
  return segments;
}

/**
 * An attribute read whose location is found on first use: finding source lines (plan nodes search the
 * .tf block) costs more than the read itself, and most reads never become a finding. A class (not an
 * object literal with a getter) keeps every read one cheap hidden class.
 */
class LazyAttrRead implements AttrRead {
  private located = false;
  private where?: SourceLocation;

  constructor(
    private readonly node: GraphNode,
    readonly path: string,
    readonly present: boolean,
    readonly value: Value | undefined,
    readonly origins: readonly string[],
  ) {}

  get location(): SourceLocation | undefined {
    if (!this.located) {
      this.where = this.node.locationOf(this.path);
      this.located = true;
    }
    return this.where;
  }

  set location(where: SourceLocation | undefined) {
    this.where = where;
    this.located = true;
  }
}

export class GraphNode {
  readonly address: string;
  readonly resourceAddress: string;
  readonly key?: string | number;
  readonly keysKnown: boolean;
  readonly kind: NodeKind;
  readonly type: string;
  readonly name: string;
  readonly modulePath: string;
  readonly location?: SourceLocation;
  readonly attrs: ValueObject;
  readonly attrLocations: Map<string, SourceLocation>;
  readonly origins: Map<string, string[]>;
  readonly sensitivePaths: Set<string>;
  readonly meta: Record<string, string | boolean | number | undefined>;
  private readonly locator?: (path: string) => SourceLocation | undefined;
  private readonly located = new Map<string, SourceLocation | undefined>();

  constructor(init: NodeInit) {
    this.address = init.address;
    this.resourceAddress = init.resourceAddress;
    this.key = init.key;
    this.keysKnown = init.keysKnown;
    this.kind = init.kind;
    this.type = init.type;
    this.name = init.name;
    this.modulePath = init.modulePath;
    this.location = init.location;
    this.attrs = init.attrs;
    this.attrLocations = init.attrLocations ?? new Map();
    this.origins = init.origins ?? new Map();
    this.sensitivePaths = init.sensitivePaths ?? new Set();
    this.meta = init.meta ?? {};
    this.locator = init.locator;
  }

  /**
   * Reads a dotted attribute path: `ssl_policy`, `default_action.0.type`, `tags.Name`.
   * Numeric segments index lists; a nested block given as a single object is read as a one-element list.
   */
  attr(path: string): AttrRead {
    const segments = pathSegments(path);
    let value: Value | undefined = this.attrs;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i];
      if (value instanceof Unknown) {
        value = new Unknown(`${value.source}.${segments.slice(i).join('.')}`, value.reason);
        break;
      }
      if (Array.isArray(value)) {
        const idx = Number(seg);
        value = Number.isInteger(idx) ? value[idx] : undefined;
      } else if (isObject(value)) {
        // JSON syntax and some plans give a single nested block as an object instead of a list.
        if (seg === '0' && !Object.prototype.hasOwnProperty.call(value, '0')) continue;
        value = Object.prototype.hasOwnProperty.call(value, seg) ? value[seg] : undefined;
      } else {
        value = undefined;
      }
      if (value === undefined) break;
    }
    const present = value !== undefined && value !== null;
    return new LazyAttrRead(this, path, present, present ? value : undefined, this.origins.get(path) ?? []);
  }

  /** The nested blocks at a path as a list (empty when absent); an Unknown stands for unknown blocks. */
  blocks(path: string): Array<{ path: string; value: ValueObject | Unknown }> {
    const read = this.attr(path);
    const v = read.value;
    if (v === undefined) return [];
    if (v instanceof Unknown) return [{ path: `${path}.0`, value: v }];
    const list = Array.isArray(v) ? v : [v];
    const out: Array<{ path: string; value: ValueObject | Unknown }> = [];
    list.forEach((item, i) => {
      if (item instanceof Unknown || isObject(item)) out.push({ path: `${path}.${i}`, value: item });
    });
    return out;
  }

  /** The lines of the attribute at `path`, or of the nearest enclosing attribute/block, or the node. */
  locationOf(path: string): SourceLocation | undefined {
    // Plan nodes have no attribute locations up front (their locator finds them): skip the prefixes.
    const segments = this.attrLocations.size === 0 ? [] : pathSegments(path);
    for (let n = segments.length; n > 0; n--) {
      const loc = this.attrLocations.get(segments.slice(0, n).join('.'));
      if (loc) return loc;
    }
    if (this.locator && path !== '') {
      // Rules read the same paths again and again; the locator walks the source block each time.
      let loc = this.located.get(path);
      if (loc === undefined && !this.located.has(path)) {
        loc = this.locator(path);
        this.located.set(path, loc);
      }
      if (loc) return loc;
    }
    return this.location;
  }

  isSensitive(path: string): boolean {
    for (const p of this.sensitivePaths) if (p === '' || path === p || path.startsWith(`${p}.`)) return true;
    return false;
  }
}

function matchesPath(edgePath: string, prefix: string | undefined): boolean {
  return prefix === undefined || edgePath === prefix || edgePath.startsWith(`${prefix}.`);
}

function typeFilter(types: string | readonly string[] | undefined): (t: string) => boolean {
  if (types === undefined) return () => true;
  const set = new Set(typeof types === 'string' ? [types] : types);
  return (t) => set.has(t);
}

export class ResourceGraph {
  private readonly byAddress = new Map<string, GraphNode>();
  private readonly byResource = new Map<string, GraphNode[]>();
  private readonly byType = new Map<string, GraphNode[]>();
  private readonly outgoing = new Map<string, GraphEdge[]>();
  private readonly incoming = new Map<string, GraphEdge[]>();
  private readonly edgeKeys = new Set<string>();

  addNode(node: GraphNode): void {
    if (this.byAddress.has(node.address)) return;
    this.byAddress.set(node.address, node);
    const group = this.byResource.get(node.resourceAddress) ?? [];
    group.push(node);
    this.byResource.set(node.resourceAddress, group);
    const typeKey = `${node.kind}:${node.type}`;
    const ofType = this.byType.get(typeKey) ?? [];
    ofType.push(node);
    this.byType.set(typeKey, ofType);
  }

  /**
   * Adds an edge to `to`, which may be an instance address, a resource address (an edge to each of
   * its instances) or a module call address. Returns how many edges were added.
   */
  addReference(from: string, fromPath: string, to: string, toPath: string): number {
    const targets = this.byAddress.has(to) ? [this.byAddress.get(to)!] : this.byResource.get(to) ?? [];
    let added = 0;
    for (const target of targets) {
      if (target.address === from) continue;
      const key = `${from}\u0000${fromPath}\u0000${target.address}\u0000${toPath}`;
      if (this.edgeKeys.has(key)) continue;
      this.edgeKeys.add(key);
      const edge: GraphEdge = { from, fromPath, to: target.address, toPath };
      (this.outgoing.get(from) ?? this.outgoing.set(from, []).get(from)!).push(edge);
      (this.incoming.get(target.address) ?? this.incoming.set(target.address, []).get(target.address)!).push(edge);
      added++;
    }
    return added;
  }

  node(address: string): GraphNode | undefined {
    return this.byAddress.get(address);
  }

  nodes(): GraphNode[] {
    return [...this.byAddress.values()];
  }

  /** Managed resources of the given type(s), e.g. `graph.resources(['aws_lb', 'aws_alb'])`. */
  resources(types?: string | readonly string[]): GraphNode[] {
    return this.ofKind('resource', types);
  }

  dataSources(types?: string | readonly string[]): GraphNode[] {
    return this.ofKind('data', types);
  }

  modules(): GraphNode[] {
    return this.ofKind('module');
  }

  private ofKind(kind: NodeKind, types?: string | readonly string[]): GraphNode[] {
    if (types === undefined) return this.nodes().filter((n) => n.kind === kind);
    const list = typeof types === 'string' ? [types] : types;
    return list.flatMap((t) => this.byType.get(`${kind}:${t}`) ?? []);
  }

  /** All instances of a resource address (`aws_subnet.private` → `[0]`, `[1]`, ...). */
  instancesOf(resourceAddress: string): GraphNode[] {
    return this.byResource.get(resourceAddress) ?? [];
  }

  edgesFrom(node: GraphNode, attrPath?: string): GraphEdge[] {
    return (this.outgoing.get(node.address) ?? []).filter((e) => matchesPath(e.fromPath, attrPath));
  }

  edgesTo(node: GraphNode, attrPath?: string): GraphEdge[] {
    return (this.incoming.get(node.address) ?? []).filter((e) => matchesPath(e.fromPath, attrPath));
  }

  /** Nodes that `node` references from `attrPath` (or any path), optionally only of some types. */
  targets(node: GraphNode, attrPath?: string, types?: string | readonly string[]): GraphNode[] {
    const accept = typeFilter(types);
    const seen = new Set<string>();
    const out: GraphNode[] = [];
    for (const e of this.edgesFrom(node, attrPath)) {
      const t = this.byAddress.get(e.to);
      if (t && accept(t.type) && !seen.has(t.address)) {
        seen.add(t.address);
        out.push(t);
      }
    }
    return out;
  }

  /** Nodes that reference `node`, optionally only of some types and only from some attribute path. */
  referrers(node: GraphNode, types?: string | readonly string[], attrPath?: string): GraphNode[] {
    const accept = typeFilter(types);
    const seen = new Set<string>();
    const out: GraphNode[] = [];
    for (const e of this.edgesTo(node, attrPath)) {
      const f = this.byAddress.get(e.from);
      if (f && accept(f.type) && !seen.has(f.address)) {
        seen.add(f.address);
        out.push(f);
      }
    }
    return out;
  }

  /**
   * Drops whole-object edges (`toPath` '') where the same attribute also has a specific edge to the
   * same target: `aws_subnet.private[*].id` first resolves the resource, then reads `id` per instance.
   */
  pruneWholeObjectEdges(): void {
    for (const [from, list] of this.outgoing) {
      const specific = new Set(list.filter((e) => e.toPath !== '').map((e) => `${e.fromPath}\u0000${e.to}`));
      const kept = list.filter((e) => e.toPath !== '' || !specific.has(`${e.fromPath}\u0000${e.to}`));
      if (kept.length === list.length) continue;
      this.outgoing.set(from, kept);
      for (const e of list) {
        if (kept.includes(e)) continue;
        const inc = this.incoming.get(e.to) ?? [];
        this.incoming.set(e.to, inc.filter((x) => x !== e));
        this.edgeKeys.delete(`${e.from}\u0000${e.fromPath}\u0000${e.to}\u0000${e.toPath}`);
      }
    }
  }

  edges(): GraphEdge[] {
    return [...this.outgoing.values()].flat();
  }
}
