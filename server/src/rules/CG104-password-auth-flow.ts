import { asString, fromSuffix, listItems, prop } from '../model';
import type { Rule } from '../engine/types';

const PASSWORD_FLOWS = new Set(['ALLOW_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH']);

export const CG104: Rule = {
  id: 'CG104',
  name: 'password-auth-flow',
  defaultSeverity: 'warning',
  summary: 'A flow that sends the user password to Cognito instead of proving it with SRP.',
  check(c, ctx) {
    for (const s of listItems(prop(c, 'explicitAuthFlows')?.value)) {
      const t = asString(s);
      if (!t || !PASSWORD_FLOWS.has(t)) continue;
      ctx.report(
        s.span,
        `${t}${fromSuffix(s)} makes the app send the user's password itself to Cognito, instead of proving it with SRP; anything that can see the request sees the password. Use ALLOW_USER_SRP_AUTH.`,
      );
    }
  },
};
