/**
 * The built-in profile: the reference TOM of shared/spec/tom-reference.md (a Swedish help-desk SaaS on
 * AWS). Each technical claim lists the rules that give evidence for it; organisational sections are
 * listed as out of scope so an auditor sees the whole document.
 */
import { DEFAULT_PARAMETERS, RuleParameters } from '../rules/parameters';

export interface ExternalEvidence {
  statement: string;
  link?: string;
}

export interface ClaimDefinition {
  id: string;
  section: string;
  title: string;
  rules: string[];
  /** Evidence outside the scanned code: turns `not-evidenced` into `holds` (external). */
  externalEvidence?: ExternalEvidence[];
}

export interface Exemption {
  /** Rule IDs it applies to; empty = every rule. */
  rules: string[];
  /** Resource address glob (`*` matches any run of characters). */
  address?: string;
  tag?: { key: string; value?: string };
  reason: string;
  expires?: string;
}

export interface Profile {
  name: string;
  /** `builtin`, or the profile file as given. */
  source: string;
  description?: string;
  claims: ClaimDefinition[];
  outOfScope: Array<{ section: string; title: string }>;
  parameters: RuleParameters;
  exemptions: Exemption[];
  /** AWS accounts of an estate (root directory globs); absent: everything scanned is one account. */
  accounts?: AccountDefinition[];
}

export interface AccountDefinition {
  name: string;
  roots: string[];
}

function range(prefix: string, from: number, to: number): string[] {
  const ids: string[] = [];
  for (let i = from; i <= to; i++) ids.push(`${prefix}-${String(i).padStart(3, '0')}`);
  return ids;
}

export const REFERENCE_PROFILE: Profile = {
  name: 'reference-tom',
  source: 'builtin',
  description: 'The reference TOM of a help-desk SaaS on AWS (CloudFront → ALB → ECS → RDS, KMS, CloudTrail, GuardDuty).',
  parameters: DEFAULT_PARAMETERS,
  exemptions: [],
  claims: [
    { id: 'transit-tls12', section: '2.1', title: 'Personal data over public networks is encrypted with TLS 1.2 or higher', rules: range('TG-TLS', 1, 8) },
    { id: 'rest-kms', section: '2.1', title: 'Personal data in databases and backups is encrypted at rest with AWS KMS (AES-256)', rules: range('TG-ENC', 1, 10) },
    {
      id: 'network-private',
      section: '2.2',
      title: 'Databases and caches live in private subnets behind security groups; CloudFront and the ALB are the only entry point',
      rules: [...range('TG-NET', 1, 5), 'TG-NET-008'],
    },
    { id: 'network-monitoring', section: '2.2', title: 'AWS services monitor network traffic', rules: ['TG-NET-006', 'TG-NET-007'] },
    { id: 'iam-least-privilege', section: '2.5', title: 'Access is role based (IAM roles and policies) with least privilege', rules: [...range('TG-IAM', 1, 3), 'TG-IAM-006', 'TG-IAM-007'] },
    { id: 'authentication', section: '1.3 / 2.5', title: 'Strong passwords, MFA for administrative access, lockout', rules: ['TG-IAM-004', 'TG-IAM-005'] },
    { id: 'audit-logging', section: '2.5 / 2.9', title: 'CloudTrail logs API calls; CloudWatch watches logs and metrics', rules: ['TG-LOG-001', 'TG-LOG-003', 'TG-LOG-006'] },
    { id: 'threat-detection', section: '2.9 / 8', title: 'Real-time monitoring with GuardDuty and automated alerts', rules: ['TG-LOG-002', 'TG-LOG-005'] },
    { id: 'backup-recovery', section: '2.6', title: 'Automated RDS backups, encrypted with KMS, restorable', rules: [...range('TG-BAK', 1, 4), 'TG-ENC-006'] },
    { id: 'patching', section: '2.3', title: 'Updates and patches are applied regularly, automated where possible', rules: ['TG-SYS-001', 'TG-SYS-002'] },
    { id: 'retention', section: '9', title: 'Data is kept no longer than needed', rules: ['TG-LOG-004'] },
  ],
  // tom-reference.md names these organisational measures without section numbers.
  outOfScope: [
    { section: 'organisational', title: 'Physical security of the AWS data centres (AWS responsibility)' },
    { section: 'organisational', title: 'Staff training and confidentiality agreements (NDAs)' },
    { section: 'organisational', title: 'Data protection officer' },
    { section: 'organisational', title: 'Vendor and sub-processor due diligence' },
  ],};

/** Which claim a rule evidences in a profile (the first claim listing it). */
export function claimOfRule(profile: Profile, ruleId: string): string | undefined {
  return profile.claims.find((c) => c.rules.includes(ruleId))?.id;
}
