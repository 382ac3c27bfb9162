/**
 * Loads every real-world Terraform root of the corpus (`npm run corpus:load`) and reports counts.
 * Fails when a root crashes the loader or when tomguard's parser rejects HCL that HashiCorp's accepts.
 */
import * as path from 'node:path';
import { loadInput } from '../src/load-input';
import { CORPUS_DIR, readManifest } from './corpus';

async function run(): Promise<number> {
  const manifest = readManifest();
  if (!manifest) return 0;
  const roots = manifest.inputs.filter((i) => i.kind === 'hcl-root');
  const started = process.hrtime.bigint();
  let files = 0;
  let resources = 0;
  let edges = 0;
  let errors = 0;
  let warnings = 0;
  const failures: string[] = [];
  const errorSamples: string[] = [];
  for (const root of roots) {
    const dir = path.join(CORPUS_DIR, root.case);
    try {
      const input = await loadInput(dir, { env: {}, cwd: CORPUS_DIR });
      files += Number(root.tfFiles ?? 0);
      resources += input.graph.resources().length;
      edges += input.graph.edges().length;
      for (const d of input.diagnostics) {
        if (d.severity === 'warning') {
          warnings++;
          continue;
        }
        errors++;
        if (errorSamples.length < 25) errorSamples.push(`${d.file}:${d.line ?? ''}:${d.column ?? ''} ${d.message}`);
        if (/tomguard could not parse|internal parser error/.test(d.message)) failures.push(`${root.case}: ${d.message}`);
      }
    } catch (err) {
      failures.push(`${root.case}: crashed: ${(err as Error).stack ?? err}`);
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`corpus:load roots=${roots.length} files=${files} resources=${resources} edges=${edges} errors=${errors} warnings=${warnings} seconds=${seconds.toFixed(2)}\n`);
  for (const s of errorSamples) process.stdout.write(`  error: ${s}\n`);
  for (const f of failures) process.stdout.write(`  FAILED ${f}\n`);
  process.stdout.write(`${roots.length - new Set(failures.map((f) => f.split(':')[0])).size} passed, ${new Set(failures.map((f) => f.split(':')[0])).size} failed\n`);
  return failures.length > 0 ? 1 : 0;
}

run().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`corpus:load crashed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
