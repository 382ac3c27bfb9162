import { loadInput, LoadedInput } from '../../../../src/load-input';
import { Unknown, Value } from '../../../../src/eval/value';
import { buildPolicyDocument, renderPolicyDocument } from '../../../../src/providers/aws/iam/policy-document-renderer';
import { writeTree } from '../../../helpers/tmp-tree';

async function load(files: Record<string, string>): Promise<LoadedInput> {
  const root = writeTree(files);
  return loadInput(root, { env: {}, cwd: root });
}

function attr(input: LoadedInput, address: string, path: string): Value | undefined {
  const node = input.graph.node(address);
  if (!node) throw new Error(`no node ${address}; have ${input.graph.nodes().map((n) => n.address).join(', ')}`);
  return node.attr(path).value;
}

async function jsonOf(hcl: string, name = 'test'): Promise<Value | undefined> {
  const input = await load({ 'main.tf': hcl });
  expect(input.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return attr(input, `data.aws_iam_policy_document.${name}`, 'json');
}

describe('aws_iam_policy_document rendering (provider v5 format)', () => {
  it('renders statements as the provider does: sets sorted in reverse, single values as strings, &{} variables, "*" principals', async () => {
    const json = await jsonOf(`
data "aws_iam_policy_document" "test" {
  policy_id = "policy_id"
  statement {
    sid = "1"
    actions = ["s3:ListAllMyBuckets", "s3:GetBucketLocation"]
    resources = ["arn:aws:s3:::*"]
  }
  statement {
    actions = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::foo"]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["home/", "", "home/&{aws:username}/"]
    }
    not_principals {
      type        = "AWS"
      identifiers = ["arn:blahblah:example"]
    }
  }
  statement {
    actions   = ["s3:*", "s3:*"]
    resources = ["arn:aws:s3:::foo/home/&{aws:username}", "arn:aws:s3:::foo/home/&{aws:username}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:blahblah:example"]
    }
  }
  statement {
    effect        = "Deny"
    not_actions   = ["s3:*"]
    not_resources = ["arn:aws:s3:::*"]
  }
  statement {
    actions = ["kinesis:*"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
  statement {
    actions = ["firehose:*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
`);
    expect(json).toBe(`{
  "Version": "2012-10-17",
  "Id": "policy_id",
  "Statement": [
    {
      "Sid": "1",
      "Effect": "Allow",
      "Action": [
        "s3:ListAllMyBuckets",
        "s3:GetBucketLocation"
      ],
      "Resource": "arn:aws:s3:::*"
    },
    {
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::foo",
      "NotPrincipal": {
        "AWS": "arn:blahblah:example"
      },
      "Condition": {
        "StringLike": {
          "s3:prefix": [
            "home/",
            "",
            "home/\${aws:username}/"
          ]
        }
      }
    },
    {
      "Effect": "Allow",
      "Action": "s3:*",
      "Resource": [
        "arn:aws:s3:::foo/home/\${aws:username}/*",
        "arn:aws:s3:::foo/home/\${aws:username}"
      ],
      "Principal": {
        "AWS": "arn:blahblah:example"
      }
    },
    {
      "Effect": "Deny",
      "NotAction": "s3:*",
      "NotResource": "arn:aws:s3:::*"
    },
    {
      "Effect": "Allow",
      "Action": "kinesis:*",
      "Principal": {
        "AWS": "*"
      }
    },
    {
      "Effect": "Allow",
      "Action": "firehose:*",
      "Principal": "*"
    }
  ]
}`);
  });

  it('computes minified_json and combines principal blocks of one type', async () => {
    const input = await load({
      'main.tf': `
data "aws_iam_policy_document" "test" {
  statement {
    sid       = "Both"
    actions   = ["*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111111111111:root"]
    }
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"]
    }
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/team"
      values   = ["a&b <c>"]
    }
  }
}
`,
    });
    expect(attr(input, 'data.aws_iam_policy_document.test', 'minified_json')).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"Both","Effect":"Allow","Action":"*","Resource":"*",' +
        '"Principal":{"AWS":["arn:aws:iam::111111111111:root","arn:aws:iam::333333333333:root","arn:aws:iam::222222222222:root"],"Service":"ec2.amazonaws.com"},' +
        '"Condition":{"StringEquals":{"aws:PrincipalTag/team":"a\\u0026b \\u003cc\\u003e"}}}]}',
    );
  });

  it('merges source_policy_documents first, in order', async () => {
    const json = await jsonOf(
      `
data "aws_iam_policy_document" "policy_a" {
  statement {
    sid     = ""
    effect  = "Allow"
    actions = ["foo:ActionOne"]
  }
  statement {
    sid     = "validSidOne"
    effect  = "Allow"
    actions = ["bar:ActionOne"]
  }
}
data "aws_iam_policy_document" "policy_b" {
  statement {
    sid     = "validSidTwo"
    effect  = "Deny"
    actions = ["foo:ActionTwo"]
  }
}
data "aws_iam_policy_document" "test_source_list" {
  version = "2012-10-17"
  source_policy_documents = [
    data.aws_iam_policy_document.policy_a.json,
    data.aws_iam_policy_document.policy_b.json,
  ]
  statement {
    sid     = "validSidOne"
    actions = ["baz:Own"]
  }
}
`,
      'test_source_list',
    );
    expect(json).toBe(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "foo:ActionOne"
    },
    {
      "Sid": "validSidOne",
      "Effect": "Allow",
      "Action": "baz:Own"
    },
    {
      "Sid": "validSidTwo",
      "Effect": "Deny",
      "Action": "foo:ActionTwo"
    }
  ]
}`);
  });

  it('merges override_policy_documents last, replacing statements by Sid', async () => {
    const json = await jsonOf(
      `
data "aws_iam_policy_document" "test_override_list" {
  statement {
    sid       = "overrideSid"
    actions   = ["bar:ActionOne"]
  }
  statement {
    actions   = ["foo:ActionOne"]
  }
  override_policy_documents = [
    jsonencode({ Statement = [{ Sid = "validSid", Effect = "Deny", Action = "foo:ActionTwo" }] }),
    jsonencode({ Statement = [{ Sid = "overrideSid", Effect = "Deny", Action = ["bar:ActionOne"] }] }),
  ]
}
`,
      'test_override_list',
    );
    expect(json).toBe(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "overrideSid",
      "Effect": "Deny",
      "Action": [
        "bar:ActionOne"
      ]
    },
    {
      "Effect": "Allow",
      "Action": "foo:ActionOne"
    },
    {
      "Sid": "validSid",
      "Effect": "Deny",
      "Action": "foo:ActionTwo"
    }
  ]
}`);
  });

  it('reads v4 source_json / override_json', async () => {
    const json = await jsonOf(
      `
data "aws_iam_policy_document" "source" {
  statement {
    sid       = "OverridePlaceholder"
    actions   = ["ec2:DescribeAccountAttributes"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "override" {
  statement {
    sid       = "OverridePlaceholder"
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "yak_politik" {
  source_json   = data.aws_iam_policy_document.source.json
  override_json = data.aws_iam_policy_document.override.json
}
`,
      'yak_politik',
    );
    expect(json).toBe(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "OverridePlaceholder",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*"
    }
  ]
}`);
  });

  it('re-encodes source documents as the provider reads them', async () => {
    const json = await jsonOf(`
data "aws_iam_policy_document" "test" {
  source_policy_documents = [<<EOF
{
  "Version": "2008-10-17",
  "Statement": [
    {
      "effect": "Allow",
      "Action": ["s3:B", "s3:A"],
      "Principal": "arn:aws:iam::111111111111:root",
      "Unknown": "dropped",
      "Condition": { "Bool": { "aws:SecureTransport": false }, "StringEquals": { "aws:SourceAccount": ["111111111111"] } }
    }
  ]
}
EOF
  ]
}
`);
    expect(json).toBe(`{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "s3:B",
        "s3:A"
      ],
      "Principal": "*",
      "Condition": {
        "Bool": {
          "aws:SecureTransport": "false"
        },
        "StringEquals": {
          "aws:SourceAccount": "111111111111"
        }
      }
    }
  ]
}`);
  });

  it('renders a document without statements', async () => {
    expect(await jsonOf('data "aws_iam_policy_document" "test" {}\n')).toBe('{\n  "Version": "2012-10-17"\n}');
  });
});

describe('aws_iam_policy_document: unknowns and errors', () => {
  it('an unknown value in a statement makes json an Unknown naming it, also where it is used', async () => {
    const input = await load({
      'main.tf': `
variable "bucket" {}
data "aws_iam_policy_document" "d" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::\${var.bucket}/*"]
  }
}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.d.json
}
`,
    });
    const json = attr(input, 'data.aws_iam_policy_document.d', 'json');
    expect(json).toBeInstanceOf(Unknown);
    const u = json as Unknown;
    expect(u.source).toBe('data.aws_iam_policy_document.d.json');
    expect(u.reason).toBe('statement.0 depends on arn:aws:s3:::${var.bucket}/* (no value given: set it with --var bucket=..., a .tfvars file or TF_VAR_bucket)');
    expect(u.ref).toEqual({ address: 'data.aws_iam_policy_document.d', attrPath: 'json' });
    expect(attr(input, 'data.aws_iam_policy_document.d', 'minified_json')).toBeInstanceOf(Unknown);
    expect(attr(input, 'aws_iam_policy.p', 'policy')).toBe(json);
  });

  it('an unknown source document, and a document built from it, are unknown; the address includes the module', async () => {
    const input = await load({
      'main.tf': 'module "m" {\n  source = "./m"\n}\n',
      'm/main.tf': `
variable "base" { type = string }
data "aws_iam_policy_document" "a" {
  source_policy_documents = [var.base]
}
data "aws_iam_policy_document" "b" {
  override_policy_documents = [data.aws_iam_policy_document.a.json]
}
`,
    });
    const a = attr(input, 'module.m.data.aws_iam_policy_document.a', 'json') as Unknown;
    expect(a).toBeInstanceOf(Unknown);
    expect(a.source).toBe('module.m.data.aws_iam_policy_document.a.json');
    expect(a.reason).toContain('source_policy_documents[0] depends on module.m.var.base');
    const b = attr(input, 'module.m.data.aws_iam_policy_document.b', 'json') as Unknown;
    expect(b).toBeInstanceOf(Unknown);
    expect(b.reason).toContain('override_policy_documents[0] depends on module.m.data.aws_iam_policy_document.a.json');
  });

  it('provider errors (duplicate Sid, invalid JSON, Statement object in a source) leave json unknown', async () => {
    const input = await load({
      'main.tf': `
data "aws_iam_policy_document" "dup" {
  statement {
    sid     = "1"
    actions = ["a:B"]
  }
  statement {
    sid     = "1"
    actions = ["a:C"]
  }
}
data "aws_iam_policy_document" "dupsrc" {
  source_policy_documents = [
    jsonencode({ Statement = [{ Sid = "X", Effect = "Allow", Action = "a:B" }] }),
    jsonencode({ Statement = [{ Sid = "X", Effect = "Allow", Action = "a:C" }] }),
  ]
}
data "aws_iam_policy_document" "badjson" {
  source_policy_documents = ["{nope"]
}
data "aws_iam_policy_document" "object" {
  source_policy_documents = [jsonencode({ Statement = { Effect = "Allow", Action = "*", Resource = "*" } })]
}
`,
    });
    const reason = (name: string) => (attr(input, `data.aws_iam_policy_document.${name}`, 'json') as Unknown).reason;
    expect(reason('dup')).toBe('the AWS provider would fail to read it: duplicate Sid (1). Remove the Sid or ensure the Sid is unique.');
    expect(reason('dupsrc')).toContain('duplicate Sid (X) in source_policy_documents');
    expect(reason('badjson')).toContain('merging source document source_policy_documents[0]: not valid JSON');
    expect(reason('object')).toContain('Statement must be a list');
  });
});

describe('buildPolicyDocument', () => {
  const base = new Unknown('var.base', 'no value given');

  it('keeps Unknowns in place and records origins', () => {
    const res = new Unknown('aws_s3_bucket.b.arn', 'known after apply', { address: 'aws_s3_bucket.b', attrPath: 'arn' });
    const doc = buildPolicyDocument({
      source_policy_documents: [base],
      statement: [{ sid: 'Own', actions: ['s3:GetObject'], resources: [res] }],
    });
    expect(doc.entries).toEqual([
      { unknown: base, origin: { path: 'source_policy_documents.0', label: 'source_policy_documents[0]' } },
      { statement: { Sid: 'Own', Effect: 'Allow', Action: 's3:GetObject', Resource: res }, origin: { path: 'statement.0', label: 'statement.0' } },
    ]);
  });

  it('marks statements with a Sid that an unknown override document may replace', () => {
    const doc = buildPolicyDocument({
      statement: [{ sid: 'A', actions: ['*'], resources: ['*'] }, { actions: ['*'], resources: ['*'] }],
      override_policy_documents: [base],
    });
    expect(doc.entries.map((e) => ('unknown' in e ? 'unknown' : e.mayBeReplacedBy?.source ?? 'kept'))).toEqual(['var.base', 'kept', 'unknown']);
  });

  it('version 2008-10-17 does not allow &{} policy variables (a provider error)', () => {
    const out = renderPolicyDocument({ version: '2008-10-17', statement: [{ actions: ['s3:*'], resources: ['arn:aws:s3:::b/&{aws:username}'] }] }, 'data.aws_iam_policy_document.x');
    expect((out.json as Unknown).reason).toBe(
      'the AWS provider would fail to read it: found &{ sequence in (arn:aws:s3:::b/&{aws:username}), which is not supported in document version 2008-10-17',
    );
    expect(renderPolicyDocument({ version: '2008-10-17', statement: [{ actions: ['s3:*'] }] }, 'data.aws_iam_policy_document.x').minified_json).toBe(
      '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}',
    );
  });

  it('renders from the configuration alone (renderer signature)', () => {
    expect(renderPolicyDocument({ statement: [{ actions: ['s3:GetObject'], resources: ['*'] }] }, 'data.aws_iam_policy_document.x')).toEqual({
      json: '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "*"\n    }\n  ]\n}',
      minified_json: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
    });
  });
});
