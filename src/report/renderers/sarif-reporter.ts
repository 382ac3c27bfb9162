/**
 * SARIF 2.1.0 for code scanning (GitHub and others): failing and unknown results with their exact
 * region, rule metadata, stable fingerprints, and suppressions (in source, or by baseline/profile).
 * How results are split into runs and categories: sarif-runs.ts.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import { ruleDoc } from '../../rules/docs';
import { Rule } from '../../rules/types';
import { Finding, Report } from '../findings';
import { RunPart, splitRuns } from './sarif-runs';

const LEVEL: Record<string, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub's security-severity scale (0–10). */
const SECURITY_SEVERITY: Record<string, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

function descriptor(rule: Rule): ReportingDescriptor {
  const m = rule.meta;
  const doc = ruleDoc(m.id);
  return {
    id: m.id,
    name: m.title.replace(/[^A-Za-z0-9]+(.)?/g, (_x, c: string | undefined) => (c ? c.toUpperCase() : '')),
    shortDescription: { text: m.title },
    fullDescription: { text: doc.description.replace(/`/g, '') },
    help: { text: `${doc.description}\n\n${doc.remediation}`, markdown: `${doc.description}\n\n## Fix\n\n${doc.remediation}` },
    defaultConfiguration: { level: LEVEL[m.severity] },
    properties: { tags: ['security', 'gdpr-tom', m.claim], 'security-severity': SECURITY_SEVERITY[m.severity], precision: 'high' },
  };
}

/** Stable across line moves; the root and file keep a monorepo's repeated addresses apart. */
function fingerprint(f: Finding): string {
  return createHash('sha256').update(`${f.ruleId}|${f.resource ?? ''}|${f.attribute ?? ''}|${f.root ?? ''}|${f.file ?? ''}`).digest('hex').slice(0, 32);
}

/**
 * A relative reference to the file, resolved against %SRCROOT% (the working directory, which the
 * findings' paths are relative to). Segments are percent-encoded: a space, `#` or `%` in a file name
 * would otherwise make an invalid or different URI.
 */
export function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** `%SRCROOT%` as an absolute `file:` URI ending in `/` (SARIF §3.14.14 wants top-level bases absolute). */
export function srcRootUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function toResult(f: Finding, ruleIndex: number, diffMode: boolean): Result {
  const result: Result = {
    ruleId: f.ruleId,
    ruleIndex,
    kind: f.status === 'fail' ? 'fail' : 'review',
    level: f.status === 'fail' ? LEVEL[f.severity] : 'note',
    message: { text: `${f.resource ? `${f.resource}: ` : ''}${f.message}${f.fix ? `. Fix: ${f.fix}` : ''}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: fileUri(f.file!), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.startLine!, endLine: f.endLine ?? f.startLine! },
        },
        ...(f.resource ? { logicalLocations: [{ fullyQualifiedName: f.resource, kind: 'resource' }] } : {}),
      },
    ],
    partialFingerprints: { 'tomguard/v1': fingerprint(f) },
    // PR mode keeps pre-existing results (an upload that left them out would close their alerts) and says which are new.
    ...(diffMode ? { baselineState: f.new ? ('new' as const) : ('unchanged' as const) } : {}),
    properties: { claim: f.claim, status: f.status, ...(f.root !== undefined ? { root: f.root } : {}), ...(f.resourceType ? { resourceType: f.resourceType } : {}) },
  };
  if (f.suppressed) {
    const inSource = !!f.suppression?.at && /\.tf(\.json)?:\d+$/.test(f.suppression.at);
    result.suppressions = [{ kind: inSource ? 'inSource' : 'external', justification: f.suppression?.reason ?? 'no reason given', status: 'accepted' }];
  }
  return result;
}

export interface SarifOptions {
  /** --sarif-category: one run with this `automationDetails.id` for everything scanned. */
  category?: string;
  /** The category of the single run written when there are more roots than runs GitHub takes. */
  wholeScanCategory?: string;
  /** The absolute working directory, when known: `%SRCROOT%` is defined as its `file:` URI. */
  srcRoot?: string;
}

function diagnosticNote(e: Report['errors'][number]): Notification {
  return {
    level: e.severity === 'warning' ? 'warning' : 'error',
    message: { text: e.message },
    ...(e.line ? { locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(e.file), uriBaseId: '%SRCROOT%' }, region: { startLine: e.line, ...(e.column ? { startColumn: e.column } : {}) } } }] } : {}),
  };
}

function toRun(part: RunPart, report: Report, rules: readonly Rule[], options: SarifOptions, note: string | undefined): Run {
  const used = new Set(part.findings.map((f) => f.ruleId));
  const ruleList = rules.filter((r) => used.has(r.meta.id));
  const index = new Map(ruleList.map((r, i) => [r.meta.id, i]));
  // Code scanning needs a location: results without one (not evidenced, plan without source) are
  // reported as notifications instead, so nothing is silently dropped.
  const located = part.findings.filter((f) => (f.status === 'fail' || f.status === 'unknown') && f.file && f.startLine);
  const unlocated = part.findings.filter((f) => (f.status === 'fail' || f.status === 'unknown' || f.status === 'not-evidenced') && !(f.file && f.startLine));
  const diffMode = report.diffBase !== undefined;
  return {
    automationDetails: { id: part.category },
    tool: { driver: { name: 'tomguard', version: report.tool.version, informationUri: 'https://www.npmjs.com/package/tomguard', rules: ruleList.map(descriptor) } },
    ...(options.srcRoot ? { originalUriBaseIds: { '%SRCROOT%': { uri: srcRootUri(options.srcRoot) } } } : {}),
    results: located.map((f) => toResult(f, index.get(f.ruleId) ?? -1, diffMode)),
    invocations: [
      {
        // One process wrote every run: an input error anywhere means the scan as a whole is incomplete.
        executionSuccessful: report.errors.length === 0,
        toolExecutionNotifications: [
          ...(part.first && note ? [{ level: 'warning' as const, message: { text: note } }] : []),
          ...part.diagnostics.map(diagnosticNote),
          ...unlocated.map((f) => ({ level: 'note' as const, message: { text: `${f.ruleId} ${f.status}${f.resource ? ` ${f.resource}` : ''}${f.root ? ` (root ${f.root})` : ''}: ${f.message}` } })),
          ...(part.first
            ? report.claims.filter((c) => c.reason).map((c) => ({ level: 'warning' as const, message: { text: `Claim ${c.id} is unknown: ${c.reason}` } }))
            : []),
        ],
      },
    ],
    properties: {
      profile: report.profile.name,
      roots: part.roots,
      ...(report.diffBase ? { diffBase: report.diffBase } : {}),
      // The claims are the whole estate's verdict: every run carries them, as a category may be read alone.
      claims: report.claims.map((c) => ({ id: c.id, section: c.section, status: c.status, ...(c.reason ? { reason: c.reason } : {}) })),
    },
  };
}

export function renderSarif(report: Report, rules: readonly Rule[], options: SarifOptions = {}): string {
  const { parts, note } = splitRuns(report, options);
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: parts.map((part) => toRun(part, report, rules, options, note)),
  };
  return JSON.stringify(log, null, 2) + '\n';
}
