import { Unknown } from '../../../../src/eval/value';
import { loadInput } from '../../../../src/load-input';
import { ParsedPolicy, Statement, evaluateStatements, isConcreteReference, isParsed, triAnd, triOr } from '../../../../src/providers/aws/iam/policy';
import { actionMatches, appliesToEveryone, coversAllResources, grantsActionMatching, grantsAllActions, hasNarrowingCondition, isEveryone, isPositiveOperator, patternsIntersect } from '../../../../src/providers/aws/iam/matching';
import { normalizeStatement, parsePolicy } from '../../../../src/providers/aws/iam/parse';
import { policyValues, readPolicy, readPolicyDocument } from '../../../../src/providers/aws/iam/policy-values';
import { writeTree } from '../../../helpers/tmp-tree';

const varX = new Unknown('var.x', 'no value given');
const bucketArn = new Unknown('aws_s3_bucket.b.arn', 'known after apply', { address: 'aws_s3_bucket.b', attrPath: 'arn' });

function statements(p: ParsedPolicy): Statement[] {
  if (!isParsed(p)) throw new Error(`not parsed: ${JSON.stringify(p)}`);
  return p.statements;
}

function stmt(obj: Parameters<typeof normalizeStatement>[0]): Statement {
  return normalizeStatement(obj, 0, { label: 'Statement[0]', path: 'policy' });
}

describe('matching', () => {
  it('matches actions case-insensitively with * and ?', () => {
    expect(actionMatches('iam:pass*', 'iam:PassRole')).toBe(true);
    expect(actionMatches('s3:Get?bject', 's3:GetObject')).toBe(true);
    expect(actionMatches('s3:Get?bject', 's3:GetXXbject')).toBe(false);
    expect(actionMatches('*', 'kms:Decrypt')).toBe(true);
    expect(actionMatches('s3:*', 'S3:PUTOBJECT')).toBe(true);
    expect(actionMatches('s3:Get*', 'iam:GetRole')).toBe(false);
    expect(actionMatches('a.b', 'axb')).toBe(false);
  });

  it('tells whether two patterns can match a common action', () => {
    expect(patternsIntersect('iam:*', 'iam:Attach*Policy')).toBe(true);
    expect(patternsIntersect('iam:attach*', 'IAM:Attach*Policy')).toBe(true);
    expect(patternsIntersect('iam:Attach*', 'iam:Put*Policy')).toBe(false);
    expect(patternsIntersect('*', 'sts:AssumeRole')).toBe(true);
    expect(patternsIntersect('iam:Put?olicy', 'iam:PutRolePolicy')).toBe(false);
    expect(patternsIntersect('iam:P*Role', 'iam:Pass*')).toBe(true);
  });

  it('three-valued and/or', () => {
    expect(triAnd(true, varX, false)).toBe(false);
    expect(triAnd(true, varX)).toBe(varX);
    expect(triAnd(true, true)).toBe(true);
    expect(triOr(false, varX, true)).toBe(true);
    expect(triOr(false, varX)).toBe(varX);
    expect(triOr()).toBe(false);
  });

  it('a reference to an ARN or ID in the configuration is never a wildcard', () => {
    expect(isConcreteReference(bucketArn)).toBe(true);
    expect(isConcreteReference(new Unknown('data.aws_caller_identity.c.account_id', 'read', { address: 'data.aws_caller_identity.c', attrPath: 'account_id' }))).toBe(true);
    expect(isConcreteReference(new Unknown('data.external.x.result', 'read', { address: 'data.external.x', attrPath: 'result' }))).toBe(false);
    expect(isConcreteReference(varX)).toBe(false);
  });
});

describe('parsePolicy', () => {
  it('reads Statement as an object, Action as a string, NotAction, and the principal forms', () => {
    const [s] = statements(parsePolicy('{"Statement": {"Sid": "S", "Effect": "Allow", "NotAction": "iam:*", "Resource": "*", "Principal": "*"}}'));
    expect(s).toMatchObject({ index: 0, sid: 'S', effect: 'Allow', notActions: ['iam:*'], resources: ['*'], principals: '*', conditions: [], label: 'Statement (Sid "S")', path: 'policy.Statement', problems: [] });
    expect(s.actions).toBeUndefined();

    const list = statements(
      parsePolicy(
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: ['arn:aws:s3:::b/*'], Principal: { AWS: '*' } },
            { Effect: 'Deny', Action: '*', NotResource: 'arn:aws:s3:::b', NotPrincipal: { AWS: ['arn:aws:iam::*:root', 'arn:aws:iam::111111111111:root'], Service: 'ec2.amazonaws.com' } },
          ],
        }),
        'inline_policy.0.policy',
      ),
    );
    expect(list[0]).toMatchObject({ index: 0, actions: ['s3:GetObject', 's3:PutObject'], principals: [{ type: 'AWS', ids: ['*'] }], label: 'Statement[0]', path: 'inline_policy.0.policy.Statement.0' });
    expect(list[1]).toMatchObject({
      index: 1,
      effect: 'Deny',
      notResources: ['arn:aws:s3:::b'],
      notPrincipals: [
        { type: 'AWS', ids: ['arn:aws:iam::*:root', 'arn:aws:iam::111111111111:root'] },
        { type: 'Service', ids: ['ec2.amazonaws.com'] },
      ],
    });
  });

  it('normalizes conditions (booleans and numbers become strings)', () => {
    const [s] = statements(parsePolicy('{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": false}, "StringEquals": {"aws:SourceAccount": ["111", 222]}}}]}'));
    expect(s.conditions).toEqual([
      { operator: 'Bool', key: 'aws:SecureTransport', values: ['false'] },
      { operator: 'StringEquals', key: 'aws:SourceAccount', values: ['111', '222'] },
    ]);
  });

  it('tolerates lower-case element names and Effect values', () => {
    const [s] = statements(parsePolicy('{"statement": [{"effect": "allow", "action": "*", "resource": "*"}]}'));
    expect(s).toMatchObject({ effect: 'Allow', actions: ['*'], resources: ['*'], problems: [] });
  });

  it('records invalid IAM as problems: no Effect, an Effect that is neither Allow nor Deny', () => {
    const [a, b] = statements(parsePolicy('{"Statement": [{"Action": "*", "Resource": "*"}, {"Effect": "Permit", "Action": "*"}]}'));
    expect(a.effect).toBeUndefined();
    expect(a.problems).toEqual(['has no Effect (invalid IAM)']);
    expect(b.problems).toEqual(['has Effect "Permit", which is neither Allow nor Deny (invalid IAM)']);
  });

  it('unknown, invalid and empty policies', () => {
    expect(parsePolicy(varX)).toEqual({ unknown: 'var.x (no value given)', value: varX });
    expect(parsePolicy('{"Statement": [')).toMatchObject({ invalid: expect.stringContaining('the policy is not valid JSON') });
    expect(parsePolicy('[1]')).toEqual({ invalid: 'the policy is not a JSON object' });
    expect(parsePolicy('{"Statement": [1]}')).toEqual({ invalid: 'Statement[0] is not an object' });
    expect(parsePolicy('{"Version": "2012-10-17"}')).toEqual({ statements: [], unknownStatements: [] });
    expect(parsePolicy(undefined)).toEqual({ invalid: 'no policy document' });
  });

  it('reads an already decoded document with Unknowns inside', () => {
    const p = parsePolicy({ Statement: [{ Effect: 'Allow', Action: varX, Resource: [bucketArn] }, varX] });
    if (!isParsed(p)) throw new Error('not parsed');
    expect(p.statements[0]).toMatchObject({ actions: [varX], resources: [bucketArn] });
    expect(p.unknownStatements).toEqual([{ unknown: varX, label: 'Statement[1]', path: 'policy.Statement.1' }]);
  });
});

describe('statement predicates', () => {
  it('grantsAllActions: "*", "*:*" or any NotAction; unknown actions stay unknown', () => {
    expect(grantsAllActions(stmt({ Effect: 'Allow', Action: ['s3:Get*', '*'] }))).toBe(true);
    expect(grantsAllActions(stmt({ Effect: 'Allow', Action: '*:*' }))).toBe(true);
    expect(grantsAllActions(stmt({ Effect: 'Allow', NotAction: ['iam:*'] }))).toBe(true);
    expect(grantsAllActions(stmt({ Effect: 'Allow', Action: ['s3:*'] }))).toBe(false);
    expect(grantsAllActions(stmt({ Effect: 'Allow', Action: ['s3:*', varX] }))).toBe(varX);
    expect(grantsAllActions(stmt({ Effect: 'Allow' }))).toBe(false);
  });

  it('coversAllResources: "*" or NotResource; a reference to a resource ARN is not "*"', () => {
    expect(coversAllResources(stmt({ Effect: 'Allow', Resource: '*' }))).toBe(true);
    expect(coversAllResources(stmt({ Effect: 'Allow', NotResource: 'arn:aws:s3:::b' }))).toBe(true);
    expect(coversAllResources(stmt({ Effect: 'Allow', Resource: ['arn:aws:s3:::*'] }))).toBe(false);
    expect(coversAllResources(stmt({ Effect: 'Allow', Resource: [bucketArn] }))).toBe(false);
    expect(coversAllResources(stmt({ Effect: 'Allow', Resource: [varX] }))).toBe(varX);
  });

  it('grantsActionMatching through Action and NotAction', () => {
    expect(grantsActionMatching(stmt({ Effect: 'Allow', Action: 'iam:*' }), 'iam:PassRole')).toBe(true);
    expect(grantsActionMatching(stmt({ Effect: 'Allow', Action: 'iam:Get*' }), 'iam:PassRole')).toBe(false);
    expect(grantsActionMatching(stmt({ Effect: 'Allow', Action: 'IAM:ATTACH*' }), 'iam:Attach*Policy')).toBe(true);
    expect(grantsActionMatching(stmt({ Effect: 'Allow', NotAction: 'iam:*' }), 'iam:PassRole')).toBe(false);
    expect(grantsActionMatching(stmt({ Effect: 'Allow', NotAction: 's3:*' }), 'iam:PassRole')).toBe(true);
    expect(grantsActionMatching(stmt({ Effect: 'Allow', NotAction: 'iam:*' }), 'iam:Put*Policy')).toBe(false);
    expect(grantsActionMatching(stmt({ Effect: 'Allow', Action: [varX] }), 'iam:PassRole')).toBe(varX);
  });

  it('isEveryone: "*", {"AWS": "*"} also in lists, {"*": "*"}, wildcard accounts', () => {
    const p = (principal: Parameters<typeof normalizeStatement>[0]['Principal']) => stmt({ Effect: 'Allow', Principal: principal }).principals;
    expect(isEveryone(p('*'))).toBe(true);
    expect(isEveryone(p({ AWS: '*' }))).toBe(true);
    expect(isEveryone(p({ AWS: ['arn:aws:iam::111111111111:root', '*'] }))).toBe(true);
    expect(isEveryone(p({ '*': '*' }))).toBe(true);
    expect(isEveryone(p({ AWS: ['arn:aws:iam::*:root'] }))).toBe(true);
    expect(isEveryone(p({ AWS: 'arn:aws:iam::111111111111:root' }))).toBe(false);
    expect(isEveryone(p({ Service: '*' }))).toBe(false);
    expect(isEveryone(p({ AWS: [bucketArn] }))).toBe(false);
    expect(isEveryone(p({ AWS: [varX] }))).toBe(varX);
    expect(isEveryone(p(varX))).toBe(varX);
    expect(isEveryone(undefined)).toBe(false);
    expect(appliesToEveryone(stmt({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' } }))).toBe(true);
  });

  it('hasNarrowingCondition: positive operators on the listed keys, with values that do not let everything through', () => {
    const c = (condition: Parameters<typeof normalizeStatement>[0]['Condition']) => hasNarrowingCondition(stmt({ Effect: 'Allow', Condition: condition }));
    expect(c({ StringEquals: { 'aws:SourceAccount': '111111111111' } })).toBe(true);
    expect(c({ ArnLike: { 'AWS:SOURCEARN': 'arn:aws:s3:::b' } })).toBe(true);
    expect(c({ 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': 'o-123' } })).toBe(true);
    expect(c({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })).toBe(true);
    expect(c({ StringNotEquals: { 'aws:SourceAccount': '111111111111' } })).toBe(false);
    expect(c({ StringEqualsIfExists: { 'aws:SourceAccount': '111111111111' } })).toBe(false);
    expect(c({ 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-123' } })).toBe(false);
    expect(c({ StringLike: { 'aws:SourceAccount': '*' } })).toBe(false);
    expect(c({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } })).toBe(false);
    expect(c({ Bool: { 'aws:SecureTransport': 'true' } })).toBe(false);
    expect(c({ StringEquals: { 'aws:SourceArn': bucketArn } })).toBe(true);
    // A value that is not known statically narrows whatever it is (rules.md); the operator and key decide.
    expect(c({ StringLike: { 'aws:SourceArn': varX } })).toBe(true);
    expect(c({ StringEquals: { 'aws:PrincipalOrgID': [varX, 'o-123'] } })).toBe(true);
    expect(c({ StringNotEquals: { 'aws:PrincipalOrgID': varX } })).toBe(false);
    expect(c({ StringEquals: { 'aws:SecureTransport': varX } })).toBe(false);
    expect(c(varX)).toBe(varX);
    expect(c(null)).toBe(false);
    expect(isPositiveOperator('ArnEquals')).toBe(true);
    expect(isPositiveOperator('NotIpAddress')).toBe(false);
  });
});

describe('evaluateStatements', () => {
  it('separates matching statements from undecided ones', () => {
    const p = parsePolicy({
      Statement: [
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Action: '*', Resource: '*' },
        { Effect: 'Allow', Action: varX, Resource: '*' },
        { Effect: 'Deny', Action: '*', Resource: '*' },
      ],
    });
    if (!isParsed(p)) throw new Error('not parsed');
    const v = evaluateStatements(p, (s) => triAnd(s.effect === 'Allow', grantsAllActions(s), coversAllResources(s)));
    expect(v.matching.map((s) => s.index)).toEqual([0]);
    expect(v.unknown.map((u) => u.reason)).toEqual(['Statement[1] has no Effect (invalid IAM)', 'Statement[2]: var.x (no value given)']);
  });
});

describe('policies in the graph', () => {
  async function graphOf(files: Record<string, string>) {
    const root = writeTree(files);
    const input = await loadInput(root, { cwd: root, env: {} });
    expect(input.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return input.graph;
  }

  it('policyValues lists the policy attributes of a resource, with the policy document they come from', async () => {
    const graph = await graphOf({
      'main.tf': [
        'data "aws_iam_policy_document" "trust" {',
        '  statement {',
        '    actions = ["sts:AssumeRole"]',
        '    principals {',
        '      type        = "Service"',
        '      identifiers = ["ec2.amazonaws.com"]',
        '    }',
        '  }',
        '}',
        'locals { trust = data.aws_iam_policy_document.trust.json }',
        'resource "aws_iam_role" "r" {',
        '  assume_role_policy = local.trust',
        '  inline_policy {',
        '    name   = "a"',
        '    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })',
        '  }',
        '  inline_policy {}',
        '}',
        'resource "aws_sqs_queue" "q" {}',
        '',
      ].join('\n'),
    });
    const role = graph.node('aws_iam_role.r')!;
    const values = policyValues(graph, role);
    expect(values.map((v) => [v.path, v.kind, v.document?.address])).toEqual([
      ['inline_policy.0.policy', 'identity', undefined],
      ['assume_role_policy', 'trust', 'data.aws_iam_policy_document.trust'],
    ]);
    const trust = statements(readPolicy(graph, values[1]));
    expect(trust).toHaveLength(1);
    expect(trust[0]).toMatchObject({ label: 'data.aws_iam_policy_document.trust statement.0', actions: ['sts:AssumeRole'], principals: [{ type: 'Service', ids: ['ec2.amazonaws.com'] }] });
    expect(trust[0].at?.node.address).toBe('data.aws_iam_policy_document.trust');
    expect(trust[0].at?.path).toBe('statement.0');
    expect(policyValues(graph, graph.node('aws_sqs_queue.q')!)).toEqual([]);
  });

  it('readPolicyDocument follows a source document whose json is unknown only in parts', async () => {
    const graph = await graphOf({
      'main.tf': [
        'variable "bucket" {}',
        'data "aws_iam_policy_document" "base" {',
        '  statement {',
        '    actions   = ["s3:GetObject"]',
        '    resources = ["arn:aws:s3:::${var.bucket}/*"]',
        '  }',
        '  statement {',
        '    sid       = "Admin"',
        '    actions   = ["*"]',
        '    resources = ["*"]',
        '  }',
        '}',
        'data "aws_iam_policy_document" "d" {',
        '  source_policy_documents = [data.aws_iam_policy_document.base.json]',
        '}',
        '',
      ].join('\n'),
    });
    const d = graph.node('data.aws_iam_policy_document.d')!;
    expect(d.attrs.json).toBeInstanceOf(Unknown);
    const s = statements(readPolicyDocument(graph, d));
    expect(s.map((x) => [x.label, x.path, x.resources])).toEqual([
      ['source_policy_documents[0] (data.aws_iam_policy_document.base statement.0)', 'source_policy_documents.0', [expect.any(Unknown)]],
      ['source_policy_documents[0] (data.aws_iam_policy_document.base statement.1) (Sid "Admin")', 'source_policy_documents.0', ['*']],
    ]);
  });
});
