import { asString, fromSuffix, listItems, prop } from '../core/model';
import type { Rule } from '../core/rule';
import { fix, removeFrom } from './fixkit';
import { q } from './util';

export const CG108: Rule = {
  id: 'CG108',
  name: 'writable-verification-flag',
  defaultSeverity: 'warning',
  summary:
    'email_verified or phone_number_verified in the write list: users could mark their own contact details verified.',
  check(c, ctx) {
    const listProp = prop(c, 'writeAttributes');
    for (const s of listItems(listProp?.value)) {
      const t = asString(s);
      if (t !== 'email_verified' && t !== 'phone_number_verified') continue;
      ctx.report(
        s.span,
        `${t} is writable${fromSuffix(s)}, so a user can mark an address or number they do not own as verified, and then receive its codes or sign in with it. Remove it from ${q(c, 'writeAttributes')}; Cognito sets it after verification.`,
        { fixes: fix(`Remove ${t} from the write list`, removeFrom(listProp, s), { safe: false }) },
      );
    }
  },
};
