import { loadModels } from '../../../helpers/models';
/** The ELB model per Terraform shape: aliases, provider defaults, links, classic negotiation policies, and exact leaf locations. */
import type { ElbModel } from '../../../../src/providers/aws/elb/model';
import { planJson } from '../../../helpers/plan-builder';

const tf = (...lines: string[]) => lines.join('\n') + '\n';

async function elbOf(files: Record<string, string>, input?: string): Promise<ElbModel> {
  return (await loadModels(files, input)).elb;
}

describe('elb adapter: load balancers and listeners', () => {
  it.each([
    ['aws_lb', 'aws_lb_listener'],
    ['aws_alb', 'aws_alb_listener'],
  ])('%s with %s: provider defaults, the link, and leaf locations', async (lbType, listenerType) => {
    const elb = await elbOf({
      'main.tf': tf(
        `resource "${lbType}" "web" {}`,
        `resource "${listenerType}" "https" {`,
        `  load_balancer_arn = ${lbType}.web.arn`,
        '  port              = 443',
        '    ssl_policy      = "ELBSecurityPolicy-TLS13-1-2-2021-06"',
        '}',
      ),
    });
    const [lb] = elb.loadBalancers;
    expect(lb.address).toBe(`${lbType}.web`);
    expect([lb.kind.value, lb.kind.isDefault, lb.internal.value, lb.internal.isDefault]).toEqual(['application', true, false, true]);
    const [l] = elb.listeners;
    expect(l.loadBalancers).toEqual([lb]);
    expect(lb.listeners).toEqual([l]);
    expect([l.protocol.value, l.protocol.isDefault, l.protocol.describe()]).toEqual(['HTTP', true, 'protocol = "HTTP" (provider default when omitted)']);
    expect([l.port.value, l.port.location?.startLine, l.port.location?.startColumn]).toEqual([443, 4, 3]);
    expect([l.sslPolicy.value, l.sslPolicy.isDefault, l.sslPolicy.location?.startLine, l.sslPolicy.location?.startColumn]).toEqual([
      'ELBSecurityPolicy-TLS13-1-2-2021-06',
      false,
      5,
      5,
    ]);
  });

  it('omitted ssl_policy is the provider default ELBSecurityPolicy-2016-08, located at the listener', async () => {
    const elb = await elbOf({ 'main.tf': tf('resource "aws_lb_listener" "l" {', '  protocol = "HTTPS"', '}') });
    const [l] = elb.listeners;
    expect([l.sslPolicy.value, l.sslPolicy.isDefault, l.sslPolicy.present]).toEqual(['ELBSecurityPolicy-2016-08', true, false]);
    expect(l.sslPolicy.location?.startLine).toBe(1);
    expect(l.loadBalancers).toEqual([]);
  });

  it('a variable without a value is unknown, with the reason', async () => {
    const elb = await elbOf({ 'main.tf': tf('variable "policy" {}', 'resource "aws_lb_listener" "l" {', '  ssl_policy = var.policy', '}') });
    const [l] = elb.listeners;
    expect(l.sslPolicy.known).toBe(false);
    expect(l.sslPolicy.reason).toContain('var.policy');
    expect(l.sslPolicy.test(() => true)).toBe('unknown');
  });

  it('default actions and listener rules, with full-path descriptions and the redirect protocol', async () => {
    const elb = await elbOf({
      'main.tf': tf(
        'resource "aws_lb_listener" "http" {',
        '  default_action {',
        '    type = "redirect"',
        '    redirect {',
        '      protocol = "HTTPS"',
        '    }',
        '  }',
        '}',
        'resource "aws_lb_listener_rule" "api" {',
        '  listener_arn = aws_lb_listener.http.arn',
        '  action {',
        '    type = "forward"',
        '  }',
        '}',
      ),
    });
    const [l] = elb.listeners;
    const [a] = l.defaultActions;
    expect([a.name, a.type.value, a.type.describe()]).toEqual(['default_action[0]', 'redirect', 'default_action.0.type = "redirect"']);
    expect([a.redirectProtocol.value, a.redirectProtocol.location?.startLine, a.redirectProtocol.location?.startColumn]).toEqual(['HTTPS', 5, 7]);
    expect(l.rules.map((r) => [r.address, r.actions[0].type.value, r.actions[0].type.location?.startLine])).toEqual([['aws_lb_listener_rule.api', 'forward', 12]]);
  });

  it('plan JSON: values and the load balancer link from configuration references', async () => {
    const elb = await elbOf(
      {
        'plan.json': planJson([
          { address: 'aws_lb.app', values: { internal: true, load_balancer_type: 'network' }, unknown: ['arn'] },
          { address: 'aws_lb_listener.tls', values: { port: 443, protocol: 'TLS' }, refs: { load_balancer_arn: ['aws_lb.app.arn'] } },
        ]),
      },
      'plan.json',
    );
    const [lb] = elb.loadBalancers;
    expect([lb.kind.value, lb.kind.isDefault, lb.internal.value]).toEqual(['network', false, true]);
    expect(elb.listeners[0].loadBalancers).toEqual([lb]);
    expect(elb.listeners[0].protocol.value).toBe('TLS');
  });
});

describe('elb adapter: access logs', () => {
  it.each([
    ['aws_lb', false, (elb: ElbModel) => elb.loadBalancers[0].accessLogs],
    ['aws_elb', true, (elb: ElbModel) => elb.classicLoadBalancers[0].accessLogs],
  ])('%s: enabled defaults to %s; the bucket is present even when known only after apply', async (type, enabledByDefault, pick) => {
    const elb = await elbOf({
      'main.tf': tf(`resource "${type}" "x" {`, '  access_logs {', '    bucket = aws_s3_bucket.logs.id', '  }', '}', 'resource "aws_s3_bucket" "logs" {}'),
    });
    const logs = pick(elb)!;
    expect([logs.path, logs.enabled.value, logs.enabled.isDefault, logs.bucket.value]).toEqual(['access_logs.0', enabledByDefault, true, true]);
    expect([logs.bucket.location?.startLine, logs.bucket.location?.startColumn]).toEqual([3, 5]);
  });
});

describe('elb adapter: classic load balancers', () => {
  it('policies by reference attached to a port, and by literal name for another port', async () => {
    const elb = await elbOf({
      'main.tf': tf(
        'resource "aws_elb" "web" {',
        '  name = "web"',
        '  listener {',
        '    lb_port     = 443',
        '    lb_protocol = "https"',
        '  }',
        '  listener {',
        '    lb_port     = 8443',
        '    lb_protocol = "ssl"',
        '  }',
        '}',
        'resource "aws_load_balancer_policy" "tls12" {',
        '  load_balancer_name = aws_elb.web.name',
        '  policy_name        = "tls12"',
        '  policy_type_name   = "SSLNegotiationPolicyType"',
        '  policy_attribute {',
        '    name  = "Reference-Security-Policy"',
        '    value = "ELBSecurityPolicy-TLS-1-2-2017-01"',
        '  }',
        '}',
        'resource "aws_load_balancer_listener_policy" "p443" {',
        '  load_balancer_name = aws_elb.web.name',
        '  load_balancer_port = 443',
        '  policy_names       = [aws_load_balancer_policy.tls12.policy_name]',
        '}',
        'resource "aws_lb_ssl_negotiation_policy" "p8443" {',
        '  load_balancer = "web"',
        '  lb_port       = 8443',
        '  attribute {',
        '    name  = "Protocol-TLSv1.2"',
        '    value = "true"',
        '  }',
        '}',
      ),
    });
    const [c] = elb.classicLoadBalancers;
    expect([c.internal.value, c.internal.isDefault]).toEqual([false, true]);
    const [l443, l8443] = c.listeners;
    expect([l443.name, l443.protocol.describe(), l443.port.describe(), l443.protocol.location?.startLine, l443.protocol.location?.startColumn]).toEqual([
      'listener[0]',
      'listener.0.lb_protocol = "https"',
      '443',
      5,
      5,
    ]);
    expect(l443.policies.map((p) => [p.address, p.policyName, p.reference?.value, p.reference?.location?.startLine])).toEqual([
      ['aws_load_balancer_policy.tls12', 'tls12', 'ELBSecurityPolicy-TLS-1-2-2017-01', 18],
    ]);
    // No listener policy names port 8443, so every negotiation policy on the ELB applies, plus the one tied to the port.
    expect(l8443.policies.map((p) => [p.address, p.enabledProtocols])).toEqual([
      ['aws_load_balancer_policy.tls12', []],
      ['aws_lb_ssl_negotiation_policy.p8443', ['Protocol-TLSv1.2']],
    ]);
  });

  it('unknown listener blocks and an unknown policy_type_name are carried as reasons', async () => {
    const elb = await elbOf({
      'main.tf': tf(
        'variable "listeners" {}',
        'variable "kind" {}',
        'resource "aws_elb" "web" {',
        '  dynamic "listener" {',
        '    for_each = var.listeners',
        '    content {',
        '      lb_port     = listener.value',
        '      lb_protocol = "https"',
        '    }',
        '  }',
        '}',
        'resource "aws_load_balancer_policy" "p" {',
        '  load_balancer_name = aws_elb.web.name',
        '  policy_type_name   = var.kind',
        '}',
      ),
    });
    const [c] = elb.classicLoadBalancers;
    expect(c.listeners.map((l) => [l.path, l.unknown !== undefined, l.policies])).toEqual([['listener.0', true, []]]);
  });
});
