import { asString, listItems, prop } from '../core/model';
import type { Rule } from '../core/rule';
import { fix, removeFrom } from './fixkit';
import { child, q } from './util';

export const CG011: Rule = {
  id: 'CG011',
  name: 'rotation-blocks-refresh-auth',
  defaultSeverity: 'error',
  summary: 'Refresh token rotation enabled while ALLOW_REFRESH_TOKEN_AUTH is listed.',
  check(c, ctx) {
    const rotation = prop(c, 'refreshTokenRotation');
    const feature = child(rotation, 'refreshTokenRotation.feature');
    if (!feature || feature.value.k !== 'scalar' || asString(feature.value) !== 'ENABLED') return;
    const flows = prop(c, 'explicitAuthFlows');
    for (const s of listItems(flows?.value)) {
      if (asString(s) !== 'ALLOW_REFRESH_TOKEN_AUTH') continue;
      ctx.report(
        s.span,
        `Refresh token rotation is ENABLED, and a rotating client cannot also allow ALLOW_REFRESH_TOKEN_AUTH: the service rejects the pair. Remove it from ${q(c, 'explicitAuthFlows')}; apps then refresh with GetTokensFromRefreshToken.`,
        {
          // not safe: apps that refresh with InitiateAuth must move to GetTokensFromRefreshToken
          fixes: fix(
            'Remove ALLOW_REFRESH_TOKEN_AUTH (apps must then refresh with GetTokensFromRefreshToken)',
            removeFrom(flows, s),
            {
              safe: false,
            },
          ),
        },
      );
    }
  },
};
