import { nameIn, param } from '../catalog';
import type { Rule } from '../core/rule';
import { thresholdFix } from './CG106-long-lived-access-token';
import { describeLifetime, humanDuration, lifetimes } from './CG005-token-validity-range';

export const CG107: Rule = {
  id: 'CG107',
  name: 'long-lived-refresh-token',
  defaultSeverity: 'warning',
  summary: 'Refresh tokens that stay valid longer than 30 days (configurable).',
  check(c, ctx) {
    const max = ctx.config.maxRefreshTokenDays * 86400;
    for (const l of lifetimes(c, 'refreshTokenValidity')) {
      if (l.seconds <= max) continue;
      ctx.report(
        l.value.span,
        `\`${nameIn(param('refreshTokenValidity'), c.kind)}\` is ${describeLifetime(l)}: a stolen refresh token keeps minting new tokens for ${humanDuration(l.seconds)}. Keep it at ${humanDuration(max)} or less, and turn on refresh token rotation.`,
        { fixes: thresholdFix(l, max) },
      );
    }
  },
};
