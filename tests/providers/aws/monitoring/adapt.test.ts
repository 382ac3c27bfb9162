import { loadModels } from '../../../helpers/models';

async function modelsOf(files: Record<string, string>) {
  return loadModels(files);
}

const GUARDDUTY_RULE = (name: string) => `resource "aws_cloudwatch_event_rule" "${name}" {\n  name          = "${name}"\n  event_pattern = jsonencode({ source = ["aws.guardduty"] })\n}\n`;

describe('adaptMonitoring', () => {
  it.each([
    { shape: 'target by reference', rule: 'aws_cloudwatch_event_rule.r.name' },
    { shape: 'target by the rule name written literally', rule: '"r"' },
  ])('event rule and its $shape', async ({ rule }) => {
    const { eventRules } = (await modelsOf({
      'main.tf': `${GUARDDUTY_RULE('r')}resource "aws_cloudwatch_event_target" "t" {\n  rule = ${rule}\n  arn  = "arn:aws:sns:eu-west-1:1:alerts"\n}\n`,
    })).monitoring;
    expect(eventRules[0].guardDuty).toEqual({ kind: 'guardduty', sources: ['aws.guardduty'] });
    const [t] = eventRules[0].targets;
    expect([t.address, t.arn.describe(), t.arn.location?.startLine, t.arn.location?.startColumn]).toEqual(['aws_cloudwatch_event_target.t', 'arn = "arn:aws:sns:eu-west-1:1:alerts"', 7, 3]);
  });

  it('a metric alarm without actions, consumed by a composite alarm that notifies', async () => {
    const { metricAlarms } = (await modelsOf({
      'main.tf': [
        'resource "aws_cloudwatch_metric_alarm" "child" {',
        '  alarm_name = "child"',
        '}',
        'resource "aws_cloudwatch_composite_alarm" "parent" {',
        '  alarm_name    = "parent"',
        '  alarm_rule    = "ALARM(\\"child\\")"',
        '  alarm_actions = ["arn:aws:sns:eu-west-1:1:alerts"]',
        '}',
        '',
      ].join('\n'),
    })).monitoring;
    const [child] = metricAlarms;
    expect([child.alarmActions.value, child.actionsEnabled.value, child.actionsEnabled.isDefault]).toEqual([false, true, true]);
    expect(child.consumers.map((c) => [c.describe, c.composite?.address, c.composite?.alarmActions.value])).toEqual([
      ['aws_cloudwatch_composite_alarm.parent (alarm_rule)', 'aws_cloudwatch_composite_alarm.parent', true],
    ]);
  });
});
