import { runRule } from './helpers/rule-tester';
import { Rule } from '../src/rules/types';
const dump: Rule = { meta: {} as never, check: ({ graph }) => { for (const n of graph.nodes()) { console.log(n.address, n.kind, JSON.stringify(n.attrs, (_k, v) => v, 1), [...n.attrLocations].map(([k, l]) => `${k}:${l.startLine}-${l.endLine}`).join(' ')); console.log(graph.edgesFrom(n)); } return []; } };
it('dump', async () => {
  await runRule(dump, { name: 'x', files: { 'main.tf': `
variable "v" {}
data "aws_iam_policy_document" "d" {
  source_policy_documents = [jsonencode({Statement = [{Effect="Allow", Action="*", Resource="*"}]})]
  statement {
    sid = "A"
    actions = ["s3:*"]
    resources = [aws_s3_bucket.b.arn, "\${aws_s3_bucket.b.arn}/*"]
    principals {
      type = "AWS"
      identifiers = ["*"]
    }
    condition {
      test = "StringEquals"
      variable = "aws:SourceAccount"
      values = [var.v]
    }
  }
  statement {
    actions = ["*"]
  }
}
resource "aws_s3_bucket" "b" {}
resource "aws_iam_policy" "p" {
  policy = data.aws_iam_policy_document.d.json
}
resource "aws_iam_policy" "q" {
  policy = <<EOT
{"Statement": {"Action": "*"}, "R": "\${var.v}"}
EOT
}
` } });
});
