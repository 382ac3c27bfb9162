import { parseNativeExpression } from '../../src/hcl/native-parser';
import { staticReferences } from '../../src/hcl/static-references';

const refs = (src: string) => staticReferences(parseNativeExpression('e.tf', src));

describe('static references of an expression', () => {
  it('names resources, modules, variables and locals as plans do', () => {
    expect(refs('aws_subnet.private[*].id')).toEqual(['aws_subnet.private']);
    expect(refs('aws_subnet.private[0].id')).toEqual(['aws_subnet.private[0].id']);
    expect(refs('aws_subnet.private[count.index].id')).toEqual(['aws_subnet.private']);
    expect(refs('concat(module.net.private_ids, [var.extra])')).toEqual(['module.net.private_ids', 'var.extra']);
    expect(refs('"arn:aws:s3:::${local.bucket}/*"')).toEqual(['local.bucket']);
    expect(refs('data.aws_iam_policy_document.p.json')).toEqual(['data.aws_iam_policy_document.p.json']);
  });

  it('leaves out for-expression variables, count, each and path', () => {
    expect(refs('[for s in aws_subnet.x : s.id if s.tags.public != "true"]')).toEqual(['aws_subnet.x']);
    expect(refs('"${path.module}/${each.key}-${count.index}"')).toEqual([]);
  });
});
