import { closest, nameIn, type Param } from '../catalog';
import { STANDARD_ATTRIBUTES, VERIFICATION_FLAGS } from '../catalog/attributes';
import { asString, fromSuffix, scalars, type ClientResource, type Prop, type ScalarValue } from '../core/model';
import { fix, replaceScalar, removeItem } from './fixkit';
import type { Rule, RuleContext } from '../core/rule';

const URL_PARAMS = new Set(['callbackUrls', 'logoutUrls', 'defaultRedirectUri']);
const ATTRIBUTE_LISTS = new Set(['readAttributes', 'writeAttributes']);

const ATTRIBUTE_NAMES = [...STANDARD_ATTRIBUTES, ...VERIFICATION_FLAGS];

function quote(s: string): string {
  return JSON.stringify(s.length > 60 ? s.slice(0, 60) + '…' : s);
}

/** Checks one text value against the enum, length and pattern constraints. */
function checkText(c: ClientResource, p: Param, s: ScalarValue, ctx: RuleContext, kind: 'value' | 'item'): void {
  const text = asString(s);
  if (text === undefined) return;
  const k = p.constraints ?? {};
  const name = nameIn(p, c.kind);
  const what = kind === 'item' ? `an item of \`${name}\`` : `\`${name}\``;
  const from = fromSuffix(s);
  if (k.enum) {
    const hit = k.enum.find((e) => e.value === text);
    if (hit) {
      if (hit.rejectedOn?.kinds.includes(c.kind)) {
        ctx.report(s.span, `${quote(text)} in \`${name}\`${from}: ${hit.rejectedOn.why}.`);
      } else if (hit.emerging) {
        ctx.report(
          s.span,
          `${quote(text)} is a newer value that the AWS SDKs and providers do not list yet${from}; the deployment may be rejected until they catch up. Keep it only if you have checked it deploys.`,
          { severity: 'warning' },
        );
      }
      return;
    }
    const values = k.enum.filter((e) => !e.emerging).map((e) => e.value);
    const caseMatch = values.find((v) => v.toLowerCase() === text.toLowerCase());
    const near = caseMatch ?? closest(text, values);
    ctx.report(
      s.span,
      `${quote(text)} is not a valid value for ${what}${from}: the service only accepts ${values.join(', ')}.` +
        (caseMatch
          ? ` Values are case-sensitive: write ${quote(caseMatch)}.`
          : near
            ? ` Did you mean ${quote(near)}?`
            : ''),
      { fixes: near ? fix(`Change to ${quote(near)}`, replaceScalar(s, near), { safe: true, reveals: true }) : [] },
    );
    return;
  }
  const min = kind === 'item' ? k.itemMinLength : k.minLength;
  const max = kind === 'item' ? k.itemMaxLength : k.maxLength;
  const len = [...text].length;
  if (min !== undefined && len < min) {
    ctx.report(
      s.span,
      `${what} must not be empty${from}: the service needs at least ${min} character${min === 1 ? '' : 's'}.`,
    );
    return;
  }
  if (max !== undefined && len > max) {
    ctx.report(s.span, `${what} is ${len} characters long${from}; the service allows at most ${max}. Shorten it.`);
    return;
  }
  if (URL_PARAMS.has(p.id)) return; // URL syntax is CG009's job
  const pattern = kind === 'item' ? k.itemPattern : k.pattern;
  const doc = kind === 'item' ? k.itemPatternDoc : k.patternDoc;
  if (pattern && !new RegExp(pattern, 'u').test(text)) {
    ctx.report(
      s.span,
      `${quote(text)} is not a valid value for ${what}${from}: it may only contain ${doc ?? `text matching ${pattern}`}.`,
    );
    return;
  }
  if (kind === 'item' && ATTRIBUTE_LISTS.has(p.id)) {
    if (ATTRIBUTE_NAMES.includes(text) || /^(dev:)?custom:.+/.test(text)) return;
    const near = closest(text, ATTRIBUTE_NAMES);
    ctx.report(
      s.span,
      `${quote(text)} is not a user pool attribute${from}: use a standard attribute name or \`custom:<name>\`, otherwise the service rejects the client.` +
        (near ? ` Did you mean ${quote(near)}?` : ''),
    );
  }
}

const UNITS: Record<string, string> = {
  authSessionValidity: ' minutes',
  'refreshTokenRotation.retryGracePeriodSeconds': ' seconds',
};

function checkNumber(c: ClientResource, p: Param, s: ScalarValue, ctx: RuleContext): void {
  const k = p.constraints ?? {};
  if (p.durationUnit) return; // token lifetimes are unit-aware: CG005
  const v =
    typeof s.v === 'number' ? s.v : typeof s.v === 'string' && /^\s*-?\d+\s*$/.test(s.v) ? Number(s.v) : undefined;
  if (v === undefined) return;
  if ((k.min !== undefined && v < k.min) || (k.max !== undefined && v > k.max)) {
    ctx.report(
      s.span,
      `\`${nameIn(p, c.kind)}\` must be between ${k.min} and ${k.max}${UNITS[p.id] ?? ''}; ${v}${fromSuffix(s)} is outside that range and the deployment would fail.`,
      {
        fixes: (() => {
          const bound = k.min !== undefined && v < k.min ? k.min : k.max;
          return bound === undefined ? [] : fix(`Change to ${bound}`, replaceScalar(s, bound), { safe: true });
        })(),
      },
    );
  }
}

function checkProps(c: ClientResource, props: Prop[], ctx: RuleContext): void {
  const seenBlocks = new Set<string>();
  for (const p of props) {
    if (!p.param) continue;
    const param = p.param;
    if (param.type === 'block') {
      if (seenBlocks.has(param.id) && c.kind !== 'cfn-client') {
        ctx.report(p.keySpan, `Only one \`${p.key}\` block is allowed; Terraform rejects a second one. Merge them.`);
      }
      seenBlocks.add(param.id);
      if (p.children) checkProps(c, p.children, ctx);
      for (const b of p.branches ?? []) checkProps(c, b, ctx);
      continue;
    }
    const options = p.value.k === 'alt' ? p.value.options : [p.value];
    for (const v of options) {
      if (param.type === 'stringList' && v.k === 'list') {
        const max = param.constraints?.maxItems;
        if (max !== undefined && v.items.length > max) {
          ctx.report(
            v.span,
            `\`${p.key}\` has ${v.items.length} items; the service allows at most ${max}. Remove some.`,
          );
        }
        const seen = new Map<string, ScalarValue>();
        for (const item of v.items) {
          for (const s of scalars(item)) {
            checkText(c, param, s, ctx, 'item');
            const t = asString(s);
            if (t === undefined) continue;
            if (seen.has(t) && item.k === 'scalar') {
              ctx.report(
                s.span,
                `${quote(t)} is listed twice in \`${p.key}\`; a duplicate means nothing (Terraform merges it, the API may refuse it). Remove this one.`,
                {
                  fixes:
                    v.k === 'list' ? fix(`Remove the duplicate ${quote(t)}`, removeItem(v, s), { safe: true }) : [],
                },
              );
            } else seen.set(t, s);
          }
        }
      } else if (v.k === 'scalar' && v.v !== null) {
        if (param.type === 'string') checkText(c, param, v, ctx, 'value');
        else if (param.type === 'integer') checkNumber(c, param, v, ctx);
      }
    }
  }
}

export const CG004: Rule = {
  id: 'CG004',
  name: 'invalid-value',
  defaultSeverity: 'error',
  summary:
    'A value the service rejects: not one of the allowed values, too long, badly formed, out of range or duplicated.',
  check(c, ctx) {
    checkProps(c, c.props, ctx);
  },
};
