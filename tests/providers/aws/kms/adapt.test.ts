import { loadModels } from '../../../helpers/models';

async function modelsOf(files: Record<string, string>) {
  return loadModels(files);
}

describe('adaptKms', () => {
  it.each([
    { shape: 'omitted spec and usage: provider defaults, rotatable', body: '', rotatable: true, path: 'customer_master_key_spec', line: 1, column: 1 },
    { shape: 'an asymmetric spec is not rotatable', body: '  customer_master_key_spec = "RSA_4096"\n', rotatable: false, path: 'customer_master_key_spec', line: 2, column: 3 },
    { shape: 'a signing key is not rotatable', body: '  key_usage = "SIGN_VERIFY"\n', rotatable: false, path: 'key_usage', line: 2, column: 3 },
    { shape: 'a custom key store is not rotatable', body: '  custom_key_store_id = "cks-1"\n', rotatable: false, path: 'custom_key_store_id', line: 2, column: 3 },
    { shape: 'a spec from a variable without value: unknown', body: '  customer_master_key_spec = var.spec\n', rotatable: undefined, path: 'customer_master_key_spec', line: 2, column: 3 },
  ])('$shape', async ({ body, rotatable, path, line, column }) => {
    const { keys } = (await modelsOf({ 'main.tf': `resource "aws_kms_key" "k" {\n${body}}\nvariable "spec" {}\n` })).kms;
    const r = keys[0].rotatable;
    expect({ value: r.value, path: r.path, line: r.location?.startLine, column: r.location?.startColumn }).toEqual({ value: rotatable, path, line, column });
  });

  it('enable_key_rotation defaults to false, written it points at its line and column', async () => {
    const { keys } = (await modelsOf({ 'main.tf': 'resource "aws_kms_key" "a" {}\nresource "aws_kms_key" "b" {\n  enable_key_rotation = true\n}\n' })).kms;
    expect(keys.map((k) => [k.keyRotation.value, k.keyRotation.isDefault, k.keyRotation.location?.startLine, k.keyRotation.location?.startColumn])).toEqual([
      [false, true, 1, 1],
      [true, false, 3, 3],
    ]);
  });
});
