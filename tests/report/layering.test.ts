/**
 * The report layer (model, outcome policy, renderers) depends on no engine and no provider code:
 * the engine and the providers fill the report, never the other way round. This used to be a cycle
 * (report/findings.ts ↔ engine/exposure.ts); no import-graph tool is installed, so the import lines
 * are read here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const src = path.resolve(__dirname, '..', '..', 'src');
const reportDir = path.join(src, 'report');

function tsFilesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFilesUnder(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every module a file names: `import … from`, `export … from`, side-effect imports, `require()`, `import()` and `typeof import()`. */
function importedSpecifiers(text: string): string[] {
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /^\s*import\s+['"]([^'"]+)['"]/gm, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  return patterns.flatMap((re) => [...text.matchAll(re)].map((m) => m[1]));
}

/** A relative specifier as a path under src/ (`engine/scan`); package imports are not ours. */
function srcTarget(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return path.relative(src, path.resolve(path.dirname(file), specifier)).split(path.sep).join('/');
}

describe('the report layer imports no engine or provider code', () => {
  const files = tsFilesUnder(reportDir);

  it('reads the import lines it is meant to read', () => {
    expect(importedSpecifiers("import { a } from './x';\nimport type { B } from \"../y\";\nexport { c } from './z';\nimport './side';\nconst r = () => require('./lazy') as typeof import('./lazy');\n").sort()).toEqual(
      ['../y', './lazy', './lazy', './side', './x', './z'].sort(),
    );
    // The check must see real imports, or it would pass on anything.
    const findings = fs.readFileSync(path.join(reportDir, 'findings.ts'), 'utf8');
    expect(importedSpecifiers(findings).map((s) => srcTarget(path.join(reportDir, 'findings.ts'), s))).toContain('diagnostics');
  });

  it.each(files.map((f) => [path.relative(src, f).split(path.sep).join('/'), f]))('%s', (_name, file) => {
    const text = fs.readFileSync(file, 'utf8');
    const forbidden = importedSpecifiers(text)
      .map((s) => srcTarget(file, s))
      .filter((t): t is string => t !== undefined && /^(engine|providers)(\/|$)/.test(t));
    expect(forbidden).toEqual([]);
  });
});
