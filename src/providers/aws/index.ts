/**
 * `ctx.aws`: the typed AWS models of one resource graph, one service per folder
 * (`src/providers/aws/<service>/{model,adapt}.ts`). Each service is adapted on first use and kept for
 * the graph's life (HCL and plan input share the adapters; several rules share one adaptation).
 * A new service is a folder plus one getter here.
 */
import type { ResourceGraph } from '../../graph/model';
import type { AccountView } from '../../rules/types';
import { memo } from '../memo';
import { adaptApiGateway } from './apigateway/adapt';
import type { ApiGatewayModel } from './apigateway/model';
import { adaptCloudTrail } from './cloudtrail/adapt';
import type { CloudTrailModel } from './cloudtrail/model';
import { adaptGuardDuty } from './guardduty/adapt';
import type { GuardDutyModel } from './guardduty/model';
import { adaptKms } from './kms/adapt';
import type { KmsModel } from './kms/model';
import { adaptLogs } from './logs/adapt';
import type { LogsModel } from './logs/model';
import { adaptMonitoring } from './monitoring/adapt';
import type { MonitoringModel } from './monitoring/model';
import { adaptRds } from './rds/adapt';
import type { RdsModel } from './rds/model';
import { adaptS3 } from './s3/adapt';
import type { S3Model } from './s3/model';

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
  get apigateway(): ApiGatewayModel {
    return this.service('apigateway', adaptApiGateway);
  }

  get cloudtrail(): CloudTrailModel {
    return this.service('cloudtrail', adaptCloudTrail);
  }

  get guardduty(): GuardDutyModel {
    return this.service('guardduty', adaptGuardDuty);
  }

  get kms(): KmsModel {
    return this.service('kms', adaptKms);
  }

  get logs(): LogsModel {
    return this.service('logs', adaptLogs);
  }

  get monitoring(): MonitoringModel {
    return this.service('monitoring', adaptMonitoring);
  }

  get rds(): RdsModel {
    return this.service('rds', adaptRds);
  }

  get s3(): S3Model {
    return this.service('s3', adaptS3);
  }
}

/** The models of a graph (the account view only changes account-wide services). */
export function awsModels(graph: ResourceGraph, account?: AccountView): AwsModels {
  return new AwsModels(graph, account);
}
