/**
 * Which modules each command loads. Start-up is mostly module loading, so `--version`, `--help`,
 * `rules` and `explain` must not load what only a scan needs, and a scan must load only the reporter
 * it was asked for. Each command runs in a child node process on the TypeScript sources (compiled
 * file by file with esbuild as they are required), which then lists `require.cache`: real Node
 * module loading, as in the installed CLI, without depending on a build in dist/. The harness's own
 * modules (esbuild) are left out of the list.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { writeTree } from '../helpers/tmp-tree';

const repo = path.resolve(__dirname, '..', '..');

/** Runs `tomguard ARGS` in a child process and returns the loaded files, relative to the repository. */
function loadedBy(args: string[], cwd = repo): { loaded: string[]; status: number | null; stdout: string } {
  const child = `
    const fs = require('node:fs');
    const esbuild = require(${JSON.stringify(require.resolve('esbuild'))});
    require.extensions['.ts'] = (module, filename) => {
      const { code } = esbuild.transformSync(fs.readFileSync(filename, 'utf8'), { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: filename });
      module._compile(code, filename);
    };
    const harness = new Set(Object.keys(require.cache));
    process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache).filter((f) => !harness.has(f))) + '\\n'));
    require(${JSON.stringify(path.join(repo, 'src', 'cli', 'main.ts'))}).main(JSON.parse(process.argv[1])).then((code) => { process.exitCode = code; });
  `;
  const run = spawnSync(process.execPath, ['-e', child, JSON.stringify(args)], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const line = run.stderr.split('\n').find((l) => l.startsWith('LOADED '));
  if (!line) throw new Error(`tomguard ${args.join(' ')} printed no module list:\n${run.stderr}`);
  const loaded = (JSON.parse(line.slice('LOADED '.length)) as string[]).map((f) => path.relative(repo, f).split(path.sep).join('/'));
  return { loaded, status: run.status, stdout: run.stdout };
}

/** What only scanning needs, by what it is; a prefix of a loaded file's path matches. */
const SCAN_ONLY: Record<string, string> = {
  'HCL parser': 'src/hcl/native-parser.ts',
  'HCL file loader': 'src/hcl/load-files.ts',
  evaluator: 'src/eval/evaluate.ts',
  'module evaluation': 'src/config/evaluation.ts',
  'plan loader': 'src/plan/load-plan.ts',
  'Terragrunt loader': 'src/terragrunt/unit.ts',
  'Terragrunt configuration parser': 'src/terragrunt/parse-config.ts',
  'module downloader': 'src/modules/download.ts',
  'scan engine': 'src/engine/scan.ts',
  hcl2json: 'node_modules/@cdktn/hcl2json/',
  ajv: 'node_modules/ajv/',
  yaml: 'node_modules/yaml/',
  'text reporter': 'src/report/renderers/text-reporter.ts',
  'JSON reporter': 'src/report/renderers/json-reporter.ts',
  'SARIF reporter': 'src/report/renderers/sarif-reporter.ts',
  'JUnit reporter': 'src/report/renderers/junit-reporter.ts',
  'Markdown reporter': 'src/report/renderers/markdown-reporter.ts',
  'GitHub reporter': 'src/report/renderers/github-reporter.ts',
  'compact reporter': 'src/report/renderers/compact-reporter.ts',
};

function scanOnlyLoaded(loaded: string[]): string[] {
  return Object.entries(SCAN_ONLY)
    .filter(([, prefix]) => loaded.some((f) => f.startsWith(prefix)))
    .map(([what]) => what);
}

describe('lazy loading: each command loads only what it needs', () => {
  it('--version loads nothing but the version (no yargs, no dependency at all)', () => {
    const run = loadedBy(['--version']);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(run.loaded.filter((f) => f.startsWith('src/') || f.startsWith('node_modules/'))).toEqual(['src/cli/main.ts', 'src/cli/io.ts', 'src/version.ts']);
  });

  it.each([[['--help']], [['rules']], [['explain', 'TG-NET-001']]])('tomguard %j loads nothing only a scan needs', (args) => {
    const run = loadedBy(args);
    expect(run.status).toBe(0);
    expect(run.stdout.length).toBeGreaterThan(0);
    expect(scanOnlyLoaded(run.loaded)).toEqual([]);
  });

  it('scan --format json of one clean root loads the parser and the JSON reporter, and no hcl2json, other reporter, plan or Terragrunt code', () => {
    const root = writeTree({ 'main.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = "logs"\n}\n' });
    const run = loadedBy(['scan', '--format', 'json', '--fail-on', 'none', '.'], root);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('findings');
    expect(scanOnlyLoaded(run.loaded)).toEqual(['HCL parser', 'HCL file loader', 'evaluator', 'module evaluation', 'scan engine', 'JSON reporter']);
  });
});
