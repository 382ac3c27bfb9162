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
      name: 'plan: alarm actions known only after apply',
      input: 'plan.json',
      files: { 'plan.json': planJson([{ address: 'aws_cloudwatch_metric_alarm.a', values: { alarm_name: 'a' }, unknown: ['alarm_actions'] }]) },
      expect: [{ status: 'unknown', address: 'aws_cloudwatch_metric_alarm.a', message: 'known after apply' }],
    },
  ],
});
