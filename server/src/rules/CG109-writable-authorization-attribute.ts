import { asString, fromSuffix, listItems, prop } from '../core/model';
import type { Rule } from '../core/rule';
import { fix, removeFrom } from './fixkit';
import { q } from './util';

/** Splits an attribute name into lower-case words at non-letters and camelCase humps. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** The pattern word the attribute name matches, if any (a word of the name starting with it). */
export function authorizationWord(attribute: string, patterns: readonly string[]): string | undefined {
  const ws = words(attribute.replace(/^(dev:)?custom:/, ''));
  for (const p of patterns) if (ws.some((w) => w.startsWith(p.toLowerCase()))) return p;
  return undefined;
}

export const CG109: Rule = {
  id: 'CG109',
  name: 'writable-authorization-attribute',
  defaultSeverity: 'warning',
  summary: 'A writable custom attribute whose name suggests it drives authorization (role, tenant, plan...).',
  check(c, ctx) {
    const listProp = prop(c, 'writeAttributes');
    for (const s of listItems(listProp?.value)) {
      const t = asString(s);
      if (!t?.startsWith('custom:')) continue;
      const hit = authorizationWord(t, ctx.config.authorizationAttributePatterns);
      if (!hit) continue;
      ctx.report(
        s.span,
        `${t} looks like an authorization input ("${hit}"), and it is writable${fromSuffix(s)}: any signed-in user can change their own value with UpdateUserAttributes and gain what it grants. Remove it from ${q(c, 'writeAttributes')} and set it from a trusted back end.`,
        {
          fixes: fix(`Remove ${t} from the write list (the app can no longer set it)`, removeFrom(listProp, s), {
            safe: false,
          }),
        },
      );
    }
  },
};
