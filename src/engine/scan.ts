/**
 * A scan: load each input into a graph, run the selected rules over it, turn results into findings,
 * apply suppressions, and roll findings up into the profile's claims.
 */
import { Diagnostic, DiagnosticSink, UnresolvedModule, uniqueCalls } from '../diagnostics';
import { describeUnresolved } from './unresolved-modules';
import { shortenMessage } from '../report/renderers/short-message';
import { accountView, accountsOf, judgeExistence } from './estate';
import { LoadedInput, InputOptions, loadInput } from '../load-input';
import { ClaimDefinition, Profile, REFERENCE_PROFILE, claimOfRule } from '../profile/reference-profile';
import { ClaimResult, ClaimStatus, Finding, Report, sortFindings } from '../report/findings';
import { applySuppressions } from '../report/outcome/suppressions';
import { Baseline, applyBaseline } from '../report/outcome/baseline';
import { applyExemptions } from '../report/outcome/exemptions';
import { buildExposure } from '../providers/aws/exposure';
import { ExposureGraph } from '../report/exposure-diagram';
import { DEFAULT_PARAMETERS, RuleParameters } from '../rules/parameters';
import { AccountView, Rule, RuleResult } from '../rules/types';
import { ruleContext } from '../rules/context';
import { VERSION } from '../version';
import { CATALOG_IDS } from '../rules/catalog';
import { ChangeSet } from './change-set';
import { markNew, markNewGaps } from './new-results';

export interface ScanOptions extends InputOptions {
  rules: readonly Rule[];
  profile?: Profile;
  params?: RuleParameters;
  /** Today's date (YYYY-MM-DD) for suppression expiry; injectable for tests. */
  today?: string;
  /** Accepted failures and the baseline file they came from. */
  baseline?: Baseline;
  /** How many inputs to load at once (loading waits on file reads and the HCL validator). */
  jobs?: number;
  /** PR mode (--diff-base): what changed since the base; results get `new`. */
  changes?: ChangeSet;
}

export function toFinding(rule: Rule, result: RuleResult, profile: Profile, root?: string, claim = claimOfRule(profile, rule.meta.id) ?? rule.meta.claim): Finding {
  const loc = result.location;
  const message = shortenMessage(result.message);
  const origins = result.attribute ? result.node?.origins.get(result.attribute) : undefined;
  const details = {
    ...(message !== result.message ? { message: result.message } : {}),
    ...(origins && origins.length > 0 ? { origins } : {}),
  };
  return {
    ruleId: rule.meta.id,
    claim,
    status: result.status,
    severity: rule.meta.severity,
    resource: result.node?.address,
    resourceType: result.node?.type,
    ...(root !== undefined ? { root } : {}),
    file: loc?.file,
    startLine: loc?.startLine,
    endLine: loc?.endLine,
    attribute: result.attribute,
    message,
    parts: result.parts,
    suppressed: false,
    fix: result.status === 'fail' ? rule.meta.fix : undefined,
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
}

/** Runs rules over one loaded input; a rule that throws is reported, never the end of the report. */
export function runRules(input: LoadedInput, rules: readonly Rule[], profile: Profile, params: RuleParameters, account?: AccountView): { findings: Finding[]; diagnostics: Diagnostic[] } {
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    try {
      // The claim is the rule's, not the result's: look it up once per rule, not per finding.
      const claim = claimOfRule(profile, rule.meta.id) ?? rule.meta.claim;
      for (const r of rule.check(ruleContext(rule, { graph: input.graph, params, account }))) findings.push(toFinding(rule, r, profile, input.path, claim));
    } catch (err) {
      diagnostics.push({ file: input.path, message: `Internal error in rule ${rule.meta.id}: ${(err as Error).message}. Its results are missing; please report this.`, severity: 'error' });
    }
  }
  return { findings, diagnostics };
}

export function claimStatus(findings: Finding[]): ClaimStatus {
  const active = findings.filter((f) => !f.suppressed);
  if (active.some((f) => f.status === 'fail')) return 'broken';
  if (active.some((f) => f.status === 'unknown')) return 'unknown';
  // An existence claim nothing in scope shows is not evidenced, even when other results pass.
  if (active.some((f) => f.status === 'not-evidenced')) return 'not-evidenced';
  if (active.some((f) => f.status === 'pass')) return 'holds';
  if (findings.some((f) => f.suppressed)) return 'holds';
  return 'not-applicable';
}

export function rollUpClaims(profile: Pick<Profile, 'claims' | 'outOfScope'>, findings: Finding[], implemented: ReadonlySet<string>, unresolved: readonly UnresolvedModule[] = []): ClaimResult[] {
  const claimResult = (c: ClaimDefinition): ClaimResult => {
    const mine = findings.filter((f) => f.claim === c.id);
    const missing = c.rules.filter((id) => !implemented.has(id));
    let status = claimStatus(mine);
    // Evidence outside the code (e.g. GuardDuty enabled organisation-wide) answers "not evidenced here".
    const external = c.externalEvidence && c.externalEvidence.length > 0 ? c.externalEvidence : undefined;
    if (status === 'not-evidenced' && external) status = 'holds';
    // Code that was never read may hold what this claim is about: never "holds" or "nothing to check".
    const reason = unresolved.length > 0 && status !== 'broken' && status !== 'unknown' ? describeUnresolved(unresolved) : undefined;
    if (reason) status = 'unknown';
    return {
      id: c.id,
      section: c.section,
      title: c.title,
      status,
      ...(external ? { externalEvidence: external } : {}),
      counts: {
        pass: mine.filter((f) => f.status === 'pass' && !f.suppressed).length,
        fail: mine.filter((f) => f.status === 'fail' && !f.suppressed).length,
        unknown: mine.filter((f) => f.status === 'unknown' && !f.suppressed).length,
        suppressed: mine.filter((f) => f.suppressed).length,
      },
      rules: c.rules,
      ...(missing.length > 0 ? { notImplemented: missing } : {}),
      ...(reason ? { reason } : {}),
    };
  };
  const outOfScope: ClaimResult[] = profile.outOfScope.map((o, i) => ({
    id: `organisational-${i + 1}`,
    section: o.section,
    title: o.title,
    status: 'out-of-scope',
    counts: { pass: 0, fail: 0, unknown: 0, suppressed: 0 },
    rules: [],
  }));
  return [...profile.claims.map(claimResult), ...outOfScope];
}

/**
 * What one root contributes to a report before the estate step: everything that depends only on the
 * root (and, for account-wide settings, on the other roots' graphs through the account view).
 * `tomguard merge` rebuilds these from shard reports (src/engine/merge.ts).
 */
export interface RootPart {
  input: { kind: string; path: string };
  /** The root's account ('' when the profile lists none). */
  account: string;
  /** In the order found; the estate step drops repeats (a shared module's warning is reported once). */
  diagnostics: Diagnostic[];
  unresolved: Array<UnresolvedModule & { root: string; new?: boolean }>;
  /** After suppressions, exemptions and PR-mode marking; before existence results are judged over the estate. */
  findings: Finding[];
  exposure: ExposureGraph;
}

/** What the estate step needs besides the parts; the same for every shard of a scan. */
export interface EstateSettings {
  profile: Pick<Profile, 'name' | 'source' | 'claims' | 'outOfScope'>;
  /** The rules that ran. */
  ruleIds: ReadonlySet<string>;
  /** Existence rules that ran, with the resource types each looks for. */
  existence: ReadonlyMap<string, readonly string[]>;
  /** True when the profile lists accounts. */
  namedAccounts: boolean;
  baseline?: Baseline;
  /** PR mode: the base, and what the estate step asks of the change (gaps are new when...). */
  diff?: { ref: string; commit: string; removedTypes: ReadonlySet<string>; isNewRoot: (root: string) => boolean };
}

/** Loads each input and runs the rules over it; `context` paths are loaded only for the account view. */
export async function scanParts(paths: string[], options: ScanOptions, context: ReadonlySet<string> = new Set()): Promise<{ parts: RootPart[]; settings: EstateSettings }> {
  const profile = options.profile ?? REFERENCE_PROFILE;
  const params = options.params ?? profile.parameters ?? DEFAULT_PARAMETERS;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const knownIds = new Set(options.rules.map((r) => r.meta.id));
  const inputs: LoadedInput[] = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      inputs[i] = await loadInput(paths[i], options);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.jobs ?? 1, paths.length)) }, worker));
  const accountOfRoot = accountsOf(
    inputs.map((i) => i.path),
    profile.accounts,
  );
  const views = new Map<string, AccountView>();
  for (const account of new Set(accountOfRoot.values())) {
    const members = inputs.filter((i) => accountOfRoot.get(i.path) === account);
    views.set(account, accountView(members.map((i) => ({ root: i.path, nodes: (types) => i.graph.resources(types) }))));
  }
  const parts: RootPart[] = [];
  const changes = options.changes;
  paths.forEach((given, index) => {
    if (context.has(given)) return;
    const input = inputs[index];
    const account = accountOfRoot.get(input.path) ?? '';
    const diagnostics: Diagnostic[] = [...input.diagnostics];
    const unresolved = input.unresolvedModules.map((m) => ({ ...m, root: input.path, ...(changes ? { new: changes.touches(m.file, m.line, m.endLine ?? m.line) } : {}) }));
    const run = runRules(input, options.rules, profile, params, views.get(account));
    diagnostics.push(...run.diagnostics);
    const suppressed = applySuppressions(run.findings, input.suppressions, input.graph, allRuleIds(knownIds), today);
    diagnostics.push(...suppressed.diagnostics);
    const exempted = applyExemptions(suppressed.findings, profile.exemptions, input.graph, profile.source, today);
    diagnostics.push(...exempted.diagnostics);
    parts.push({
      input: { kind: input.kind, path: input.path },
      account,
      diagnostics,
      unresolved,
      findings: changes ? markNew(exempted.findings, input.graph, changes) : exempted.findings,
      exposure: buildExposure(input.graph, exempted.findings),
    });
  });
  const existenceRules = options.rules.filter((r) => r.meta.existence);
  return {
    parts,
    settings: {
      profile,
      ruleIds: knownIds,
      existence: new Map(existenceRules.map((r) => [r.meta.id, r.meta.appliesTo])),
      namedAccounts: !!profile.accounts,
      baseline: options.baseline,
      ...(changes ? { diff: { ref: changes.ref, commit: changes.commit, removedTypes: changes.removedTypes, isNewRoot: (root: string) => changes.isNewRoot(root) } } : {}),
    },
  };
}

/** The estate step: existence claims judged per account over all parts, then claims and the summary. */
export function finishScan(parts: readonly RootPart[], settings: EstateSettings): Report {
  const errors = new DiagnosticSink();
  const unresolved: Array<UnresolvedModule & { root: string; new?: boolean }> = [];
  let findings: Finding[] = [];
  for (const part of parts) {
    errors.addAll(part.diagnostics);
    unresolved.push(...part.unresolved);
    findings.push(...part.findings);
  }
  const accountOfRoot = new Map(parts.map((p) => [p.input.path, p.account]));
  findings = judgeExistence(findings, new Set(settings.existence.keys()), accountOfRoot, settings.namedAccounts);
  const diff = settings.diff;
  if (diff) {
    // A merged result covers the roots of its account (every root when the profile names no accounts).
    const rootsOf = (f: Finding) => (f.root !== undefined ? [f.root] : [...accountOfRoot].filter(([, a]) => a === (f.account ?? '')).map(([r]) => r));
    findings = markNewGaps(findings, settings.existence, rootsOf, diff);
  }
  if (settings.baseline) findings = applyBaseline(findings, settings.baseline);
  findings = sortFindings(findings);
  const active = findings.filter((f) => !f.suppressed);
  const diagnostics = errors.items;
  const profile = settings.profile;
  return {
    schemaVersion: 2,
    tool: { name: 'tomguard', version: VERSION },
    profile: { name: profile.name, source: profile.source },
    inputs: parts.map((p) => p.input),
    claims: rollUpClaims(profile, findings, settings.ruleIds, uniqueCalls(unresolved)),
    findings,
    errors: diagnostics.filter((d) => d.severity !== 'warning'),
    warnings: diagnostics.filter((d) => d.severity === 'warning'),
    ...(unresolved.length > 0 ? { unresolvedModules: unresolved } : {}),
    exposure: mergeExposures(parts.map((p) => p.exposure)),
    summary: {
      pass: active.filter((f) => f.status === 'pass').length,
      fail: active.filter((f) => f.status === 'fail').length,
      unknown: active.filter((f) => f.status === 'unknown').length,
      suppressed: findings.filter((f) => f.suppressed).length,
      ...(diff ? { new: { fail: active.filter((f) => f.new && f.status === 'fail').length, unknown: active.filter((f) => f.new && f.status === 'unknown').length } } : {}),
    },
    ...(diff ? { diffBase: { ref: diff.ref, commit: diff.commit } } : {}),
  };
}

export async function scan(paths: string[], options: ScanOptions): Promise<Report> {
  const { parts, settings } = await scanParts(paths, options);
  return finishScan(parts, settings);
}

/** One diagram for several inputs: node ids are made unique per input. */
function mergeExposures(list: ExposureGraph[]): ExposureGraph {
  if (list.length === 1) return list[0];
  const merged: ExposureGraph = { nodes: [], links: [], omitted: 0 };
  list.forEach((g, i) => {
    const id = (x: string) => (x === 'internet' ? x : `i${i}_${x}`);
    merged.nodes.push(...g.nodes.map((n) => ({ ...n, id: id(n.id) })));
    merged.links.push(...g.links.map((l) => ({ ...l, from: id(l.from), to: id(l.to) })));
    merged.omitted += g.omitted;
  });
  return merged;
}

/** Suppressions may name any catalog rule, not only those run. */
function allRuleIds(selected: ReadonlySet<string>): ReadonlySet<string> {
  return new Set([...selected, ...CATALOG_IDS]);
}
