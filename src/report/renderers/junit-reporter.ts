/**
 * JUnit XML for CI test dashboards: a test suite per TOM claim, a test case per result; failures
 * fail, unknown and not-evidenced results are skipped with the reason, suppressed ones skipped too.
 */
import { Report } from '../findings';

/** XML 1.0 cannot hold most control characters: they are dropped. */
function withoutControlCharacters(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) out += ch;
  }
  return out;
}

function xml(s: string): string {
  return withoutControlCharacters(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function renderJunit(report: Report): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const s = report.summary;
  out.push(`<testsuites name="tomguard" tests="${report.findings.length}" failures="${s.fail}" skipped="${report.findings.length - s.fail - s.pass}">`);
  for (const c of report.claims) {
    const mine = report.findings.filter((f) => f.claim === c.id);
    if (mine.length === 0) continue;
    const failures = mine.filter((f) => f.status === 'fail' && !f.suppressed).length;
    const skipped = mine.filter((f) => f.suppressed || (f.status !== 'pass' && f.status !== 'fail')).length;
    out.push(`  <testsuite name="${xml(`${c.section} ${c.title}`)}" id="${xml(c.id)}" tests="${mine.length}" failures="${failures}" skipped="${skipped}">`);
    for (const f of mine) {
      // In an estate the root tells repeated addresses apart (a module shared by several roots).
      const name = xml(`${report.inputs.length > 1 ? `${f.root ?? (f.account ? `account ${f.account}` : 'all roots')}: ` : ''}${f.resource ?? f.ruleId}`);
      const file = f.file ? ` file="${xml(f.file)}" line="${f.startLine}"` : '';
      out.push(`    <testcase classname="${xml(f.ruleId)}" name="${name}"${file}>`);
      if (f.suppressed) out.push(`      <skipped message="${xml(`suppressed: ${f.suppression?.reason ?? 'no reason given'}`)}"/>`);
      else if (f.status === 'fail') out.push(`      <failure message="${xml(f.message)}" type="${xml(f.severity)}">${xml(`${f.file ?? ''}:${f.startLine ?? ''} ${f.message}${f.fix ? `\nFix: ${f.fix}` : ''}`)}</failure>`);
      else if (f.status !== 'pass') out.push(`      <skipped message="${xml(`${f.status}: ${f.message}`)}"/>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
