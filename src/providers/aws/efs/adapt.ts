/** Builds the EFS model: one `FileSystem` per `aws_efs_file_system`. */
import type { AwsModels } from '..';
import { readSwitch } from '../switch';
import { EfsModel, FileSystem } from './model';

export function adaptEfs(aws: AwsModels): EfsModel {
  const fileSystems = aws.graph.resources('aws_efs_file_system').map((node) => {
    const fs = new FileSystem(node);
    fs.encrypted = readSwitch(node, 'encrypted', false);
    return fs;
  });
  return { fileSystems };
}
