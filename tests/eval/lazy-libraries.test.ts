/**
 * re2js and csv-parse are loaded only when a configuration calls a function that needs them, so a
 * plain scan does not pay for them at start-up. A child node process (TypeScript compiled file by file
 * with esbuild, as in tests/cli/lazy-loading.test.ts) loads the function table, calls the functions
 * named on its command line and lists which of the two packages `require.cache` then holds.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const repo = path.resolve(__dirname, '..', '..');
const LIBRARIES = ['re2js', 'csv-parse'];

function librariesLoadedAfter(calls: [string, ...string[]][]): string[] {
  const child = `
    const fs = require('node:fs');
    const esbuild = require(${JSON.stringify(require.resolve('esbuild'))});
    require.extensions['.ts'] = (module, filename) => {
      const { code } = esbuild.transformSync(fs.readFileSync(filename, 'utf8'), { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: filename });
      module._compile(code, filename);
    };
    const { FUNCTIONS } = require(${JSON.stringify(path.join(repo, 'src', 'eval', 'functions.ts'))});
    for (const [name, ...args] of JSON.parse(process.argv[1])) FUNCTIONS[name](args, {});
    const loaded = Object.keys(require.cache).map((f) => f.split(require('node:path').sep).join('/'));
    process.stdout.write(JSON.stringify(${JSON.stringify(LIBRARIES)}.filter((lib) => loaded.some((f) => f.includes('/node_modules/' + lib + '/')))));
  `;
  const run = spawnSync(process.execPath, ['-e', child, JSON.stringify(calls)], { cwd: repo, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[];
}

describe('libraries the evaluator loads lazily', () => {
  it.each<[string, string[], [string, ...string[]][]]>([
    ['no function call', [], []],
    ['functions that need neither', [], [['upper', 'a'], ['replace', 'a.b', '.', '-'], ['cidrhost', '10.0.0.0/8', '1'], ['jsondecode', '{}']]],
    ['regex', ['re2js'], [['regex', 'a+', 'caab']]],
    ['regexall', ['re2js'], [['regexall', 'a', 'aa']]],
    ['replace with a /pattern/', ['re2js'], [['replace', 'aa', '/a/', 'b']]],
    ['csvdecode', ['csv-parse'], [['csvdecode', 'a\n1\n']]],
  ])('%s loads %j', (_what, expected, calls) => {
    expect(librariesLoadedAfter(calls)).toEqual(expected);
  });
});
