/** Builds the SNS model: one `Topic` per `aws_sns_topic`. */
import type { AwsModels } from '..';
import { readPresence } from '../../read';
import { SnsModel, Topic } from './model';

export function adaptSns(aws: AwsModels): SnsModel {
  const topics = aws.graph.resources('aws_sns_topic').map((node) => {
    const topic = new Topic(node);
    topic.kmsKey = readPresence(aws.graph, node, 'kms_master_key_id');
    return topic;
  });
  return { topics };
}
