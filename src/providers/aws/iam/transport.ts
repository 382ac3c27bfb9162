/**
 * Whether a bucket policy statement refuses plain HTTP: a Deny for every principal on
 * `aws:SecureTransport = false` (Bool / BoolIfExists) that covers reading and writing the bucket's
 * objects and is not narrowed by other conditions. Three-valued; when the answer is no, `miss` says
 * which part is missing so the rule can word it.
 */
import { Unknown } from '../../../eval/value';
import { PolicyCondition, PolicyText, Statement, Tri, isConcreteReference, triAnd, triNot, triSome } from './policy';
import { actionMatches, isEveryone, patternsIntersect } from './matching';

/** Object actions a Deny must cover: reading and writing the data over plain HTTP. */
export const OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject'];

export type TransportMiss = 'notDeny' | 'notEveryone' | 'narrowed' | 'objectActions' | 'bucketOnly';

function lower(t: PolicyText): string | Unknown {
  return typeof t === 'string' ? t.trim().toLowerCase() : t;
}

/** `Bool` / `BoolIfExists` on `aws:SecureTransport` with the value "false" (a request without TLS). */
function isInsecureTransportCondition(c: PolicyCondition): Tri {
  const op = lower(c.operator);
  const key = lower(c.key);
  const opOk: Tri = op instanceof Unknown ? op : op === 'bool' || op === 'boolifexists';
  const keyOk: Tri = key instanceof Unknown ? key : key === 'aws:securetransport';
  const valueOk = triSome(c.values, (v) => {
    const s = lower(v);
    return s instanceof Unknown ? s : s === 'false';
  });
  return triAnd(opOk, keyOk, valueOk);
}

/** The statement's actions include every object action in `OBJECT_ACTIONS`. */
function coversObjectActions(s: Statement): Tri {
  return triAnd(
    ...OBJECT_ACTIONS.map((action): Tri => {
      if (s.actions !== undefined) return triSome(s.actions, (a) => (typeof a === 'string' ? actionMatches(a, action) : isConcreteReference(a) ? false : a));
      if (s.notActions !== undefined) return triNot(triSome(s.notActions, (a) => (typeof a === 'string' ? patternsIntersect(a, action) : a)));
      return false;
    }),
  );
}

/**
 * Whether a Resource pattern reaches the bucket's objects, not only the bucket itself. A bucket policy
 * can only name its own bucket (S3 rejects anything else), so what matters is the object part:
 * `arn:aws:s3:::b/*`, `*`, or a bucket pattern ending in `*`. A bare bucket ARN (`arn:aws:s3:::b`)
 * covers bucket operations only. A reference to the bucket (`aws_s3_bucket.b.arn`, also inside
 * `"${aws_s3_bucket.b.arn}/*"`) is counted: the evaluator cannot tell the two apart.
 */
function reachesObjects(r: PolicyText): Tri {
  if (r instanceof Unknown) return isConcreteReference(r) ? true : r;
  const p = r.trim();
  if (/^\*+$/.test(p)) return true;
  const m = /^arn:[^:]*:s3:::(.*)$/i.exec(p);
  if (!m) return true; // not an S3 ARN at all: nothing says it is limited to the bucket itself
  const rest = m[1];
  const slash = rest.indexOf('/');
  if (slash < 0) return rest.endsWith('*');
  return /^\*+$/.test(rest.slice(slash + 1));
}

function coversObjects(s: Statement): Tri {
  if (s.notResources !== undefined) return true;
  return triSome(s.resources ?? [], reachesObjects);
}

/**
 * Whether the statement refuses every plain-HTTP request to the bucket's objects. `miss` is set when a
 * statement on aws:SecureTransport = false falls short (a statement without that condition has none).
 */
export function deniesInsecureTransport(s: Statement): { ok: Tri; miss?: TransportMiss } {
  const insecure = triSome(s.conditions, isInsecureTransportCondition);
  if (insecure === false) return { ok: false };
  const effect: Tri = s.effect instanceof Unknown ? s.effect : s.effect === 'Deny';
  if (effect === false) return { ok: false, miss: 'notDeny' };
  const everyone: Tri = s.notPrincipals !== undefined ? false : isEveryone(s.principals);
  if (everyone === false) return { ok: false, miss: 'notEveryone' };
  // Other conditions narrow the Deny: plain HTTP is only refused when they hold too.
  const others = s.conditions.map(isInsecureTransportCondition).filter((x) => x !== true);
  const onlyTransport: Tri = others.length === 0 ? true : others.includes(false) ? false : (others[0] as Unknown);
  if (onlyTransport === false) return { ok: false, miss: 'narrowed' };
  const actions = coversObjectActions(s);
  if (actions === false) return { ok: false, miss: 'objectActions' };
  const objects = coversObjects(s);
  if (objects === false) return { ok: false, miss: 'bucketOnly' };
  return { ok: triAnd(insecure, effect, everyone, onlyTransport, actions, objects) };
}
