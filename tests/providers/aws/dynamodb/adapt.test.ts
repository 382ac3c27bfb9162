import { at, loadModels as modelsOf } from '../../../helpers/models';
import { planJson } from '../../../helpers/plan-builder';

describe('dynamodb adapter', () => {
  it('HCL: point-in-time recovery block and server-side encryption', async () => {
    const tf = 'resource "aws_dynamodb_table" "t" {\n  server_side_encryption {\n    enabled = true\n  }\n  point_in_time_recovery {\n    enabled = true\n  }\n}\n';
    const [table] = (await modelsOf({ 'main.tf': tf })).dynamodb.tables;
    expect(table.kmsEncryption.leaf.value).toBe(true);
    expect(at(table.kmsEncryption.leaf)).toBe('3:5');
    expect(table.pointInTimeRecovery?.path).toBe('point_in_time_recovery.0');
    expect(table.pointInTimeRecovery?.enabled.value).toBe(true);
    expect(at(table.pointInTimeRecovery?.enabled)).toBe('6:5');
  });

  it('omitted blocks: provider defaults', async () => {
    const [table] = (await modelsOf({ 'main.tf': 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n}\n' })).dynamodb.tables;
    expect(table.pointInTimeRecovery).toBeUndefined();
    expect(table.kmsEncryption.leaf).toMatchObject({ value: false, isDefault: true });
    expect(table.kmsEncryption.leaf.describe()).toBe('server_side_encryption.enabled = false (provider default when omitted)');
  });

  it('plan JSON: the blocks as planned lists', async () => {
    const plan = planJson([{ address: 'aws_dynamodb_table.t', values: { name: 't', point_in_time_recovery: [{ enabled: false }] } }]);
    const [table] = (await modelsOf({ 'plan.json': plan }, 'plan.json')).dynamodb.tables;
    expect(table.pointInTimeRecovery?.enabled.value).toBe(false);
  });
});
