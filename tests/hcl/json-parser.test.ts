import { parseJsonFile } from '../../src/hcl/json-parser';
import { HclSyntaxError } from '../../src/hcl/source-text';

const DOC = `{
  "variable": { "env": { "default": "prod" } },
  "resource": {
    "aws_s3_bucket": {
      "logs": {
        "bucket": "logs-\${var.env}",
        "tags": { "Name": "logs" }
      }
    },
    "aws_lb_listener": [
      { "https": { "port": 443, "default_action": { "type": "forward" } } }
    ]
  },
  "locals": { "n": 1 }
}
`;

describe('Terraform JSON syntax', () => {
  const file = parseJsonFile('main.tf.json', DOC);

  it('maps top-level objects to blocks with their labels and lines', () => {
    expect(file.body.blocks.map((b) => [b.type, ...b.labels, b.range.start.line, b.range.end.line])).toEqual([
      ['variable', 'env', 2, 2],
      ['resource', 'aws_s3_bucket', 'logs', 5, 8],
      ['resource', 'aws_lb_listener', 'https', 11, 11],
      ['locals', 14, 14],
    ]);
  });

  it('gives attributes their lines and parses strings as templates', () => {
    const bucket = file.body.blocks[1];
    expect(bucket.body.attributes.map((a) => [a.name, a.range.start.line, a.range.end.line])).toEqual([
      ['bucket', 6, 6],
      ['tags', 7, 7],
    ]);
    expect(bucket.body.attributes[0].expr.kind).toBe('template');
    expect(bucket.body.attributes[0].expr.range.start.line).toBe(6);
  });

  const errorAt = (text: string) => {
    try {
      parseJsonFile('bad.tf.json', text);
    } catch (err) {
      if (err instanceof HclSyntaxError) return [err.line, err.column, err.message];
      throw err;
    }
    throw new Error('expected a syntax error');
  };

  it('reports invalid JSON at its line and column', () => {
    expect(errorAt('{\n  "resource": {,}\n}')).toEqual([2, 16, 'Invalid JSON: a value was expected here.']);
  });

  it('reports a broken template at the string that holds it', () => {
    expect(errorAt('{\n  "locals": {\n    "a": "${"\n  }\n}').slice(0, 2)).toEqual([3, 10]);
  });
});
