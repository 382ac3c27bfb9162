import * as path from 'node:path';
import { Finding, Report } from '../../src/report/findings';
import { ANNOTATION_LIMIT, annotationsToMake, collectResults, resultMessage, resultTitle } from '../../src/action/results';
import { blobLink, repoContext, repoPath } from '../../src/action/repo-paths';
import { mdText, renderFailure, renderSummary } from '../../src/action/summary';
import { logUntrusted } from '../../src/action/untrusted-log';

const workspace = path.resolve('/ws');
const ctx = repoContext(path.join(workspace, 'infra'), workspace, { GITHUB_REPOSITORY: 'acme/infra', GITHUB_SHA: 'abc' });

function finding(over: Partial<Finding>): Finding {
  return { ruleId: 'TG-ENC-001', claim: 'rest-kms', status: 'fail', severity: 'high', resource: 'aws_db_instance.a', file: 'db.tf', startLine: 3, endLine: 4, message: 'm', suppressed: false, ...over };
}

function report(findings: Finding[], over: Partial<Report> = {}): Report {
  return {
    schemaVersion: 2,
    tool: { name: 'tomguard', version: '9.9.9' },
    profile: { name: 'reference-tom', source: 'builtin' },
    inputs: [{ kind: 'hcl', path: '.' }],
    claims: [{ id: 'rest-kms', section: '2.1', title: 'Encrypted | at rest', status: 'broken', counts: { pass: 0, fail: 1, unknown: 0, suppressed: 0 }, rules: ['TG-ENC-001'] }],
    findings,
    errors: [],
    warnings: [],
    summary: { pass: 0, fail: findings.filter((f) => f.status === 'fail').length, unknown: 0, suppressed: 0 },
    ...over,
  };
}

describe('repo paths and links', () => {
  it('makes paths relative to the workspace and links the lines at the commit', () => {
    expect(repoPath('db.tf', ctx)).toBe('infra/db.tf');
    expect(repoPath('../shared/m.tf', ctx)).toBe('shared/m.tf');
    expect(repoPath('../../elsewhere.tf', ctx)).toBe('../../elsewhere.tf');
    expect(blobLink('infra/dir with space/db.tf', 3, 5, ctx)).toBe('https://github.com/acme/infra/blob/abc/infra/dir%20with%20space/db.tf#L3-L5');
    expect(blobLink('infra/db.tf', undefined, undefined, ctx)).toBe('https://github.com/acme/infra/blob/abc/infra/db.tf');
    expect(blobLink('../../elsewhere.tf', 1, 1, ctx)).toBeUndefined();
    expect(blobLink('db.tf', 1, 1, repoContext(workspace, workspace, {}))).toBeUndefined();
    expect(blobLink('db.tf', 1, 1, repoContext(workspace, workspace, { GITHUB_SERVER_URL: 'https://ghe.example/', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 's' }))).toBe('https://ghe.example/o/r/blob/s/db.tf#L1-L1');
  });
});

describe('collectResults', () => {
  const findings = [
    finding({ ruleId: 'TG-LOG-004', severity: 'low', file: 'a.tf' }),
    finding({ ruleId: 'TG-TLS-006', status: 'unknown', severity: 'medium', file: 'a.tf' }),
    finding({ ruleId: 'TG-LOG-002', status: 'not-evidenced', file: undefined, startLine: undefined, endLine: undefined, resource: undefined }),
    finding({ ruleId: 'TG-ENC-002', severity: 'medium', file: 'b.tf' }),
    finding({ ruleId: 'TG-ENC-001', severity: 'high', file: 'c.tf' }),
    finding({ ruleId: 'TG-NET-001', severity: 'critical', file: 'd.tf' }),
    finding({ ruleId: 'TG-ENC-001', status: 'pass' }),
    finding({ ruleId: 'TG-ENC-001', suppressed: true }),
  ];
  const results = collectResults(report(findings, { errors: [{ file: 'bad.tf', line: 2, message: 'Invalid expression', severity: 'error' }], warnings: [{ file: 'w.tf', message: 'not read', severity: 'warning' }] }), ctx);

  it('orders input errors, critical, high, medium, low, unknown, not evidenced, input warnings; drops passes and suppressed results', () => {
    expect(results.map((r) => `${r.kind} ${r.label} ${r.ruleId ?? r.message}`)).toEqual([
      'error input error Invalid expression',
      'error critical TG-NET-001',
      'error high TG-ENC-001',
      'warning medium TG-ENC-002',
      'notice low TG-LOG-004',
      'notice unknown TG-TLS-006',
      'notice not evidenced TG-LOG-002',
      'warning input warning not read',
    ]);
    expect(results[1]).toMatchObject({ file: 'infra/d.tf', startLine: 3, endLine: 4 });
    // The directory or file of a diagnostic is annotated only when it exists as a file.
    expect(results[0].file).toBeUndefined();
  });

  it('titles and messages', () => {
    expect(resultTitle(results[2])).toBe('TG-ENC-001 aws_db_instance.a');
    expect(resultTitle(results[5])).toBe('TG-TLS-006 (unknown) aws_db_instance.a');
    expect(resultTitle(results[6])).toBe('TG-LOG-002 (not evidenced)');
    expect(resultTitle(results[0])).toBe('tomguard: input error');
    expect(resultMessage({ ...results[2], fix: 'do x' })).toBe('m\nFix: do x');
  });

  it('caps annotations at 50, and in PR mode annotates only new results', () => {
    const many = collectResults(report(Array.from({ length: 80 }, (_, i) => finding({ startLine: i + 1 }))), ctx);
    expect(annotationsToMake(many)).toHaveLength(ANNOTATION_LIMIT);
    const pr = collectResults(report([finding({ startLine: 1, new: true } as Partial<Finding>), finding({ startLine: 2, new: false } as Partial<Finding>)]), ctx);
    expect(annotationsToMake(pr).map((r) => r.startLine)).toEqual([1]);
  });

  it('names the roots of a shared module result once, when the scan had several roots', () => {
    const shared = [finding({ root: 'envs/prod', file: '../modules/db/main.tf' }), finding({ root: 'envs/staging', file: '../modules/db/main.tf' })];
    const grouped = collectResults(report(shared, { inputs: [{ kind: 'hcl', path: 'envs/prod' }, { kind: 'hcl', path: 'envs/staging' }] }), ctx);
    expect(grouped).toHaveLength(1);
    expect(resultTitle(grouped[0])).toBe('TG-ENC-001 aws_db_instance.a [envs/prod, envs/staging]');
    expect(grouped[0].file).toBe('modules/db/main.tf');
  });
});

describe('the job summary', () => {
  it('escapes Markdown and HTML in text from the scanned code', () => {
    expect(mdText('a|b <img src=x> [l](http://x) $x$ *e* `c`\r\nnext')).toBe('a\\|b &lt;img src=x&gt; \\[l\\](http://x) \\$x\\$ \\*e\\* \\`c\\` next');
  });

  it('lists the claims with their why and every result, with links', () => {
    const r = report([finding({ message: 'Storage | not encrypted', fix: 'encrypt' })]);
    const md = renderSummary(r, collectResults(r, ctx), { repo: ctx, failOn: 'low', exitCode: 1, annotated: 1, budget: 1024 * 1024 });
    expect(md).toContain('## tomguard: ❌ 1 of 1 TOM claims broken');
    expect(md).toContain('| 2.1 | Encrypted \\| at rest | ❌ broken | 1 result fails (TG-ENC-001). |');
    expect(md).toContain('| 🔴 high | TG-ENC-001 | aws\\_db\\_instance.a | [infra/db.tf:3](https://github.com/acme/infra/blob/abc/infra/db.tf#L3-L4) | Storage \\| not encrypted<br>**Fix:** encrypt |');
    expect(md).toContain('tomguard 9.9.9 · 1 of 1 results annotated');
  });

  it('stops listing at the byte budget and says how many it left out', () => {
    const r = report(Array.from({ length: 500 }, (_, i) => finding({ startLine: i + 1, message: 'x'.repeat(500) })));
    const results = collectResults(r, ctx);
    const md = renderSummary(r, results, { repo: ctx, failOn: 'low', exitCode: 1, annotated: 50, budget: 50_000 });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(50_000);
    const shown = md.match(/^\| 🔴 high/gm)!.length;
    expect(md).toContain(`**${500 - shown} more results not listed:**`);
  });

  it('says when no result needs attention, and when the scan did not run', () => {
    const r = report([], { claims: [{ id: 'c', section: '1', title: 't', status: 'holds', counts: { pass: 1, fail: 0, unknown: 0, suppressed: 0 }, rules: [] }] });
    expect(renderSummary(r, [], { repo: ctx, failOn: 'low', exitCode: 0, annotated: 0, budget: 1e6 })).toContain('## tomguard: ✅ No TOM claim broken (1 checked)');
    expect(renderFailure('tomguard: Unknown argument: <x>\n', 2)).toBe('## tomguard: 🛑 the scan did not run (exit code 2)\n\ntomguard: Unknown argument: &lt;x&gt;\n');
  });
});

describe('logUntrusted', () => {
  it('wraps the text in stop-commands with the token', () => {
    const lines: string[] = [];
    logUntrusted('::error::x\n', (l) => lines.push(l), 'T0K');
    expect(lines).toEqual(['::stop-commands::T0K', '::error::x', '::T0K::']);
    logUntrusted('', (l) => lines.push(l));
    expect(lines).toHaveLength(3);
  });
});
