import { alarmRuleNames } from '../../../../src/providers/aws/monitoring/alarms';

describe('alarmRuleNames', () => {
  it('reads quoted and bare names, ARNs and AT_LEAST lists', () => {
    expect(alarmRuleNames('ALARM("queue depth") OR OK(cpu-high)')).toEqual(['queue depth', 'cpu-high']);
    expect(alarmRuleNames('INSUFFICIENT_DATA(arn:aws:cloudwatch:eu-north-1:123456789012:alarm:lag)')).toEqual(['lag']);
    expect(alarmRuleNames('AT_LEAST(2, ALARM, ("a", "arn:aws:cloudwatch:eu-north-1:1:alarm:b", c))')).toEqual(['a', 'b', 'c']);
    expect(alarmRuleNames('ALARM("say \\"hi\\"") AND NOT ALARM(x)')).toEqual(['say "hi"', 'x']);
  });

  it('finds nothing in a rule without alarm functions', () => {
    expect(alarmRuleNames('TRUE')).toEqual([]);
  });
});
