import { Report } from '../../../src/report/findings';
import { renderGithub } from '../../../src/report/renderers/github-reporter';
import { renderJunit } from '../../../src/report/renderers/junit-reporter';
import { renderSarif } from '../../../src/report/renderers/sarif-reporter';
import { findRule } from '../../../rules';

const report: Report = {
  schemaVersion: 2,
  tool: { name: 'tomguard', version: '0.1.0' },
  profile: { name: 'reference-tom', source: 'builtin' },
  inputs: [{ kind: 'hcl', path: '.' }],
  claims: [
    { id: 'rest-kms', section: '2.1', title: 'Encrypted at rest', status: 'broken', counts: { pass: 1, fail: 1, unknown: 0, suppressed: 1 }, rules: ['TG-ENC-001'] },
    { id: 'threat-detection', section: '2.9', title: 'GuardDuty', status: 'not-evidenced', counts: { pass: 0, fail: 0, unknown: 0, suppressed: 0 }, rules: ['TG-LOG-002'] },
  ],
  findings: [
    { ruleId: 'TG-ENC-001', claim: 'rest-kms', status: 'fail', severity: 'high', resource: 'aws_db_instance.a', resourceType: 'aws_db_instance', file: 'db.tf', startLine: 3, endLine: 3, attribute: 'storage_encrypted', message: 'Storage is not encrypted: storage_encrypted = false', suppressed: false, fix: 'set storage_encrypted = true' },
    { ruleId: 'TG-ENC-001', claim: 'rest-kms', status: 'fail', severity: 'high', resource: 'aws_db_instance.b', file: 'db.tf', startLine: 9, endLine: 9, message: 'Storage is not encrypted, 100%, a:b', suppressed: true, suppression: { reason: 'legacy, SEC-1', at: 'db.tf:7' } },
    { ruleId: 'TG-ENC-001', claim: 'rest-kms', status: 'pass', severity: 'high', resource: 'aws_db_instance.c', file: 'db.tf', startLine: 14, endLine: 14, message: 'storage_encrypted = true', suppressed: false },
    { ruleId: 'TG-LOG-002', claim: 'threat-detection', status: 'not-evidenced', severity: 'high', message: 'no aws_guardduty_detector in scope', suppressed: false },
  ],
  errors: [{ file: 'bad.tf', line: 2, column: 5, message: 'Invalid expression', severity: 'error' }],
  warnings: [],
  summary: { pass: 1, fail: 1, unknown: 0, suppressed: 1 },
};

describe('SARIF', () => {
  const log = JSON.parse(renderSarif(report, [findRule('TG-ENC-001')!, findRule('TG-LOG-002')!]));
  const run = log.runs[0];

  it('is SARIF 2.1.0 with the rules used and their metadata', () => {
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['TG-ENC-001', 'TG-LOG-002']);
    expect(run.tool.driver.rules[0].properties['security-severity']).toBe('8.0');
    expect(run.tool.driver.rules[0].help.markdown).toContain('```hcl');
  });

  it('reports failures at their region with a stable fingerprint, and in-source suppressions', () => {
    expect(run.results.map((r: { ruleId: string; level: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }) => [r.ruleId, r.level, r.locations[0].physicalLocation.region.startLine])).toEqual([
      ['TG-ENC-001', 'error', 3],
      ['TG-ENC-001', 'error', 9],
    ]);
    expect(run.results[0].partialFingerprints['tomguard/v1']).toMatch(/^[0-9a-f]{32}$/);
    expect(run.results[1].suppressions).toEqual([{ kind: 'inSource', justification: 'legacy, SEC-1', status: 'accepted' }]);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'db.tf', uriBaseId: '%SRCROOT%' });
  });

  it('has one run, categorised by its root, and no %SRCROOT% definition when the working directory is not given', () => {
    expect(log.runs).toHaveLength(1);
    expect(run.automationDetails).toEqual({ id: 'tomguard/./' });
    expect(run.originalUriBaseIds).toBeUndefined();
  });

  it('keeps results without a location and input errors as notifications', () => {
    const notes = run.invocations[0].toolExecutionNotifications.map((n: { level: string; message: { text: string } }) => `${n.level} ${n.message.text}`);
    expect(notes).toEqual(['error Invalid expression', 'note TG-LOG-002 not-evidenced: no aws_guardduty_detector in scope']);
    expect(run.invocations[0].executionSuccessful).toBe(false);
  });
});

describe('GitHub annotations', () => {
  it('annotates failures and unevidenced claims, escapes data, skips suppressed and passing results', () => {
    expect(renderGithub(report)).toBe(
      [
        '::error file=db.tf,line=3,endLine=3,title=TG-ENC-001 aws_db_instance.a::Storage is not encrypted: storage_encrypted = false%0AFix: set storage_encrypted = true',
        '::notice title=TG-LOG-002 (not-evidenced)::no aws_guardduty_detector in scope',
        '::error file=bad.tf,line=2,col=5,title=tomguard input::Invalid expression',
        'TOM 2.1 Encrypted at rest: broken (1 failing, 0 unknown)',
        'TOM 2.9 GuardDuty: not-evidenced (0 failing, 0 unknown)',
        'tomguard: 1 failed, 0 unknown, 1 passed, 1 suppressed',
        '',
      ].join('\n'),
    );
  });
});

describe('GitHub annotation escaping', () => {
  it('escapes %, newlines in data and : , in properties', () => {
    const r: Report = { ...report, errors: [], claims: [], findings: [{ ruleId: 'TG-NET-002', claim: 'x', status: 'unknown', severity: 'high', resource: 'aws_security_group.a', file: 'dir,a:b.tf', startLine: 1, endLine: 2, message: '50% open\nmaybe', suppressed: false }] };
    expect(renderGithub(r).split('\n')[0]).toBe('::notice file=dir%2Ca%3Ab.tf,line=1,endLine=2,title=TG-NET-002 (unknown) aws_security_group.a::50%25 open%0Amaybe');
  });
});

describe('JUnit', () => {
  it('has a suite per claim and a case per result: failures fail, the rest pass or are skipped with a reason', () => {
    const xml = renderJunit(report);
    expect(xml).toContain('<testsuite name="2.1 Encrypted at rest" id="rest-kms" tests="3" failures="1" skipped="1">');
    expect(xml).toContain('<testcase classname="TG-ENC-001" name="aws_db_instance.a" file="db.tf" line="3">\n      <failure message="Storage is not encrypted: storage_encrypted = false" type="high">');
    expect(xml).toContain('<skipped message="suppressed: legacy, SEC-1"/>');
    expect(xml).toContain('<skipped message="not-evidenced: no aws_guardduty_detector in scope"/>');
  });
});
