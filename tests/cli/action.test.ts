import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { readInputs } from '../../src/action/inputs';

const repo = path.resolve(__dirname, '..', '..');

describe('GitHub Action and pre-commit hook', () => {
  const action = YAML.parse(fs.readFileSync(path.join(repo, 'action.yml'), 'utf8'));

  it('is a JavaScript action on node20 whose main is the committed bundle, with the HCL wasm beside it', () => {
    expect(action.runs).toEqual({ using: 'node20', main: 'action-dist/index.js' });
    expect(fs.existsSync(path.join(repo, 'action-dist', 'index.js'))).toBe(true);
    expect(fs.existsSync(path.join(repo, 'action-dist', 'main.wasm.gz'))).toBe(true);
  });

  it('reads every input action.yml declares, and declares the outputs it sets', () => {
    const read: string[] = [];
    readInputs((name) => {
      read.push(name);
      return '';
    });
    expect(read.sort()).toEqual(Object.keys(action.inputs).sort());
    expect(Object.keys(action.outputs).sort()).toEqual(['claims-broken', 'exit-code', 'failures', 'sarif-file', 'unknown']);
  });
});
