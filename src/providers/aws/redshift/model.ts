/** Redshift clusters: encryption at rest. */
import { ModelResource } from '../../resource';
import type { Switch } from '../switch';

export class RedshiftCluster extends ModelResource {
  /** `encrypted`, default false (provider v5). */
  encrypted!: Switch;
}

export interface RedshiftModel {
  clusters: RedshiftCluster[];
}
