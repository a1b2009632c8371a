import {
  asBool,
  asString,
  completeList,
  fromSuffix,
  listItems,
  maybeAbsent,
  prop,
  scalars,
  type Prop,
} from '../core/model';
import type { Rule } from '../core/rule';
import { fix, replaceScalar, setClientProp } from './fixkit';
import { q } from './util';

const OAUTH_SETTINGS = ['allowedOauthFlows', 'allowedOauthScopes', 'callbackUrls', 'logoutUrls', 'defaultRedirectUri'];

/** Set to something: not missing, not null, not an empty list. Unknown values count as set. */
function hasContent(p: Prop | undefined): boolean {
  if (maybeAbsent(p) !== 'present' || !p) return false;
  return !(p.value.k === 'list' && p.value.items.length === 0);
}

/** Definitely missing or empty (an unknown value or a branch is not "definitely"). */
function missingOrEmpty(p: Prop | undefined): boolean {
  if (maybeAbsent(p) === 'absent') return true;
  return !!p && p.value.k === 'list' && p.value.items.length === 0;
}

export const CG007: Rule = {
  id: 'CG007',
  name: 'oauth-config',
  defaultSeverity: 'error',
  summary:
    'OAuth settings that do not fit together: settings without the OAuth switch, the switch without flows or scopes, mixed grants.',
  check(c, ctx) {
    const flag = prop(c, 'allowedOauthFlowsUserPoolClient');
    const settings = OAUTH_SETTINGS.map((id) => prop(c, id)).filter((p): p is Prop => hasContent(p));
    const absent = maybeAbsent(flag) === 'absent';
    // Each branch of an Fn::If is checked on its own.
    const options = absent ? [] : scalars(flag?.value).map((s) => ({ s, on: asBool(s) }));
    if (settings.length > 0) {
      const names = settings.map((p) => '`' + p.key + '`').join(', ');
      if (absent && c.kind !== 'tf-managed-client' && !c.opaque) {
        // (a managed client's OAuth switch is set by the service that created it: absent is not false)
        ctx.report(
          c.nameSpan,
          `${names} ${settings.length === 1 ? 'is' : 'are'} set, but ${q(c, 'allowedOauthFlowsUserPoolClient')} is not: without it the hosted OAuth endpoints stay off for this client and the service rejects these settings. Set it to true.`,
          {
            fixes: fix(
              `Set ${q(c, 'allowedOauthFlowsUserPoolClient')} to true`,
              setClientProp(c, 'allowedOauthFlowsUserPoolClient', true, flag),
              { safe: true },
            ),
          },
        );
      }
      for (const o of options) {
        if (o.on !== false) continue;
        ctx.report(
          o.s.span,
          `${q(c, 'allowedOauthFlowsUserPoolClient')} is false${fromSuffix(o.s)} while ${names} ${settings.length === 1 ? 'is' : 'are'} set: the service rejects OAuth settings on a client with OAuth turned off. Set it to true, or remove the OAuth settings.`,
          {
            fixes: fix(`Set ${q(c, 'allowedOauthFlowsUserPoolClient')} to true`, replaceScalar(o.s, true), {
              safe: true,
            }),
          },
        );
      }
    }
    const flagState = options.some((o) => o.on === true) ? true : undefined;
    const flows = prop(c, 'allowedOauthFlows');
    if (flagState === true) {
      if (missingOrEmpty(flows)) {
        ctx.report(
          c.nameSpan,
          `OAuth is turned on but ${q(c, 'allowedOauthFlows')} is not set, so no grant can be used. Add the flows the app uses (usually ["code"]).`,
        );
      }
      if (missingOrEmpty(prop(c, 'allowedOauthScopes'))) {
        ctx.report(
          c.nameSpan,
          `OAuth is turned on but ${q(c, 'allowedOauthScopes')} is not set, so tokens cannot carry any scope. Add the scopes the app needs (for example ["openid", "email"]).`,
        );
      }
      if (missingOrEmpty(prop(c, 'supportedIdentityProviders'))) {
        ctx.report(
          c.nameSpan,
          `OAuth is turned on but ${q(c, 'supportedIdentityProviders')} is not set, so the hosted sign-in has no way to sign users in. Add ["COGNITO"] or your identity providers.`,
          {
            fixes: fix(
              `Set ${q(c, 'supportedIdentityProviders')} to ["COGNITO"]`,
              setClientProp(c, 'supportedIdentityProviders', ['COGNITO'], prop(c, 'supportedIdentityProviders')),
              { safe: true },
            ),
          },
        );
      }
    }
    const flowItems = listItems(flows?.value);
    const texts = new Set(flowItems.map(asString));
    const cc = flowItems.filter((s) => asString(s) === 'client_credentials');
    if (cc.length && (texts.has('code') || texts.has('implicit'))) {
      for (const s of cc) {
        ctx.report(
          s.span,
          `client_credentials cannot share a client with the code or implicit grant; the service rejects the combination. Use a separate client for machine-to-machine access.`,
        );
      }
    }
    // code / implicit need somewhere to send the user back to.
    const complete = flows ? completeList(flows.value) : undefined;
    const interactive = (complete ?? []).some((s) => ['code', 'implicit'].includes(asString(s) ?? ''));
    if (interactive && missingOrEmpty(prop(c, 'callbackUrls'))) {
      ctx.report(
        c.nameSpan,
        `The code and implicit grants redirect users back to the app, but ${q(c, 'callbackUrls')} is not set, so the service rejects the client. Add the app's callback URLs.`,
      );
    }
  },
};
