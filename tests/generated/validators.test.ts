import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateValidators, packageRoot } from '../../scripts/generate-validators';
import { validate as validatePlan } from '../../src/generated/plan-validator';
import { validate as validateProfile } from '../../src/generated/profile-validator';

describe('precompiled JSON Schema validators (src/generated)', () => {
  it.each(generateValidators().map((g) => [g.file, g.text]))('%s is what the schema compiles to now (else run npm run generate:validators)', (file, text) => {
    expect(fs.readFileSync(path.join(packageRoot(), file), 'utf8')).toBe(text);
  });

  it('the plan validator reports a missing required property with its path', () => {
    const plan = { format_version: '1.2', resource_changes: [{ address: 'a.b', type: 'a', name: 'b' }] };
    expect(validatePlan(plan)).toBe(false);
    expect((validatePlan as unknown as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ instancePath: '/resource_changes/0', keyword: 'required', params: { missingProperty: 'change' } }),
    ]);
  });

  it('the profile validator counts characters as code points for minLength, as ajv does', () => {
    expect(validateProfile({ name: '😀' })).toBe(true);
    expect(validateProfile({ name: '' })).toBe(false);
  });
});
