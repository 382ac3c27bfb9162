/** Builds the Redshift model: one `RedshiftCluster` per `aws_redshift_cluster`. */
import type { AwsModels } from '..';
import { readSwitch } from '../switch';
import { RedshiftCluster, RedshiftModel } from './model';

export function adaptRedshift(aws: AwsModels): RedshiftModel {
  const clusters = aws.graph.resources('aws_redshift_cluster').map((node) => {
    const cluster = new RedshiftCluster(node);
    cluster.encrypted = readSwitch(node, 'encrypted', false);
    return cluster;
  });
  return { clusters };
}
