import { asString, fromSuffix, listItems, prop } from '../core/model';
import { fix, removeFrom, replaceScalar } from './fixkit';
import type { Rule } from '../core/rule';

export const CG103: Rule = {
  id: 'CG103',
  name: 'implicit-grant',
  defaultSeverity: 'warning',
  summary: 'The implicit OAuth grant, which returns tokens in the URL fragment.',
  check(c, ctx) {
    const flows = prop(c, 'allowedOauthFlows');
    const hasCode = listItems(flows?.value).some((x) => asString(x) === 'code');
    for (const s of listItems(flows?.value)) {
      if (asString(s) !== 'implicit') continue;
      ctx.report(
        s.span,
        `The implicit grant${fromSuffix(s)} returns tokens in the browser's URL, where history, logs and other scripts can read them; the OAuth security best practice (RFC 9700) says not to use it. Use "code" with PKCE instead.`,
        {
          fixes: hasCode
            ? fix('Remove "implicit" (the app must use the code grant)', removeFrom(flows, s), { safe: false })
            : fix('Replace "implicit" with "code" (the app must switch to the code grant)', replaceScalar(s, 'code'), {
                safe: false,
              }),
        },
      );
    }
  },
};
