/**
 * SARIF 2.1.0 for code scanning (GitHub and others): failing and unknown results with their exact
 * region, rule metadata, stable fingerprints, and suppressions (in source, or by baseline/profile).
 */
import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { Rule } from '../rules/types';
import { Finding, Report } from './findings';

const LEVEL: Record<string, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub's security-severity scale (0–10). */
const SECURITY_SEVERITY: Record<string, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

function descriptor(rule: Rule): ReportingDescriptor {
  const m = rule.meta;
  return {
    id: m.id,
    name: m.title.replace(/[^A-Za-z0-9]+(.)?/g, (_x, c: string | undefined) => (c ? c.toUpperCase() : '')),
    shortDescription: { text: m.title },
    fullDescription: { text: m.description.replace(/`/g, '') },
    help: { text: `${m.description}\n\n${m.remediation}`, markdown: `${m.description}\n\n## Fix\n\n${m.remediation}` },
    defaultConfiguration: { level: LEVEL[m.severity] },
    properties: { tags: ['security', 'gdpr-tom', m.claim], 'security-severity': SECURITY_SEVERITY[m.severity], precision: 'high' },
  };
}

/** Stable across line moves; the root and file keep a monorepo's repeated addresses apart. */
function fingerprint(f: Finding): string {
  return createHash('sha256').update(`${f.ruleId}|${f.resource ?? ''}|${f.attribute ?? ''}|${f.root ?? ''}|${f.file ?? ''}`).digest('hex').slice(0, 32);
}

function toResult(f: Finding, ruleIndex: number): Result {
  const result: Result = {
    ruleId: f.ruleId,
    ruleIndex,
    kind: f.status === 'fail' ? 'fail' : 'review',
    level: f.status === 'fail' ? LEVEL[f.severity] : 'note',
    message: { text: `${f.resource ? `${f.resource}: ` : ''}${f.message}${f.fix ? `. Fix: ${f.fix}` : ''}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: f.file!, uriBaseId: '%SRCROOT%' },
          region: { startLine: f.startLine!, endLine: f.endLine ?? f.startLine! },
        },
        ...(f.resource ? { logicalLocations: [{ fullyQualifiedName: f.resource, kind: 'resource' }] } : {}),
      },
    ],
    partialFingerprints: { 'tomguard/v1': fingerprint(f) },
    properties: { claim: f.claim, status: f.status, ...(f.root !== undefined ? { root: f.root } : {}), ...(f.resourceType ? { resourceType: f.resourceType } : {}) },
  };
  if (f.suppressed) {
    const inSource = !!f.suppression?.at && /\.tf(\.json)?:\d+$/.test(f.suppression.at);
    result.suppressions = [{ kind: inSource ? 'inSource' : 'external', justification: f.suppression?.reason ?? 'no reason given', status: 'accepted' }];
  }
  return result;
}

export interface SarifOptions {
  /** `automationDetails.id`, e.g. `tomguard/envs/prod/`: alerts of one category replace only that category's. */
  category?: string;
}

export function renderSarif(report: Report, rules: readonly Rule[], options: SarifOptions = {}): string {
  const used = [...new Set(report.findings.map((f) => f.ruleId))];
  const ruleList = rules.filter((r) => used.includes(r.meta.id));
  const index = new Map(ruleList.map((r, i) => [r.meta.id, i]));
  // Code scanning needs a location: results without one (not evidenced, plan without source) are
  // reported as notifications instead, so nothing is silently dropped.
  const located = report.findings.filter((f) => (f.status === 'fail' || f.status === 'unknown') && f.file && f.startLine);
  const unlocated = report.findings.filter((f) => (f.status === 'fail' || f.status === 'unknown' || f.status === 'not-evidenced') && !(f.file && f.startLine));
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        ...(options.category ? { automationDetails: { id: options.category } } : {}),
        tool: { driver: { name: 'tomguard', version: report.tool.version, informationUri: 'https://www.npmjs.com/package/tomguard', rules: ruleList.map(descriptor) } },
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        results: located.map((f) => toResult(f, index.get(f.ruleId) ?? -1)),
        invocations: [
          {
            executionSuccessful: report.errors.length === 0,
            toolExecutionNotifications: [
              ...[...report.errors, ...report.warnings].map((e) => ({
                level: (e.severity === 'warning' ? 'warning' : 'error') as 'warning' | 'error',
                message: { text: e.message },
                ...(e.line ? { locations: [{ physicalLocation: { artifactLocation: { uri: e.file, uriBaseId: '%SRCROOT%' }, region: { startLine: e.line, ...(e.column ? { startColumn: e.column } : {}) } } }] } : {}),
              })),
              ...unlocated.map((f) => ({ level: 'note' as const, message: { text: `${f.ruleId} ${f.status}${f.resource ? ` ${f.resource}` : ''}${f.root ? ` (root ${f.root})` : ''}: ${f.message}` } })),
              ...report.claims
                .filter((c) => c.reason)
                .map((c) => ({ level: 'warning' as const, message: { text: `Claim ${c.id} is unknown: ${c.reason}` } })),
            ],
          },
        ],
        properties: {
          profile: report.profile.name,
          roots: report.inputs.map((i) => i.path),
          claims: report.claims.map((c) => ({ id: c.id, section: c.section, status: c.status, ...(c.reason ? { reason: c.reason } : {}) })),
        },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
