/**
 * Renders neutral edits in YAML as the file writes it: block or flow collections, the existing quoting of
 * a value, the indentation of the entries around. Plain scalars are quoted only where YAML would read
 * them as something else (a boolean, a number, a comment).
 */
import type { Container } from '../../core/model';
import type { NewValue, TextEdit } from '../../core/edits';
import type { Span } from '../../core/text';
import { appendSeparated, removeLines, removeSeparated, renameQuoted, type Text } from './text';
import type { Writer } from './writer';

const YAML_SPECIAL =
  /^(true|false|yes|no|on|off|y|n|null|~|-?\d[\d_.]*(e[+-]?\d+)?|0x[0-9a-f]+|0o[0-7]+|\.inf|-\.inf|\.nan)$/i;

export function yamlScalar(s: string): string {
  if (
    /^[A-Za-z0-9_./@-][A-Za-z0-9_./:@ +=,()-]*$/.test(s) &&
    !YAML_SPECIAL.test(s) &&
    !/: |:$| #|\s$/.test(s) &&
    !s.startsWith('- ')
  ) {
    return s;
  }
  return JSON.stringify(s);
}

function scalar(v: string | number | boolean): string {
  return typeof v === 'string' ? yamlScalar(v) : String(v);
}

/** Renders a value placed after `Key: ` on a line indented by `indent` (block collections start a new line). */
function render(t: Text, v: NewValue, indent: string): string {
  if (typeof v !== 'object') return scalar(v);
  if ('raw' in v) return v.raw;
  if (Array.isArray(v))
    return v.length === 0 ? '[]' : v.map((i) => `${t.eol}${indent}${t.unit}- ${yamlScalar(i)}`).join('');
  const inner = indent + t.unit;
  return v.block.map(([k, x]) => `${t.eol}${inner}${entry(t, k, x, inner)}`).join('');
}

function entry(t: Text, key: string, v: NewValue, indent: string): string {
  const r = render(t, v, indent);
  return `${key}:${r.startsWith(t.eol) ? '' : ' '}${r}`;
}

/** A value inside a YAML flow collection (`{a: b}`): plain scalars where safe, flow lists and maps. */
function flowYaml(v: NewValue): string {
  if (typeof v !== 'object')
    return typeof v === 'string' ? yamlScalar(v).replace(/^([^"].*[,[\]{}].*)$/, (m) => JSON.stringify(m)) : String(v);
  if ('raw' in v) return v.raw;
  if (Array.isArray(v)) return `[${v.map((i) => flowYaml(i)).join(', ')}]`;
  return `{${v.block.map(([k, x]) => `${k}: ${flowYaml(x)}`).join(', ')}}`;
}

/** A block sequence (`- item` lines) rather than a flow list (`[a, b]`). */
function isBlockSeq(t: Text, list: Span): boolean {
  return t.src[list.start] === '-';
}

function addProp(t: Text, e: { container: Container; key: string; value: NewValue }): TextEdit[] {
  const c = e.container;
  const last = c.entries[c.entries.length - 1];
  const first = c.entries[0];
  if (!c.flow) {
    if (!first || !last) return [];
    const indent = ' '.repeat(t.column(first.start));
    const at = t.lineEnd(last.end);
    return [{ span: { start: at, end: at }, newText: `${t.eol}${indent}${entry(t, e.key, e.value, indent)}` }];
  }
  const keyText = `${e.key}: ${flowYaml(e.value)}`;
  if (last) {
    const multiline = t.aloneBefore(last.start);
    const indent = multiline ? t.indentAt(last.start) : '';
    return [{ span: { start: last.end, end: last.end }, newText: `,${multiline ? t.eol + indent : ' '}${keyText}` }];
  }
  const indent = t.indentAt(c.owner) + t.unit;
  return [
    {
      span: { start: c.open + 1, end: c.close },
      newText: `${t.eol}${indent}${keyText}${t.eol}${t.indentAt(c.owner)}`,
    },
  ];
}

function addItem(t: Text, list: Span, items: Span[], text: string): TextEdit[] {
  const last = items[items.length - 1];
  if (isBlockSeq(t, list) && last) {
    const dash = t.lineStart(last.start);
    const prefix = /^[ \t]*-[ \t]*/.exec(t.src.slice(dash))?.[0] ?? '- ';
    return [{ span: { start: t.lineEnd(last.end), end: t.lineEnd(last.end) }, newText: `${t.eol}${prefix}${text}` }];
  }
  return appendSeparated(t, list, items, text, false);
}

function replaceValue(t: Text, target: Span, value: NewValue, indentOf: number): TextEdit[] {
  const r = render(t, value, t.indentAt(indentOf));
  if (r.startsWith(t.eol)) {
    // a block collection starts on the next line: drop the space after the colon too
    let start = target.start;
    while (start > 0 && (t.src[start - 1] === ' ' || t.src[start - 1] === '\t')) start--;
    return [{ span: { start, end: target.end }, newText: r }];
  }
  return [{ span: target, newText: r }];
}

export const yamlWriter: Writer = {
  lineComment: '#',
  replace: (e, t) => {
    const old = t.src.slice(e.target.start, e.target.end);
    let text = scalar(e.value);
    if (typeof e.value === 'string') {
      if (old.startsWith("'")) text = `'${e.value.replace(/'/g, "''")}'`;
      else if (old.startsWith('"')) text = JSON.stringify(e.value);
    }
    return [{ span: e.target, newText: text }];
  },
  replaceValue: (e, t) => replaceValue(t, e.target, e.value, e.indentOf),
  renameKey: (e, t) => renameQuoted(t, e.key, e.name),
  removeItem: (e, t) => {
    if (isBlockSeq(t, e.list)) {
      if (e.items.length === 1) {
        // the only item: an empty flow list on the key's line
        const colon = t.prevSignificant(e.list.start);
        return [{ span: { start: colon + 1, end: e.list.end }, newText: ' []' }];
      }
      // `- item` lines: from the dash's line start to the next line
      const dash = t.lineStart(e.item.start);
      return [{ span: { start: dash, end: t.nextLine(e.item.end) }, newText: '' }];
    }
    return [
      removeSeparated(
        t,
        e.item,
        e.items.filter((i) => i.start !== e.item.start),
        false,
      ),
    ];
  },
  addItem: (e, t) => addItem(t, e.list, e.items, typeof e.value === 'string' ? scalar(e.value) : e.value.raw),
  addProp: (e, t) => addProp(t, e),
  removeEntry: (e, t) => {
    const c = e.container;
    if (c?.flow)
      return [
        removeSeparated(
          t,
          e.entry,
          c.entries.filter((x) => x.start !== e.entry.start),
          false,
        ),
      ];
    return removeLines(t, e.entry);
  },
  addDependency: (e, t) => {
    const v = e.owner.dependsOnValue;
    const name = e.on.name;
    if (!v)
      return e.owner.resourceBody ? addProp(t, { container: e.owner.resourceBody, key: 'DependsOn', value: name }) : [];
    if (v.k === 'scalar' && typeof v.v === 'string') return replaceValue(t, v.span, [v.v, name], v.span.start);
    if (v.k === 'list')
      return addItem(
        t,
        v.span,
        v.items.map((i) => i.span),
        scalar(name),
      );
    return [];
  },
};
