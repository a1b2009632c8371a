import { asString, fromSuffix, listItems, maybeAbsent, prop, scalars, type ClientResource } from '../core/model';
import type { Rule } from '../core/rule';
import { fix, removeFrom, replaceScalar, setClientProp } from './fixkit';
import type { NeutralEdit, NewValue } from '../core/edits';
import { child, n, q } from './util';

const ROTATE_TITLE = 'Turn on refresh token rotation (apps must refresh with GetTokensFromRefreshToken)';

/**
 * ALLOW_REFRESH_TOKEN_AUTH cannot stay on a rotating client: the edits that drop it, [] when nothing
 * needs dropping, or undefined when it cannot be dropped here (the list comes from elsewhere).
 */
function dropRefreshFlow(c: ClientResource): NeutralEdit[] | undefined {
  const flows = prop(c, 'explicitAuthFlows');
  if (maybeAbsent(flows) === 'absent') return setClientProp(c, 'explicitAuthFlows', ['ALLOW_USER_SRP_AUTH'], flows);
  if (!flows || flows.value.k !== 'list') return flows?.value.k === 'scalar' ? [] : undefined;
  const refresh = listItems(flows.value).filter((s) => asString(s) === 'ALLOW_REFRESH_TOKEN_AUTH');
  if (refresh.length === 0) return flows.value.items.every((i) => i.k === 'scalar') ? [] : undefined;
  if (refresh.length > 1) return undefined;
  const one = refresh[0];
  const edits = one ? removeFrom(flows, one) : [];
  return edits.length ? edits : undefined;
}

function enableRotation(c: ClientResource): NeutralEdit[] {
  const block = {
    block: [
      [n(c, 'refreshTokenRotation.feature'), 'ENABLED'],
      [n(c, 'refreshTokenRotation.retryGracePeriodSeconds'), 10],
    ] as Array<[string, NewValue]>,
  };
  const add = setClientProp(c, 'refreshTokenRotation', block, prop(c, 'refreshTokenRotation'));
  const drop = dropRefreshFlow(c);
  return add.length && drop ? [...add, ...drop] : [];
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
        {
          fixes: (() => {
            const on = replaceScalar(s, 'ENABLED');
            const drop = dropRefreshFlow(c);
            return on.length && drop ? fix(ROTATE_TITLE, [...on, ...drop], { safe: false }) : [];
          })(),
        },
      );
    }
  },
};
