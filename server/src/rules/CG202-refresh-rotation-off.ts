import { asString, fromSuffix, listItems, maybeAbsent, prop, scalars, type ClientResource } from '../model';
import type { Rule } from '../engine/types';
import { fix, removeFrom, replaceScalar, setClientProp } from './fixkit';
import type { NeutralEdit, NewValue } from '../fixes/types';
import { child, q } from './util';

const ROTATE_TITLE = 'Turn on refresh token rotation (apps must refresh with GetTokensFromRefreshToken)';

/** ALLOW_REFRESH_TOKEN_AUTH cannot stay on a rotating client. */
function dropRefreshFlow(c: ClientResource): NeutralEdit[] {
  const flows = prop(c, 'explicitAuthFlows');
  if (maybeAbsent(flows) === 'absent') return setClientProp(c, 'explicitAuthFlows', ['ALLOW_USER_SRP_AUTH']);
  const refresh = listItems(flows?.value).find((s) => asString(s) === 'ALLOW_REFRESH_TOKEN_AUTH');
  return refresh ? removeFrom(flows, refresh) : [];
}

function enableRotation(c: ClientResource): NeutralEdit[] {
  const tf = c.kind !== 'cfn-client';
  const block = {
    block: [
      [tf ? 'feature' : 'Feature', 'ENABLED'],
      [tf ? 'retry_grace_period_seconds' : 'RetryGracePeriodSeconds', 10],
    ] as Array<[string, NewValue]>,
  };
  const add = setClientProp(c, 'refreshTokenRotation', block);
  return add.length ? [...add, ...dropRefreshFlow(c)] : [];
}

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
        { fixes: fix(ROTATE_TITLE, enableRotation(c), { safe: false }) },
      );
      return;
    }
    for (const s of scalars(child(rotation, 'refreshTokenRotation.feature')?.value)) {
      if (asString(s) !== 'DISABLED') continue;
      ctx.report(
        s.span,
        `Refresh token rotation is DISABLED${fromSuffix(s)}, so one refresh token stays valid for its whole lifetime and a stolen one is not noticed. Set it to ENABLED; apps then refresh with GetTokensFromRefreshToken.`,
        { fixes: fix(ROTATE_TITLE, [...replaceScalar(s, 'ENABLED'), ...dropRefreshFlow(c)], { safe: false }) },
      );
    }
  },
};
