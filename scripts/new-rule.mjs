#!/usr/bin/env node
/**
 * `npm run new-rule -- TG-XXX-NNN`: writes a new rule's module, its test, its documentation page, and
 * its catalog entry (src/rules/catalog.ts), each from a template to fill in. It never overwrites a
 * file. `--root DIR` writes into another checkout (the tests use it).
 *
 * The rule is found by file name (rules/rule-modules.ts), its claim mapping comes from `meta.claim`,
 * and its parameters from `meta.parameters`: nothing else needs editing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The rule areas by ID prefix (rules/index.ts RULE_AREAS). */
const AREAS = { TLS: 'transit', ENC: 'encryption', NET: 'network', IAM: 'iam', LOG: 'logging', BAK: 'backup', SYS: 'system' };

function fail(message) {
  process.stderr.write(`new-rule: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  let root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const ids = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') root = path.resolve(argv[++i] ?? fail('--root needs a directory'));
    else ids.push(argv[i]);
  }
  if (ids.length !== 1) fail('usage: npm run new-rule -- TG-XXX-NNN [--root DIR]');
  return { root, id: ids[0].toUpperCase() };
}

const ruleTemplate = (id) => `import { Rule } from '../../src/rules/types';

export const rule: Rule = {
  meta: {
    id: '${id}',
    title: 'TODO: the promise that holds, in one line',
    claim: 'TODO: the reference claim this evidences (src/profile/reference-profile.ts)',
    severity: 'medium',
    fix: 'TODO: one line shown next to each failure',
    appliesTo: ['aws_TODO'],
    messages: {
      pass: '{{value}}',
      fail: 'TODO: what is wrong: {{value}}',
      unknown: 'TODO is not known statically: {{value}}',
    },
  },

  // Policy over the models (src/providers/aws/<service>/model.ts); add a model field if one is missing.
  check({ aws, verdict }) {
    void aws;
    void verdict;
    return [];
  },
};
`;

const testTemplate = (id, area) => `import { rule } from '../../../rules/${area}/${id}';
import { ruleTester } from '../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'TODO: a compliant resource',
      files: { 'main.tf': 'resource "aws_TODO" "ok" {\\n}\\n' },
      expect: [{ status: 'pass', address: 'aws_TODO.ok', line: 1 }],
    },
  ],
  invalid: [
    {
      name: 'TODO: a failing resource, pointing at the deciding attribute',
      files: { 'main.tf': 'resource "aws_TODO" "bad" {\\n}\\n' },
      expect: [{ status: 'fail', address: 'aws_TODO.bad', line: 1, column: 1 }],
    },
  ],
});
`;

const docTemplate = (id) => `# ${id}: TODO: the promise that holds, in one line

Claim: \`TODO\` · Severity: medium

## Description

TODO: what the rule checks, which resources, the provider defaults it assumes, and why it matters for the claim.

## Remediation

TODO: how to fix a failure:

\`\`\`hcl
resource "aws_TODO" "example" {
}
\`\`\`

## References

- Documentation: TODO
`;

/** Raises the prefix's count in src/rules/catalog.ts when the new ID is past it. */
function addToCatalog(root, prefix, number) {
  const file = path.join(root, 'src', 'rules', 'catalog.ts');
  const text = fs.readFileSync(file, 'utf8');
  const entry = new RegExp(`\\.\\.\\.ids\\('${prefix}', (\\d+)\\)`);
  const m = entry.exec(text);
  if (!m) fail(`${file} has no ids('${prefix}', N) entry: add the prefix there and to rules/index.ts RULE_AREAS.`);
  if (Number(m[1]) >= number) return undefined;
  fs.writeFileSync(file, text.replace(entry, `...ids('${prefix}', ${number})`));
  return file;
}

function main() {
  const { root, id } = parseArgs(process.argv.slice(2));
  const m = /^TG-([A-Z]{3})-(\d{3})$/.exec(id);
  if (!m) fail(`"${id}" is not a rule ID: TG-XXX-NNN, e.g. TG-ENC-011.`);
  const area = AREAS[m[1]];
  if (!area) fail(`unknown prefix TG-${m[1]}: known are ${Object.keys(AREAS).map((p) => `TG-${p}`).join(', ')}.`);
  const files = [
    [path.join(root, 'rules', area, `${id}.ts`), ruleTemplate(id)],
    [path.join(root, 'tests', 'rules', area, `${id}.test.ts`), testTemplate(id, area)],
    [path.join(root, 'docs', 'rules', `${id}.md`), docTemplate(id)],
  ];
  const existing = files.filter(([file]) => fs.existsSync(file)).map(([file]) => path.relative(root, file));
  if (existing.length > 0) fail(`${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing written.`);
  const written = [];
  for (const [file, text] of files) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    written.push(file);
  }
  const catalog = addToCatalog(root, m[1], Number(m[2]));
  if (catalog) written.push(catalog);
  process.stdout.write(`${written.map((f) => `wrote ${path.relative(root, f)}`).join('\n')}\nNext: fill in the TODOs, then npx jest tests/rules/${area}/${id}.test.ts\n`);
}

main();
