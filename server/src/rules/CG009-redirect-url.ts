import {
  asString,
  completeList,
  fromSuffix,
  listItems,
  prop,
  scalars,
  type ClientResource,
  type Prop,
  type ScalarValue,
} from '../core/model';
import type { Rule } from '../core/rule';
import { editableList, fix, removeItem, replaceScalar, setClientProp } from './fixkit';
import type { FixSpec, NeutralEdit } from '../core/edits';
import { q } from './util';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The host of an http(s) URL, lower-cased, or undefined for other schemes. */
export function httpHost(url: string): string | undefined {
  return /^https?:\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(url)?.[1]?.toLowerCase();
}

/** A URL on localhost, 127.0.0.1 or [::1] (any scheme of http or https, any port). */
export function isLoopbackUrl(url: string): boolean {
  const host = httpHost(url);
  return host !== undefined && LOOPBACK.has(host);
}

/** A custom app scheme such as `myapp://callback` (not http or https). */
export function isAppScheme(url: string): boolean {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  return !!m && !/^https?$/i.test(m[1] ?? '');
}

/** What is wrong with a redirect URL, or undefined when it is acceptable. */
export function urlProblem(url: string): string | undefined {
  if (/\s/u.test(url)) return 'contains whitespace';
  if (url.includes('*')) return 'contains a wildcard; Cognito compares redirect URLs exactly, so list each one';
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  if (!m) return 'is not an absolute URL (it needs a scheme such as https://)';
  if (url.includes('#')) return 'has a #fragment, which redirect URLs may not have';
  const scheme = (m[1] ?? '').toLowerCase();
  if (scheme === 'http') {
    const host = httpHost(url) ?? '';
    if (!LOOPBACK.has(host))
      return `uses http:// for ${host || 'a remote host'}; only localhost, 127.0.0.1 and [::1] may use plain http, everything else needs https://`;
  }
  if ((scheme === 'https' || scheme === 'http') && !/^https?:\/\/[^/?#]+/i.test(url)) return 'has no host name';
  return undefined;
}

/**
 * The https:// fix for a plain-http URL: replace it, or drop it when the https URL is already listed;
 * the same URL written as the default redirect and in the callback list is changed in both places.
 */
function httpsFix(c: ClientResource, s: ScalarValue, url: string, listProp: Prop | undefined) {
  const https = /^http:\/\//i.test(url) ? 'https://' + url.slice(7) : undefined;
  if (!https || urlProblem(https)) return [];
  const list = editableList(listProp);
  if (list && list.items.some((i) => i.k === 'scalar' && asString(i) === https)) {
    return fix(`Remove ${url} (${https} is already listed)`, removeItem(list, s), { safe: true });
  }
  const edits: NeutralEdit[] = [...replaceScalar(s, https)];
  const def = prop(c, 'defaultRedirectUri');
  const cbProp = prop(c, 'callbackUrls');
  const twins = [
    ...(def && def.value.k === 'scalar' && def.value !== s ? [def.value] : []),
    ...listItems(cbProp?.value).filter((x) => x !== s),
  ].filter((x) => asString(x) === url && (listProp !== cbProp || x === def?.value));
  for (const x of twins) edits.push(...replaceScalar(x, https));
  return fix(`Use ${https}`, edits, { safe: true });
}

/** Drops the `#fragment` of a URL that is otherwise acceptable (not safe: the app must expect the new URL). */
function fragmentFix(s: ScalarValue, url: string, listProp: Prop | undefined): FixSpec[] {
  const hash = url.indexOf('#');
  if (hash < 0) return [];
  const bare = url.slice(0, hash);
  if (!bare || urlProblem(bare)) return [];
  const list = editableList(listProp);
  if (list && list.items.some((i) => i.k === 'scalar' && i !== s && asString(i) === bare)) {
    return fix(`Remove ${url} (${bare} is already listed)`, removeItem(list, s), { safe: false });
  }
  return fix(`Use ${bare} (without the fragment; the app must accept the redirect there)`, replaceScalar(s, bare), {
    safe: false,
  });
}

function checkUrl(
  c: ClientResource,
  s: ScalarValue,
  label: string,
  listProp: Prop | undefined,
  report: (s: ScalarValue, m: string, fixes: FixSpec[]) => void,
): void {
  const url = asString(s);
  if (url === undefined) return;
  const problem = urlProblem(url);
  if (!problem) return;
  report(s, `This ${label}${fromSuffix(s)} ${problem}. The service rejects it; write the exact URL the app uses.`, [
    ...httpsFix(c, s, url, listProp),
    ...fragmentFix(s, url, listProp),
  ]);
}

function addToList(c: ClientResource, cb: Prop | undefined, url: string): NeutralEdit[] {
  if (!cb) return setClientProp(c, 'callbackUrls', [url]);
  const list = editableList(cb);
  if (!list) return [];
  return [{ op: 'addItem', list: list.span, items: list.items.map((i) => i.span), value: url }];
}

export const CG009: Rule = {
  id: 'CG009',
  name: 'redirect-url',
  defaultSeverity: 'error',
  summary:
    'A callback, logout or default redirect URL the service rejects, or a default redirect URL missing from the callback list.',
  check(c, ctx) {
    const report = (s: ScalarValue, m: string, fixes: FixSpec[]): void => ctx.report(s.span, m, { fixes });
    const cbs = prop(c, 'callbackUrls');
    const outs = prop(c, 'logoutUrls');
    for (const s of listItems(cbs?.value)) checkUrl(c, s, 'callback URL', cbs, report);
    for (const s of listItems(outs?.value)) checkUrl(c, s, 'sign-out URL', outs, report);
    const def = prop(c, 'defaultRedirectUri');
    for (const s of scalars(def?.value)) {
      checkUrl(c, s, 'default redirect URL', undefined, report);
      const url = asString(s);
      const cb = prop(c, 'callbackUrls');
      const list = cb ? completeList(cb.value) : [];
      if (url === undefined || list === undefined) continue;
      if (!list.some((x) => asString(x) === url)) {
        ctx.report(
          s.span,
          `The default redirect URL ${JSON.stringify(url)}${fromSuffix(s)} is not in ${q(c, 'callbackUrls')}; the service requires it to be one of them. Add it to the callback list.`,
          {
            fixes: fix(`Add ${JSON.stringify(url)} to ${q(c, 'callbackUrls')}`, addToList(c, cb, url), { safe: true }),
          },
        );
      }
    }
  },
};
