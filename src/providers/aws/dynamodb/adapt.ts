/** Builds the DynamoDB model: one `Table` per `aws_dynamodb_table`. */
import type { AwsModels } from '..';
import { Unknown } from '../../../eval/value';
import { readVal, toBoolean } from '../../read';
import { readSwitch } from '../switch';
import { DynamoDbModel, Table } from './model';

export function adaptDynamoDb(aws: AwsModels): DynamoDbModel {
  const tables = aws.graph.resources('aws_dynamodb_table').map((node) => {
    const table = new Table(node);
    table.kmsEncryption = readSwitch(node, 'server_side_encryption.0.enabled', false);
    const pitr = node.blocks('point_in_time_recovery')[0];
    if (pitr) {
      const unknownReason = pitr.value instanceof Unknown ? pitr.value.describe() : undefined;
      table.pointInTimeRecovery = { path: pitr.path, unknownReason, enabled: readVal(node, `${pitr.path}.enabled`, toBoolean, false) };
    }
    return table;
  });
  return { tables };
}
