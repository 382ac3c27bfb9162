import { Rule, RuleContext, RuleResult } from '../../src/rules/types';
import { USER_POLICY_TYPES, UserPolicyGrant } from '../../src/providers/aws/iam/model';

/** `aws_iam_policy_attachment`: fails when `users` names any user. */
function checkPolicyAttachment({ report }: RuleContext, g: UserPolicyGrant): RuleResult {
  const users = g.users!;
  if (!users.known) return report('unknown', g, 'unknownList', { attribute: 'users', reason: users.reason ?? '' }, 'users');
  if (users.value === 0) {
    const through = g.alsoAttachedThrough.length > 0 ? `; the policy is attached through ${g.alsoAttachedThrough.join(' and ')}` : '';
    return report('pass', g, 'noUser', { users: users.describe(), through }, users.present ? 'users' : undefined);
  }
  return report('fail', g, 'attachedToUsers', { users: g.userNames }, 'users');
}

/** The `*_exclusive` forms: fail with any policy in the list, pass when it is empty (the resource removes any). */
function checkExclusive({ report }: RuleContext, g: UserPolicyGrant): RuleResult {
  const list = g.exclusiveList!;
  const what = g.type === 'aws_iam_user_policies_exclusive' ? 'inline policies' : 'managed policies';
  if (!list.known) return report('unknown', g, 'unknownList', { attribute: list.path, reason: list.reason ?? '' }, list.path);
  if (list.value === 0) return report('pass', g, 'emptyExclusive', { list: list.describe(), what }, list.path);
  const What = `${what[0].toUpperCase()}${what.slice(1)}`;
  return report('fail', g, 'exclusive', { What, user: g.userNames, list: list.describe() }, list.path);
}

export const rule: Rule = {
  meta: {
    id: 'TG-IAM-003',
    title: 'IAM policies are not attached directly to users',
    claim: 'iam-least-privilege',
    severity: 'medium',
    fix: 'attach the policy to a group or a role, not to the user',
    appliesTo: USER_POLICY_TYPES,
    messages: {
      unknownList: '{{attribute}} is not known statically: {{reason}}',
      noUser: '{{users}}: no user gets the policy directly{{through}}',
      attachedToUsers: 'Policy attached directly to IAM users: {{users}}; attach it to a group or a role instead',
      emptyExclusive: '{{list}}: the user holds no {{what}} (the resource removes any)',
      exclusive: '{{What}} attached directly to IAM user {{user}}: {{list}}; use a group or a role instead',
      inline: 'Inline policy on IAM user {{user}}; grant it through a group or a role instead',
      attached: 'Policy attached directly to IAM user {{user}}; attach it to a group or a role instead',
    },
  },

  check(ctx) {
    return ctx.aws.iam.userPolicyGrants.map((g) => {
      if (g.users) return checkPolicyAttachment(ctx, g);
      if (g.exclusiveList) return checkExclusive(ctx, g);
      return ctx.report('fail', g, g.type === 'aws_iam_user_policy' ? 'inline' : 'attached', { user: g.userNames }, g.userWritten ? 'user' : undefined);
    });
  },
};
