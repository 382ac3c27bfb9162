import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeTree } from '../helpers/tmp-tree';

const SCRIPT = path.resolve(__dirname, '..', '..', 'scripts', 'new-rule.mjs');
const CATALOG = "export const CATALOG_IDS = new Set([\n  ...ids('TLS', 8),\n  ...ids('ENC', 10),\n]);\n";

function run(root: string, ...args: string[]) {
  return spawnSync(process.execPath, [SCRIPT, ...args, '--root', root], { encoding: 'utf8' });
}

describe('npm run new-rule', () => {
  it('writes the rule, its test, its doc page and its catalog entry', () => {
    const root = writeTree({ 'src/rules/catalog.ts': CATALOG });
    const r = run(root, 'tg-enc-011');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'wrote rules/encryption/TG-ENC-011.ts',
      'wrote tests/rules/encryption/TG-ENC-011.test.ts',
      'wrote docs/rules/TG-ENC-011.md',
      'wrote src/rules/catalog.ts',
    ]);
    expect(fs.readFileSync(path.join(root, 'rules/encryption/TG-ENC-011.ts'), 'utf8')).toContain("id: 'TG-ENC-011'");
    expect(fs.readFileSync(path.join(root, 'tests/rules/encryption/TG-ENC-011.test.ts'), 'utf8')).toContain("from '../../../rules/encryption/TG-ENC-011'");
    expect(fs.readFileSync(path.join(root, 'docs/rules/TG-ENC-011.md'), 'utf8').split('\n')[0]).toBe('# TG-ENC-011: TODO: the promise that holds, in one line');
    expect(fs.readFileSync(path.join(root, 'src/rules/catalog.ts'), 'utf8')).toContain("...ids('ENC', 11)");
  });

  it('leaves the catalog alone for an ID it already holds', () => {
    const root = writeTree({ 'src/rules/catalog.ts': CATALOG });
    expect(run(root, 'TG-TLS-003').stdout).not.toContain('catalog');
    expect(fs.readFileSync(path.join(root, 'src/rules/catalog.ts'), 'utf8')).toBe(CATALOG);
  });

  it.each([
    [['TG-ENC-1'], 'new-rule: "TG-ENC-1" is not a rule ID: TG-XXX-NNN, e.g. TG-ENC-011.'],
    [['TG-DNS-001'], 'new-rule: unknown prefix TG-DNS: known are TG-TLS, TG-ENC, TG-NET, TG-IAM, TG-LOG, TG-BAK, TG-SYS.'],
    [[], 'new-rule: usage: npm run new-rule -- TG-XXX-NNN [--root DIR]'],
  ])('refuses %j', (args, message) => {
    const r = run(writeTree({ 'src/rules/catalog.ts': CATALOG }), ...args);
    expect({ status: r.status, stderr: r.stderr.trim() }).toEqual({ status: 2, stderr: message });
  });

  it('never overwrites an existing file', () => {
    const root = writeTree({ 'src/rules/catalog.ts': CATALOG, 'docs/rules/TG-ENC-011.md': 'mine\n' });
    const r = run(root, 'TG-ENC-011');
    expect({ status: r.status, stderr: r.stderr.trim() }).toEqual({ status: 2, stderr: 'new-rule: docs/rules/TG-ENC-011.md already exists; nothing written.' });
    expect(fs.existsSync(path.join(root, 'rules/encryption/TG-ENC-011.ts'))).toBe(false);
  });
});
