import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { writeTree } from '../helpers/tmp-tree';

const ENC = ['--rules', 'TG-ENC-001,TG-LOG-002'];
const DB = (name: string, extra = '') => `resource "aws_db_instance" "${name}" {\n  storage_encrypted = false\n${extra}}\n`;

describe('tomguard profile init / validate', () => {
  it('init writes a commented starter profile that validates, and refuses to overwrite', async () => {
    const root = writeTree({});
    const init = await runCli(['profile', 'init'], root);
    expect(init.code).toBe(0);
    expect(init.out).toBe('Wrote tomguard-profile.yml. Edit it, then run: tomguard profile validate tomguard-profile.yml\n');
    expect(fs.readFileSync(path.join(root, 'tomguard-profile.yml'), 'utf8')).toContain('# tomguard TOM profile');
    const ok = await runCli(['profile', 'validate', 'tomguard-profile.yml'], root);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^tomguard-profile.yml: valid profile "my-company-tom" with 11 claims, 4 out-of-scope sections, 0 exemptions.\n$/);
    const again = await runCli(['profile', 'init'], root);
    expect(again.code).toBe(2);
    expect(again.err).toContain('tomguard-profile.yml already exists');
  });

  it('validate reports every problem with its path, line and a plain sentence', async () => {
    const root = writeTree({
      'p.yml': [
        'name: acme',
        'parameters:',
        '  backup_min_days: "seven"',
        '  allowed_ports: [22]',
        'claims:',
        '  - id: tls',
        '    section: "2.1"',
        '    title: TLS',
        '    rules: [TG-TLS-999]',
        'exemptions:',
        '  - address: "aws_instance.*"',
        '',
      ].join('\n'),
    });
    const r = await runCli(['profile', 'validate', 'p.yml'], root);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      [
        "p.yml:2: error: /parameters: 'allowed_ports' property is not expected to be here (Did you mean property 'allowed_internet_ports'?)",
        "p.yml:3: error: /parameters/backup_min_days: 'backup_min_days' property type must be integer",
        "p.yml:11: error: /exemptions/0: 'reason' property is missing",
        'p.yml: 3 problems.',
        '',
      ].join('\n'),
    );
  });

  it('validate reports an unknown rule ID in a claim', async () => {
    const root = writeTree({ 'p.yml': 'name: acme\nclaims:\n  - id: tls\n    section: "2.1"\n    title: TLS\n    rules: [TG-TLS-999]\n' });
    const r = await runCli(['profile', 'validate', 'p.yml'], root);
    expect(r.code).toBe(2);
    expect(r.err).toBe('p.yml:6: error: /claims/0/rules: unknown rule TG-TLS-999 (run "tomguard rules" for the list)\np.yml: 1 problem.\n');
  });

  it('a broken profile given to scan is a usage error with the problems listed', async () => {
    const root = writeTree({ 'p.yml': 'name: [oops\n', 'main.tf': DB('a') });
    const r = await runCli(['scan', '--profile', 'p.yml', '--format', 'json'], root);
    expect(r.code).toBe(2);
    expect(r.err).toContain('p.yml:2:1: error: Not valid YAML/JSON: Flow sequence in block collection must be sufficiently indented and end with a ]');
    expect(r.err).toContain('The profile p.yml has 1 problem');
  });
});

describe('scanning with a profile', () => {
  it('uses its claims, parameters, exemptions (with expiry) and external evidence', async () => {
    const root = writeTree({
      'main.tf': DB('bastion', '  tags = { Role = "legacy" }\n') + DB('old') + DB('prod'),
      'p.yml': [
        'name: acme-dpa',
        'claims:',
        '  - id: at-rest',
        '    section: "4.2"',
        '    title: Databases are encrypted',
        '    rules: [TG-ENC-001]',
        '  - id: ids',
        '    section: "7"',
        '    title: Threat detection',
        '    rules: [TG-LOG-002]',
        '    externalEvidence:',
        '      - statement: GuardDuty is enabled organisation-wide in the security account',
        '        link: https://wiki.example.com/guardduty',
        'outOfScope:',
        '  - section: "9"',
        '    title: Training',
        'exemptions:',
        '  - rules: [TG-ENC-001]',
        '    tag: { key: Role, value: legacy }',
        '    reason: decommissioned in Q3',
        '  - address: "aws_db_instance.ol*"',
        '    reason: temporary',
        '    expires: "2020-01-01"',
        '',
      ].join('\n'),
    });
    const r = await runCli(['scan', '--profile', 'p.yml', '--format', 'json', ...ENC], root);
    const report = JSON.parse(r.out);
    expect(r.code).toBe(1);
    expect(report.profile).toEqual({ name: 'acme-dpa', source: 'p.yml' });
    expect(report.claims.map((c: { id: string; section: string; status: string }) => `${c.id} ${c.section} ${c.status}`)).toEqual([
      'at-rest 4.2 broken',
      'ids 7 holds',
      'organisational-1 9 out-of-scope',
    ]);
    expect(report.claims[1].externalEvidence).toEqual([{ statement: 'GuardDuty is enabled organisation-wide in the security account', link: 'https://wiki.example.com/guardduty' }]);
    const byResource = Object.fromEntries(report.findings.filter((f: { ruleId: string }) => f.ruleId === 'TG-ENC-001').map((f: { resource: string; suppressed: boolean }) => [f.resource, f.suppressed]));
    expect(byResource).toEqual({ 'aws_db_instance.bastion': true, 'aws_db_instance.old': false, 'aws_db_instance.prod': false });
    expect(report.findings.find((f: { resource: string }) => f.resource === 'aws_db_instance.bastion').suppression).toEqual({ reason: 'exempted by profile: decommissioned in Q3', at: 'p.yml' });
    expect(report.warnings).toEqual([
      { file: 'p.yml', message: 'Exemption "temporary" (aws_db_instance.ol*) expired on 2020-01-01: the findings it covered count again.', severity: 'warning' },
    ]);
  });

  it('profile parameters change rule behaviour (allowed_internet_ports for TG-NET-002)', async () => {
    const root = writeTree({
      'main.tf': 'resource "aws_security_group" "web" {\n  ingress {\n    from_port   = 80\n    to_port     = 80\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n',
      'p.yml': 'name: strict\nextends: reference\nparameters:\n  allowed_internet_ports: [443]\n',
    });
    const byDefault = JSON.parse((await runCli(['scan', '--format', 'json', '--rules', 'TG-NET-002'], root)).out);
    expect(byDefault.findings.map((f: { status: string }) => f.status)).toEqual(['pass']);
    const strict = JSON.parse((await runCli(['scan', '--profile', 'p.yml', '--format', 'json', '--rules', 'TG-NET-002'], root)).out);
    expect(strict.profile.name).toBe('strict');
    expect(strict.claims).toHaveLength(15);
    expect(strict.findings.map((f: { status: string; startLine: number }) => `${f.status} ${f.startLine}`)).toEqual(['fail 6']);
  });
});
