/** Shared helpers of the corpus scripts: where the corpus is and how to read its manifest. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CORPUS_DIR = path.resolve(process.env.TOMGUARD_CORPUS ?? path.join(__dirname, '..', '..', '..', 'shared', 'corpus'));

export interface CorpusInput {
  source: string;
  case: string;
  file?: string;
  kind: 'plan' | 'state' | 'not-plan' | 'hcl-root';
  sourceRoot?: string;
  [key: string]: unknown;
}

export interface Manifest {
  cases: Array<Record<string, unknown>>;
  inputs: CorpusInput[];
}

/** The manifest, or undefined (with a message) when the corpus is not present, e.g. in a fresh clone. */
export function readManifest(): Manifest | undefined {
  const file = path.join(CORPUS_DIR, 'manifest.json');
  if (!fs.existsSync(file)) {
    process.stdout.write(`corpus not found at ${CORPUS_DIR}: skipped (set TOMGUARD_CORPUS to its path)\n`);
    return undefined;
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}
