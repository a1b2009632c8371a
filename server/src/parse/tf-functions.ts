/**
 * Terraform's built-in functions and operators over known values: the subset people use to build client
 * settings. A function not listed here, an argument that is not known, or a call Terraform itself would
 * refuse gives an unknown value; nothing is guessed. Results carry where they came from (`from`), so
 * that no fix edits a computed value in place.
 */
import type { MapEntry, Origin, Value } from '../core/model';
import type { Span } from '../core/text';

/** A value Terraform would fail to compute (a missing key, a wrong type): `try` moves past it. */
export function failed(span: Span, why: string): Value {
  return { k: 'unknown', span, why, failed: true };
}

export function isFailed(v: Value): boolean {
  return v.k === 'unknown' && v.failed === true;
}

export function unknown(span: Span, why: string): Value {
  return { k: 'unknown', span, why };
}

type Known = Exclude<Value, { k: 'unknown' } | { k: 'alt' } | { k: 'absent' }>;

/** Is the value known all the way down (no unknown or alternative inside)? */
export function isKnown(v: Value, depth = 0): v is Known {
  if (depth > 64) return false;
  switch (v.k) {
    case 'scalar':
      return true;
    case 'list':
      return v.items.every((i) => isKnown(i, depth + 1));
    case 'map':
      return v.entries.every((e) => isKnown(e.value, depth + 1));
    default:
      return false;
  }
}

export function scalar(v: string | number | boolean | null, span: Span, from?: Origin): Value {
  return { k: 'scalar', v, span, quoted: typeof v === 'string', ...(from ? { from } : {}) };
}

/** The first operand that is unknown (failed ones first), or undefined when all are known at the top. */
function firstUnknown(args: Value[]): Value | undefined {
  return args.find(isFailed) ?? args.find((a) => a.k === 'unknown' || a.k === 'alt' || a.k === 'absent');
}

function str(v: Value): string | undefined {
  if (v.k !== 'scalar' || v.v === null) return undefined;
  return typeof v.v === 'boolean' || typeof v.v === 'number' ? String(v.v) : v.v;
}

function num(v: Value): number | undefined {
  if (v.k !== 'scalar') return undefined;
  if (typeof v.v === 'number') return v.v;
  if (typeof v.v === 'string' && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v.v.trim())) return Number(v.v);
  return undefined;
}

/** A scalar's identity for equality and `distinct`; undefined for a value that is not comparable here. */
function identity(v: Value, depth = 0): string | undefined {
  if (depth > 32) return undefined;
  if (v.k === 'scalar') return JSON.stringify(v.v);
  if (v.k === 'list') {
    const parts = v.items.map((i) => identity(i, depth + 1));
    return parts.every((p) => p !== undefined) ? `[${parts.join(',')}]` : undefined;
  }
  if (v.k === 'map') {
    const parts = [...v.entries]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((e) => {
        const i = identity(e.value, depth + 1);
        return i === undefined ? undefined : `${JSON.stringify(e.key)}:${i}`;
      });
    return parts.every((p) => p !== undefined) ? `{${parts.join(',')}}` : undefined;
  }
  return undefined;
}

/** A list view of a value: lists and sets as they are, maps and objects by their values (for `for`). */
function items(v: Value): Value[] | undefined {
  if (v.k === 'list') return v.items;
  return undefined;
}

function sortedEntries(v: Extract<Value, { k: 'map' }>): MapEntry[] {
  return [...v.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Looks up `key` in a known map, or `index` in a list; a missing one fails, as in Terraform. */
export function indexValue(target: Value, key: Value, span: Span): Value {
  const u = firstUnknown([target, key]);
  if (u) return u.k === 'unknown' ? { ...u, span } : unknown(span, 'a part of a value that is not known');
  if (target.k === 'list') {
    const n = num(key);
    if (n === undefined || !Number.isInteger(n)) return failed(span, 'an index that is not a whole number');
    return target.items[n] ?? failed(span, 'an index out of range');
  }
  if (target.k === 'map') {
    const k = str(key);
    const e = k === undefined ? undefined : target.entries.find((x) => x.key === k);
    return e ? e.value : failed(span, `no "${k ?? ''}" in this map or object`);
  }
  return failed(span, 'an index into a value that has none');
}

/** `x[*].a.b`: the steps applied to each element; a single value is treated as a list of one, null as none. */
export function splatValue(target: Value, steps: Array<string | number>, span: Span): Value {
  if (target.k === 'unknown' || target.k === 'alt' || target.k === 'absent')
    return unknown(span, 'a splat over a value that is not known');
  const list = target.k === 'list' ? target.items : target.k === 'scalar' && target.v === null ? [] : [target];
  const out = list.map((el) => {
    let v = el;
    for (const s of steps) v = indexValue(v, scalar(s, span), span);
    return v;
  });
  const bad = out.find(isFailed);
  if (bad) return bad;
  return { k: 'list', items: out, span, from: { text: 'a splat expression' } };
}

export function binaryOp(op: string, l: Value, r: Value, span: Span): Value {
  const from = { text: `the expression's result` };
  if (op === '&&' || op === '||') {
    // Terraform evaluates both sides, but a known false (or true) decides the result either way
    const lb = l.k === 'scalar' && typeof l.v === 'boolean' ? l.v : undefined;
    const rb = r.k === 'scalar' && typeof r.v === 'boolean' ? r.v : undefined;
    if (op === '&&' && (lb === false || rb === false)) return scalar(false, span, from);
    if (op === '||' && (lb === true || rb === true)) return scalar(true, span, from);
    if (lb !== undefined && rb !== undefined) return scalar(op === '&&' ? lb && rb : lb || rb, span, from);
    return unknown(span, 'a logical operation on a value that is not known');
  }
  const u = firstUnknown([l, r]);
  if (u) return u.k === 'unknown' ? { ...u, span } : unknown(span, 'an operation on a value that is not known');
  if (op === '==' || op === '!=') {
    const a = identity(l);
    const b = identity(r);
    if (a === undefined || b === undefined) return unknown(span, 'a comparison of values that are not known');
    return scalar(op === '==' ? a === b : a !== b, span, from);
  }
  const a = num(l);
  const b = num(r);
  if (a === undefined || b === undefined) return failed(span, `"${op}" needs numbers`);
  switch (op) {
    case '<':
      return scalar(a < b, span, from);
    case '>':
      return scalar(a > b, span, from);
    case '<=':
      return scalar(a <= b, span, from);
    case '>=':
      return scalar(a >= b, span, from);
    case '+':
      return scalar(a + b, span, from);
    case '-':
      return scalar(a - b, span, from);
    case '*':
      return scalar(a * b, span, from);
    case '/':
      return b === 0 ? failed(span, 'a division by zero') : scalar(a / b, span, from);
    case '%':
      return b === 0 ? failed(span, 'a division by zero') : scalar(a % b, span, from);
    default:
      return unknown(span, `the operator ${op}`);
  }
}

export function unaryOp(op: 'not' | 'neg', v: Value, span: Span): Value {
  const from = { text: `the expression's result` };
  if (v.k !== 'scalar')
    return v.k === 'unknown' ? { ...v, span } : unknown(span, 'an operation on a value that is not known');
  if (op === 'not') return typeof v.v === 'boolean' ? scalar(!v.v, span, from) : failed(span, '"!" needs a bool');
  const n = num(v);
  return n === undefined ? failed(span, '"-" needs a number') : scalar(-n, span, from);
}

/** The names this evaluator knows; any other function call is unknown. */
export const KNOWN_FUNCTIONS = new Set([
  'lookup',
  'coalesce',
  'coalescelist',
  'merge',
  'concat',
  'flatten',
  'distinct',
  'toset',
  'tolist',
  'tomap',
  'tostring',
  'tonumber',
  'tobool',
  'sort',
  'keys',
  'values',
  'length',
  'contains',
  'element',
  'format',
  'join',
  'split',
  'lower',
  'upper',
  'replace',
]);

/**
 * Applies a function to evaluated arguments (`try` and `can` are the resolver's: they need their
 * arguments unevaluated). Returns an unknown for anything it cannot know.
 */
export function callFunction(name: string, args: Value[], span: Span): Value {
  const from: Origin = { text: `the result of ${name}()` };
  const u = firstUnknown(args);
  switch (name) {
    case 'lookup': {
      const [m, k, d] = args;
      if (!m || !k) return failed(span, 'lookup() needs a map and a key');
      if (m.k === 'unknown' || m.k === 'alt' || m.k === 'absent' || (k.k !== 'scalar' && k.k !== 'unknown'))
        return unknown(span, 'lookup() in a map that is not known');
      if (k.k === 'unknown') return { ...k, span };
      if (m.k !== 'map') return failed(span, 'lookup() needs a map');
      const e = m.entries.find((x) => x.key === str(k));
      if (e) return e.value;
      return d ?? failed(span, `no "${str(k) ?? ''}" in this map, and no default`);
    }
    case 'coalesce': {
      for (const a of args) {
        if (a.k === 'unknown' || a.k === 'alt' || a.k === 'absent')
          return unknown(span, 'coalesce() over a value that is not known');
        if (a.k === 'scalar' && (a.v === null || a.v === '')) continue;
        return a;
      }
      return failed(span, 'coalesce() with no non-empty argument');
    }
    case 'coalescelist': {
      for (const a of args) {
        if (a.k !== 'list') return unknown(span, 'coalescelist() over a value that is not known');
        if (a.items.length > 0) return a;
      }
      return failed(span, 'coalescelist() with no non-empty list');
    }
    case 'merge': {
      const entries = new Map<string, MapEntry>();
      for (const a of args) {
        if (a.k === 'scalar' && a.v === null) continue;
        if (a.k !== 'map')
          return a.k === 'unknown' ? { ...a, span } : unknown(span, 'merge() of a value that is not a known map');
        for (const e of a.entries) entries.set(e.key, e);
      }
      return { k: 'map', entries: [...entries.values()], span, from };
    }
    case 'concat': {
      const out: Value[] = [];
      for (const a of args) {
        if (a.k !== 'list')
          return a.k === 'unknown' ? { ...a, span } : unknown(span, 'concat() of a value that is not a known list');
        out.push(...a.items);
      }
      return { k: 'list', items: out, span, from };
    }
    case 'flatten': {
      const [l] = args;
      if (!l || l.k !== 'list') return unknown(span, 'flatten() of a value that is not a known list');
      const out: Value[] = [];
      const walk = (v: Value, depth: number): boolean => {
        if (depth > 32) return false;
        if (v.k === 'list') return v.items.every((i) => walk(i, depth + 1));
        if (v.k === 'unknown' || v.k === 'alt' || v.k === 'absent') return false;
        out.push(v);
        return true;
      };
      if (!walk(l, 0)) return unknown(span, 'flatten() of a list with unknown parts');
      return { k: 'list', items: out, span, from };
    }
    case 'distinct': {
      const [l] = args;
      if (!l || l.k !== 'list') return unknown(span, 'distinct() of a value that is not a known list');
      const seen = new Set<string>();
      const out: Value[] = [];
      for (const i of l.items) {
        const id = identity(i);
        if (id === undefined) return unknown(span, 'distinct() of a list with unknown parts');
        if (!seen.has(id)) {
          seen.add(id);
          out.push(i);
        }
      }
      return { k: 'list', items: out, span, from };
    }
    case 'toset': {
      // a set keeps one of each element, and Terraform orders a set of strings lexically
      const [l] = args;
      if (!l) return failed(span, 'toset() needs an argument');
      if (l.k !== 'list')
        return l.k === 'unknown' ? { ...l, span } : unknown(span, 'toset() of a value that is not a known list');
      const set = callFunction('distinct', [l], span);
      return set.k === 'list' && set.items.every((i) => i.k === 'scalar' && typeof i.v === 'string')
        ? callFunction('sort', [set], span)
        : set;
    }
    case 'tolist':
    case 'tomap':
    case 'tobool': {
      const [a] = args;
      if (!a) return failed(span, `${name}() needs an argument`);
      return a;
    }
    case 'tostring': {
      const [a] = args;
      if (!a) return failed(span, 'tostring() needs an argument');
      if (a.k !== 'scalar')
        return a.k === 'unknown' ? { ...a, span } : failed(span, 'tostring() of a value that is not a string');
      return a.v === null ? a : scalar(String(a.v), a.span, a.from);
    }
    case 'tonumber': {
      const [a] = args;
      if (!a) return failed(span, 'tonumber() needs an argument');
      if (a.k !== 'scalar')
        return a.k === 'unknown' ? { ...a, span } : failed(span, 'tonumber() of a value that is not a number');
      if (a.v === null) return a;
      const n = num(a);
      return n === undefined
        ? failed(span, 'tonumber() of text that is not a number')
        : scalar(n, a.span, a.from ?? from);
    }
    case 'sort': {
      const [l] = args;
      if (!l || l.k !== 'list') return unknown(span, 'sort() of a value that is not a known list');
      const strs = l.items.map(str);
      if (strs.some((x) => x === undefined)) return unknown(span, 'sort() of a list with unknown parts');
      const order = l.items
        .map((v, i) => ({ v, s: strs[i] ?? '' }))
        .sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
      return { k: 'list', items: order.map((x) => x.v), span, from };
    }
    case 'keys':
    case 'values': {
      const [m] = args;
      if (!m || m.k !== 'map') return unknown(span, `${name}() of a value that is not a known map`);
      const sorted = sortedEntries(m);
      const out = name === 'keys' ? sorted.map((e) => scalar(e.key, e.keySpan)) : sorted.map((e) => e.value);
      return { k: 'list', items: out, span, from };
    }
    case 'length': {
      const [a] = args;
      if (!a) return failed(span, 'length() needs an argument');
      if (a.k === 'list') return scalar(a.items.length, span, from);
      if (a.k === 'map') return scalar(a.entries.length, span, from);
      if (a.k === 'scalar' && typeof a.v === 'string') return scalar([...a.v].length, span, from);
      return a.k === 'unknown' ? { ...a, span } : unknown(span, 'length() of a value that is not known');
    }
    case 'contains': {
      const [l, x] = args;
      if (!l || !x || l.k !== 'list') return unknown(span, 'contains() on a value that is not a known list');
      const want = identity(x);
      if (want === undefined) return unknown(span, 'contains() of a value that is not known');
      let unsure = false;
      for (const i of l.items) {
        const id = identity(i);
        if (id === want) return scalar(true, span, from);
        if (id === undefined) unsure = true;
      }
      return unsure ? unknown(span, 'contains() on a list with unknown parts') : scalar(false, span, from);
    }
    case 'element': {
      const [l, i] = args;
      if (!l || !i || l.k !== 'list') return unknown(span, 'element() of a value that is not a known list');
      const n = num(i);
      if (n === undefined || !Number.isInteger(n) || n < 0)
        return unknown(span, 'element() with an index that is not known');
      if (l.items.length === 0) return failed(span, 'element() of an empty list');
      return l.items[n % l.items.length] ?? failed(span, 'element() out of range');
    }
    case 'format': {
      if (u) return unknown(span, 'format() of a value that is not known');
      const [f, ...rest] = args;
      const fmt = f ? str(f) : undefined;
      if (fmt === undefined) return unknown(span, 'format() with a format that is not known');
      let k = 0;
      let bad = false;
      const out = fmt.replace(/%(%|[-+# 0]*\d*(?:\.\d+)?[sdvqft])/g, (m: string, spec: string) => {
        if (spec === '%') return '%';
        const a = rest[k++];
        const s = a ? str(a) : undefined;
        const verb = spec[spec.length - 1];
        if (s === undefined || spec.length > 1) {
          bad = true; // widths, precision and composite values are not followed
          return m;
        }
        if (verb === 'd') {
          const n = a ? num(a) : undefined;
          if (n === undefined || !Number.isInteger(n)) bad = true;
          return String(n);
        }
        if (verb === 'q') return JSON.stringify(s);
        if (verb === 'f' || verb === 't') bad = true;
        return s;
      });
      return bad ? unknown(span, 'a format() this tool does not follow') : scalar(out, span, from);
    }
    case 'join': {
      const [sep, l] = args;
      const s = sep ? str(sep) : undefined;
      if (s === undefined || !l || l.k !== 'list') return unknown(span, 'join() of values that are not known');
      const parts = l.items.map(str);
      if (parts.some((p) => p === undefined)) return unknown(span, 'join() of a list with unknown parts');
      return scalar(parts.join(s), span, from);
    }
    case 'split': {
      const [sep, x] = args;
      const s = sep ? str(sep) : undefined;
      const t = x ? str(x) : undefined;
      if (s === undefined || t === undefined) return unknown(span, 'split() of values that are not known');
      const parts = t === '' ? [''] : s === '' ? [...t] : t.split(s);
      return { k: 'list', items: parts.map((p) => scalar(p, span, from)), span, from };
    }
    case 'lower':
    case 'upper': {
      const [x] = args;
      const t = x ? str(x) : undefined;
      if (t === undefined) return unknown(span, `${name}() of a value that is not known`);
      return scalar(name === 'lower' ? t.toLowerCase() : t.toUpperCase(), span, from);
    }
    case 'replace': {
      const [x, sub, rep] = args;
      const t = x ? str(x) : undefined;
      const a = sub ? str(sub) : undefined;
      const b = rep ? str(rep) : undefined;
      if (t === undefined || a === undefined || b === undefined)
        return unknown(span, 'replace() of values that are not known');
      if (a.length > 1 && a.startsWith('/') && a.endsWith('/'))
        return unknown(span, 'replace() with a regular expression, which this tool does not follow');
      return scalar(a === '' ? t : t.split(a).join(b), span, from);
    }
    default:
      return unknown(span, `the result of ${name}()`);
  }
}

/** The elements a `for` expression iterates: [key, value] pairs of a list (index) or a map (sorted key). */
export function forPairs(coll: Value): Array<[Value, Value]> | undefined {
  const list = items(coll);
  if (list) return list.map((v, i) => [scalar(i, v.span), v]);
  if (coll.k === 'map') return sortedEntries(coll).map((e) => [scalar(e.key, e.keySpan), e.value]);
  return undefined;
}
