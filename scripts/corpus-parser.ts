/**
 * `npm run corpus:parser`: runs tomguard's HCL parser and HashiCorp's on every `.tf` file of the corpus,
 * the examples and the test fixtures, and lists each disagreement (accept/reject, or an attribute's
 * value) with file:line and both outcomes. Exit 1 on any disagreement. Files are read as a scan reads
 * them (decoding, size limit); a file that cannot be read is counted, not compared.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareParsers } from '../src/hcl/differential';
import { readSourceFile } from '../src/hcl/load-files';
import { CORPUS_DIR } from './corpus';

const REPO = path.resolve(__dirname, '..', '..');

function listTfFiles(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules' && e.name !== '.git') listTfFiles(full, out);
    else if (e.isFile() && e.name.endsWith('.tf')) out.push(full);
  }
}

async function run(): Promise<number> {
  if (!fs.existsSync(CORPUS_DIR)) {
    process.stdout.write(`corpus not found at ${CORPUS_DIR}: skipped (set TOMGUARD_CORPUS to its path)\n`);
    return 0;
  }
  const files: string[] = [];
  for (const dir of [CORPUS_DIR, path.join(REPO, 'examples'), path.join(REPO, 'tests', 'fixtures')]) listTfFiles(dir, files);
  let compared = 0;
  let unreadable = 0;
  let bothRejected = 0;
  let disagreeing = 0;
  for (const file of files) {
    const read = readSourceFile(file);
    if ('error' in read) {
      unreadable++;
      continue;
    }
    compared++;
    const result = await compareParsers(file, read.text);
    if (!result.tomguard.accepted && !result.hashicorp.accepted) bothRejected++;
    if (result.disagreements.length === 0) continue;
    disagreeing++;
    const shown = path.relative(process.cwd(), file);
    for (const d of result.disagreements.slice(0, 5)) {
      process.stdout.write(`${shown}:${d.line}: ${d.what}\n  tomguard:  ${d.tomguard}\n  hashicorp: ${d.hashicorp}\n`);
    }
  }
  process.stdout.write(
    `corpus:parser files=${files.length} compared=${compared} unreadable=${unreadable} both-rejected=${bothRejected} disagreeing=${disagreeing}\n`,
  );
  return disagreeing > 0 ? 1 : 0;
}

run().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`corpus:parser crashed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
