/**
 * One sentence per claim saying why it has its status, for the attestation report's summary table:
 * an auditor reads the table first, so "broken" must not hide a missing CloudTrail and "unknown" must
 * say what could not be decided.
 */
import { ClaimResult, Finding } from '../findings';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function notEvidencedRules(claim: ClaimResult, findings: readonly Finding[]): string[] {
  return [...new Set(findings.filter((f) => f.claim === claim.id && f.status === 'not-evidenced' && !f.suppressed).map((f) => f.ruleId))];
}

/** `TG-TLS-001 ×2, TG-TLS-002`: which rules gave the results of a status. */
function byRule(claim: ClaimResult, findings: readonly Finding[], status: 'fail' | 'unknown'): string {
  const counts = new Map<string, number>();
  for (const f of findings) if (f.claim === claim.id && f.status === status && !f.suppressed) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return [...counts].map(([id, n]) => (n === 1 ? id : `${id} ×${n}`)).join(', ');
}

export function claimSentence(claim: ClaimResult, findings: readonly Finding[]): string {
  const missing = notEvidencedRules(claim, findings);
  const alsoMissing = missing.length > 0 ? `; nothing in the scanned code evidences ${missing.join(', ')}` : '';
  const c = claim.counts;
  switch (claim.status) {
    case 'broken':
      return `${plural(c.fail, 'result')} fail${c.fail === 1 ? 's' : ''} (${byRule(claim, findings, 'fail')})${alsoMissing}.`;
    case 'unknown':
      if (claim.reason) return `${claim.reason}, so it cannot be shown to hold${c.unknown > 0 ? ` (and ${plural(c.unknown, 'result')} could not be decided)` : ''}.`;
      return `${plural(c.unknown, 'result')} could not be decided from the code (${byRule(claim, findings, 'unknown')}), and none fails${alsoMissing}.`;
    case 'not-evidenced':
      return `Nothing in the scanned code evidences ${missing.join(', ')}${c.pass > 0 ? ` (${plural(c.pass, 'other result')} pass${c.pass === 1 ? 'es' : ''})` : ''}.`;
    case 'holds':
      if (claim.externalEvidence) return `Not in the scanned code, but external evidence is given: ${claim.externalEvidence.map((e) => e.statement).join('; ')}.`;
      return `${c.pass === 1 ? 'The only result passes' : `All ${c.pass} results pass`}${c.suppressed > 0 ? ` (${c.suppressed} suppressed or exempted)` : ''}.`;
    case 'not-applicable':
      return 'No resource in the scanned code is in scope.';
    case 'out-of-scope':
      return 'Organisational: infrastructure code cannot show it.';
  }
}
