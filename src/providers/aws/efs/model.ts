/** EFS file systems: encryption at rest. */
import { ModelResource } from '../../resource';
import type { Switch } from '../switch';

export class FileSystem extends ModelResource {
  /** `encrypted`, default false. */
  encrypted!: Switch;
}

export interface EfsModel {
  fileSystems: FileSystem[];
}
