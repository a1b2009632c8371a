import { maybeAbsent, prop } from '../model';
import type { Rule } from '../engine/types';
import { q } from './util';

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
    );
  },
};
