import { asBool, asString, completeList, fromSuffix, listItems, prop, scalars } from '../core/model';
import type { Rule } from '../core/rule';
import { isAppScheme, isLoopbackUrl } from './CG009-redirect-url';
import { q } from './util';

export const CG113: Rule = {
  id: 'CG113',
  name: 'secret-on-public-client',
  defaultSeverity: 'warning',
  summary: 'A secret on a client that looks public (implicit grant, or only app-scheme or loopback callbacks).',
  check(c, ctx) {
    const secret = scalars(prop(c, 'generateSecret')?.value).filter((s) => asBool(s) === true);
    if (!secret.length) return;
    const flows = listItems(prop(c, 'allowedOauthFlows')?.value).map(asString);
    // a client_credentials client must have a secret (CG008): it is a server, whatever its URLs say
    if (flows.includes('client_credentials')) return;
    const implicit = flows.includes('implicit');
    const cb = prop(c, 'callbackUrls');
    const urls = cb ? completeList(cb.value) : undefined;
    const nativeOnly =
      !!urls &&
      urls.length > 0 &&
      urls.every((s) => {
        const u = asString(s) ?? '';
        return isAppScheme(u) || isLoopbackUrl(u);
      });
    if (!implicit && !nativeOnly) return;
    const why = implicit
      ? 'it uses the implicit grant, which only browser apps use'
      : 'its callback URLs are only app schemes or loopback addresses, as a mobile or desktop app has';
    for (const s of secret) {
      ctx.report(
        s.span,
        `${q(c, 'generateSecret')} is true${fromSuffix(s)}, but this client looks public: ${why}. A secret shipped inside an app is not secret. Use a client without a secret (with PKCE) for the app.`,
      );
    }
  },
};
