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
import { adaptBackup } from './backup/adapt';
import type { BackupModel } from './backup/model';
import { adaptCloudFront } from './cloudfront/adapt';
import type { CloudFrontModel } from './cloudfront/model';
import { adaptCloudTrail } from './cloudtrail/adapt';
import type { CloudTrailModel } from './cloudtrail/model';
import { adaptDynamoDb } from './dynamodb/adapt';
import type { DynamoDbModel } from './dynamodb/model';
import { adaptEc2 } from './ec2/adapt';
import type { Ec2Model } from './ec2/model';
import { adaptEcs } from './ecs/adapt';
import type { EcsModel } from './ecs/model';
import { adaptEfs } from './efs/adapt';
import type { EfsModel } from './efs/model';
import { adaptElastiCache } from './elasticache/adapt';
import type { ElastiCacheModel } from './elasticache/model';
import { adaptElb } from './elb/adapt';
import type { ElbModel } from './elb/model';
import { adaptGuardDuty } from './guardduty/adapt';
import type { GuardDutyModel } from './guardduty/model';
import { adaptIam } from './iam/adapt';
import type { IamModel } from './iam/model';
import { adaptKms } from './kms/adapt';
import type { KmsModel } from './kms/model';
import { adaptLambda } from './lambda/adapt';
import type { LambdaModel } from './lambda/model';
import { adaptLogs } from './logs/adapt';
import { EncryptedLogGroup, logGroupKeys } from './logs/encryption';
import type { LogsModel } from './logs/model';
import { adaptMonitoring } from './monitoring/adapt';
import type { MonitoringModel } from './monitoring/model';
import { adaptOpenSearch } from './opensearch/adapt';
import type { OpenSearchModel } from './opensearch/model';
import { adaptRds } from './rds/adapt';
import type { RdsModel } from './rds/model';
import { adaptRedshift } from './redshift/adapt';
import type { RedshiftModel } from './redshift/model';
import { adaptS3 } from './s3/adapt';
import type { S3Model } from './s3/model';
import { adaptSns } from './sns/adapt';
import type { SnsModel } from './sns/model';
import { adaptSqs } from './sqs/adapt';
import type { SqsModel } from './sqs/model';
import { adaptVpc } from './vpc/adapt';
import type { VpcModel } from './vpc/model';

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

  get backup(): BackupModel {
    return this.service('backup', adaptBackup);
  }

  get cloudfront(): CloudFrontModel {
    return this.service('cloudfront', adaptCloudFront);
  }

  get cloudtrail(): CloudTrailModel {
    return this.service('cloudtrail', adaptCloudTrail);
  }

  get dynamodb(): DynamoDbModel {
    return this.service('dynamodb', adaptDynamoDb);
  }

  get ec2(): Ec2Model {
    return this.service('ec2', adaptEc2);
  }

  get ecs(): EcsModel {
    return this.service('ecs', adaptEcs);
  }

  get efs(): EfsModel {
    return this.service('efs', adaptEfs);
  }

  get elasticache(): ElastiCacheModel {
    return this.service('elasticache', adaptElastiCache);
  }

  get elb(): ElbModel {
    return this.service('elb', adaptElb);
  }

  get guardduty(): GuardDutyModel {
    return this.service('guardduty', adaptGuardDuty);
  }

  get iam(): IamModel {
    return this.service('iam', adaptIam);
  }

  get kms(): KmsModel {
    return this.service('kms', adaptKms);
  }

  get lambda(): LambdaModel {
    return this.service('lambda', adaptLambda);
  }

  get logGroupKeys(): EncryptedLogGroup[] {
    return this.service('logs:encryption', (aws) => logGroupKeys(aws.graph));
  }

  get logs(): LogsModel {
    return this.service('logs', adaptLogs);
  }

  get monitoring(): MonitoringModel {
    return this.service('monitoring', adaptMonitoring);
  }

  get opensearch(): OpenSearchModel {
    return this.service('opensearch', adaptOpenSearch);
  }

  get rds(): RdsModel {
    return this.service('rds', adaptRds);
  }

  get redshift(): RedshiftModel {
    return this.service('redshift', adaptRedshift);
  }

  get s3(): S3Model {
    return this.service('s3', adaptS3);
  }

  get sns(): SnsModel {
    return this.service('sns', adaptSns);
  }

  get sqs(): SqsModel {
    return this.service('sqs', adaptSqs);
  }

  get vpc(): VpcModel {
    return this.service('vpc', adaptVpc);
  }
}

/** The models of a graph (the account view only changes account-wide services). */
export function awsModels(graph: ResourceGraph, account?: AccountView): AwsModels {
  return new AwsModels(graph, account);
}
