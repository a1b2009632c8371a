import { nameIn, param } from '../catalog';
import {
  asNumber,
  asString,
  maybeAbsent,
  prop,
  scalars,
  type ClientResource,
  type Prop,
  type ScalarValue,
} from '../core/model';
import type { Rule } from '../core/rule';
import { fix, replaceScalar } from './fixkit';
import { child } from './util';

export type Unit = 'seconds' | 'minutes' | 'hours' | 'days';
export const UNIT_SECONDS: Record<Unit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** Writes a duration in seconds the way a person would say it. */
export function humanDuration(seconds: number): string {
  const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;
  if (seconds % 31536000 === 0 && seconds >= 31536000) return plural(seconds / 31536000, 'year');
  if (seconds % 86400 === 0 && seconds >= 86400) return plural(seconds / 86400, 'day');
  if (seconds % 3600 === 0 && seconds >= 3600) return plural(seconds / 3600, 'hour');
  if (seconds % 60 === 0 && seconds >= 60) return plural(seconds / 60, 'minute');
  return plural(seconds, 'second');
}

export interface Lifetime {
  /** The validity property, its value and the number it holds. */
  prop: Prop;
  value: ScalarValue;
  amount: number;
  unit: Unit;
  /** True when the unit is the default (no unit set). */
  defaultUnit: boolean;
  seconds: number;
}

const TOKEN_IDS = ['accessTokenValidity', 'idTokenValidity', 'refreshTokenValidity'] as const;
const LABELS = {
  accessTokenValidity: 'Access tokens',
  idTokenValidity: 'ID tokens',
  refreshTokenValidity: 'Refresh tokens',
};

export type TokenId = (typeof TOKEN_IDS)[number];

/** The bounds the service puts on one token kind's lifetime, in seconds (from the catalogue). */
export function lifetimeBounds(id: TokenId): { min: number; max: number } {
  const du = param(id).durationUnit;
  return { min: du?.minSeconds ?? 0, max: du?.maxSeconds ?? Infinity };
}

const TOKENS = TOKEN_IDS.map((id) => ({ id, label: LABELS[id], ...lifetimeBounds(id) }));

/**
 * The unit in force for one token kind: the literal unit if set, the default when no unit is set,
 * undefined when the unit is unknown or invalid (then no duration can be computed).
 */
export function unitFor(c: ClientResource, tokenId: TokenId): { unit: Unit; isDefault: boolean } | undefined {
  const du = param(tokenId).durationUnit;
  const def = (du?.defaultUnit ?? 'hours') as Unit;
  const tvu = prop(c, 'tokenValidityUnits');
  if (!tvu) return { unit: def, isDefault: true };
  if (tvu.dynamic || tvu.opaque || tvu.value.k !== 'map') return undefined;
  const u = du ? child(tvu, du.unitParam) : undefined;
  if (!u || maybeAbsent(u) === 'absent') return { unit: def, isDefault: true };
  if (u.value.k !== 'scalar') return undefined;
  const text = asString(u.value);
  if (text && text in UNIT_SECONDS) return { unit: text as Unit, isDefault: false };
  return undefined;
}

/** The lifetimes one token kind can have (one per `Fn::If` branch) when set to known numbers in a known unit. */
export function lifetimes(c: ClientResource, id: TokenId): Lifetime[] {
  const p = prop(c, id);
  if (!p) return [];
  const u = unitFor(c, id);
  if (!u) return [];
  const out: Lifetime[] = [];
  for (const value of scalars(p.value)) {
    const amount = asNumber(value);
    if (amount === undefined) continue;
    out.push({
      prop: p,
      value,
      amount,
      unit: u.unit,
      defaultUnit: u.isDefault,
      seconds: amount * UNIT_SECONDS[u.unit],
    });
  }
  return out;
}

/** "1 day", "48 hours": a number with its unit, singular when it is one. */
export function amountWithUnit(n: number, unit: Unit): string {
  return `${n} ${n === 1 ? unit.replace(/s$/, '') : unit}`;
}

export function describeLifetime(l: Lifetime): string {
  const notes = [l.defaultUnit ? 'default unit' : '', l.value.from ? `value from ${l.value.from.text}` : ''].filter(
    Boolean,
  );
  return `${amountWithUnit(l.amount, l.unit)}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

export const CG005: Rule = {
  id: 'CG005',
  name: 'token-validity-range',
  defaultSeverity: 'error',
  summary:
    'A token lifetime outside what Cognito allows, computed in the unit in force (error); access or ID tokens outliving the refresh token (warning).',
  check(c, ctx) {
    const single = new Map<TokenId, Lifetime>();
    for (const t of TOKENS) {
      const all = lifetimes(c, t.id);
      const [first] = all;
      if (first && all.length === 1 && first.prop.value.k === 'scalar') single.set(t.id, first);
      for (const l of all) {
        if (l.seconds < t.min || l.seconds > t.max) {
          const bound = l.seconds < t.min ? t.min : t.max;
          const inUnit = bound / UNIT_SECONDS[l.unit];
          const hint = Number.isInteger(inUnit)
            ? `Set it to ${l.seconds < t.min ? 'at least' : 'at most'} ${amountWithUnit(inUnit, l.unit)}.`
            : `Use a value between ${humanDuration(t.min)} and ${humanDuration(t.max)}.`;
          ctx.report(
            l.value.span,
            `${t.label} can last from ${humanDuration(t.min)} to ${humanDuration(t.max)}, but \`${nameIn(param(t.id), c.kind)}\` is ${describeLifetime(l)}${
              humanDuration(l.seconds) === amountWithUnit(l.amount, l.unit)
                ? ''
                : `, which is ${l.seconds === 0 ? 'zero' : humanDuration(l.seconds)}`
            }. The deployment would fail. ${hint}`,
            {
              fixes: Number.isInteger(inUnit)
                ? fix(`Change to ${amountWithUnit(inUnit, l.unit)}`, replaceScalar(l.value, inUnit), { safe: true })
                : [],
            },
          );
        }
      }
    }
    const refresh = single.get('refreshTokenValidity');
    if (!refresh) return;
    for (const id of ['accessTokenValidity', 'idTokenValidity'] as const) {
      const l = single.get(id);
      if (l && l.seconds > refresh.seconds && l.seconds <= 86400 && refresh.seconds >= 3600) {
        ctx.report(
          l.value.span,
          `${id === 'accessTokenValidity' ? 'Access' : 'ID'} tokens (${humanDuration(l.seconds)}) outlive the refresh token (${humanDuration(refresh.seconds)}): once the refresh token has expired the app must sign the user in again while this token still works, so its lifetime buys nothing but exposure. Shorten this token or lengthen the refresh token.`,
          { severity: 'warning' },
        );
      }
    }
  },
};
