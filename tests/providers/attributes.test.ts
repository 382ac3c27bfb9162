import { loadInput } from '../../src/load-input';
import { setting } from '../../src/providers/attributes';
import { writeTree } from '../helpers/tmp-tree';

describe('setting(): how an omitted attribute is described', () => {
  const root = writeTree({
    'main.tf': [
      'resource "aws_opensearch_domain" "empty_block" {',
      '  domain_name = "a"',
      '  encrypt_at_rest {}',
      '}',
      'resource "aws_opensearch_domain" "no_block" {',
      '  domain_name = "b"',
      '}',
      '',
    ].join('\n'),
  });

  it('an attribute left out of a written block (encrypt_at_rest {}) is not "omitted": the block is there', async () => {
    const { graph } = await loadInput('.', { cwd: root, env: {} });
    const s = setting(graph.node('aws_opensearch_domain.empty_block')!, 'encrypt_at_rest.0.enabled', false);
    expect(s.describe).toBe('enabled = false (not set in the encrypt_at_rest block: provider default)');
    expect(s.isDefault).toBe(true);
  });

  it('an attribute whose block is absent is omitted with it', async () => {
    const { graph } = await loadInput('.', { cwd: root, env: {} });
    expect(setting(graph.node('aws_opensearch_domain.no_block')!, 'encrypt_at_rest.0.enabled', false).describe).toBe('enabled = false (provider default when omitted)');
    expect(setting(graph.node('aws_opensearch_domain.no_block')!, 'domain_endpoint_options.0.tls_security_policy').describe).toBe('tls_security_policy is not set');
  });
});
