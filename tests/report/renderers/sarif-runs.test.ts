import { Finding, Report } from '../../../src/report/findings';
import { fileUri, renderSarif, srcRootUri } from '../../../src/report/renderers/sarif-reporter';
import { GITHUB_MAX_RUNS, rootCategory } from '../../../src/report/renderers/sarif-runs';
import { findRule } from '../../../rules';

const RULES = [findRule('TG-ENC-001')!, findRule('TG-NET-002')!, findRule('TG-LOG-002')!];

function finding(root: string | undefined, file: string | undefined, line: number | undefined, extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'TG-ENC-001',
    claim: 'rest-kms',
    status: 'fail',
    severity: 'high',
    resource: 'aws_db_instance.main',
    ...(root !== undefined ? { root } : {}),
    file,
    startLine: line,
    endLine: line,
    message: 'Storage is not encrypted: storage_encrypted = false',
    suppressed: false,
    ...extra,
  };
}

function estate(roots: string[], findings: Finding[], more: Partial<Report> = {}): Report {
  return {
    schemaVersion: 2,
    tool: { name: 'tomguard', version: '0.1.0' },
    profile: { name: 'reference-tom', source: 'builtin' },
    inputs: roots.map((path) => ({ kind: 'hcl', path })),
    claims: [{ id: 'rest-kms', section: '2.1', title: 'Encrypted at rest', status: 'broken', counts: { pass: 0, fail: 1, unknown: 0, suppressed: 0 }, rules: ['TG-ENC-001'] }],
    findings,
    errors: [],
    warnings: [],
    summary: { pass: 0, fail: findings.length, unknown: 0, suppressed: 0 },
    ...more,
  };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const runsOf = (report: Report, options = {}) => JSON.parse(renderSarif(report, RULES, options)).runs as Json[];

describe('SARIF runs and categories', () => {
  const report = estate(
    ['./envs/prod/', 'envs/staging', 'live/my app'],
    [
      finding('./envs/prod/', 'envs/prod/db.tf', 4),
      finding('envs/staging', 'envs/staging/db.tf', 7, { ruleId: 'TG-NET-002', claim: 'network', resource: 'aws_security_group.ssh' }),
      finding('live/my app', 'live/my app/db#1.tf', 2),
      finding(undefined, undefined, undefined, { ruleId: 'TG-LOG-002', claim: 'threat-detection', status: 'not-evidenced', resource: undefined, message: 'no aws_guardduty_detector in scope' }),
    ],
    {
      warnings: [
        { file: 'envs/staging/main.tf', line: 3, message: 'module.vpc was not read', severity: 'warning' },
        { file: 'modules/shared/x.tf', line: 1, message: 'outside every root', severity: 'warning' },
      ],
    },
  );

  it('one run per root, in root order, each with its own category and only the rules it uses', () => {
    const runs = runsOf(report);
    expect(runs.map((r) => r.automationDetails)).toEqual([{ id: 'tomguard/envs/prod/' }, { id: 'tomguard/envs/staging/' }, { id: 'tomguard/live/my app/' }]);
    expect(runs.map((r) => r.properties.roots)).toEqual([['./envs/prod/'], ['envs/staging'], ['live/my app']]);
    expect(runs.map((r) => r.tool.driver.rules.map((x: Json) => x.id))).toEqual([['TG-ENC-001', 'TG-LOG-002'], ['TG-NET-002'], ['TG-ENC-001']]);
    expect(runs[1].results[0].ruleIndex).toBe(0);
    // The estate's verdict is in every run; notes about no single root are in the first run only.
    expect(runs.map((r) => r.properties.claims.length)).toEqual([1, 1, 1]);
  });

  it('a result: relative, percent-encoded URI against %SRCROOT%, its region, resource and fingerprint', () => {
    const result = runsOf(report)[2].results[0];
    expect(result.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'live/my%20app/db%231.tf', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, endLine: 2 } },
        logicalLocations: [{ fullyQualifiedName: 'aws_db_instance.main', kind: 'resource' }],
      },
    ]);
    expect(result.partialFingerprints['tomguard/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(result.baselineState).toBeUndefined();
  });

  it('%SRCROOT% is defined only when the working directory is known, as an absolute file URI ending in /', () => {
    expect(runsOf(report)[0].originalUriBaseIds).toBeUndefined();
    expect(runsOf(report, { srcRoot: '/home/ci/repo' }).map((r) => r.originalUriBaseIds)).toEqual(Array(3).fill({ '%SRCROOT%': { uri: 'file:///home/ci/repo/' } }));
    expect(srcRootUri('/tmp/a b/')).toBe('file:///tmp/a%20b/');
    expect(fileUri('a:b/c d.tf')).toBe('a%3Ab/c%20d.tf');
  });

  it('notifications go to the run of the root they are about; the rest to the first run', () => {
    const notes = runsOf(report).map((r) => r.invocations[0].toolExecutionNotifications.map((n: Json) => `${n.level} ${n.message.text}`));
    expect(notes).toEqual([
      ['warning outside every root', 'note TG-LOG-002 not-evidenced: no aws_guardduty_detector in scope'],
      ['warning module.vpc was not read'],
      [],
    ]);
  });

  it('--sarif-category: one run with that category (a slash appended) for every root', () => {
    const runs = runsOf(report, { category: 'infra/shard-2' });
    expect(runs).toHaveLength(1);
    expect(runs[0].automationDetails).toEqual({ id: 'infra/shard-2/' });
    expect(runs[0].results).toHaveLength(3);
    expect(runs[0].properties.roots).toEqual(['./envs/prod/', 'envs/staging', 'live/my app']);
  });

  it('roots that name the same directory share one run: GitHub rejects two runs of one tool and category', () => {
    const runs = runsOf(estate(['envs/prod', './envs/prod/'], [finding('envs/prod', 'envs/prod/db.tf', 4), finding('./envs/prod/', 'envs/prod/db.tf', 4)]));
    expect(runs.map((r) => [r.automationDetails.id, r.results.length])).toEqual([['tomguard/envs/prod/', 2]]);
  });

  it('more roots than GitHub takes runs in one file: one run with the whole-scan category, and a warning why', () => {
    const roots = Array.from({ length: GITHUB_MAX_RUNS + 1 }, (_x, i) => `r${i}`);
    const runs = runsOf(estate(roots, [finding('r3', 'r3/db.tf', 1)]), { wholeScanCategory: 'tomguard/recursive:./' });
    expect(runs).toHaveLength(1);
    expect(runs[0].automationDetails).toEqual({ id: 'tomguard/recursive:./' });
    expect(runs[0].invocations[0].toolExecutionNotifications[0]).toEqual({
      level: 'warning',
      message: { text: '21 roots are more than the 20 runs GitHub code scanning takes in one SARIF file: all are in one run, category tomguard/recursive:./. Give each job or shard its own --sarif-category to split them.' },
    });
  });

  it('exactly GitHub\'s limit still gives one run per root', () => {
    const roots = Array.from({ length: GITHUB_MAX_RUNS }, (_x, i) => `r${i}`);
    expect(runsOf(estate(roots, []))).toHaveLength(GITHUB_MAX_RUNS);
  });

  it('PR mode: results keep their place in the run and say whether they are new', () => {
    const diff = estate(['.'], [finding('.', 'db.tf', 4, { new: true }), finding('.', 'db.tf', 9, { resource: 'aws_db_instance.old', new: false })], { diffBase: { ref: 'main', commit: 'a'.repeat(40) } });
    const [run] = runsOf(diff);
    expect(run.automationDetails).toEqual({ id: 'tomguard/./' });
    expect(run.results.map((r: Json) => [r.locations[0].physicalLocation.region.startLine, r.baselineState])).toEqual([
      [4, 'new'],
      [9, 'unchanged'],
    ]);
    expect(run.properties.diffBase).toEqual({ ref: 'main', commit: 'a'.repeat(40) });
  });

  it('root categories: ./ and trailing slashes do not matter; the working directory is tomguard/./', () => {
    expect(['.', './', 'envs/prod', './envs/prod/', 'plan.json'].map(rootCategory)).toEqual(['tomguard/./', 'tomguard/./', 'tomguard/envs/prod/', 'tomguard/envs/prod/', 'tomguard/plan.json/']);
  });
});
