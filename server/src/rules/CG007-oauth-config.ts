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
import type { FixSpec, NeutralEdit } from '../core/edits';
import type { Rule } from '../core/rule';
import { fix, replaceScalar, setClientProp } from './fixkit';
import { q } from './util';

const GRANT_SETTINGS = ['allowedOauthFlows', 'allowedOauthScopes'];
const URL_SETTINGS = ['callbackUrls', 'logoutUrls', 'defaultRedirectUri'];
/** Scopes that describe a signed-in user (OpenID Connect claims and the user's own API calls). */
const USER_SCOPES = new Set(['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin']);

/** Set to something: not missing, not null, not an empty list. Unknown values count as set. */
function hasContent(p: Prop | undefined): boolean {
  if (maybeAbsent(p) !== 'present' || !p) return false;
  return !(p.value.k === 'list' && p.value.items.length === 0);
}

/** Definitely missing or empty (an unknown value or a branch is not "definitely"). */
export function missingOrEmpty(p: Prop | undefined): boolean {
  if (maybeAbsent(p) === 'absent') return true;
  return !!p && p.value.k === 'list' && p.value.items.length === 0;
}

export const CG007: Rule = {
  id: 'CG007',
  name: 'oauth-config',
  defaultSeverity: 'error',
  summary:
    'OAuth settings the service refuses (the switch without flows or scopes, client_credentials mixed with other grants, interactive grants without callback URLs) or that cannot work (grants or scopes with OAuth off, user scopes on a client_credentials client; URLs with OAuth off).',
  check(c, ctx) {
    const flag = prop(c, 'allowedOauthFlowsUserPoolClient');
    const present = (ids: string[]): Prop[] => ids.map((id) => prop(c, id)).filter((p): p is Prop => hasContent(p));
    // Flows and scopes are what the service refuses on a client with OAuth off; URLs alone are accepted
    // (the provider's acceptance tests create such clients) and simply have no effect.
    const grants = present(GRANT_SETTINGS);
    const urls = present(URL_SETTINGS);
    const absent = maybeAbsent(flag) === 'absent';
    // Each branch of an Fn::If is checked on its own.
    const options = absent ? [] : scalars(flag?.value).map((s) => ({ s, on: asBool(s) }));
    const names = (ps: Prop[]): string => ps.map((p) => '`' + p.key + '`').join(', ');
    const isAre = (ps: Prop[]): string => (ps.length === 1 ? 'is' : 'are');
    const turnOn = (edits: NeutralEdit[]): FixSpec[] =>
      fix(`Set ${q(c, 'allowedOauthFlowsUserPoolClient')} to true (turns on the client's OAuth endpoints)`, edits, {
        safe: false,
      });
    // a managed client's OAuth switch is set by the service that created it: absent is not false
    const switchUnknown = c.kind === 'tf-managed-client' || c.opaque;
    if (absent && !switchUnknown) {
      if (grants.length > 0) {
        ctx.report(
          c.nameSpan,
          `${names(grants)} ${isAre(grants)} set, but ${q(c, 'allowedOauthFlowsUserPoolClient')} is not, so OAuth is off for this client: the service stores the grants and scopes, but every OAuth request with this client fails. Set it to true if the app uses OAuth; otherwise remove them.`,
          { severity: 'warning', fixes: turnOn(setClientProp(c, 'allowedOauthFlowsUserPoolClient', true, flag)) },
        );
      } else if (urls.length > 0) {
        ctx.report(
          c.nameSpan,
          `${names(urls)} ${isAre(urls)} set, but ${q(c, 'allowedOauthFlowsUserPoolClient')} is not, so the hosted OAuth endpoints are off for this client and the URLs have no effect. Turn OAuth on if the app signs in through the hosted pages; otherwise the URLs can go.`,
          { severity: 'info' },
        );
      }
    }
    for (const o of options) {
      if (o.on !== false) continue;
      if (grants.length > 0) {
        ctx.report(
          o.s.span,
          `${q(c, 'allowedOauthFlowsUserPoolClient')} is false${fromSuffix(o.s)} while ${names(grants)} ${isAre(grants)} set: the service stores them, but every OAuth request with this client fails while OAuth is off. Set it to true if the app uses OAuth; otherwise remove them.`,
          { severity: 'warning', fixes: turnOn(replaceScalar(o.s, true)) },
        );
      } else if (urls.length > 0) {
        ctx.report(
          o.s.span,
          `${q(c, 'allowedOauthFlowsUserPoolClient')} is false${fromSuffix(o.s)}, so ${names(urls)} ${isAre(urls)} kept but ${urls.length === 1 ? 'has' : 'have'} no effect: the hosted OAuth endpoints are off for this client. Set it to true if the app signs in through the hosted pages.`,
          { severity: 'info' },
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
    // A machine-to-machine token is issued to no user, so scopes about a user have no meaning there.
    if (cc.length && texts.size === 1) {
      for (const s of listItems(prop(c, 'allowedOauthScopes')?.value)) {
        const scope = asString(s);
        if (!scope || !USER_SCOPES.has(scope)) continue;
        ctx.report(
          s.span,
          `The scope ${JSON.stringify(scope)}${fromSuffix(s)} is about a signed-in user, but a client_credentials client signs in no user: the service refuses such scopes for this grant. Use the custom scopes of a resource server instead.`,
          { severity: 'warning' },
        );
      }
    }
    // code / implicit need somewhere to send the user back to.
    const complete = flows ? completeList(flows.value) : undefined;
    const interactive = (complete ?? []).some((s) => ['code', 'implicit'].includes(asString(s) ?? ''));
    // checked only with OAuth on: with it off the service stores the grants without using them (above)
    if (flagState === true && interactive && missingOrEmpty(prop(c, 'callbackUrls'))) {
      ctx.report(
        c.nameSpan,
        `The code and implicit grants redirect users back to the app, but ${q(c, 'callbackUrls')} is not set, so the service rejects the client. Add the app's callback URLs.`,
      );
    }
  },
};
