/**
 * TG-ENC-010: no credentials in plaintext compute configuration (rules.md v1.2). EC2 user data, Lambda
 * environment variables and ECS container environments are readable by anyone who may describe the
 * resource; credentials belong in Secrets Manager or SSM Parameter Store (KMS-encrypted), read at run time.
 *
 * Decisions where rules.md is silent:
 * - Every resource in scope gets a verdict (rules.md: verdicts per resource): a resource without a
 *   credential passes, naming what was read, so an auditor sees which compute configuration was checked.
 * - A value not known statically (a reference, a variable without value) is not a literal; one given
 *   with `--var` / `TF_VAR_` is not written in the scanned files. A value known only from a plan is
 *   `unknown`: plan JSON does not say whether it was written as a literal (as TG-ENC-009).
 * - Numbers and booleans are not secrets (`PASSWORD_MIN_LENGTH = "12"`); Secrets Manager / SSM ARNs and
 *   `{{resolve:...}}` references are references, not secrets. In user data, a shell assignment
 *   (`export DB_PASSWORD=...`) counts as an environment variable unless its value is a shell expansion.
 * - Messages never print a value: only which attribute or variable holds what kind of credential.
 */
import type { EnvironmentVariable, PlaintextText, WrittenIn } from '../../src/providers/aws/plaintext';
import type { ModelResource } from '../../src/providers/resource';
import { combineResults, formatMessage } from '../../src/rules/context';
import { ResultPart, Rule, RuleResult } from '../../src/rules/types';

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/;
/** A secret access key: 40 base64 characters, standing alone. */
const SECRET_ACCESS_KEY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/;
const LABELLED_SECRET_KEY = /secret_?access_?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/i;
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|PRIVATE_KEY/i;
const REFERENCE = /^(arn:aws[\w-]*:(secretsmanager|ssm):|\{\{resolve:(secretsmanager|ssm))/i;
const NOT_A_SECRET = /^(-?\d+(\.\d+)?|true|false)$/i;
const SHELL_ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/gm;

/** What was found (`{{what}}` of the result messages). */
const KINDS = {
  keyPair: 'an AWS access key ID and a secret access key',
  keyId: 'an AWS access key ID',
  secretKey: 'an AWS secret access key',
  named: 'a secret literal of {{length}} characters{{assignment}}',
};

const messages = {
  ...KINDS,
  holds: '{{where}} holds {{what}}',
  clean: '{{checked}}: no credential written in plaintext',
  plan: '{{where}} holds a value known in the plan that may be a credential ({{what}}); plan JSON does not say whether it was written as a literal or passed in through a variable: scan the Terraform files to tell',
};

type Finding = { id: keyof typeof KINDS; data: Record<string, string | number> };

/** A literal value that counts as a secret when its name says it is one. */
function isSecretLiteral(name: string, value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '');
  return SECRET_NAME.test(name) && v !== '' && !REFERENCE.test(v) && !NOT_A_SECRET.test(v) && !/^[$`]/.test(v);
}

function keyFindings(text: string): Finding[] {
  const id = ACCESS_KEY_ID.test(text);
  const secret = LABELLED_SECRET_KEY.test(text) || (id && SECRET_ACCESS_KEY.test(text));
  if (id) return [{ id: secret ? 'keyPair' : 'keyId', data: {} }];
  return secret ? [{ id: 'secretKey', data: {} }] : [];
}

function textFindings(text: string): Finding[] {
  const named = [...text.matchAll(SHELL_ASSIGNMENT)].filter(([, name, value]) => isSecretLiteral(name, value) && !ACCESS_KEY_ID.test(value));
  return [...keyFindings(text), ...named.map(([, name, value]): Finding => ({ id: 'named', data: { assignment: ` (${name}=)`, length: value.trim().replace(/^["']|["']$/g, '').length } }))];
}

function variableFindings(v: EnvironmentVariable): Finding[] {
  const value = v.value.value;
  if (value === undefined) return [];
  const named: Finding[] = isSecretLiteral(v.name, value) && !ACCESS_KEY_ID.test(value) ? [{ id: 'named', data: { assignment: '', length: value.length } }] : [];
  return [...keyFindings(value), ...named];
}

/** The parts for one attribute's findings: fail, or unknown when only a plan shows the value. */
function parts(findings: Finding[], where: string, attribute: string, writtenIn: WrittenIn): ResultPart[] {
  if (findings.length === 0 || writtenIn === 'outside') return [];
  return findings.map(({ id, data }) => {
    const what = formatMessage(KINDS[id], data, 'TG-ENC-010');
    const status = writtenIn === 'plan' ? 'unknown' : 'fail';
    return { name: where, status, message: formatMessage(status === 'fail' ? messages.holds : messages.plan, { where, what }, 'TG-ENC-010'), attribute };
  });
}

const ofText = (t: PlaintextText) => parts(t.text === undefined ? [] : textFindings(t.text), t.leaf.path, t.leaf.path, t.writtenIn);
const ofVariables = (vars: EnvironmentVariable[], prefix: string) => vars.flatMap((v) => parts(variableFindings(v), `${prefix} ${v.name}`, v.value.path, v.writtenIn));

/** `user_data`, `2 environment variables`, or `no user data`: what the verdict read. */
function checked(count: number, one: string, many: string, none: string): string {
  return count === 0 ? none : count === 1 ? one : many.replace('{{n}}', String(count));
}

/** `user_data`, or `user_data (not known statically, so no literal)` when its value comes from outside the files. */
function userDataRead(texts: PlaintextText[]): string {
  if (texts.length === 0) return 'no user data';
  return texts.map((t) => (t.leaf.known ? t.leaf.path : `${t.leaf.path} (not known statically, so no literal)`)).join(', ');
}

function result(subject: ModelResource, found: ResultPart[], read: string): RuleResult[] {
  return [combineResults(subject, found, formatMessage(messages.clean, { checked: read }, 'TG-ENC-010'))];
}

export const rule: Rule = {
  meta: {
    id: 'TG-ENC-010',
    title: 'No credentials in plaintext compute configuration',
    claim: 'rest-kms',
    severity: 'high',
    fix: 'move the credential to Secrets Manager or SSM Parameter Store and read it at run time (ECS: secrets; EC2: an instance profile)',
    appliesTo: ['aws_instance', 'aws_launch_template', 'aws_lambda_function', 'aws_ecs_task_definition'],
    messages,
  },

  check({ aws }) {
    return [
      ...[...aws.ec2.instances, ...aws.ec2.launchTemplates].flatMap((r) =>
        result(r, r.userData.flatMap(ofText), userDataRead(r.userData)),
      ),
      ...aws.lambda.functions.flatMap((fn) =>
        result(fn, ofVariables(fn.environment, 'environment variable'), checked(fn.environment.length, '1 environment variable', '{{n}} environment variables', 'no environment variables')),
      ),
      ...aws.ecs.taskDefinitions.flatMap((task) =>
        result(task, ofVariables(task.environment, 'container environment variable'), checked(task.environment.length, '1 container environment variable', '{{n}} container environment variables', 'no container environment variables')),
      ),
    ];
  },
};
