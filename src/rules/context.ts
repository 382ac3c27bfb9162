/**
 * The context a rule's `check` gets: the AWS models, the profile's parameters, and `verdict`/`report`,
 * which turn an answer into a result in the words of the rule's `meta.messages` (ESLint's
 * `context.report({ messageId, data })`). The engine, the RuleTester and conformance all build it here.
 */
import type { ResourceGraph } from '../graph/model';
import { AwsModels, awsModels } from '../providers/aws';
import type { Tri, Val } from '../providers/val';
import type { RuleParameters } from './parameters';
import type { AccountView, ResultPart, Rule, RuleContext, RuleResult, Status, Subject } from './types';

/** A template split once into literal text (even indexes) and placeholder names (odd indexes). */
const compiled = new Map<string, string[]>();

/** Fills `{{name}}` placeholders; a missing one is a bug in the rule, so it throws. */
export function formatMessage(template: string, data: Record<string, string | number>, ruleId: string): string {
  let pieces = compiled.get(template);
  // Split once per template: big plans format tens of thousands of messages from a few templates.
  if (!pieces) compiled.set(template, (pieces = template.split(/\{\{\s*(\w+)\s*\}\}/)));
  let out = pieces[0];
  for (let i = 1; i < pieces.length; i += 2) {
    const key = pieces[i];
    if (!(key in data)) throw new Error(`${ruleId}: message placeholder {{${key}}} has no value`);
    out += String(data[key]) + pieces[i + 1];
  }
  return out;
}

export interface VerdictWords {
  /** Message IDs for each outcome; default `pass`, `fail`, `unknown`. */
  pass?: string;
  fail?: string;
  unknown?: string;
  /** Placeholders; `{{value}}` defaults to the leaf's `describe()`, `{{address}}` to the subject's. */
  data?: Record<string, string | number>;
  parts?: ResultPart[];
}

export interface ModelContext {
  aws: AwsModels;
  /** The answer `answer` about `subject`, pointing at leaf `at` (its attribute when written, else the resource). */
  verdict(subject: Subject, answer: Tri, at?: Val<unknown> | string, words?: VerdictWords): RuleResult;
  /** One result with a chosen status and message. */
  report(status: Status, subject: Subject, messageId: string, data?: Record<string, string | number>, at?: Val<unknown> | string, parts?: ResultPart[]): RuleResult;
  /**
   * One result from several parts: `fail` if any part fails (its message names every failing part),
   * else `unknown` if any is unknown, else `pass` with `passMessage`. It points at the first deciding
   * part's attribute (a passing single part's too).
   */
  combine(subject: Subject, parts: ResultPart[], passMessage: string): RuleResult;
  /** One named part of a multi-part result, in the words of `meta.messages`. */
  part(status: ResultPart['status'], name: string, messageId: string, data?: Record<string, string | number>, at?: Val<unknown> | string): ResultPart;
  /**
   * Like `combine`, but the pass is worded by a message ID, and a single part is the result itself
   * (no `parts` list): for rules judging each of a resource's policies.
   */
  summarise(subject: Subject, parts: ResultPart[], passId: string, data?: Record<string, string | number>): RuleResult;
}

export interface ContextInit {
  graph: ResourceGraph;
  params: RuleParameters;
  account?: AccountView;
}

/** The subject, the attribute a result names, and that attribute's lines (else the subject's). */
function pointAt(subject: Subject, attribute: string | undefined): Pick<RuleResult, 'node' | 'attribute' | 'location'> {
  return { node: subject.node, attribute, location: subject.node.locationOf(attribute ?? '') };
}

function attributeOf(at: Val<unknown> | string | undefined): string | undefined {
  if (at === undefined || typeof at === 'string') return at;
  return at.path;
}

export function ruleContext(rule: Rule, init: ContextInit): RuleContext {
  const messages = rule.meta.messages ?? {};
  let aws: AwsModels | undefined;
  /** A message of `meta.messages` with its placeholders filled; a missing ID is a bug in the rule. */
  const word = (messageId: string, data: Record<string, string | number>): string => {
    const template = messages[messageId];
    if (template === undefined) throw new Error(`${rule.meta.id}: no message "${messageId}" in meta.messages`);
    return formatMessage(template, data, rule.meta.id);
  };
  const report: ModelContext['report'] = (status, subject, messageId, data = {}, at, parts) => {
    const message = word(messageId, { address: subject.node.address, ...data });
    return { status, ...pointAt(subject, attributeOf(at)), message, ...(parts ? { parts } : {}) };
  };
  const verdict: ModelContext['verdict'] = (subject, answer, at, words = {}) => {
    const status: Status = answer === 'unknown' ? 'unknown' : answer ? 'pass' : 'fail';
    const id = words[status as 'pass' | 'fail' | 'unknown'] ?? status;
    const value: Record<string, string> = at !== undefined && typeof at !== 'string' ? { value: at.describe() } : {};
    return report(status, subject, id, { ...value, ...words.data }, at, words.parts);
  };
  const part: ModelContext['part'] = (status, name, messageId, data = {}, at) => ({ name, status, message: word(messageId, data), attribute: attributeOf(at) });
  const summarise: ModelContext['summarise'] = (subject, parts, passId, data = {}) => {
    if (parts.length === 1) return { status: parts[0].status, ...pointAt(subject, parts[0].attribute), message: parts[0].message };
    const { status, deciding } = combineParts(parts);
    if (status === 'pass') return { ...report('pass', subject, passId, data), parts };
    return { status, ...pointAt(subject, deciding[0].attribute), message: deciding.map((p) => p.message).join('; '), parts };
  };
  return {
    ...init,
    get aws(): AwsModels {
      return (aws ??= awsModels(init.graph, init.account));
    },
    verdict,
    report,
    combine: combineResults,
    part,
    summarise,
  };
}

/**
 * `at` for a result that names its attribute only where the configuration writes it: an omitted
 * leaf gives no `attribute` and points at its resource, as the rules' results did before the model
 * layer (so baselines and SARIF fingerprints stay the same). `{{value}}` then goes in `data`.
 */
export function whereWritten(leaf: Val<unknown>): string | undefined {
  return leaf.present ? leaf.path : undefined;
}

/**
 * Several parts as one answer: fail when any part fails, else unknown when any is unknown, else pass;
 * `deciding` are the parts that decide it (all of them for a pass), whose messages a rule joins.
 */
export function combineParts(parts: readonly ResultPart[]): { status: ResultPart['status']; deciding: ResultPart[] } {
  for (const status of ['fail', 'unknown'] as const) {
    const deciding = parts.filter((p) => p.status === status);
    if (deciding.length > 0) return { status, deciding };
  }
  return { status: 'pass', deciding: [...parts] };
}

/**
 * One result from the parts of a multi-part rule: `fail` if any part fails (naming every failing part),
 * else `unknown` if any part is unknown, else `pass` with `passMessage`. It points at the first deciding
 * part's attribute (a lone passing part's too). `ctx.combine` is this function.
 */
export function combineResults(subject: Subject, parts: ResultPart[], passMessage: string): RuleResult {
  const { status, deciding } = combineParts(parts);
  const message = status === 'pass' ? passMessage : deciding.map((p) => p.message).join('; ');
  const attribute = status === 'pass' ? (parts.length === 1 ? parts[0].attribute : undefined) : deciding[0].attribute;
  return { status, ...pointAt(subject, attribute), message, parts };
}
