import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';

const repo = path.resolve(__dirname, '..', '..');

describe('GitHub Action and pre-commit hook', () => {
  const action = YAML.parse(fs.readFileSync(path.join(repo, 'action.yml'), 'utf8'));

  it('is a composite action whose scan step runs the shipped CLI with the inputs', () => {
    expect(action.runs.using).toBe('composite');
    const scan = action.runs.steps.find((s: { id?: string }) => s.id === 'scan');
    expect(scan.run).toContain('node "$GITHUB_ACTION_PATH/bin/tomguard.js" "${args[@]}"');
    for (const input of Object.keys(action.inputs)) expect(scan.env[`INPUT_${input.toUpperCase().replace(/-/g, '_').replace('_FILE', '')}`]).toBeDefined();
    expect(fs.existsSync(path.join(repo, 'bin', 'tomguard.js'))).toBe(true);
  });
});
