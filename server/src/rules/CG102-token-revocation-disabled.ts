import { asBool, fromSuffix, prop, scalars } from '../core/model';
import type { Rule } from '../core/rule';
import { fix, replaceScalar } from './fixkit';
import { q } from './util';

export const CG102: Rule = {
  id: 'CG102',
  name: 'token-revocation-disabled',
  defaultSeverity: 'warning',
  summary: 'Token revocation turned off: signed-out or stolen refresh tokens keep working until they expire.',
  check(c, ctx) {
    for (const s of scalars(prop(c, 'enableTokenRevocation')?.value)) {
      if (asBool(s) !== false) continue;
      ctx.report(
        s.span,
        `${q(c, 'enableTokenRevocation')} is false${fromSuffix(s)}: refresh tokens cannot be revoked, so a signed-out or stolen token keeps working until it expires. Set it to true.`,
        { fixes: fix(`Set ${q(c, 'enableTokenRevocation')} to true`, replaceScalar(s, true), { safe: true }) },
      );
    }
  },
};
