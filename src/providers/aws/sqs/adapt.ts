/** Builds the SQS model: one `Queue` per `aws_sqs_queue`. */
import type { AwsModels } from '..';
import { readPresence, readVal, toBoolean } from '../../read';
import { Queue, SqsModel } from './model';

export function adaptSqs(aws: AwsModels): SqsModel {
  const queues = aws.graph.resources('aws_sqs_queue').map((node) => {
    const queue = new Queue(node);
    queue.kmsKey = readPresence(aws.graph, node, 'kms_master_key_id');
    queue.sqsManagedSse = readVal(node, 'sqs_managed_sse_enabled', toBoolean);
    return queue;
  });
  return { queues };
}
