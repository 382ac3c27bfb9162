import { loadModels } from '../../../helpers/models';
/**
 * The IAM adapter, one Terraform shape per case: which policies each resource holds (and at which
 * attribute), where their statements are written (line and column), which policy documents are used
 * as what, what roles are granted, which bucket policies apply to which bucket, and the password
 * policy's leaves with their IAM defaults. Rules are tested end to end in tests/rules.
 */
import { isParsed } from '../../../../src/providers/aws/iam/policy';
import { planJson } from '../../../helpers/plan-builder';

const lines = (...ls: string[]) => `${ls.join('\n')}\n`;

async function iam(files: Record<string, string>, input?: string, vars: Record<string, string> = {}) {
  return (await loadModels(files, input, vars)).iam;
}

const at = (l: { startLine: number; startColumn?: number } | undefined) => (l ? [l.startLine, l.startColumn] : undefined);

describe('IAM adapter: identity policies in every form', () => {
  const ADMIN_JSON = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
  it.each([
    {
      shape: 'aws_iam_policy with a JSON string literal',
      tf: lines('resource "aws_iam_policy" "p" {', `  policy = ${JSON.stringify(ADMIN_JSON)}`, '}'),
      address: 'aws_iam_policy.p', path: 'policy', statementPath: 'policy.Statement.0', statementAt: [2, 3],
    },
    {
      shape: 'aws_iam_role_policy with a heredoc',
      tf: lines('resource "aws_iam_role_policy" "p" {', '  role   = "r"', '  policy = <<EOF', ADMIN_JSON, 'EOF', '}'),
      address: 'aws_iam_role_policy.p', path: 'policy', statementPath: 'policy.Statement.0', statementAt: [3, 3],
    },
    {
      shape: 'aws_iam_user_policy with jsonencode: the statement is located in HCL',
      tf: lines('resource "aws_iam_user_policy" "p" {', '  user = "u"', '  policy = jsonencode({', '    Version = "2012-10-17"', '    Statement = [', '      { Effect = "Allow", Action = "*", Resource = "*" },', '    ]', '  })', '}'),
      address: 'aws_iam_user_policy.p', path: 'policy', statementPath: 'policy.Statement.0', statementAt: [6, 7],
    },
    {
      shape: 'aws_iam_role inline_policy block',
      tf: lines('resource "aws_iam_role" "r" {', '  assume_role_policy = "{}"', '  inline_policy {', '    name   = "admin"', `    policy = ${JSON.stringify(ADMIN_JSON)}`, '  }', '}'),
      address: 'aws_iam_role.r', path: 'inline_policy.0.policy', statementPath: 'inline_policy.0.policy.Statement.0', statementAt: [5, 5],
    },
  ])('$shape', async ({ tf, address, path, statementPath, statementAt }) => {
    const model = await iam({ 'main.tf': tf });
    const holder = model.identityHolders.find((h) => h.address === address)!;
    const [policy] = holder.own(['identity']);
    expect(policy).toMatchObject({ path, kind: 'identity', blank: false });
    const parsed = policy.parsed;
    if (!isParsed(parsed)) throw new Error('not parsed');
    expect(parsed.statements.map((s) => [s.path, s.effect, s.actions])).toEqual([[statementPath, 'Allow', ['*']]]);
    expect(at(holder.locationOf(parsed.statements[0].path))).toEqual(statementAt);
  });

  it('a policy from a variable with no value is not known, and says why', async () => {
    const model = await iam({ 'main.tf': lines('variable "p" {}', 'resource "aws_iam_policy" "p" {', '  policy = var.p', '}') });
    const parsed = model.identityHolders[0].policies[0].parsed;
    expect('unknown' in parsed && parsed.unknown).toContain('var.p');
  });

  it('a policy the provider requires but that is missing is named', async () => {
    const model = await iam({ 'main.tf': lines('resource "aws_iam_group_policy" "p" {', '  group = "g"', '}') });
    expect(model.identityHolders[0].policies).toEqual([]);
    expect(model.identityHolders[0].requiredMissing).toBe('policy is required by the provider and is not set: the configuration is not valid Terraform');
  });
});

describe('IAM adapter: aws_iam_policy_document data sources', () => {
  const DOC = lines(
    'data "aws_iam_policy_document" "base" {',
    '  statement {',
    '    actions   = ["s3:GetObject"]',
    '    resources = ["*"]',
    '  }',
    '}',
    'data "aws_iam_policy_document" "app" {',
    '  source_policy_documents = [data.aws_iam_policy_document.base.json]',
    '  statement {',
    '    actions   = ["sqs:SendMessage"]',
    '    resources = ["*"]',
    '  }',
    '}',
  );

  it('an identity policy using a document: judged on the document, which is located where its statements are written', async () => {
    const model = await iam({ 'main.tf': DOC + lines('resource "aws_iam_policy" "p" {', '  policy = data.aws_iam_policy_document.app.json', '}') });
    expect(model.identityHolders[0].policies.map((p) => p.document)).toEqual(['data.aws_iam_policy_document.app']);
    expect(model.identityHolders[0].own(['identity'])).toEqual([]);
    // A merged document is used as the document that merges it.
    expect(model.documents.map((d) => [d.address, d.usedAsIdentity, d.usedAsResourceOrTrust])).toEqual([
      ['data.aws_iam_policy_document.base', true, false],
      ['data.aws_iam_policy_document.app', true, false],
    ]);
    const app = model.documents[1];
    const parsed = app.parsed;
    if (!isParsed(parsed)) throw new Error('not parsed');
    expect(parsed.statements.map((s) => s.at?.path)).toEqual(['source_policy_documents.0', 'statement.0']);
    expect(at(app.locationOf('statement.0.actions'))).toEqual([10, 5]);
  });

  it('a bucket policy using a document directly: a resource use; a document merged into it is not used directly', async () => {
    const model = await iam({
      'main.tf': DOC + lines('resource "aws_s3_bucket" "b" {', '  bucket = "b"', '}', 'resource "aws_s3_bucket_policy" "b" {', '  bucket = aws_s3_bucket.b.id', '  policy = data.aws_iam_policy_document.app.json', '}'),
    });
    expect(model.documents.map((d) => [d.address, d.usedAsIdentity, d.usedAsResourceOrTrust])).toEqual([
      ['data.aws_iam_policy_document.base', false, false],
      ['data.aws_iam_policy_document.app', false, true],
    ]);
  });

  it('parses each policy once per graph: every rule gets the same statements', async () => {
    const model = await iam({ 'main.tf': DOC + lines('resource "aws_iam_policy" "p" {', '  policy = data.aws_iam_policy_document.app.json', '}') });
    expect(model.documents[1].parsed).toBe(model.documents[1].parsed);
    expect(model.identityHolders[0].policies[0].parsed).toBe(model.identityHolders[0].policies[0].parsed);
  });
});

describe('IAM adapter: roles, groups and their policies', () => {
  it('a role with an AWS managed policy attached by reference and its trust policy', async () => {
    const model = await iam({
      'main.tf': lines(
        'resource "aws_iam_role" "admin" {',
        '  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::123456789012:root" } }] })',
        '}',
        'resource "aws_iam_role_policy_attachment" "admin" {',
        '  role       = aws_iam_role.admin.name',
        '  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"',
        '}',
      ),
    });
    const [role] = model.roles;
    expect(role.attached.map((a) => [a.kind, a.label, a.kind === 'managed' ? a.arn : undefined])).toEqual([
      ['managed', 'aws_iam_role_policy_attachment.admin (policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess")', 'arn:aws:iam::aws:policy/AdministratorAccess'],
    ]);
    expect(role.trust).toMatchObject({ path: 'assume_role_policy', kind: 'trust' });
    expect(model.groups).toEqual([]);
  });

  it('a role whose trust policy is missing says why', async () => {
    const model = await iam({ 'main.tf': lines('resource "aws_iam_role" "r" {', '  name = "r"', '}') });
    expect(model.roles[0].trust).toBeUndefined();
    expect(model.roles[0].trustMissing).toContain('assume_role_policy is required by the provider');
  });
});

describe('IAM adapter: users, access keys, password policy', () => {
  it('aws_iam_policy_attachment: users counted, other attachments named, users located', async () => {
    const model = await iam({
      'main.tf': lines('resource "aws_iam_user" "a" {', '  name = "a"', '}', 'resource "aws_iam_policy_attachment" "x" {', '  name       = "x"', '  users      = [aws_iam_user.a.name]', '  groups     = ["g"]', '  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"', '}'),
    });
    const [grant] = model.userPolicyGrants;
    expect(grant.users?.value).toBe(1);
    expect(at(grant.users?.location)).toEqual([6, 3]);
    expect(grant.alsoAttachedThrough).toEqual(['groups']);
    expect(grant.userNames).toBe('aws_iam_user.a (users = ["a"])');
  });

  it('the users of an attachment from a variable are not known', async () => {
    const model = await iam({ 'main.tf': lines('variable "users" {}', 'resource "aws_iam_policy_attachment" "x" {', '  name       = "x"', '  users      = var.users', '  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"', '}') });
    expect(model.userPolicyGrants[0].users?.known).toBe(false);
    expect(model.userPolicyGrants[0].users?.reason).toContain('var.users');
  });

  it('an access key: its user, PGP and status', async () => {
    const model = await iam({ 'main.tf': lines('resource "aws_iam_access_key" "k" {', '  user    = "ci"', '  pgp_key = "keybase:ci"', '  status  = "Inactive"', '}') });
    expect(model.accessKeys.map((k) => [k.userNames, k.userWritten, k.pgpEncrypted, k.inactive])).toEqual([['user = "ci"', true, true, true]]);
  });

  it('password policy leaves: written values located, omitted ones the IAM defaults', async () => {
    const model = await iam({ 'main.tf': lines('resource "aws_iam_account_password_policy" "p" {', '  minimum_password_length = "14"', '  require_symbols         = "yes"', '}') });
    const [p] = model.passwordPolicies;
    expect([p.minimumPasswordLength.value, p.minimumPasswordLength.isDefault, at(p.minimumPasswordLength.location)]).toEqual([14, false, [2, 3]]);
    expect([p.maxPasswordAge.value, p.maxPasswordAge.isDefault, p.maxPasswordAge.describe()]).toEqual([0, true, 'max_password_age = 0 (provider default when omitted)']);
    expect(p.requirements.map((r) => [r.path, r.value])).toEqual([
      ['require_lowercase_characters', false],
      ['require_uppercase_characters', false],
      ['require_numbers', false],
      ['require_symbols', null],
    ]);
  });
});

describe('IAM adapter: bucket policies', () => {
  const BUCKETS = lines('resource "aws_s3_bucket" "a" {', '  bucket = "a"', '  policy = "{}"', '}', 'resource "aws_s3_bucket" "b" {', '  bucket = "b"', '}');
  it.each([
    { shape: 'by reference', bucket: 'aws_s3_bucket.b.id', expected: { 'aws_s3_bucket.a': ['policy'], 'aws_s3_bucket.b': ['aws_s3_bucket_policy.p (main.tf:8)'] }, floating: 0 },
    { shape: 'by a literal name', bucket: '"b"', expected: { 'aws_s3_bucket.a': ['policy'], 'aws_s3_bucket.b': ['aws_s3_bucket_policy.p (main.tf:8)'] }, floating: 0 },
    { shape: 'by a variable: it may be any bucket', bucket: 'var.bucket', expected: { 'aws_s3_bucket.a': ['policy'], 'aws_s3_bucket.b': [] }, floating: 1 },
  ])('$shape', async ({ bucket, expected, floating }) => {
    const model = await iam({ 'main.tf': BUCKETS + lines('resource "aws_s3_bucket_policy" "p" {', `  bucket = ${bucket}`, '  policy = "{}"', '}') + lines('variable "bucket" {}') });
    expect(Object.fromEntries(model.buckets.map((b) => [b.address, b.policies.map((p) => p.name)]))).toEqual(expected);
    expect(model.floatingBucketPolicies).toHaveLength(floating);
  });

  it('plan JSON: a bucket policy linked by its configuration reference', async () => {
    const plan = planJson([
      { address: 'aws_s3_bucket.b', values: { bucket: 'b' } },
      { address: 'aws_s3_bucket_policy.p', values: { policy: '{"Statement":[]}' }, unknown: ['bucket'], refs: { bucket: ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'] } },
    ]);
    const model = await iam({ 'plan.json': plan }, 'plan.json');
    expect(model.buckets.map((b) => [b.address, b.policies.map((p) => [p.inline, p.policy.path])])).toEqual([['aws_s3_bucket.b', [[false, 'policy']]]]);
  });

  it('tags decide which buckets hold personal data; an unknown tag says why', async () => {
    const model = await iam({ 'main.tf': lines('variable "t" {}', 'resource "aws_s3_bucket" "b" {', '  bucket = "b"', '  tags   = { data = var.t }', '}') });
    expect(model.buckets[0].taggedAs('data')).toEqual({ answer: true });
    expect(model.buckets[0].taggedAs('data', 'personal').answer).toBe('unknown');
    expect(model.buckets[0].taggedAs('owner')).toEqual({ answer: false });
  });
});
