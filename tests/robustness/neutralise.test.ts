/**
 * A resource name carrying a newline, a GitHub workflow command, an ANSI escape, "%" and a bidi override
 * (from a plan JSON, where addresses are free text) is shown neutralised in every format but JSON.
 */
import { writeTree } from '../helpers/tmp-tree';
import { runCli } from '../helpers/cli';
import { neutraliseReport, neutraliseText } from '../../src/report/renderers/neutralise';
import { Report } from '../../src/report/findings';

const NAME = 'x\n::error::pwn\u001b[31m%25\u202eb';
const ADDRESS = `aws_s3_bucket.${NAME}`;
const PLAN = JSON.stringify({
  format_version: '1.2',
  planned_values: { root_module: { resources: [{ address: ADDRESS, mode: 'managed', type: 'aws_s3_bucket', name: NAME, values: { bucket: 'b' } }] } },
});
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const SHOWN = 'aws_s3_bucket.x\\n::error::pwn\\u001b[31m%25\\u202eb';

async function scanAs(format: string): Promise<string> {
  const dir = writeTree({ 'plan.json': PLAN });
  const r = await runCli(['scan', 'plan.json', '--rules', 'TG-TLS-008', '--format', format, '--fail-on', 'none'], dir);
  expect(r.code).toBe(0);
  return r.out;
}

describe('hostile names are neutralised in reports', () => {
  it('neutraliseText escapes controls and bidi characters, keeps the rest and the same string when clean', () => {
    expect(neutraliseText('a\nb\r\u0007\u009b\u2066c\td')).toBe('a\\nb\\r\\u0007\\u009b\\u2066c\td');
    const clean = 'aws_s3_bucket.logs["a%b::c"]';
    expect(neutraliseText(clean)).toBe(clean);
  });

  it('a clean report is returned as is, not copied', () => {
    const report = { findings: [{ resource: 'a.b', message: 'm' }], errors: [], warnings: [] } as unknown as Report;
    expect(neutraliseReport(report)).toBe(report);
  });

  it('compact and github: exact lines', async () => {
    expect((await scanAs('compact')).split('\n')[0]).toBe('plan.json: TG-TLS-008 No bucket policy (aws_s3_bucket_policy or policy) denies requests with aws:SecureTransport = false: the bucket accepts plain HTTP');
    expect((await scanAs('github')).split('\n')[0]).toBe(
      '::notice title=TG-TLS-008 aws_s3_bucket.x\\n%3A%3Aerror%3A%3Apwn\\u001b[31m%2525\\u202eb::No bucket policy (aws_s3_bucket_policy or policy) denies requests with aws:SecureTransport = false: the bucket accepts plain HTTP%0AFix: add a bucket policy statement that denies s3:* for Principal "*" when aws:SecureTransport is "false"',
    );
  });

  it.each(['text', 'github', 'markdown', 'sarif', 'junit'])('%s has no raw control characters and shows the escaped name', async (format) => {
    const out = await scanAs(format);
    expect(RAW.test(out)).toBe(false);
    expect(out.split('\n').some((l) => l.startsWith('::error::pwn'))).toBe(false);
    expect(out).toContain(format === 'github' ? SHOWN.replace(/%/g, '%25').replace(/::/g, '%3A%3A') : format === 'sarif' ? SHOWN.replace(/\\/g, '\\\\') : SHOWN);
  });

  it('json stays faithful', async () => {
    const out = await scanAs('json');
    expect((JSON.parse(out) as Report).findings[0].resource).toBe(ADDRESS);
  });
});
