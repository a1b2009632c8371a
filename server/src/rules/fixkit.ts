/** Small builders rules use to describe fixes as neutral edits (`core/edits.ts`; the writers in `fixes/writers/` render them). */
import {
  editableOrigin,
  type ClientResource,
  type ListValue,
  type Prop,
  type ScalarValue,
  type Value,
} from '../core/model';
import type { FixSpec, NeutralEdit, NewValue } from '../core/edits';
import { setProp } from '../core/edits';
import { n } from './util';

/** A value written right here (not resolved from a variable, parameter or mapping). */
export function literalHere(v: Value | undefined): boolean {
  return !!v && v.k !== 'unknown' && v.k !== 'alt' && editableOrigin(v);
}

/** The literal list a property holds, when its items can be edited in place. */
export function editableList(p: Prop | undefined): ListValue | undefined {
  const v = p?.value;
  if (!v || v.k !== 'list' || !editableOrigin(v)) return undefined;
  return v;
}

export function removeItem(list: ListValue, item: ScalarValue): NeutralEdit[] {
  if (!editableOrigin(item) || !list.items.includes(item)) return [];
  return [{ op: 'removeItem', list: list.span, item: item.span, items: list.items.map((i) => i.span) }];
}

export function replaceScalar(s: ScalarValue, value: string | number | boolean): NeutralEdit[] {
  if (!editableOrigin(s)) return [];
  return [{ op: 'replace', target: s.span, value }];
}

/** Sets a top-level property of the client (by catalogue id), in the client's dialect. */
export function setClientProp(c: ClientResource, id: string, value: NewValue, existing?: Prop): NeutralEdit[] {
  return setProp(c, n(c, id), value, existing);
}

/** A fix, or nothing when its edits could not be described (a resolved value, an unreadable body). */
export function fix(
  title: string,
  edits: NeutralEdit[],
  opts: { safe: boolean; preferred?: boolean; reveals?: boolean },
): FixSpec[] {
  if (edits.length === 0) return [];
  return [
    { title, edits, safe: opts.safe, preferred: opts.preferred ?? true, ...(opts.reveals ? { reveals: true } : {}) },
  ];
}

/** Removes one item from the literal list of a property (nothing when the list is resolved from elsewhere). */
export function removeFrom(p: Prop | undefined, item: ScalarValue): NeutralEdit[] {
  const list = editableList(p);
  return list ? removeItem(list, item) : [];
}
