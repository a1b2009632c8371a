import {
  asString,
  editableOrigin,
  fromSuffix,
  listItems,
  prop,
  type ClientResource,
  type ListValue,
  type ScalarValue,
} from '../core/model';
import type { Rule } from '../core/rule';
import type { NeutralEdit } from '../core/edits';
import { LEGACY_FLOWS } from './CG006-auth-flows-mixed';
import { editableList, fix, removeItem } from './fixkit';
import { child } from './util';

const PASSWORD_FLOWS = new Set(['ALLOW_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH']);

/**
 * Replaces a password flow with SRP. In a list of legacy names the other legacy names are rewritten as
 * their ALLOW_ equivalents too (the two kinds cannot be mixed), and refresh is kept allowed as it was.
 */
function srpFix(c: ClientResource, list: ListValue, s: ScalarValue): NeutralEdit[] {
  const texts = list.items.map((i) => (i.k === 'scalar' ? asString(i) : undefined));
  if (texts.includes('ALLOW_USER_SRP_AUTH')) return removeItem(list, s);
  if (!editableOrigin(s) || !editableOrigin(list) || list.items.some((i) => i.k !== 'scalar')) return [];
  const edits: NeutralEdit[] = [{ op: 'replace', target: s.span, value: 'ALLOW_USER_SRP_AUTH' }];
  const legacy = texts.some((t) => t !== undefined && t in LEGACY_FLOWS);
  if (legacy) {
    for (const i of list.items) {
      const t = i.k === 'scalar' ? asString(i) : undefined;
      if (i === s || !t || !(t in LEGACY_FLOWS)) continue;
      const modern = LEGACY_FLOWS[t] ?? t;
      if (PASSWORD_FLOWS.has(modern)) edits.push({ op: 'replace', target: i.span, value: 'ALLOW_USER_SRP_AUTH' });
      else edits.push({ op: 'replace', target: i.span, value: modern });
    }
    const rotation = child(prop(c, 'refreshTokenRotation'), 'refreshTokenRotation.feature');
    const rotating = rotation?.value.k === 'scalar' && asString(rotation.value) === 'ENABLED';
    if (!rotating && !texts.includes('ALLOW_REFRESH_TOKEN_AUTH')) {
      edits.push({
        op: 'addItem',
        list: list.span,
        items: list.items.map((i) => i.span),
        value: 'ALLOW_REFRESH_TOKEN_AUTH',
      });
    }
  }
  return edits;
}

export const CG104: Rule = {
  id: 'CG104',
  name: 'password-auth-flow',
  defaultSeverity: 'warning',
  summary: 'A flow that sends the user password to Cognito instead of proving it with SRP.',
  check(c, ctx) {
    const flows = prop(c, 'explicitAuthFlows');
    const list = editableList(flows);
    for (const s of listItems(flows?.value)) {
      const t = asString(s);
      if (!t || !PASSWORD_FLOWS.has(t)) continue;
      ctx.report(
        s.span,
        `${t}${fromSuffix(s)} makes the app send the user's password itself to Cognito, instead of proving it with SRP; anything that can see the request sees the password. Use ALLOW_USER_SRP_AUTH.`,
        {
          fixes: list
            ? fix(`Use ALLOW_USER_SRP_AUTH instead of ${t} (the app must sign in with SRP)`, srpFix(c, list, s), {
                safe: false,
              })
            : [],
        },
      );
    }
  },
};
