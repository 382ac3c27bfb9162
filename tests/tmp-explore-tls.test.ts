import { loadInput } from '../src/load-input';
import { writeTree } from './helpers/tmp-tree';

const files: Record<string, string> = {
  'main.tf': `
variable "actions" {}
variable "beh" { default = ["a", "b"] }
resource "aws_lb" "lb" { internal = false }
resource "aws_lb_listener" "l" {
  count = 2
  load_balancer_arn = aws_lb.lb.arn
  protocol = "HTTP"
  dynamic "default_action" {
    for_each = var.actions
    content {
      type = "redirect"
    }
  }
}
resource "aws_lb_listener_rule" "r" {
  listener_arn = aws_lb_listener.l[0].arn
  action {
    type = "forward"
  }
}
resource "aws_cloudfront_distribution" "d" {
  dynamic "ordered_cache_behavior" {
    for_each = var.beh
    content {
      path_pattern = ordered_cache_behavior.value
      viewer_protocol_policy = "allow-all"
    }
  }
  default_cache_behavior {
    viewer_protocol_policy = "https-only"
  }
}
resource "aws_elb" "e" {
  name = "x"
  listener {
    lb_protocol = "HTTPS"
  }
}
resource "aws_load_balancer_policy" "p" {
  load_balancer_name = aws_elb.e.name
  policy_type_name = "SSLNegotiationPolicyType"
  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-2017-01"
  }
}
resource "aws_load_balancer_listener_policy" "lp" {
  load_balancer_name = aws_elb.e.name
  load_balancer_port = 443
  policy_names = [aws_load_balancer_policy.p.policy_name]
}
`,
};

it('dumps', async () => {
  const root = writeTree(files);
  const input = await loadInput(root, { cwd: root, env: {} });
  const out: string[] = [];
  for (const n of input.graph.nodes()) {
    out.push(`${n.address} ${JSON.stringify(n.attrs)} ${JSON.stringify([...n.attrLocations.entries()].map(([k, v]) => [k, v.startLine]))}`);
  }
  for (const e of input.graph.edges()) out.push(JSON.stringify(e));
  out.push(JSON.stringify(input.diagnostics));
  console.log(out.join('\n'));
});
