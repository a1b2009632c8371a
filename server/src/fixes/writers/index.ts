/**
 * Fixes are neutral edits; one writer per syntax renders them as text edits in the file's own style
 * (hcl.ts, yaml.ts, json.ts behind the Writer interface of writer.ts). Comments and everything outside
 * the edited text stay as they are. This module picks the writer and applies the result.
 */
import type { Dialect } from '../../core/model';
import type { NeutralEdit, TextEdit } from '../../core/edits';
import { hclWriter } from './hcl';
import { jsonWriter } from './json';
import { textOf } from './text';
import type { EditOf, Writer } from './writer';
import { yamlWriter } from './yaml';

export type { Writer } from './writer';

const WRITERS: Record<Dialect, Writer> = {
  terraform: hclWriter,
  'terraform-json': jsonWriter,
  'cloudformation-yaml': yamlWriter,
  'cloudformation-json': jsonWriter,
};

export function writerFor(dialect: Dialect): Writer {
  return WRITERS[dialect];
}

/** Renders one neutral edit in the dialect's syntax ([] when it cannot be rendered there). */
export function renderEdit(e: NeutralEdit, src: string, dialect: Dialect): TextEdit[] {
  const w = writerFor(dialect);
  const render = w[e.op] as (x: EditOf<typeof e.op>, t: ReturnType<typeof textOf>) => TextEdit[];
  return render(e, textOf(src));
}

/** Renders a fix's edits; an edit that cannot be rendered drops the whole fix (undefined). */
export function renderEdits(edits: NeutralEdit[], src: string, dialect: Dialect): TextEdit[] | undefined {
  const out: TextEdit[] = [];
  for (const e of edits) {
    const r = renderEdit(e, src, dialect);
    if (r.length === 0) return undefined;
    out.push(...r);
  }
  return out.length ? merge(out) : undefined;
}

/** Sorts edits and rejects overlapping ones (two inserts at one point are kept, in order). */
function merge(edits: TextEdit[]): TextEdit[] | undefined {
  if (edits.some((e) => e.span.end < e.span.start)) return undefined; // a broken container: no fix
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (a && b && b.span.start < a.span.end) return undefined;
  }
  return sorted;
}

/** Applies non-overlapping text edits. */
export function applyEdits(src: string, edits: TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.span.start - a.e.span.start || b.i - a.i);
  let out = src;
  for (const { e } of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}
