/** The Lambda adapter: a function is placed only when attached to a VPC with subnets. */
import { loadModels } from '../../../helpers/models';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

describe('lambda adapter', () => {
  it.each([
    ['no vpc_config', [], undefined],
    ['empty subnet_ids', ['  vpc_config {', '    subnet_ids         = []', '    security_group_ids = []', '  }'], undefined],
    ['a literal subnet ID', ['  vpc_config {', '    subnet_ids         = ["subnet-1"]', '    security_group_ids = []', '  }'], { kind: 'subnets', via: 'vpc_config.subnet_ids', attribute: 'vpc_config.0.subnet_ids', exposure: { status: 'unknown' } }],
    [
      'a dynamic vpc_config over an unknown list',
      ['  dynamic "vpc_config" {', '    for_each = var.vpc', '    content {', '      subnet_ids = ["subnet-1"]', '      security_group_ids = []', '    }', '  }'],
      { kind: 'unresolved', attribute: 'vpc_config', unknownBlock: true },
    ],
  ])('%s', async (_shape, body, expected) => {
    const aws = await loadModels({ 'main.tf': lines('variable "vpc" {}', 'resource "aws_lambda_function" "f" {', '  function_name = "f"', ...(body as string[]), '}') });
    const placement = aws.lambda.functions[0].placement;
    if (expected === undefined) expect(placement).toBeUndefined();
    else expect(placement).toMatchObject(expected);
  });
});
