import { asString, fromSuffix, listItems, prop } from '../core/model';
import type { Rule } from '../core/rule';
import { fix, removeFrom } from './fixkit';
import { hasSecret } from './util';

const ADMIN_FLOWS = new Set(['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH']);

export const CG105: Rule = {
  id: 'CG105',
  name: 'admin-password-flow-public-client',
  defaultSeverity: 'warning',
  summary: 'The admin password flow on a client without a secret.',
  check(c, ctx) {
    if (hasSecret(c) !== false) return;
    const listProp = prop(c, 'explicitAuthFlows');
    for (const s of listItems(listProp?.value)) {
      const t = asString(s);
      if (!t || !ADMIN_FLOWS.has(t)) continue;
      ctx.report(
        s.span,
        `${t}${fromSuffix(s)} is the server-side password flow, but this client has no secret, so anything holding the client ID and AWS credentials can check passwords through it. Remove the flow, or keep it only on a confidential server-side client.`,
        {
          fixes: fix(`Remove ${t} (server-side sign-in through this client stops working)`, removeFrom(listProp, s), {
            safe: false,
          }),
        },
      );
    }
  },
};
