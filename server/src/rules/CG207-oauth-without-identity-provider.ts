import { asBool, asString, completeList, prop, scalars } from '../core/model';
import type { Rule } from '../core/rule';
import { missingOrEmpty } from './CG007-oauth-config';
import { fix, setClientProp } from './fixkit';
import { q } from './util';

/**
 * OAuth on, interactive grants, and no identity provider: the service accepts this (the provider's
 * acceptance tests create such clients), but the hosted sign-in then offers users no way to sign in.
 * A machine-to-machine client (client_credentials only) signs nobody in and needs no provider.
 */
export const CG207: Rule = {
  id: 'CG207',
  name: 'oauth-without-identity-provider',
  defaultSeverity: 'info',
  summary: 'OAuth sign-in turned on without any identity provider, so the hosted sign-in cannot sign anyone in.',
  check(c, ctx) {
    const on = scalars(prop(c, 'allowedOauthFlowsUserPoolClient')?.value).some((s) => asBool(s) === true);
    if (!on) return;
    const flows = prop(c, 'allowedOauthFlows');
    const list = flows ? completeList(flows.value) : undefined;
    if (!list || !list.some((s) => ['code', 'implicit'].includes(asString(s) ?? ''))) return;
    const idps = prop(c, 'supportedIdentityProviders');
    if (!missingOrEmpty(idps)) return;
    ctx.report(
      c.nameSpan,
      `OAuth sign-in is on, but ${q(c, 'supportedIdentityProviders')} is not set, so the hosted sign-in pages offer no way to sign in. Add ["COGNITO"] for the pool's own users, or the identity providers the app uses.`,
      {
        fixes: fix(
          `Set ${q(c, 'supportedIdentityProviders')} to ["COGNITO"] (users can then sign in through the hosted pages)`,
          setClientProp(c, 'supportedIdentityProviders', ['COGNITO'], idps),
          { safe: false },
        ),
      },
    );
  },
};
