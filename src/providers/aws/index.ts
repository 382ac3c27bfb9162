/**
 * `ctx.aws`: the typed AWS models of one resource graph, one service per folder
 * (`src/providers/aws/<service>/{model,adapt}.ts`). Each service is adapted on first use and kept for
 * the graph's life (HCL and plan input share the adapters; several rules share one adaptation).
 * A new service is a folder plus one getter here.
 */
import type { ResourceGraph } from '../../graph/model';
import type { AccountView } from '../../rules/types';
import { memo } from '../memo';
import { adaptIam } from './iam/adapt';
import type { IamModel } from './iam/model';
import { adaptRds } from './rds/adapt';
import type { RdsModel } from './rds/model';

export class AwsModels {
  constructor(
    readonly graph: ResourceGraph,
    /** The account's other roots, for account-wide settings (EBS encryption by default). */
    readonly account?: AccountView,
  ) {}

  /** Adapts a service once per graph. */
  protected service<T>(name: string, adapt: (aws: AwsModels) => T): T {
    return memo(this.graph, `aws:${name}${this.account ? '' : ':alone'}`, () => adapt(this));
  }

  // Services: one getter each, in alphabetical order.
  get iam(): IamModel {
    return this.service('iam', adaptIam);
  }

  get rds(): RdsModel {
    return this.service('rds', adaptRds);
  }
}

/** The models of a graph (the account view only changes account-wide services). */
export function awsModels(graph: ResourceGraph, account?: AccountView): AwsModels {
  return new AwsModels(graph, account);
}
