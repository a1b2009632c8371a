import { asString, maybeAbsent, prop, type ClientResource } from '../core/model';
import type { Rule } from '../core/rule';
import { fix, setClientProp } from './fixkit';
import { child, q } from './util';

/** Is refresh token rotation known to be on? */
export function rotating(c: ClientResource): boolean {
  const f = child(prop(c, 'refreshTokenRotation'), 'refreshTokenRotation.feature');
  return f?.value.k === 'scalar' && asString(f.value) === 'ENABLED';
}

export const CG201: Rule = {
  id: 'CG201',
  name: 'auth-flows-default',
  defaultSeverity: 'info',
  summary: 'explicit_auth_flows unset: the client silently allows ALLOW_CUSTOM_AUTH besides SRP and refresh.',
  check(c, ctx) {
    if (c.kind === 'tf-managed-client' || c.opaque) return;
    if (maybeAbsent(prop(c, 'explicitAuthFlows')) !== 'absent') return;
    ctx.report(
      c.nameSpan,
      `${q(c, 'explicitAuthFlows')} is not set, so the client allows SRP, refresh and also the custom challenge flow (ALLOW_CUSTOM_AUTH) without saying so. List the flows the app uses, for example ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"].`,
      {
        fixes: fix(
          `Allow only SRP and refresh (apps using custom authentication stop working)`,
          setClientProp(
            c,
            'explicitAuthFlows',
            rotating(c) ? ['ALLOW_USER_SRP_AUTH'] : ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
            prop(c, 'explicitAuthFlows'),
          ),
          { safe: false },
        ),
      },
    );
  },
};
