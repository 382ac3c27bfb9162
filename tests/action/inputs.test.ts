import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { DEFAULTS, readInputs } from '../../src/action/inputs';
import { cliArgs } from '../../src/action/cli-args';
import { splitArgs } from '../../src/action/split-args';
import { InputError } from '../../src/action/inputs-error';

const action = YAML.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'action.yml'), 'utf8'));
const inputs = (values: Record<string, string>) => readInputs((name) => values[name] ?? '');

describe('splitArgs', () => {
  it.each([
    ['', []],
    ['  --rules TG-NET-002   --quiet ', ['--rules', 'TG-NET-002', '--quiet']],
    [`--var 'name=two words' --var "x=\\"q\\" \\$HOME"`, ['--var', 'name=two words', '--var', 'x="q" $HOME']],
    ['a\\ b "" c\nd', ['a b', '', 'c', 'd']],
    [`it's"  "fine`, null],
    [`'it'\\''s'`, [`it's`]],
  ])('%j', (text, words) => {
    if (words === null) expect(() => splitArgs(text)).toThrow(InputError);
    else expect(splitArgs(text)).toEqual(words);
  });
});

describe('readInputs', () => {
  it('has the defaults of action.yml when an input is not set', () => {
    for (const [name, value] of Object.entries(DEFAULTS)) expect([name, action.inputs[name].default]).toEqual([name, value]);
    expect(inputs({})).toEqual({
      paths: ['.'],
      profile: undefined,
      failOn: 'low',
      sarifFile: undefined,
      sarifCategory: undefined,
      annotations: true,
      summary: true,
      diffBase: undefined,
      workingDirectory: '.',
      recursive: false,
      args: [],
    });
  });

  it('splits paths on spaces and newlines, and accepts YAML booleans', () => {
    expect(inputs({ paths: 'envs/prod\nenvs/staging "with space"', recursive: 'True', summary: 'FALSE' })).toMatchObject({ paths: ['envs/prod', 'envs/staging', 'with space'], recursive: true, summary: false });
    expect(() => inputs({ summary: 'no' })).toThrow('Input summary must be true or false, got "no".');
  });
});

describe('cliArgs', () => {
  it('is a scan command line with the JSON report first and the paths last', () => {
    const all = inputs({ paths: 'a b', profile: 'tom.yml', 'fail-on': 'high', 'sarif-file': 'out.sarif', 'sarif-category': 'infra', 'diff-base': 'origin/main', recursive: 'true', args: '--quiet' });
    expect(cliArgs(all, '/tmp/r.json')).toEqual([
      'scan',
      '--format',
      'json=/tmp/r.json',
      '--format',
      'sarif=out.sarif',
      '--fail-on',
      'high',
      '--profile',
      'tom.yml',
      '--recursive',
      '--sarif-category',
      'infra',
      '--diff-base',
      'origin/main',
      '--quiet',
      'a',
      'b',
    ]);
  });

  it('leaves out what is not set, so the CLI options of other branches are only passed when asked for', () => {
    expect(cliArgs(inputs({}), 'r.json')).toEqual(['scan', '--format', 'json=r.json', '--fail-on', 'low', '.']);
  });
});
