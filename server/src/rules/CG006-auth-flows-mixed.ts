import { asString, fromSuffix, lists, prop, scalars, type ListValue, type ScalarValue } from '../core/model';
import type { Rule } from '../core/rule';
import { fix, removeItem, replaceScalar } from './fixkit';
import { q } from './util';

/** Legacy explicit auth flow names and their `ALLOW_` equivalents. */
export const LEGACY_FLOWS: Record<string, string> = {
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  CUSTOM_AUTH_FLOW_ONLY: 'ALLOW_CUSTOM_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
};

/** Rewrites one legacy name as its ALLOW_ equivalent, or drops it when the equivalent is already listed. */
function legacyFix(list: ListValue, s: ScalarValue, texts: Array<string | undefined>) {
  const t = asString(s) ?? '';
  const modern = LEGACY_FLOWS[t] ?? '';
  if (texts.includes(modern))
    return fix(`Remove ${t} (${modern} is already listed)`, removeItem(list, s), { safe: true });
  return fix(`Write ${modern} instead of ${t}`, replaceScalar(s, modern), { safe: true });
}

export const CG006: Rule = {
  id: 'CG006',
  name: 'auth-flows-mixed',
  defaultSeverity: 'error',
  summary:
    'Legacy explicit auth flow names mixed with ALLOW_ names in one list (error); ALLOW_CLIENT_TOKEN_AUTH beside other flows (warning).',
  check(c, ctx) {
    for (const list of lists(prop(c, 'explicitAuthFlows')?.value)) {
      const items = list.items.flatMap(scalars);
      const texts = items.map(asString);
      const token = items.filter((s) => asString(s) === 'ALLOW_CLIENT_TOKEN_AUTH');
      const others = texts.filter((t) => t !== undefined && t !== 'ALLOW_CLIENT_TOKEN_AUTH');
      if (token.length && others.length) {
        for (const s of token) {
          ctx.report(
            s.span,
            `ALLOW_CLIENT_TOKEN_AUTH is meant to be the only flow of a machine-to-machine client, but ${q(c, 'explicitAuthFlows')} lists other flows too${fromSuffix(s)}. Give the service its own client with this flow alone.`,
            { severity: 'warning' },
          );
        }
      }
      if (!texts.some((t) => t?.startsWith('ALLOW_'))) continue;
      for (const s of items) {
        const t = asString(s);
        if (t && t in LEGACY_FLOWS) {
          ctx.report(
            s.span,
            `${JSON.stringify(t)} is a legacy flow name and cannot be combined with ALLOW_ names in ${q(c, 'explicitAuthFlows')}${fromSuffix(s)}; the service rejects the mix. Write ${JSON.stringify(LEGACY_FLOWS[t])} instead.`,
            { fixes: legacyFix(list, s, texts) },
          );
        }
      }
    }
  },
};
