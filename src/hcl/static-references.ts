/**
 * The references an expression makes, written the way Terraform's plan `configuration` records them
 * (`aws_subnet.private`, `module.net.subnet_ids`, `var.x`, `local.y`): used where only source is at hand,
 * e.g. to follow a plan reference to a local value, which plans do not record.
 */
import { Expr, TemplatePart } from './ast';

const NOT_REFERENCES = new Set(['count', 'each', 'path', 'terraform', 'self']);

function chain(e: Expr): { root: string; parts: string[] } | undefined {
  const parts: string[] = [];
  let cur: Expr = e;
  for (;;) {
    if (cur.kind === 'getattr') {
      parts.unshift(cur.name);
      cur = cur.obj;
    } else if (cur.kind === 'index') {
      // A literal key stays in the reference; a computed one ends it there.
      if (cur.key.kind === 'literal' && (typeof cur.key.value === 'number' || typeof cur.key.value === 'string')) parts.unshift(`[${JSON.stringify(cur.key.value)}]`);
      else parts.length = 0;
      cur = cur.obj;
    } else if (cur.kind === 'var') {
      return { root: cur.name, parts };
    } else {
      return undefined;
    }
  }
}

function collect(e: Expr, bound: ReadonlySet<string>, out: Set<string>): void {
  if (e.kind === 'getattr' || e.kind === 'index' || e.kind === 'var') {
    const c = chain(e);
    if (c && !bound.has(c.root) && !NOT_REFERENCES.has(c.root)) {
      const text = [c.root, ...c.parts].join('.').replace(/\.\[/g, '[');
      if (c.parts.length > 0) out.add(text);
    }
    // Index keys along the chain are expressions of their own; the chain's prefixes are not new references.
    for (let cur: Expr = e; cur.kind === 'getattr' || cur.kind === 'index'; cur = cur.obj) {
      if (cur.kind === 'index') collect(cur.key, bound, out);
    }
    if (!c) {
      // A traversal on a computed value (`f(x).a`, `[...][0]`): its base has the references.
      let base: Expr = e;
      while (base.kind === 'getattr' || base.kind === 'index') base = base.obj;
      collect(base, bound, out);
    }
    return;
  }
  switch (e.kind) {
    case 'template':
      collectParts(e.parts, bound, out);
      return;
    case 'paren':
      collect(e.expr, bound, out);
      return;
    case 'splat':
      collect(e.source, bound, out);
      return;
    case 'tuple':
      e.items.forEach((i) => collect(i, bound, out));
      return;
    case 'object':
      e.items.forEach((i) => {
        if (!i.bareKey) collect(i.key, bound, out);
        collect(i.value, bound, out);
      });
      return;
    case 'call':
      e.args.forEach((a) => collect(a, bound, out));
      return;
    case 'unary':
      collect(e.operand, bound, out);
      return;
    case 'binary':
      collect(e.left, bound, out);
      collect(e.right, bound, out);
      return;
    case 'conditional':
      collect(e.cond, bound, out);
      collect(e.then, bound, out);
      collect(e.else, bound, out);
      return;
    case 'for': {
      collect(e.collection, bound, out);
      const inner = new Set([...bound, e.valVar, ...(e.keyVar ? [e.keyVar] : [])]);
      if (e.keyExpr) collect(e.keyExpr, inner, out);
      collect(e.valueExpr, inner, out);
      if (e.cond) collect(e.cond, inner, out);
      return;
    }
    default:
      return;
  }
}

function collectParts(parts: TemplatePart[], bound: ReadonlySet<string>, out: Set<string>): void {
  for (const p of parts) {
    if (p.kind === 'interp') collect(p.expr, bound, out);
    else if (p.kind === 'if') {
      collect(p.cond, bound, out);
      collectParts(p.then, bound, out);
      collectParts(p.else, bound, out);
    } else if (p.kind === 'for') {
      collect(p.collection, bound, out);
      collectParts(p.body, new Set([...bound, p.valVar, ...(p.keyVar ? [p.keyVar] : [])]), out);
    }
  }
}

export function staticReferences(e: Expr): string[] {
  const out = new Set<string>();
  collect(e, new Set(), out);
  return [...out];
}
