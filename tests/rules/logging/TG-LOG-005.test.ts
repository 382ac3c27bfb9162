import { rule } from '../../../rules/logging/TG-LOG-005';
import { ruleTester } from '../../helpers/rule-tester';
import { planJson } from '../../helpers/plan-builder';

const GD_RULE = [
  'resource "aws_sns_topic" "alerts" {}',
  'resource "aws_cloudwatch_event_rule" "guardduty" {',
  '  name = "guardduty-findings"',
  '  event_pattern = jsonencode({',
  '    source        = ["aws.guardduty"]',
  '    "detail-type" = ["GuardDuty Finding"]',
  '  })',
  '}',
  '',
].join('\n');

const TARGET = 'resource "aws_cloudwatch_event_target" "to_sns" {\n  rule = aws_cloudwatch_event_rule.guardduty.name\n  arn  = aws_sns_topic.alerts.arn\n}\n';

/** An alarm that notifies: the evidence that keeps the claim from being not-evidenced. */
const NOTIFYING = 'resource "aws_cloudwatch_metric_alarm" "notify" {\n  alarm_name    = "5xx"\n  alarm_actions = ["arn:aws:sns:eu-north-1:123456789012:ops"]\n}\n';

/** An alarm without alarm_actions. */
const silent = (name: string, alarmName: string, extra = '') => `resource "aws_cloudwatch_metric_alarm" "${name}" {\n  alarm_name = "${alarmName}"\n${extra}}\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'alarm actions from a required variable are set',
      files: { 'main.tf': 'variable "alarm_topics" {}\nresource "aws_cloudwatch_metric_alarm" "a" {\n  alarm_actions = var.alarm_topics\n}\n' },
      expect: [{ status: 'pass', address: 'aws_cloudwatch_metric_alarm.a', line: 3, message: 'alarm_actions is set from var.alarm_topics, a required variable' }],
    },
    {
      name: 'GuardDuty event rule (jsonencode) with a target referencing it',
      files: { 'main.tf': GD_RULE + TARGET },
      expect: [
        {
          status: 'pass',
          address: 'aws_cloudwatch_event_rule.guardduty',
          line: 4,
          message: ['source ["aws.guardduty"] matches GuardDuty findings', 'aws_cloudwatch_event_target.to_sns (arn = aws_sns_topic.alerts.arn) receives them'],
        },
      ],
    },
    {
      name: 'heredoc pattern with several sources, target naming the rule literally',
      files: {
        'main.tf': [
          'resource "aws_cloudwatch_event_rule" "security" {',
          '  name          = "security-findings"',
          '  event_pattern = <<EOF',
          '{"source": ["aws.securityhub", "aws.guardduty"]}',
          'EOF',
          '}',
          'resource "aws_cloudwatch_event_target" "t" {',
          '  rule = "security-findings"',
          '  arn  = "arn:aws:sns:eu-north-1:123456789012:security"',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'aws_cloudwatch_event_rule.security', line: 3, message: 'aws_cloudwatch_event_target.t (arn = "arn:aws:sns:' }],
    },
    {
      name: 'metric alarms with actions, also through a composite alarm; rules for other sources get no result',
      files: {
        'main.tf': [
          'resource "aws_cloudwatch_metric_alarm" "errors" {',
          '  alarm_name    = "5xx"',
          '  alarm_actions = ["arn:aws:sns:eu-north-1:123456789012:ops"]',
          '}',
          'resource "aws_cloudwatch_metric_alarm" "child" {',
          '  alarm_name = "cpu"',
          '}',
          'resource "aws_cloudwatch_composite_alarm" "ops" {',
          '  alarm_name    = "ops"',
          '  alarm_rule    = "ALARM(${aws_cloudwatch_metric_alarm.child.alarm_name})"',
          '  alarm_actions = ["arn:aws:sns:eu-north-1:123456789012:ops"]',
          '}',
          'resource "aws_cloudwatch_event_rule" "ec2" {',
          '  event_pattern = jsonencode({ source = ["aws.ec2"] })',
          '}',
          '',
        ].join('\n'),
      },
      expect: [
        { status: 'pass', address: 'aws_cloudwatch_metric_alarm.errors', line: 3, message: 'alarm_actions = ["arn:aws:sns:' },
        { status: 'pass', address: 'aws_cloudwatch_metric_alarm.child', line: 5, message: 'through composite alarm aws_cloudwatch_composite_alarm.ops' },
      ],
    },
    {
      name: 'alarms a Route 53 health check uses (by reference or by the same literal name) are not notification alarms: no result',
      files: {
        'main.tf':
          NOTIFYING +
          silent('by_ref', 'api-health') +
          silent('by_name', 'api-latency') +
          [
            'resource "aws_route53_health_check" "by_ref" {',
            '  type                    = "CLOUDWATCH_METRIC"',
            '  cloudwatch_alarm_name   = aws_cloudwatch_metric_alarm.by_ref.alarm_name',
            '  cloudwatch_alarm_region = "eu-north-1"',
            '}',
            'resource "aws_route53_health_check" "by_name" {',
            '  type                    = "CLOUDWATCH_METRIC"',
            '  cloudwatch_alarm_name   = "api-latency"',
            '  cloudwatch_alarm_region = "eu-north-1"',
            '}',
            '',
          ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'aws_cloudwatch_metric_alarm.notify', line: 3 }],
    },
    {
      name: 'alarms a deployment (CodeDeploy, ECS) or an instance refresh watches are not notification alarms: no result',
      files: {
        'main.tf':
          NOTIFYING +
          silent('deploy', 'deploy-errors') +
          silent('ecs', 'ecs-errors', '  actions_enabled = false\n') +
          silent('refresh', 'refresh-errors') +
          [
            'resource "aws_codedeploy_deployment_group" "app" {',
            '  app_name              = "app"',
            '  deployment_group_name = "app"',
            '  service_role_arn      = "arn:aws:iam::123456789012:role/codedeploy"',
            '  alarm_configuration {',
            '    alarms  = ["deploy-errors"]',
            '    enabled = true',
            '  }',
            '}',
            'resource "aws_ecs_service" "app" {',
            '  name = "app"',
            '  alarms {',
            '    alarm_names = [aws_cloudwatch_metric_alarm.ecs.alarm_name]',
            '    enable      = true',
            '    rollback    = true',
            '  }',
            '}',
            'resource "aws_autoscaling_group" "app" {',
            '  max_size = 2',
            '  min_size = 1',
            '  instance_refresh {',
            '    strategy = "Rolling"',
            '    preferences {',
            '      alarm_specification {',
            '        alarms = [aws_cloudwatch_metric_alarm.refresh.alarm_name]',
            '      }',
            '    }',
            '  }',
            '}',
            '',
          ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'aws_cloudwatch_metric_alarm.notify', line: 3 }],
    },
    {
      name: 'alarms a composite alarm without actions combines, or that only drive a scaling policy, are not notification alarms: no result',
      files: {
        'main.tf':
          NOTIFYING +
          silent('queue', 'queue-depth') +
          silent('lag', 'consumer-lag') +
          silent('idle', 'cpu-idle', '  ok_actions = [aws_autoscaling_policy.scale_in.arn]\n') +
          [
            'resource "aws_cloudwatch_composite_alarm" "backlog" {',
            '  alarm_name = "backlog"',
            '  alarm_rule = "ALARM(\\"queue-depth\\") AND ALARM(arn:aws:cloudwatch:eu-north-1:123456789012:alarm:consumer-lag)"',
            '}',
            'resource "aws_autoscaling_policy" "scale_in" {',
            '  name                   = "scale-in"',
            '  autoscaling_group_name = "app"',
            '  scaling_adjustment     = -1',
            '}',
            '',
          ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'aws_cloudwatch_metric_alarm.notify', line: 3 }],
    },
    {
      name: 'a pattern not known statically does not matter when alerting is evidenced',
      files: {
        'main.tf': 'variable "pattern" {}\nresource "aws_cloudwatch_event_rule" "dyn" {\n  event_pattern = var.pattern\n}\nresource "aws_cloudwatch_metric_alarm" "a" {\n  alarm_actions = ["arn:aws:sns:eu-north-1:123456789012:ops"]\n}\n',
      },
      expect: [{ status: 'pass', address: 'aws_cloudwatch_metric_alarm.a', line: 6 }],
    },
    {
      name: 'pattern through a variable of a local module',
      files: {
        'main.tf': `module "alerts" {\n  source  = "./alerts"\n  sources = ["aws.guardduty"]\n}\n`,
        'alerts/main.tf': [
          'variable "sources" { default = [] }',
          'resource "aws_cloudwatch_event_rule" "this" {',
          '  event_pattern = jsonencode({ source = var.sources })',
          '}',
          'resource "aws_cloudwatch_event_target" "this" {',
          '  rule = aws_cloudwatch_event_rule.this.name',
          '  arn  = "arn:aws:sns:eu-north-1:123456789012:alerts"',
          '}',
          '',
        ].join('\n'),
      },
      expect: [{ status: 'pass', address: 'module.alerts.aws_cloudwatch_event_rule.this', line: 3, file: 'alerts/main.tf', message: 'module.alerts.aws_cloudwatch_event_target.this' }],
    },
    {
      name: 'plan: event rule and a target linked through configuration references',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_cloudwatch_event_rule.guardduty', values: { event_pattern: '{"source":["aws.guardduty"]}', state: 'ENABLED' } },
          { address: 'aws_cloudwatch_event_target.t', values: {}, refs: { rule: ['aws_cloudwatch_event_rule.guardduty.name', 'aws_cloudwatch_event_rule.guardduty'] } },
        ]),
      },
      expect: [{ status: 'pass', address: 'aws_cloudwatch_event_rule.guardduty', message: 'aws_cloudwatch_event_target.t' }],
    },
  ],
  invalid: [
    {
      name: 'nothing in scope: not evidenced',
      files: { 'main.tf': 'resource "aws_sns_topic" "alerts" {}\n' },
      expect: [{ status: 'not-evidenced', message: 'No aws_cloudwatch_event_rule for GuardDuty findings' }],
    },
    {
      name: 'only an event rule for another source: not evidenced',
      files: { 'main.tf': 'resource "aws_cloudwatch_event_rule" "ec2" {\n  event_pattern = jsonencode({ source = ["aws.ec2"] })\n}\nresource "aws_cloudwatch_event_target" "t" {\n  rule = aws_cloudwatch_event_rule.ec2.name\n  arn  = "arn:aws:sns:eu-north-1:123456789012:x"\n}\n' },
      expect: [{ status: 'not-evidenced' }],
    },
    {
      name: 'GuardDuty event rule without a target',
      files: { 'main.tf': GD_RULE },
      expect: [{ status: 'fail', address: 'aws_cloudwatch_event_rule.guardduty', line: 4, message: 'no aws_cloudwatch_event_target references this rule' }],
    },
    {
      name: 'disabled GuardDuty event rule',
      files: { 'main.tf': GD_RULE.replace('  name = "guardduty-findings"\n', '  name = "guardduty-findings"\n  state = "DISABLED"\n') + TARGET },
      expect: [{ status: 'fail', address: 'aws_cloudwatch_event_rule.guardduty', line: 4, message: 'state = "DISABLED": the rule routes nothing' }],
    },
    {
      name: 'metric alarms that notify nobody',
      files: {
        'main.tf': 'resource "aws_cloudwatch_metric_alarm" "silent" {\n  alarm_name = "x"\n}\nresource "aws_cloudwatch_metric_alarm" "muted" {\n  alarm_actions   = ["arn:aws:sns:eu-north-1:123456789012:ops"]\n  actions_enabled = false\n}\n',
      },
      expect: [
        { status: 'fail', address: 'aws_cloudwatch_metric_alarm.silent', line: 1, message: 'alarm_actions is not set' },
        { status: 'fail', address: 'aws_cloudwatch_metric_alarm.muted', line: 6, message: 'actions_enabled = false' },
      ],
    },
    {
      name: 'only alarms that something consumes: not evidenced, as with no alarm at all',
      files: {
        'main.tf':
          silent('health', 'api-health') +
          'resource "aws_route53_health_check" "api" {\n  type                  = "CLOUDWATCH_METRIC"\n  cloudwatch_alarm_name = aws_cloudwatch_metric_alarm.health.alarm_name\n}\n',
      },
      expect: [{ status: 'not-evidenced', message: ['aws_cloudwatch_metric_alarm.health', 'aws_route53_health_check.api'] }],
    },
    {
      name: 'a consumed alarm next to one that notifies nobody: only that one fails',
      files: {
        'main.tf':
          silent('health', 'api-health') +
          silent('silent', 'disk-full') +
          'resource "aws_route53_health_check" "api" {\n  type                  = "CLOUDWATCH_METRIC"\n  cloudwatch_alarm_name = "api-health"\n}\n',
      },
      expect: [{ status: 'fail', address: 'aws_cloudwatch_metric_alarm.silent', line: 4, message: 'alarm_actions is not set' }],
    },
    {
      name: 'only a rule whose pattern is not known: unknown, never pass',
      files: {
        'main.tf': 'variable "pattern" {}\nresource "aws_cloudwatch_event_rule" "dyn" {\n  event_pattern = var.pattern\n}\nresource "aws_cloudwatch_event_target" "t" {\n  rule = aws_cloudwatch_event_rule.dyn.name\n  arn  = "arn:aws:sns:eu-north-1:123456789012:x"\n}\n',
      },
      expect: [{ status: 'unknown', address: 'aws_cloudwatch_event_rule.dyn', line: 3, message: ['var.pattern', 'whether this rule routes GuardDuty findings is not known'] }],
    },
    {
      name: 'counted alarms with their actions from tfvars',
      files: {
        'main.tf': 'variable "actions" {}\nresource "aws_cloudwatch_metric_alarm" "a" {\n  count         = 2\n  alarm_actions = var.actions\n}\n',
        'terraform.tfvars': 'actions = []\n',
      },
      expect: [
        { status: 'fail', address: 'aws_cloudwatch_metric_alarm.a[0]', line: 4, message: 'var.actions (set in terraform.tfvars:1)' },
        { status: 'fail', address: 'aws_cloudwatch_metric_alarm.a[1]', line: 4 },
      ],
    },
    {
      name: 'plan: GuardDuty event rule without a target, with the .tf source for the line',
      input: 'plan.json',
      files: {
        'plan.json': planJson([{ address: 'aws_cloudwatch_event_rule.guardduty', values: { name: 'guardduty-findings', event_pattern: '{"detail-type":["GuardDuty Finding"],"source":["aws.guardduty"]}' } }]),
        'main.tf': GD_RULE,
      },
      expect: [{ status: 'fail', address: 'aws_cloudwatch_event_rule.guardduty', line: 4, message: 'no aws_cloudwatch_event_target' }],
    },
    {
      name: 'plan: an alarm a health check uses, linked only through configuration references: not evidenced',
      input: 'plan.json',
      files: {
        'plan.json': planJson([
          { address: 'aws_cloudwatch_metric_alarm.health', values: { alarm_name: 'api-health', actions_enabled: true } },
          { address: 'aws_route53_health_check.api', values: { type: 'CLOUDWATCH_METRIC' }, refs: { cloudwatch_alarm_name: ['aws_cloudwatch_metric_alarm.health.alarm_name', 'aws_cloudwatch_metric_alarm.health'] } },
        ]),
      },
      expect: [{ status: 'not-evidenced', message: 'aws_route53_health_check.api' }],
    },
    {
      name: 'plan: alarm actions known only after apply',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_cloudwatch_metric_alarm.a', values: { alarm_name: 'a' }, unknown: ['alarm_actions'] }]) },
      expect: [{ status: 'unknown', address: 'aws_cloudwatch_metric_alarm.a', message: 'known after apply' }],
    },
  ],
});
