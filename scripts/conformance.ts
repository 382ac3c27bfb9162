/**
 * `npm run conformance`: runs tomguard over the peer fixtures of the corpus (KICS, Checkov, Trivy) and
 * compares verdicts with the peers' expectations (manifest `cases`), per rule ID. Only `agree: true`
 * entries count; `agree: false` ones are listed as information. Disagreements are explained in
 * docs/conformance.md.
 */
import { ALL_RULES } from '../rules';
import { loadInput, LoadedInput } from '../src/load-input';
import { RuleParameters } from '../src/rules/parameters';
import { parameterCatalog, profileParameters } from '../src/profile/rule-parameters';
import { RuleResult } from '../src/rules/types';
import { ruleContext } from '../src/rules/context';
import { CORPUS_DIR, readManifest } from './corpus';

interface Expectation {
  file?: string;
  resource?: string | null;
  status: 'pass' | 'fail' | 'unknown' | 'not-evidenced';
}

interface Case {
  source: string;
  case: string;
  ruleIds: string[];
  files: string[];
  expect: Expectation[];
  agree: boolean;
  note?: string;
  profile?: Record<string, unknown>;
  sourceRoot?: string;
}

function paramsFor(profile: Record<string, unknown> | undefined): RuleParameters {
  return profileParameters(parameterCatalog(ALL_RULES), profile ?? {});
}

const inputCache = new Map<string, Promise<LoadedInput>>();
function load(p: string, sourceRoot?: string): Promise<LoadedInput> {
  const key = `${p}\u0000${sourceRoot ?? ''}`;
  if (!inputCache.has(key)) inputCache.set(key, loadInput(p, { cwd: CORPUS_DIR, env: {}, sourceRoot }));
  return inputCache.get(key)!;
}

/** The inputs to scan for a case: kics/trivy files one by one, a checkov folder as one root. */
function inputsOf(c: Case): string[] {
  if (c.source === 'checkov' && !c.files.some((f) => f.endsWith('.json'))) return [c.case];
  return c.files;
}

const NO_RESULT_OK = /no result|does not apply|not apply|not applicable|out of scope|may emit pass or no/i;

function sameResource(result: RuleResult, expected: string): boolean {
  const a = result.node?.address;
  if (!a) return false;
  return a === expected || a.replace(/\[[^\]]*\]/g, '') === expected.replace(/\[[^\]]*\]/g, '');
}

/**
 * TG-NET-006 expectations may sit on the aws_default_security_group while tomguard reports per VPC:
 * a VPC result counts when one of its parts is about that default security group.
 */
function vpcResultFor(ruleId: string, r: RuleResult, expected: string): boolean {
  if (ruleId !== 'TG-NET-006' || r.node?.type !== 'aws_vpc' || !expected.startsWith('aws_default_security_group.')) return false;
  return (r.parts ?? []).some((p) => p.name.includes(expected));
}

async function run(): Promise<number> {
  const manifest = readManifest();
  if (!manifest) return 0;
  const implemented = new Map(ALL_RULES.map((r) => [r.meta.id, r]));
  const perRule = new Map<string, { agreed: number; total: number; infoAgreed: number; infoTotal: number }>();
  const disagreements: string[] = [];
  for (const c of manifest.cases as unknown as Case[]) {
    for (const ruleId of c.ruleIds) {
      const rule = implemented.get(ruleId);
      if (!rule) continue;
      const stats = perRule.get(ruleId) ?? { agreed: 0, total: 0, infoAgreed: 0, infoTotal: 0 };
      perRule.set(ruleId, stats);
      const results: RuleResult[] = [];
      for (const input of inputsOf(c)) {
        const loaded = await load(input, c.sourceRoot);
        try {
          results.push(...rule.check(ruleContext(rule, { graph: loaded.graph, params: paramsFor(c.profile) })).map((r) => ({ ...r, file: input }) as RuleResult));
        } catch (err) {
          disagreements.push(`${ruleId} ${c.case}: rule crashed: ${(err as Error).message}`);
        }
      }
      for (const e of c.expect) {
        const candidates = results.filter((r) => (e.resource ? sameResource(r, e.resource) || vpcResultFor(ruleId, r, e.resource) : !r.node));
        const statuses = candidates.map((r) => r.status);
        let ok: boolean;
        if (e.status === 'pass') ok = statuses.length > 0 ? statuses.every((s) => s === 'pass') : NO_RESULT_OK.test(c.note ?? '');
        else ok = statuses.includes(e.status) && (e.status !== 'fail' || true);
        if (c.agree) {
          stats.total++;
          if (ok) stats.agreed++;
          else disagreements.push(`${ruleId} ${c.source} ${e.file ?? c.case} ${e.resource ?? '(existence)'}: expected ${e.status}, got ${statuses.join('/') || 'no result'}${candidates[0] ? ` (${candidates[0].message})` : ''}`);
        } else {
          stats.infoTotal++;
          if (ok) stats.infoAgreed++;
        }
      }
    }
  }
  let agreed = 0;
  let total = 0;
  const lines = ['rule        agreed/total   rate    (agree:false, informative)'];
  for (const id of [...perRule.keys()].sort()) {
    const s = perRule.get(id)!;
    agreed += s.agreed;
    total += s.total;
    const rate = s.total ? `${((100 * s.agreed) / s.total).toFixed(1)}%` : '-';
    lines.push(`${id}  ${`${s.agreed}/${s.total}`.padStart(9)}   ${rate.padStart(6)}   (${s.infoAgreed}/${s.infoTotal})`);
  }
  const overall = total ? (100 * agreed) / total : 100;
  lines.push(`overall     ${`${agreed}/${total}`.padStart(9)}   ${overall.toFixed(1)}%`);
  process.stdout.write(lines.join('\n') + '\n');
  for (const d of disagreements) process.stdout.write(`  disagree: ${d}\n`);
  const lowRules = [...perRule.entries()].filter(([, s]) => s.total > 0 && s.agreed / s.total < 0.85).map(([id]) => id);
  const pass = overall >= 95 && lowRules.length === 0;
  process.stdout.write(`conformance ${pass ? 'meets' : 'misses'} the target (>= 95% overall, no rule below 85%)${lowRules.length ? `: below 85%: ${lowRules.join(', ')}` : ''}\n`);
  // Not "N passed, N failed": a disagreement listed above is not a failing test.
  process.stdout.write(`conformance: ${agreed} of ${total} expectations agreed\n`);
  return pass ? 0 : 1;
}

run().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`conformance crashed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
