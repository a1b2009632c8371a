import { nameIn, param } from '../catalog';
import type { Rule } from '../core/rule';
import {
  amountWithUnit,
  describeLifetime,
  humanDuration,
  lifetimes,
  UNIT_SECONDS,
  type Lifetime,
} from './CG005-token-validity-range';
import { fix, replaceScalar } from './fixkit';

/** Sets the lifetime to the threshold, written in the unit in force (when it is a whole number there). */
export function thresholdFix(l: Lifetime, maxSeconds: number) {
  const v = maxSeconds / UNIT_SECONDS[l.unit];
  if (!Number.isInteger(v) || v < 1) return [];
  return fix(`Set to ${amountWithUnit(v, l.unit)} (users sign in or refresh more often)`, replaceScalar(l.value, v), {
    safe: false,
  });
}

export const CG106: Rule = {
  id: 'CG106',
  name: 'long-lived-access-token',
  defaultSeverity: 'warning',
  summary: 'Access or ID tokens that stay valid longer than 1 hour (configurable).',
  check(c, ctx) {
    const max = ctx.config.maxAccessTokenMinutes * 60;
    for (const id of ['accessTokenValidity', 'idTokenValidity'] as const) {
      for (const l of lifetimes(c, id)) {
        if (l.seconds <= max) continue;
        const kind = id === 'accessTokenValidity' ? 'access' : 'ID';
        ctx.report(
          l.value.span,
          `\`${nameIn(param(id), c.kind)}\` is ${describeLifetime(l)}: a leaked ${kind} token stays usable for ${humanDuration(l.seconds)} and cannot be revoked before it expires. Keep it at ${humanDuration(max)} or less and let the app refresh.`,
          { fixes: thresholdFix(l, max) },
        );
      }
    }
  },
};
