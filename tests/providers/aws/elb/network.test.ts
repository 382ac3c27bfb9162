/** The ELB model's network facts per Terraform shape: header setting, security groups, CloudFront origins, WAF associations, prefix lists. */
import { loadInput } from '../../../../src/load-input';
import { awsModels } from '../../../../src/providers/aws';
import { writeTree } from '../../../helpers/tmp-tree';

const tf = (...lines: string[]) => lines.join('\n') + '\n';

async function lbOf(...lines: string[]) {
  const root = writeTree({ 'main.tf': tf(...lines) });
  const loaded = await loadInput(root, { cwd: root, env: {}, variables: [] });
  const [lb] = awsModels(loaded.graph).elb.loadBalancers;
  return lb;
}

describe('elb adapter: network facts of v2 load balancers', () => {
  it('drop_invalid_header_fields: written (line and column), omitted (provider default false), from an unset variable', async () => {
    const written = await lbOf('resource "aws_alb" "a" {', '  drop_invalid_header_fields = true', '}');
    const d = written.dropInvalidHeaderFields;
    expect([d.value, d.isDefault, d.location?.startLine, d.location?.startColumn]).toEqual([true, false, 2, 3]);
    const omitted = (await lbOf('resource "aws_lb" "a" {}')).dropInvalidHeaderFields;
    expect([omitted.value, omitted.isDefault, omitted.describe()]).toEqual([false, true, 'drop_invalid_header_fields = false (provider default when omitted)']);
    const unknown = (await lbOf('variable "drop" {}', 'resource "aws_lb" "a" {', '  drop_invalid_header_fields = var.drop', '}')).dropInvalidHeaderFields;
    expect([unknown.known, unknown.location?.startLine]).toEqual([false, 3]);
  });

  it('named security groups become VPC model groups; one outside the configuration is a reason', async () => {
    const lb = await lbOf(
      'resource "aws_security_group" "alb" {',
      '  ingress {',
      '    cidr_blocks = ["0.0.0.0/0"]',
      '  }',
      '}',
      'resource "aws_lb" "a" {',
      '  security_groups = [aws_security_group.alb.id, "sg-123"]',
      '}',
    );
    const { groups, unresolved, via, attribute, none } = lb.guards;
    expect([groups.map((g) => g.address), via, attribute, none]).toEqual([['aws_security_group.alb'], '', 'security_groups', undefined]);
    expect(unresolved).toEqual(['security group "sg-123" is not in the configuration, so its rules are not known']);
    const [rule] = groups[0].ingress;
    expect([rule.cidrs.internet[0].path, rule.locationOf(rule.cidrs.internet[0].path)?.startLine, rule.locationOf(rule.cidrs.internet[0].path)?.startColumn]).toEqual(['ingress.0.cidr_blocks', 3, 5]);
  });

  it('an ALB without security_groups gets its VPC default group, found through subnet_mapping', async () => {
    const lb = await lbOf(
      'resource "aws_vpc" "main" {',
      '  cidr_block = "10.0.0.0/16"',
      '}',
      'resource "aws_subnet" "a" {',
      '  vpc_id     = aws_vpc.main.id',
      '  cidr_block = "10.0.1.0/24"',
      '}',
      'resource "aws_default_security_group" "d" {',
      '  vpc_id = aws_vpc.main.id',
      '}',
      'resource "aws_lb" "a" {',
      '  subnet_mapping {',
      '    subnet_id = aws_subnet.a.id',
      '  }',
      '}',
    );
    expect([lb.guards.groups.map((g) => g.address), lb.guards.attribute, lb.guards.none]).toEqual([['aws_default_security_group.d'], undefined, undefined]);
    expect(lb.guards.via).toBe('security_groups is not set: the default security group of aws_vpc.main applies (aws_default_security_group.d)');
  });

  it('an ALB in an unmanaged default group, an NLB without groups, and one whose VPC is not known', async () => {
    const aws = await lbOf('resource "aws_vpc" "v" {}', 'resource "aws_subnet" "s" {', '  vpc_id = aws_vpc.v.id', '}', 'resource "aws_lb" "a" {', '  subnets = [aws_subnet.s.id]', '}');
    expect(aws.guards.none).toBe('aws-default-group');
    const nlb = await lbOf('resource "aws_lb" "n" {', '  load_balancer_type = "network"', '  security_groups    = []', '}');
    expect([nlb.guards.none, nlb.guards.via, nlb.guards.attribute]).toEqual(['no-security-groups', 'security_groups is empty', 'security_groups']);
    const far = await lbOf('resource "aws_lb" "a" {', '  subnets = ["subnet-1"]', '}');
    expect(far.guards.unresolved).toEqual(['the default security group of its VPC applies, and the VPC is not known (subnet "subnet-1" is not in the configuration)']);
  });

  it.each(['aws_wafv2_web_acl_association', 'aws_wafregional_web_acl_association'])('CloudFront origin by dns_name, and %s by resource_arn', async (waf) => {
    const lb = await lbOf(
      'resource "aws_lb" "a" {}',
      'resource "aws_cloudfront_distribution" "cdn" {',
      '  origin {',
      '    origin_id   = "alb"',
      '    domain_name = aws_lb.a.dns_name',
      '  }',
      '}',
      `resource "${waf}" "w" {`,
      '  resource_arn = aws_lb.a.arn',
      '}',
    );
    expect(lb.cloudFrontOrigins.map((d) => [d.address, d.origins[0].name])).toEqual([['aws_cloudfront_distribution.cdn', 'origin[0]']]);
    expect(lb.wafAssociations.map((a) => [a.address, a.locationOf('resource_arn')?.startLine, a.locationOf('resource_arn')?.startColumn])).toEqual([[`${waf}.w`, 9, 3]]);
  });

  it('prefix lists: the CloudFront list by name or by published ID, a customer list with a /0 entry, an unknown ID', async () => {
    const lb = await lbOf(
      'data "aws_ec2_managed_prefix_list" "cf" {',
      '  name = "com.amazonaws.global.cloudfront.origin-facing"',
      '}',
      'resource "aws_ec2_managed_prefix_list" "open" {',
      '  entry {',
      '    cidr = "0.0.0.0/0"',
      '  }',
      '}',
      'resource "aws_security_group" "alb" {',
      '  ingress {',
      '    prefix_list_ids = [data.aws_ec2_managed_prefix_list.cf.id, aws_ec2_managed_prefix_list.open.id]',
      '  }',
      '}',
      'resource "aws_vpc_security_group_ingress_rule" "id" {',
      '  security_group_id = aws_security_group.alb.id',
      '  prefix_list_id    = "pl-3b927c52"',
      '}',
      'resource "aws_vpc_security_group_ingress_rule" "other" {',
      '  security_group_id = aws_security_group.alb.id',
      '  prefix_list_id    = "pl-0000"',
      '}',
      'resource "aws_lb" "a" {',
      '  security_groups = [aws_security_group.alb.id]',
      '}',
    );
    const lists = lb.guards.groups[0].ingress.map((r) => [r.label, r.prefixLists.map((l) => [l.kind, l.path, r.locationOf(l.path)?.startLine, r.locationOf(l.path)?.startColumn])]);
    expect(lists).toEqual([
      ['aws_security_group.alb ingress.0', [['cloudfront', 'ingress.0.prefix_list_ids', 11, 5], ['internet', 'ingress.0.prefix_list_ids', 11, 5]]],
      ['aws_vpc_security_group_ingress_rule.id', [['cloudfront', 'prefix_list_id', 16, 3]]],
      ['aws_vpc_security_group_ingress_rule.other', [['unknown', 'prefix_list_id', 20, 3]]],
    ]);
    expect(lb.guards.groups[0].ingress[1].prefixLists[0].shown).toBe('"pl-3b927c52" (com.amazonaws.global.cloudfront.origin-facing in us-east-1)');
  });
});
