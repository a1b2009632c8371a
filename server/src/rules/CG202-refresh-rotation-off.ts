import { asString, fromSuffix, maybeAbsent, prop, scalars } from '../model';
import type { Rule } from '../engine/types';
import { child, q } from './util';

export const CG202: Rule = {
  id: 'CG202',
  name: 'refresh-rotation-off',
  defaultSeverity: 'info',
  summary: 'Refresh token rotation not enabled.',
  check(c, ctx) {
    const rotation = prop(c, 'refreshTokenRotation');
    if (maybeAbsent(rotation) === 'absent') {
      if (c.kind === 'tf-managed-client' || c.opaque) return;
      ctx.report(
        c.nameSpan,
        `Refresh token rotation is off (no ${q(c, 'refreshTokenRotation')}), so one refresh token stays valid for its whole lifetime and a stolen one is not noticed. Turn rotation on; apps then refresh with GetTokensFromRefreshToken.`,
      );
      return;
    }
    for (const s of scalars(child(rotation, 'refreshTokenRotation.feature')?.value)) {
      if (asString(s) !== 'DISABLED') continue;
      ctx.report(
        s.span,
        `Refresh token rotation is DISABLED${fromSuffix(s)}, so one refresh token stays valid for its whole lifetime and a stolen one is not noticed. Set it to ENABLED; apps then refresh with GetTokensFromRefreshToken.`,
      );
    }
  },
};
