/**
 * The outcome of a policy rule on one policy: fail on the statements that match (pointing at the
 * first one's deciding element), unknown when a statement cannot be decided or the policy cannot be
 * read, else pass. The rule words the outcome: `messageId` names one of its `meta.messages`
 * (`fail` {{grants}}, `unknown` {{name}} {{reasons}}, `unreadable` {{name}} {{why}}, `pass` {{name}} {{statements}}).
 */
import { ParsedPolicy, Statement, Tri, evaluateStatements, isParsed } from './policy';

export interface PolicyQuestion {
  /** Whether a statement is what the rule forbids (or looks for). */
  matches(s: Statement): Tri;
  /** The element a failure points at: in policy JSON (`Action`) and in a document block (`actions`). */
  element(s: Statement): { json: string; block: string };
  /** How a matching statement reads in the failure message. */
  describe(s: Statement): string;
}

export interface PolicyOutcome {
  status: 'pass' | 'fail' | 'unknown';
  messageId: 'pass' | 'fail' | 'unknown' | 'unreadable';
  data: Record<string, string>;
  /** The attribute path the outcome points at (undefined: the resource itself). */
  at?: string;
}

/** The attribute path of a statement's element: in policy JSON (`policy.Statement.0.Action`) or a document block (`statement.1.actions`). */
export function elementPath(s: Statement, element: { json: string; block: string }): string {
  return `${s.at?.path ?? s.path}.${s.at ? element.block : element.json}`;
}

/** `path` is the attribute the policy was read from ('' for a policy document itself); `name` how messages call it. */
export function judgePolicy(parsed: ParsedPolicy, path: string, name: string, q: PolicyQuestion): PolicyOutcome {
  const at = path === '' ? undefined : path;
  if ('unknown' in parsed) return { status: 'unknown', messageId: 'unreadable', data: { name, why: `is not known statically: ${parsed.unknown}` }, at };
  if (!isParsed(parsed)) return { status: 'unknown', messageId: 'unreadable', data: { name, why: `cannot be read: ${parsed.invalid}` }, at };
  const verdicts = evaluateStatements(parsed, (s) => q.matches(s));
  if (verdicts.matching.length > 0) {
    const grants = verdicts.matching.map((m) => q.describe(m)).join('; ');
    return { status: 'fail', messageId: 'fail', data: { name, grants }, at: elementPath(verdicts.matching[0], q.element(verdicts.matching[0])) };
  }
  if (verdicts.unknown.length > 0) {
    const first = verdicts.unknown[0];
    return { status: 'unknown', messageId: 'unknown', data: { name, reasons: verdicts.unknown.map((u) => u.reason).join('; ') }, at: first.at?.path ?? first.path };
  }
  const n = parsed.statements.length;
  return { status: 'pass', messageId: 'pass', data: { name, statements: `${n} statement${n === 1 ? '' : 's'}` }, at };
}
