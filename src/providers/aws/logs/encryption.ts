/**
 * Log groups' encryption at rest (TG-ENC-008), kept apart from the `logs` service model, which the
 * `storage` helper owns: its adapter can take `logGroupKeys` over into `LogGroup` when they merge.
 */
import type { ResourceGraph } from '../../../graph/model';
import { ModelResource } from '../../resource';
import { readPresence } from '../../read';
import type { Val } from '../../val';

export class EncryptedLogGroup extends ModelResource {
  /** Whether `kms_key_id` is set: without it CloudWatch Logs uses its own service-owned encryption. */
  kmsKey!: Val<boolean>;
}

export function logGroupKeys(graph: ResourceGraph): EncryptedLogGroup[] {
  return graph.resources('aws_cloudwatch_log_group').map((node) => {
    const group = new EncryptedLogGroup(node);
    group.kmsKey = readPresence(graph, node, 'kms_key_id');
    return group;
  });
}
