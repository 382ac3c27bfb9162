/** Lambda functions: where they run (attached to a VPC or not). */
import { ModelResource } from '../../resource';
import type { Placement } from '../ec2/model';
import type { EnvironmentVariable } from '../plaintext';

export const LAMBDA_FUNCTION_TYPES = ['aws_lambda_function'] as const;

export class LambdaFunction extends ModelResource {
  /**
   * The subnets of `vpc_config.subnet_ids`; undefined when the function is not attached to a VPC (no
   * `vpc_config`, or no subnets in it): it then runs in the Lambda service's own network.
   */
  placement?: Placement;
  /** `environment.variables`. */
  environment: EnvironmentVariable[] = [];
}

export interface LambdaModel {
  functions: LambdaFunction[];
}
