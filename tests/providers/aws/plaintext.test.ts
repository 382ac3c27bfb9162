/** Plaintext compute configuration as the adapters read it: decoded user data, environment variables by name and line. */
import { planJson } from '../../helpers/plan-builder';
import { at, loadModels } from '../../helpers/models';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

describe('plaintext compute configuration', () => {
  it.each([
    ['instance user_data, as written', 'aws_instance', 'user_data = "echo hi"', 'echo hi'],
    ['instance user_data_base64, decoded', 'aws_instance', 'user_data_base64 = base64encode("echo hi")', 'echo hi'],
    ['launch template user_data, decoded', 'aws_launch_template', 'user_data = base64encode("echo hi")', 'echo hi'],
    ['a template with an unknown part: its known text', 'aws_instance', 'user_data = "echo ${aws_s3_bucket.b.arn} done"', 'echo \n done'],
  ])('%s', async (_shape, type, line, text) => {
    const aws = await loadModels({ 'main.tf': lines(`resource "${type}" "r" {`, `  ${line}`, '}', 'resource "aws_s3_bucket" "b" {}') });
    const owner = type === 'aws_instance' ? aws.ec2.instances[0] : aws.ec2.launchTemplates[0];
    expect(owner.userData.map((u) => [u.leaf.path, u.text, u.writtenIn, at(u.leaf.location)])).toEqual([[line.split(' ')[0], text, 'files', '2:3']]);
  });

  it('Lambda environment variables by name, each at its line and column', async () => {
    const aws = await loadModels({ 'main.tf': lines('resource "aws_lambda_function" "f" {', '  environment {', '    variables = {', '      A = "1"', '      B = aws_s3_bucket.b.arn', '    }', '  }', '}', 'resource "aws_s3_bucket" "b" {}') });
    expect(aws.lambda.functions[0].environment.map((v) => [v.name, v.value.value, v.value.known, at(v.value.location)])).toEqual([
      ['A', '1', true, '4:7'],
      ['B', undefined, false, '5:7'],
    ]);
  });

  it('ECS container environment from jsonencode with unknown parts, and from a plan', async () => {
    const hcl = await loadModels({
      'main.tf': lines(
        'resource "aws_ecs_task_definition" "t" {',
        '  container_definitions = jsonencode([{',
        '    environment = [{ name = "A", value = "1" }, { name = "B", value = aws_s3_bucket.b.arn }]',
        '  }])',
        '}',
        'resource "aws_s3_bucket" "b" {}',
      ),
    });
    expect(hcl.ecs.taskDefinitions[0].environment.map((v) => [v.name, v.value.value, v.value.known, v.writtenIn, at(v.value.location)])).toEqual([
      ['A', '1', true, 'files', '3:34'],
      ['B', undefined, false, 'files', '3:63'],
    ]);
    const defs = JSON.stringify([{ name: 'app', environment: [{ name: 'A', value: '1' }] }]);
    const plan = await loadModels({ 'plan.json': planJson([{ address: 'aws_ecs_task_definition.t', values: { container_definitions: defs } }]) }, 'plan.json');
    expect(plan.ecs.taskDefinitions[0].environment.map((v) => [v.name, v.value.value, v.writtenIn])).toEqual([['A', '1', 'plan']]);
  });
});
