import { Unknown, Value, isObject } from '../../src/eval/value';
import { GraphNode, ResourceGraph } from '../../src/graph/model';
import { RuleParameters } from '../../src/rules/parameters';
import {
  PolicyCondition,
  PolicyText,
  PolicyValue,
  Statement,
  Tri,
  actionMatches,
  evaluateStatements,
  isConcreteReference,
  isEveryone,
  isParsed,
  patternsIntersect,
  policyValues,
  readPolicy,
  triAnd,
  triNot,
  triSome,
} from '../../src/rules/support/iam-policy';
import { referencedNodes } from '../../src/rules/support/references';
import { result } from '../../src/rules/support/results';
import { Rule, RuleResult } from '../../src/rules/types';

export const BUCKET_TYPES = ['aws_s3_bucket'] as const;
export const BUCKET_POLICY_TYPES = ['aws_s3_bucket_policy'] as const;

/** Object actions a Deny must cover: reading and writing the data over plain HTTP. */
const OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject'];

interface Verdict {
  status: 'pass' | 'fail' | 'unknown';
  message: string;
}

/** A policy that applies to a bucket: the inline `policy`, or an `aws_s3_bucket_policy`. */
interface BucketPolicy {
  node: GraphNode;
  value: PolicyValue;
  /** `aws_s3_bucket_policy.b (main.tf:5)` or `policy` for the inline one. */
  name: string;
}

function where(node: GraphNode): string {
  return node.location ? ` (${node.location.file}:${node.location.startLine})` : '';
}

// ------------------------------------------------------------------ statements

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

/** Why a Deny on aws:SecureTransport = false does not refuse every plain-HTTP request, or true when it does. */
function judgeStatement(s: Statement): { ok: Tri; why?: string } {
  const insecure = triSome(s.conditions, isInsecureTransportCondition);
  if (insecure === false) return { ok: false };
  const effect: Tri = s.effect instanceof Unknown ? s.effect : s.effect === 'Deny';
  if (effect === false) return { ok: false, why: `${s.label} is an ${s.effect ?? 'invalid'} statement on aws:SecureTransport = false (only a Deny refuses plain HTTP)` };
  const everyone: Tri = s.notPrincipals !== undefined ? false : isEveryone(s.principals);
  if (everyone === false) return { ok: false, why: `${s.label} does not apply to every principal (Principal "*")` };
  // Other conditions narrow the Deny: plain HTTP is only refused when they hold too.
  const others = s.conditions.map(isInsecureTransportCondition).filter((x) => x !== true);
  const onlyTransport: Tri = others.length === 0 ? true : others.includes(false) ? false : (others[0] as Unknown);
  if (onlyTransport === false) return { ok: false, why: `${s.label} only denies plain HTTP when its other conditions also hold` };
  const actions = coversObjectActions(s);
  if (actions === false) return { ok: false, why: `${s.label} does not cover ${OBJECT_ACTIONS.join(' and ')}` };
  const objects = coversObjects(s);
  if (objects === false) return { ok: false, why: `${s.label} only covers the bucket itself, not its objects (add "<bucket ARN>/*" to Resource)` };
  return { ok: triAnd(insecure, effect, everyone, onlyTransport, actions, objects) };
}

function judgePolicy(graph: ResourceGraph, p: BucketPolicy): Verdict {
  const parsed = readPolicy(graph, p.value);
  if ('unknown' in parsed) return { status: 'unknown', message: `${p.name}: the policy is not known statically: ${parsed.unknown}` };
  if (!isParsed(parsed)) return { status: 'unknown', message: `${p.name}: the policy cannot be read: ${parsed.invalid}` };
  const verdicts = evaluateStatements(parsed, (s) => judgeStatement(s).ok);
  if (verdicts.matching.length > 0) {
    const s = verdicts.matching[0];
    return { status: 'pass', message: `${p.name}: ${s.label} denies every principal when aws:SecureTransport is false` };
  }
  if (verdicts.unknown.length > 0) {
    return { status: 'unknown', message: `${p.name}: whether the policy denies requests without TLS is not known: ${verdicts.unknown.map((u) => u.reason).join('; ')}` };
  }
  const near = parsed.statements.map((s) => judgeStatement(s).why).filter((w): w is string => w !== undefined);
  return {
    status: 'fail',
    message: `${p.name} has no Deny statement for aws:SecureTransport = false covering the bucket's objects${near.length > 0 ? ` (${near.join('; ')})` : ''}: requests over plain HTTP are not refused`,
  };
}

// ------------------------------------------------------------------ which policies apply to which bucket

interface PolicyIndex {
  byBucket: Map<string, BucketPolicy[]>;
  /** Bucket policies whose bucket is not known: they may apply to any bucket. */
  floating: Array<{ node: GraphNode; describe: string }>;
}

function indexPolicies(graph: ResourceGraph, buckets: GraphNode[]): PolicyIndex {
  const byBucket = new Map<string, BucketPolicy[]>();
  const floating: PolicyIndex['floating'] = [];
  const add = (bucket: GraphNode, p: BucketPolicy) => byBucket.set(bucket.address, [...(byBucket.get(bucket.address) ?? []), p]);
  for (const bucket of buckets) {
    for (const value of policyValues(graph, bucket)) add(bucket, { node: bucket, value, name: 'policy' });
  }
  for (const policy of graph.resources(BUCKET_POLICY_TYPES)) {
    const values = policyValues(graph, policy);
    const value: PolicyValue = values[0] ?? { path: 'policy', kind: 'resource', value: null };
    const entry = { node: policy, value, name: `${policy.address}${where(policy)}` };
    const { nodes, unresolved } = referencedNodes(graph, policy, 'bucket', BUCKET_TYPES);
    if (nodes.length > 0) {
      for (const b of nodes) add(b, entry);
      continue;
    }
    // A literal bucket name counts for the bucket of that name in the configuration.
    const names = unresolved.filter((v): v is string => typeof v === 'string');
    const named = buckets.filter((b) => names.includes(b.attr('bucket').value as string));
    for (const b of named) add(b, entry);
    if (named.length === 0 && unresolved.some((v) => v instanceof Unknown)) {
      const u = unresolved.find((v): v is Unknown => v instanceof Unknown)!;
      floating.push({ node: policy, describe: `${policy.address}${where(policy)} has a bucket that is not known statically (${u.describe()})` });
    }
  }
  return { byBucket, floating };
}

// ------------------------------------------------------------------ personal data scope

/** Whether the bucket is tagged as holding personal data: true, false, or the Unknown that keeps it open. */
function holdsPersonalData(bucket: GraphNode, tag: NonNullable<RuleParameters['personalDataTag']>): Tri {
  const tags: Value | undefined = bucket.attr('tags').value;
  if (tags instanceof Unknown) return tags;
  if (!isObject(tags) || !Object.prototype.hasOwnProperty.call(tags, tag.key)) return false;
  const v = tags[tag.key];
  if (tag.value === undefined) return true;
  if (v instanceof Unknown) return v;
  return v === tag.value;
}

function checkBucket(graph: ResourceGraph, bucket: GraphNode, index: PolicyIndex, note: string): RuleResult {
  const policies = index.byBucket.get(bucket.address) ?? [];
  const inline = policies.find((p) => p.node === bucket);
  const attribute = inline && policies.length === 1 ? inline.value.path : undefined;
  if (policies.length === 0) {
    if (index.floating.length > 0) {
      return result('unknown', bucket, `No bucket policy references this bucket, but ${index.floating.map((f) => f.describe).join('; ')}${note}`);
    }
    return result('fail', bucket, `No bucket policy (aws_s3_bucket_policy or policy) denies requests with aws:SecureTransport = false: the bucket accepts plain HTTP${note}`);
  }
  const verdicts = policies.map((p) => judgePolicy(graph, p));
  const statuses = new Set(verdicts.map((v) => v.status));
  const message = verdicts.map((v) => v.message).join('; ');
  if (statuses.size > 1) {
    return result('unknown', bucket, `Several bucket policies apply and only the last one written wins: ${message}${note}`, attribute);
  }
  const status = verdicts[0].status;
  if (status === 'fail' && index.floating.length > 0) {
    return result('unknown', bucket, `${message}; but ${index.floating.map((f) => f.describe).join('; ')}${note}`, attribute);
  }
  return result(status, bucket, `${message}${note}`, attribute);
}

export const rule: Rule = {
  meta: {
    id: 'TG-TLS-008',
    title: 'S3 bucket policies deny requests without TLS',
    claim: 'transit-tls12',
    severity: 'low',
    fix: 'add a bucket policy statement that denies s3:* for Principal "*" when aws:SecureTransport is "false"',
    appliesTo: BUCKET_TYPES,
  },

  check({ graph, params }) {
    const buckets = graph.resources(BUCKET_TYPES);
    const index = indexPolicies(graph, buckets);
    const out: RuleResult[] = [];
    for (const bucket of buckets) {
      let note = '';
      if (params.personalDataTag) {
        const holds = holdsPersonalData(bucket, params.personalDataTag);
        if (holds === false) continue;
        if (holds instanceof Unknown) note = ` (whether the bucket is tagged ${params.personalDataTag.key} is not known: ${holds.describe()})`;
      }
      const r = checkBucket(graph, bucket, index, note);
      // A bucket that may not hold personal data cannot break the claim for certain.
      if (note && r.status === 'fail') r.status = 'unknown';
      out.push(r);
    }
    return out;
  },
};
