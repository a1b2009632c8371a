/**
 * Renders neutral edits in HCL the way `terraform fmt` lays a file out: arguments before nested blocks,
 * the `=` column of a group of one-line arguments aligned, nested blocks and `depends_on` after a blank
 * line, strings with `${` and `%{` escaped. Comments stay where they are.
 */
import type { Container } from '../../core/model';
import type { Span } from '../../core/text';
import type { NewValue, TextEdit } from '../../core/edits';
import { appendSeparated, removeLines, removeSeparated, renameQuoted, type Text } from './text';
import type { Writer } from './writer';

/** A quoted HCL string; `${` and `%{` are escaped so the text is not read as an interpolation. */
export function hclString(s: string): string {
  return JSON.stringify(s)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
}

function scalar(v: string | number | boolean): string {
  return typeof v === 'string' ? hclString(v) : String(v);
}

/** Renders a value placed after `key = ` on a line indented by `indent`. */
function render(t: Text, v: NewValue, indent: string): string {
  if (typeof v !== 'object') return scalar(v);
  if ('raw' in v) return v.raw;
  if (Array.isArray(v)) return `[${v.map((i) => scalar(i)).join(', ')}]`;
  const inner = indent + t.unit;
  const width = Math.max(...v.block.map(([k, x]) => (typeof x === 'object' && 'block' in x ? 0 : k.length)));
  return `{${t.eol}${v.block.map(([k, x]) => `${inner}${entry(t, k, x, inner, width)}`).join(t.eol)}${t.eol}${indent}}`;
}

/** One `key = value` argument (its key padded to `width`) or `key { ... }` block. */
function entry(t: Text, key: string, v: NewValue, indent: string, width: number): string {
  if (typeof v === 'object' && 'block' in v) return `${key} ${render(t, v, indent)}`;
  return `${key.padEnd(width)} = ${render(t, v, indent)}`;
}

const HCL_ATTR = /^([ \t]*)([A-Za-z_][\w-]*)([ \t]*)=/;

/**
 * Adds an argument to an HCL body the way terraform fmt lays it out: after the last argument (before
 * nested blocks), with `=` aligned across its group of one-line arguments (realigning the group when
 * the new name is the longest); a nested block or `depends_on` goes last, after a blank line.
 */
function addHclProp(t: Text, c: Container, key: string, value: NewValue): TextEdit[] {
  const src = t.src;
  const first = c.entries[0];
  const last = c.entries[c.entries.length - 1];
  const indent = first ? t.indentAt(first.start) : t.indentAt(c.owner) + t.unit;
  const isBlock = typeof value === 'object' && 'block' in value;
  if (!last) {
    const text = entry(t, key, value, indent, key.length);
    return [
      { span: { start: c.open + 1, end: c.close }, newText: `${t.eol}${indent}${text}${t.eol}${t.indentAt(c.owner)}` },
    ];
  }
  if (isBlock || key === 'depends_on') {
    const at = t.lineEnd(last.end);
    return [
      {
        span: { start: at, end: at },
        newText: `${t.eol}${t.eol}${indent}${entry(t, key, value, indent, key.length)}`,
      },
    ];
  }
  const lineOf = (o: number): number => t.lineStart(o);
  const isAttr = (s: Span): boolean => HCL_ATTR.test(src.slice(lineOf(s.start), t.lineEnd(s.start)));
  const oneLine = (s: Span): boolean => lineOf(s.start) === lineOf(s.end);
  const attrs = c.entries.filter(isAttr);
  const anchor = attrs[attrs.length - 1] ?? last;
  // the group of consecutive one-line arguments that ends at the anchor
  const group: Span[] = [];
  if (isAttr(anchor) && oneLine(anchor)) {
    group.push(anchor);
    for (let i = attrs.indexOf(anchor) - 1; i >= 0; i--) {
      const a = attrs[i];
      const after = group[0];
      if (!a || !after || !oneLine(a) || t.nextLine(a.end) !== lineOf(after.start)) break;
      group.unshift(a);
    }
  }
  const keys = group.map((g) => HCL_ATTR.exec(src.slice(lineOf(g.start), t.lineEnd(g.start))));
  const eqWidth = Math.max(0, ...keys.map((m) => (m ? (m[2] ?? '').length + (m[3] ?? '').length - 1 : 0)));
  const width = Math.max(eqWidth, key.length);
  const edits: TextEdit[] = [];
  if (width > eqWidth) {
    group.forEach((g, i) => {
      const m = keys[i];
      if (!m) return;
      const keyEnd = lineOf(g.start) + (m[1] ?? '').length + (m[2] ?? '').length;
      const pad = ' '.repeat(width - (m[2] ?? '').length + 1);
      if (pad !== m[3]) edits.push({ span: { start: keyEnd, end: keyEnd + (m[3] ?? '').length }, newText: pad });
    });
  }
  const at = t.lineEnd(anchor.end);
  edits.push({
    span: { start: at, end: at },
    newText: `${t.eol}${indent}${entry(t, key, value, indent, width)}`,
  });
  return edits;
}

/** Is this line a one-line `name = value` argument (brackets balanced on the line)? */
function oneLineArg(line: string): RegExpExecArray | null {
  const m = HCL_ATTR.exec(line);
  if (!m) return null;
  let depth = 0;
  for (const ch of line.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/#.*$|\/\/.*$/, '')) {
    if (ch === '[' || ch === '{' || ch === '(') depth++;
    else if (ch === ']' || ch === '}' || ch === ')') depth--;
  }
  return depth === 0 ? m : null;
}

/** The consecutive one-line arguments around a line, with the same indentation: terraform fmt's group. */
function argGroup(t: Text, lineStart: number): number[] {
  const at = (ls: number): RegExpExecArray | null => oneLineArg(t.src.slice(ls, t.lineEnd(ls)));
  const me = at(lineStart);
  if (!me) return [lineStart];
  const indent = me[1];
  const out = [lineStart];
  for (let ls = lineStart; ls > 0;) {
    const prev = t.lineStart(ls - 1 > 0 && t.src[ls - 1] === '\n' && t.src[ls - 2] === '\r' ? ls - 2 : ls - 1);
    const m = at(prev);
    if (!m || m[1] !== indent || prev === ls) break;
    out.unshift(prev);
    ls = prev;
  }
  for (let ls = t.nextLine(lineStart); ls < t.src.length; ls = t.nextLine(ls)) {
    const m = at(ls);
    if (!m || m[1] !== indent) break;
    out.push(ls);
  }
  return out;
}

/** Renames an argument and keeps its group's `=` aligned (realigning the group when needed). */
function renameHcl(t: Text, key: Span, name: string): TextEdit[] {
  const lines = argGroup(t, t.lineStart(key.start));
  const parsed = lines.map((ls) => ({ ls, m: HCL_ATTR.exec(t.src.slice(ls, t.lineEnd(ls))) }));
  const me = t.lineStart(key.start);
  const widthOf = (ls: number, m: RegExpExecArray | null): number => (ls === me ? name.length : (m?.[2] ?? '').length);
  const oldEq = Math.max(...parsed.map(({ m }) => (m ? (m[2] ?? '').length + (m[3] ?? '').length - 1 : 0)));
  const width = Math.max(oldEq, ...parsed.map(({ ls, m }) => widthOf(ls, m)));
  const edits: TextEdit[] = [];
  for (const { ls, m } of parsed) {
    if (!m) continue;
    const keyStart = ls + (m[1] ?? '').length;
    const keyEnd = keyStart + (m[2] ?? '').length;
    const pad = ' '.repeat(width - widthOf(ls, m) + 1);
    if (ls === me) edits.push({ span: { start: keyStart, end: keyEnd + (m[3] ?? '').length }, newText: name + pad });
    else if (pad !== m[3]) edits.push({ span: { start: keyEnd, end: keyEnd + (m[3] ?? '').length }, newText: pad });
  }
  return edits;
}

export const hclWriter: Writer = {
  lineComment: '#',
  replace: (e) => [{ span: e.target, newText: scalar(e.value) }],
  replaceValue: (e, t) => [{ span: e.target, newText: render(t, e.value, t.indentAt(e.indentOf)) }],
  renameKey: (e, t) =>
    HCL_ATTR.test(t.src.slice(t.lineStart(e.key.start), t.lineEnd(e.key.start)))
      ? renameHcl(t, e.key, e.name)
      : renameQuoted(t, e.key, e.name),
  removeItem: (e, t) => [
    removeSeparated(
      t,
      e.item,
      e.items.filter((i) => i.start !== e.item.start),
      true,
    ),
  ],
  addItem: (e, t) =>
    appendSeparated(t, e.list, e.items, typeof e.value === 'string' ? scalar(e.value) : e.value.raw, true),
  addProp: (e, t) => addHclProp(t, e.container, e.key, e.value),
  removeEntry: (e, t) => removeLines(t, e.entry),
  addDependency: (e, t) => {
    const ref = `${e.on.type}.${e.on.name}`;
    const v = e.owner.dependsOnValue;
    if (!v) return e.owner.body ? addHclProp(t, e.owner.body, 'depends_on', { raw: `[${ref}]` }) : [];
    if (v.k !== 'list') return [];
    return appendSeparated(
      t,
      v.span,
      v.items.map((i) => i.span),
      ref,
      true,
    );
  },
};
