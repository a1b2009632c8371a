import { asString, fromSuffix, listItems, prop } from '../core/model';
import type { Rule } from '../core/rule';
import { isLoopbackUrl } from './CG009-redirect-url';

export const CG205: Rule = {
  id: 'CG205',
  name: 'loopback-redirect',
  defaultSeverity: 'info',
  summary: 'A localhost, 127.0.0.1 or [::1] redirect URL, meant for testing only.',
  check(c, ctx) {
    for (const [id, label] of [
      ['callbackUrls', 'callback'],
      ['logoutUrls', 'sign-out'],
    ] as const) {
      for (const s of listItems(prop(c, id)?.value)) {
        const u = asString(s);
        if (!u || !isLoopbackUrl(u)) continue;
        ctx.report(
          s.span,
          `${JSON.stringify(u)}${fromSuffix(s)} is a loopback ${label} URL, meant for local testing: in a deployed client it lets any program on a user's machine receive the codes. Keep it out of production clients.`,
        );
      }
    }
  },
};
