/** The ECS adapter: awsvpc network configuration, its public-IP switch (default false) and subnets. */
import { at, loadModels } from '../../../helpers/models';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

describe('ecs adapter', () => {
  it('no network_configuration: no awsvpc networking', async () => {
    const aws = await loadModels({ 'main.tf': lines('resource "aws_ecs_service" "s" {', '  name = "s"', '}') });
    expect(aws.ecs.services[0].networkConfiguration).toBeUndefined();
  });

  it('assign_public_ip omitted takes the provider default false, pointing at the block', async () => {
    const aws = await loadModels({ 'main.tf': lines('resource "aws_ecs_service" "s" {', '  network_configuration {', '    subnets = ["subnet-1"]', '  }', '}') });
    const net = aws.ecs.services[0].networkConfiguration!;
    expect([net.assignPublicIp?.value, net.assignPublicIp?.isDefault, at(net.assignPublicIp?.location)]).toEqual([false, true, '2:3']);
    expect(net.placement).toMatchObject({ kind: 'subnets', attribute: 'network_configuration.0.subnets', exposure: { status: 'unknown' } });
  });

  it('assign_public_ip written, and no subnets', async () => {
    const aws = await loadModels({ 'main.tf': lines('resource "aws_ecs_service" "s" {', '  network_configuration {', '    assign_public_ip = true', '  }', '}') });
    const net = aws.ecs.services[0].networkConfiguration!;
    expect([net.assignPublicIp?.value, net.assignPublicIp?.present, at(net.assignPublicIp?.location)]).toEqual([true, true, '3:5']);
    expect(net.placement).toEqual({ kind: 'unresolved', attribute: 'network_configuration.0', problems: ['network_configuration sets no subnets'] });
  });
});
