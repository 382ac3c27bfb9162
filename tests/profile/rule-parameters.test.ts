import { ALL_RULES } from '../../rules';
import { defaultParameters, parameterCatalog, profileParameters, starterParameterLines } from '../../src/profile/rule-parameters';
import { parameter } from '../../src/rules/parameter';
import { Rule } from '../../src/rules/types';

const ruleWith = (id: string, ...parameters: Rule['meta']['parameters'] & unknown[]): Rule => ({
  meta: { id, title: id, claim: 'c', severity: 'low', fix: 'f', appliesTo: ['aws_x'], parameters },
  check: () => [],
});

describe('profile parameters generated from the rules', () => {
  it('lists every parameter of the catalog with the rules that read it', () => {
    const catalog = parameterCatalog(ALL_RULES);
    expect(Object.fromEntries([...catalog].map(([k, p]) => [k, p.rules.join(' ')]))).toEqual({
      backup_min_days: 'TG-BAK-001',
      s3_require_kms: 'TG-ENC-004',
      dynamodb_require_kms: 'TG-ENC-008',
      password_min_length: 'TG-IAM-004',
      password_reuse_prevention: 'TG-IAM-004',
      password_max_age_days: 'TG-IAM-004',
      default_vpc_is_private: 'TG-NET-001 TG-NET-004',
      allowed_internet_ports: 'TG-NET-002 TG-NET-005',
      accepted_tls_policies: 'TG-TLS-001 TG-TLS-002 TG-TLS-003 TG-TLS-004 TG-TLS-007',
      personal_data_tag: 'TG-TLS-008',
    });
    expect(defaultParameters(catalog)).toEqual({
      backupMinDays: 7,
      s3RequireKms: false,
      dynamodbRequireKms: false,
      passwordMinLength: 14,
      passwordReusePrevention: 24,
      passwordMaxAgeDays: 90,
      defaultVpcIsPrivate: false,
      allowedInternetPorts: [80, 443],
      acceptedTlsPolicies: [],
    });
  });

  it('maps profile keys to parameter keys over the defaults, and reads defaults where a key is absent', () => {
    const catalog = parameterCatalog(ALL_RULES);
    const params = profileParameters(catalog, { backup_min_days: 14, personal_data_tag: { key: 'pii' } });
    expect(params).toMatchObject({ backupMinDays: 14, personalDataTag: { key: 'pii' }, passwordMinLength: 14 });
    const ports = parameter<number[]>({ key: 'ports', profileKey: 'ports', schema: {}, default: [443], description: 'd' });
    expect([ports.of({}), ports.of({ ports: [22] })]).toEqual([[443], [22]]);
  });

  it('refuses two rules declaring one parameter differently', () => {
    const a = parameter({ key: 'k', profileKey: 'k', schema: { type: 'integer' }, default: 1, description: 'd' });
    const b = parameter({ key: 'k', profileKey: 'k', schema: { type: 'integer' }, default: 2, description: 'd' });
    expect(() => parameterCatalog([ruleWith('TG-A-001', a), ruleWith('TG-A-002', b)])).toThrow('TG-A-002 declares parameter k differently from TG-A-001');
    expect(parameterCatalog([ruleWith('TG-A-001', a), ruleWith('TG-A-002', a)]).get('k')?.rules).toEqual(['TG-A-001', 'TG-A-002']);
  });

  it('writes the starter lines aligned, a parameter without default commented out', () => {
    const a = parameter({ key: 'a', profileKey: 'a_long_name', schema: {}, default: [1, 2], description: 'first' });
    const b = parameter<string | undefined>({ key: 'b', profileKey: 'b', schema: {}, default: undefined, description: 'second' });
    expect(starterParameterLines(parameterCatalog([ruleWith('TG-A-001', a, b)]))).toEqual(['  a_long_name: [1, 2]   # TG-A-001: first', '  # b:                  # TG-A-001: second']);
  });
});
