import { asString, fromSuffix, listItems, prop } from '../model';
import type { Rule } from '../engine/types';

export const CG103: Rule = {
  id: 'CG103',
  name: 'implicit-grant',
  defaultSeverity: 'warning',
  summary: 'The implicit OAuth grant, which returns tokens in the URL fragment.',
  check(c, ctx) {
    for (const s of listItems(prop(c, 'allowedOauthFlows')?.value)) {
      if (asString(s) !== 'implicit') continue;
      ctx.report(
        s.span,
        `The implicit grant${fromSuffix(s)} returns tokens in the browser's URL, where history, logs and other scripts can read them; the OAuth security best practice (RFC 9700) says not to use it. Use "code" with PKCE instead.`,
      );
    }
  },
};
