import { shortenMessage } from '../../../src/report/renderers/short-message';

describe('shortenMessage: text output keeps the verdict and leaves out the provenance chain', () => {
  it('leaves messages within the limit alone', () => {
    expect(shortenMessage('storage_encrypted = false', 200)).toBe('storage_encrypted = false');
  });

  it('drops nested provenance first', () => {
    const msg = 'Plain HTTP listener (protocol = "HTTP" (var.default_protocol (default in modules/alb/variables.tf:238))): the listener forwards plain HTTP traffic';
    expect(shortenMessage(msg, 100)).toBe('Plain HTTP listener (protocol = "HTTP"): the listener forwards plain HTTP traffic');
  });

  it('then the locations of referenced resources, which JSON gives anyway', () => {
    const msg = 'publicly_accessible = true (var.db_public (set in envs/prod/terraform.tfvars:3)); subnet group aws_db_subnet_group.main (envs/prod/database.tf:4) includes a public subnet';
    expect(shortenMessage(msg, 110)).toBe('publicly_accessible = true (var.db_public); subnet group aws_db_subnet_group.main includes a public subnet');
  });

  it('then the longest asides, then cuts at a word', () => {
    const msg = 'http_tokens = "optional" (provider default when omitted): IMDSv1 is accepted (an AMI registered with ImdsSupport = v2.0 or an account default may require IMDSv2, but the code does not show it)';
    expect(shortenMessage(msg, 120)).toBe('http_tokens = "optional" (provider default when omitted): IMDSv1 is accepted (…)');
    expect(shortenMessage('word '.repeat(60).trim(), 50)).toBe(`${'word '.repeat(9).trim()}…`);
  });
});
