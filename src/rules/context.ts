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

/** Fills `{{name}}` placeholders; a missing one is a bug in the rule, so it throws. */
export function formatMessage(template: string, data: Record<string, string | number>, ruleId: string): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key: string) => {
    if (!(key in data)) throw new Error(`${ruleId}: message placeholder {{${key}}} has no value`);
    return String(data[key]);
  });
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
}

export interface ContextInit {
  graph: ResourceGraph;
  params: RuleParameters;
  account?: AccountView;
}

function attributeOf(at: Val<unknown> | string | undefined): string | undefined {
  if (at === undefined || typeof at === 'string') return at;
  return at.path;
}

export function ruleContext(rule: Rule, init: ContextInit): RuleContext {
  const messages = rule.meta.messages ?? {};
  let aws: AwsModels | undefined;
  const report: ModelContext['report'] = (status, subject, messageId, data = {}, at, parts) => {
    const template = messages[messageId];
    if (template === undefined) throw new Error(`${rule.meta.id}: no message "${messageId}" in meta.messages`);
    const attribute = attributeOf(at);
    const message = formatMessage(template, { address: subject.node.address, ...data }, rule.meta.id);
    return { status, node: subject.node, attribute, location: subject.node.locationOf(attribute ?? ''), message, ...(parts ? { parts } : {}) };
  };
  const verdict: ModelContext['verdict'] = (subject, answer, at, words = {}) => {
    const status: Status = answer === 'unknown' ? 'unknown' : answer ? 'pass' : 'fail';
    const id = words[status as 'pass' | 'fail' | 'unknown'] ?? status;
    const value: Record<string, string> = at !== undefined && typeof at !== 'string' ? { value: at.describe() } : {};
    return report(status, subject, id, { ...value, ...words.data }, at, words.parts);
  };
  return {
    ...init,
    get aws(): AwsModels {
      return (aws ??= awsModels(init.graph, init.account));
    },
    verdict,
    report,
  };
}

/**
 * One result from the parts of a multi-part rule: `fail` if any part fails (naming every failing part),
 * else `unknown` if any part is unknown, else `pass` with `passMessage`. It points at the first deciding
 * part's attribute (a lone passing part's too). Used by TG-NET-001 and TG-NET-002.
 */
export function combineParts(subject: Subject, parts: ResultPart[], passMessage: string): RuleResult {
  const failing = parts.filter((p) => p.status === 'fail');
  const unknowns = parts.filter((p) => p.status === 'unknown');
  const deciding = failing.length > 0 ? failing : unknowns;
  const status: Status = failing.length > 0 ? 'fail' : unknowns.length > 0 ? 'unknown' : 'pass';
  const message = deciding.length > 0 ? deciding.map((p) => p.message).join('; ') : passMessage;
  const attribute = deciding.length > 0 ? deciding[0].attribute : parts.length === 1 ? parts[0].attribute : undefined;
  return { status, node: subject.node, attribute, location: subject.node.locationOf(attribute ?? ''), message, parts };
}
