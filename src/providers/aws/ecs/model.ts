/** ECS services: awsvpc networking (their subnets and public-IP switch). */
import { ModelResource } from '../../resource';
import type { Val } from '../../val';
import type { Placement } from '../ec2/model';
import type { EnvironmentVariable } from '../plaintext';

export const ECS_SERVICE_TYPES = ['aws_ecs_service'] as const;
export const ECS_TASK_DEFINITION_TYPES = ['aws_ecs_task_definition'] as const;

export interface NetworkConfiguration {
  /** `assign_public_ip`, default false; absent when the block is not known statically. */
  assignPublicIp?: Val<boolean>;
  placement: Placement;
}

export class EcsService extends ModelResource {
  /**
   * Undefined without `network_configuration`: the tasks do not use awsvpc networking and share the
   * network of their EC2 container instances.
   */
  networkConfiguration?: NetworkConfiguration;
}

export class EcsTaskDefinition extends ModelResource {
  /** The `environment` entries of every container in `container_definitions` (`secrets` are not plaintext). */
  environment: EnvironmentVariable[] = [];
}

export interface EcsModel {
  services: EcsService[];
  taskDefinitions: EcsTaskDefinition[];
}
