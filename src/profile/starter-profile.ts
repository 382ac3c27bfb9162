/**
 * The commented starter profile `tomguard profile init` writes. It is valid as written; its parameters
 * (with their defaults) come from the rules' `meta.parameters`.
 */
import { ALL_RULES } from '../../rules';
import { parameterCatalog, starterParameterLines } from './rule-parameters';

export const STARTER_PROFILE = `# tomguard TOM profile: your organisation's Technical and Organisational Measures,
# as claims that tomguard checks against your Terraform. Use it with:
#   tomguard scan --profile tomguard-profile.yml .
# Check it with: tomguard profile validate tomguard-profile.yml

name: my-company-tom
description: TOM annex of our data processing agreement (version 2026-01)

# Start from the reference TOM (TLS 1.2+, KMS at rest, private subnets, least privilege,
# CloudTrail/GuardDuty, backups, patching, retention). Remove this line and list your own
# claims below to replace them entirely.
extends: reference

# claims:
#   - id: transit-tls12                 # stable id, used in reports
#     section: "2.1"                    # the section of your TOM document
#     title: Personal data over public networks is encrypted with TLS 1.2 or higher
#     rules: [TG-TLS-001, TG-TLS-002, TG-TLS-003]
#   - id: threat-detection
#     section: "2.9"
#     title: Real-time monitoring with GuardDuty
#     rules: [TG-LOG-002, TG-LOG-005]
#     externalEvidence:                 # when the evidence is outside this code
#       - statement: GuardDuty is enabled organisation-wide from the security account
#         link: https://wiki.example.com/security/guardduty

# Organisational measures code cannot show; listed as out of scope in the report.
# outOfScope:
#   - section: "3"
#     title: Staff confidentiality agreements and security training

parameters:
${starterParameterLines(parameterCatalog(ALL_RULES)).join('\n')}

# Resources a claim deliberately does not cover, each with a reason (and an expiry to revisit it).
exemptions: []
#   - rules: [TG-NET-004]
#     address: "aws_instance.bastion*"  # * matches any run of characters
#     reason: Bastion host in a public subnet, approved in SEC-123
#     expires: "2027-03-31"
#   - rules: [TG-ENC-004]
#     tag: { key: Purpose, value: log-delivery }
#     reason: Log delivery buckets cannot use SSE-KMS
`;
