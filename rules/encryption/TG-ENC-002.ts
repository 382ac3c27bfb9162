import { Unknown } from '../../src/eval/value';
import { GraphNode } from '../../src/graph/model';
import { Rule, RuleResult } from '../../src/rules/types';
import { setting, show } from '../../src/rules/support/attributes';
import { referencedNodes } from '../../src/rules/support/references';
import { fail, pass, unknown } from '../../src/rules/support/results';
import { DATA_STORE_TYPES } from './TG-ENC-001';

const KEY_TYPES = ['aws_kms_key', 'aws_kms_alias', 'aws_kms_replica_key', 'aws_kms_external_key', 'aws_kms_replica_external_key'];

/** Neptune names its key attribute differently. */
function keyAttribute(node: GraphNode): string {
  return node.type === 'aws_neptune_cluster' ? 'kms_key_arn' : 'kms_key_id';
}

/** `alias/aws/rds`, `arn:...:alias/aws/rds`: AWS-managed keys, which customers cannot control or audit. */
function isAwsManagedAlias(s: string): boolean {
  return /(^|:)alias\/aws\//.test(s);
}

/** `module.x.aws_kms_key.k` → `aws_kms_key`; `data.aws_kms_key.k` → undefined (a lookup, not a key). */
function resourceTypeOf(address: string): string | undefined {
  const parts = address.replace(/^(module\.[^.]+(\[[^\]]*\])?\.)+/, '').split('.');
  return parts[0] === 'data' ? undefined : parts[0];
}

function judgeKeyNode(node: GraphNode, attr: string, key: GraphNode): RuleResult {
  if (key.kind === 'data') {
    // A lookup by a literal alias or key ID: the name decides, as for a literal in kms_key_id.
    const named = [key.attr('name').value, key.attr('key_id').value].find((v) => typeof v === 'string') as string | undefined;
    if (named && isAwsManagedAlias(named)) return fail(node, `${attr} refers to ${key.address} (${named}), an AWS-managed key`, attr);
    if (named) return pass(node, `${attr} refers to ${key.address} (${named}), not an AWS-managed alias`, attr);
    return unknown(node, `${attr} refers to ${key.address}, a key looked up at plan time by a value not known statically`, attr);
  }
  if (key.type === 'aws_kms_alias') {
    const name = key.attr('name').value;
    if (typeof name === 'string' && isAwsManagedAlias(name)) return fail(node, `${attr} refers to ${key.address} (${name}), an AWS-managed key`, attr);
  }
  return pass(node, `${attr} refers to ${key.address}, a customer-managed key`, attr);
}

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-002',
    title: 'Databases are encrypted with a customer-managed KMS key',
    claim: 'rest-kms',
    severity: 'medium',
    description:
      'Encrypted RDS, DocumentDB and Neptune storage must use a customer-managed KMS key (`kms_key_id`, ' +
      'Neptune: `kms_key_arn`), so the key policy, rotation and audit trail are under the customer\'s ' +
      'control. Without it AWS uses the AWS-managed key `alias/aws/rds`. The key must resolve to an ' +
      '`aws_kms_key` or a customer `aws_kms_alias` in the graph, or be an ARN literal that is not an ' +
      'AWS-managed alias.',
    remediation: [
      'Create a key and reference it:',
      '',
      '```hcl',
      'resource "aws_kms_key" "rds" {',
      '  enable_key_rotation = true',
      '}',
      '',
      'resource "aws_db_instance" "main" {',
      '  storage_encrypted = true',
      '  kms_key_id        = aws_kms_key.rds.arn',
      '}',
      '```',
    ].join('\n'),
    fix: 'set kms_key_id to a customer-managed aws_kms_key',
    appliesTo: DATA_STORE_TYPES,
    references: {
      checkov: ['CKV_AWS_79', 'CKV_AWS_327', 'CKV_AWS_354'],
      trivy: ['AVD-AWS-0079'],
      docs: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.Keys.html'],
    },
  },

  check({ graph }) {
    return graph.resources(DATA_STORE_TYPES).map((node) => {
      const attr = keyAttribute(node);
      const key = setting(node, attr);
      if (!key.read.present) {
        return fail(node, `No customer-managed key: ${attr} is not set, so AWS uses the AWS-managed key (alias/aws/rds)`);
      }
      const targets = referencedNodes(graph, node, attr, KEY_TYPES);
      const keyNodes = targets.nodes.filter((n) => KEY_TYPES.includes(n.type));
      if (keyNodes.length > 0) return judgeKeyNode(node, attr, keyNodes[0]);
      const v = key.value;
      if (typeof v === 'string') {
        if (isAwsManagedAlias(v)) return fail(node, `${key.describe}: an AWS-managed key`, attr);
        if (v.trim() === '') return fail(node, `${attr} is empty, so AWS uses the AWS-managed key`, attr);
        return pass(node, `${key.describe}: a key ARN that is not an AWS-managed alias`, attr);
      }
      // A reference to a key resource this configuration does not declare (a file scanned alone):
      // its type alone says it is a customer-managed key.
      const refType = v instanceof Unknown && v.ref ? resourceTypeOf(v.ref.address) : undefined;
      if (refType === 'aws_kms_key' || refType === 'aws_kms_replica_key' || refType === 'aws_kms_external_key') {
        return pass(node, `${attr} refers to ${v instanceof Unknown ? v.ref!.address : ''}, an ${refType} (declared outside the scanned files): a customer-managed key`, attr);
      }
      if (v instanceof Unknown) return unknown(node, `the key is not known statically: ${show(v)}`, attr);
      return unknown(node, `${key.describe}: cannot tell which key this is`, attr);
    });
  },
};
