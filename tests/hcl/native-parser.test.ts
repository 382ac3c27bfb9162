import { Block, Body, Expr } from '../../src/hcl/ast';
import { parseNativeExpression, parseNativeFile } from '../../src/hcl/native-parser';
import { HclSyntaxError } from '../../src/hcl/source-text';

/** [line, column] of a range's start and end. */
function span(r: { start: { line: number; column: number }; end: { line: number; column: number } }) {
  return [r.start.line, r.start.column, r.end.line, r.end.column];
}

function block(body: Body, type: string, ...labels: string[]): Block {
  const b = body.blocks.find((x) => x.type === type && labels.every((l, i) => x.labels[i] === l));
  if (!b) throw new Error(`no block ${type} ${labels.join(' ')}`);
  return b;
}

function attr(body: Body, name: string) {
  const a = body.attributes.find((x) => x.name === name);
  if (!a) throw new Error(`no attribute ${name}`);
  return a;
}

const TRICKY = [
  '# leading comment with { brace', //  1
  '// another } comment', //  2
  '/* multi', //  3
  '   line { comment */', //  4
  'variable "one_line" { default = 1 }', //  5
  '', //  6
  'resource "aws_lb_listener" "https" {', //  7
  '  port     = 443 # trailing', //  8
  '  protocol = "HTTPS" // trailing', //  9
  '  name     = "has } and { braces and ${var.x} and %{ if true }yes%{ endif }"', // 10
  '  policy   = <<EOT', // 11
  '{', // 12
  '  "Statement": [{"Effect": "Allow", "Resource": "${var.arn}"}]', // 13
  '}', // 14
  'EOT', // 15
  '  indented = <<-EOT', // 16
  '    first', // 17
  '      second }', // 18
  '    EOT', // 19
  '  default_action {', // 20
  '    type = "redirect"', // 21
  '    redirect { protocol = "HTTPS" }', // 22
  '  }', // 23
  '  dynamic "ingress" {', // 24
  '    for_each = var.rules', // 25
  '    content {', // 26
  '      from_port = ingress.value', // 27
  '    }', // 28
  '  }', // 29
  '  tags = {', // 30
  '    Name = "x"', // 31
  '    "quoted key" = 2,', // 32
  '  }', // 33
  '}', // 34
  '', // 35
].join('\n');

describe('native HCL parser positions', () => {
  const file = parseNativeFile('tricky.tf', TRICKY);
  const listener = block(file.body, 'resource', 'aws_lb_listener', 'https');

  it('finds top-level blocks with exact ranges, ignoring braces in comments', () => {
    expect(file.body.blocks.map((b) => [b.type, ...b.labels])).toEqual([
      ['variable', 'one_line'],
      ['resource', 'aws_lb_listener', 'https'],
    ]);
    expect(span(block(file.body, 'variable', 'one_line').range)).toEqual([5, 1, 5, 36]);
    expect(span(listener.range)).toEqual([7, 1, 34, 2]);
  });

  it('gives each attribute its own lines, including heredocs', () => {
    const lines = listener.body.attributes.map((a) => [a.name, a.range.start.line, a.range.end.line]);
    expect(lines).toEqual([
      ['port', 8, 8],
      ['protocol', 9, 9],
      ['name', 10, 10],
      ['policy', 11, 15],
      ['indented', 16, 19],
      ['tags', 30, 33],
    ]);
    expect(span(attr(listener.body, 'port').range)).toEqual([8, 3, 8, 17]);
  });

  it('gives nested, one-line and dynamic blocks their ranges', () => {
    const action = block(listener.body, 'default_action');
    expect(span(action.range)).toEqual([20, 3, 23, 4]);
    expect(span(block(action.body, 'redirect').range)).toEqual([22, 5, 22, 36]);
    const dyn = block(listener.body, 'dynamic', 'ingress');
    expect([dyn.range.start.line, dyn.range.end.line]).toEqual([24, 29]);
    const content = block(dyn.body, 'content');
    expect([content.range.start.line, content.range.end.line]).toEqual([26, 28]);
    expect(attr(content.body, 'from_port').range.start.line).toBe(27);
  });

  it('keeps heredoc text exactly and dedents <<-', () => {
    const policy = attr(listener.body, 'policy').expr;
    expect(policy.kind).toBe('template');
    const indented = attr(listener.body, 'indented').expr as Extract<Expr, { kind: 'template' }>;
    expect(indented.parts).toEqual([{ kind: 'lit', value: 'first\n  second }\n' }]);
  });

  it('records comments with their lines for suppressions', () => {
    expect(file.comments.map((c) => [c.range.start.line, c.text])).toEqual([
      [1, 'leading comment with { brace'],
      [2, 'another } comment'],
      [3, 'multi\n   line { comment'],
      [8, 'trailing'],
      [9, 'trailing'],
    ]);
  });
});

describe('native HCL expressions', () => {
  const kinds = (src: string) => parseNativeExpression('e.tf', src).kind;

  it('parses operators with HCL precedence', () => {
    const e = parseNativeExpression('e.tf', '1 + 2 * 3 == 7 && !false || x');
    expect(e.kind).toBe('binary');
    expect((e as Extract<Expr, { kind: 'binary' }>).op).toBe('||');
  });

  it('parses traversals, splats, for expressions and calls', () => {
    expect(kinds('aws_subnet.private[0].id')).toBe('getattr');
    expect(kinds('aws_subnet.private[*].id')).toBe('splat');
    expect(kinds('aws_subnet.private.*.id')).toBe('splat');
    expect(kinds('[for s in var.x : s.id if s.ok]')).toBe('for');
    expect(kinds('{for k, v in var.m : k => v...}')).toBe('for');
    expect(kinds('merge(var.a, var.b...)')).toBe('call');
    expect(kinds('provider::aws::arn_parse("x")')).toBe('call');
    expect(kinds('var.a ? 1 : 2')).toBe('conditional');
  });
});

describe('native HCL syntax errors', () => {
  const errorOf = (src: string) => {
    try {
      parseNativeFile('bad.tf', src);
    } catch (err) {
      if (err instanceof HclSyntaxError) return [err.line, err.column, err.message];
      throw err;
    }
    throw new Error('expected a syntax error');
  };

  it('reports a missing value at its line and column', () => {
    expect(errorOf('resource "a" "b" {\n  x = \n}\n')).toEqual([2, 7, 'Expected an expression, found newline.']);
  });

  it('reports an unterminated string', () => {
    expect(errorOf('a = "abc\nb = 1\n')[0]).toBe(1);
    expect(errorOf('a = "abc\nb = 1\n')[2]).toMatch(/Unterminated string/);
  });

  it('reports an unclosed block at the end of the file', () => {
    expect(errorOf('resource "a" "b" {\n  x = 1\n')).toEqual([3, 1, 'Unclosed block: expected "}" before the end of the file.']);
  });

  it('reports an unterminated heredoc at its start', () => {
    expect(errorOf('a = <<EOT\nhello\n')).toEqual([1, 5, 'Unterminated heredoc: no closing "EOT" line was found.']);
  });

  it('reports two attributes on one line', () => {
    expect(errorOf('a = 1 b = 2\n')[2]).toMatch(/must end with a newline/);
  });
});
