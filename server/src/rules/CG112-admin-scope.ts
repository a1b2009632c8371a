import { asString, fromSuffix, listItems, prop } from '../core/model';
import type { Rule } from '../core/rule';
import { fix, removeFrom } from './fixkit';
import { hasSecret } from './util';

export const CG112: Rule = {
  id: 'CG112',
  name: 'admin-scope',
  defaultSeverity: 'warning',
  summary: 'The aws.cognito.signin.user.admin scope on a client without a secret.',
  check(c, ctx) {
    if (hasSecret(c) !== false) return;
    const listProp = prop(c, 'allowedOauthScopes');
    for (const s of listItems(listProp?.value)) {
      if (asString(s) !== 'aws.cognito.signin.user.admin') continue;
      ctx.report(
        s.span,
        `aws.cognito.signin.user.admin${fromSuffix(s)} lets an access token from this public client call the user's own Cognito APIs (change attributes, delete the account, manage devices). Remove the scope unless the app really needs those calls.`,
        { fixes: fix('Remove aws.cognito.signin.user.admin', removeFrom(listProp, s), { safe: false }) },
      );
    }
  },
};
