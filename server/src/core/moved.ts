/**
 * Model objects moved to another place in the text. When an edit shifts a part of a document whose
 * text did not change, the parser hands out a copy of the old part with its offsets moved; the model
 * built from it can then be the old model moved the same way, not built again. The copy made here is
 * recorded, so that whoever kept results for the old object (the kept rule results) can take them
 * without comparing the two field by field.
 */
import type { ClientResource } from './model';
import type { Span } from './text';

/** Fields whose numbers are offsets in the text (spans, containers); every other number stays as it is. */
export const OFFSET_FIELDS: ReadonlySet<string> = new Set(['start', 'end', 'open', 'close', 'owner']);

/** Fields that hold shared objects (catalogue entries): the copy points at the same one. */
const SHARED_FIELDS: ReadonlySet<string> = new Set(['param']);

const MAX_DEPTH = 40;

const movedFrom = new WeakMap<object, { from: object; by: number }>();

/**
 * A deep copy of `x` with every offset moved by `by` (with `within`, only the offsets in that span, the
 * part that moved: others point at text that stayed); undefined when it holds something this cannot
 * copy (anything but plain objects, arrays and primitives, or very deep nesting): then build it again.
 * An accessor's value is copied as a plain field.
 */
export function movedCopy<T>(x: T, by: number, within?: Span): T | undefined {
  const state: CopyState = {
    by,
    lo: within?.start ?? -Infinity,
    hi: within?.end ?? Infinity,
    failed: false,
    outside: false,
  };
  const out = copy(x, 0, false, state) as T;
  if (state.failed) return undefined;
  // what holds offsets of text outside the part (a variable's expression elsewhere) is not the same
  // thing moved: whoever kept results for it must compare it field by field
  if (typeof x === 'object' && x !== null && !state.outside) {
    // a copy of a copy: recorded as moved from the first one
    const earlier = movedFrom.get(x);
    movedFrom.set(out as object, earlier ? { from: earlier.from, by: earlier.by + by } : { from: x, by });
  }
  return out;
}

/** A client moved by `by` from one built earlier (see `movedCopy`); undefined when it cannot be copied. */
export function movedClient(c: ClientResource, by: number, within: Span): ClientResource | undefined {
  return by === 0 ? c : movedCopy(c, by, within);
}

/**
 * The object `x` was first copied from by `movedCopy` (through copies of copies), and by how much it
 * moved since; undefined for an object that is not such a copy.
 */
export function movedOrigin(x: object): { from: object; by: number } | undefined {
  return movedFrom.get(x);
}

/**
 * Are `a` and `b` copies of one object (or that object), `b` standing `by` further than `a`? Then they
 * are the same but for their offsets, moved by `by`.
 */
export function sameLineage(a: object, b: object, by: number): boolean {
  const ma = movedFrom.get(a);
  const mb = movedFrom.get(b);
  return (ma?.from ?? a) === (mb?.from ?? b) && (mb?.by ?? 0) - (ma?.by ?? 0) === by;
}

interface CopyState {
  by: number;
  /** Offsets in [lo, hi] move. */
  lo: number;
  hi: number;
  failed: boolean;
  /** An offset outside [lo, hi] was seen. */
  outside: boolean;
}

function copy(x: unknown, depth: number, offset: boolean, st: CopyState): unknown {
  if (typeof x === 'number') {
    if (!offset) return x;
    if (x >= st.lo && x <= st.hi) return x + st.by;
    st.outside = true;
    return x;
  }
  if (typeof x !== 'object' || x === null) {
    if (typeof x === 'function' || typeof x === 'symbol') st.failed = true;
    return x;
  }
  if (depth > MAX_DEPTH) {
    st.failed = true;
    return x;
  }
  if (Array.isArray(x)) {
    const out = new Array<unknown>(x.length);
    for (let i = 0; i < x.length; i++) out[i] = copy(x[i], depth + 1, false, st);
    return out;
  }
  if (Object.getPrototypeOf(x) !== Object.prototype) {
    st.failed = true;
    return x;
  }
  const src = x as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // plain objects only (checked above): for-in sees their own keys
  for (const k in src) {
    const v = src[k];
    out[k] = SHARED_FIELDS.has(k) ? v : copy(v, depth + 1, OFFSET_FIELDS.has(k), st);
  }
  return out;
}

const readFrom = new WeakMap<object, { part: object; at: number }>();

/**
 * Records that model object `x` (a resource, an output) is read from the parser's part `part` alone,
 * standing `at` from where that part was first parsed: while the part is the same object its text is
 * the same, so whoever kept results for `x` can tell it is unchanged without comparing texts.
 */
export function readFromPart(x: object, part: object, at: number): void {
  readFrom.set(x, { part, at });
}

/** The part model object `x` was read from (see `readFromPart`), or undefined. */
export function partRead(x: object): { part: object; at: number } | undefined {
  return readFrom.get(x);
}
