/**
 * Renders neutral edits in JSON (CloudFormation and Terraform JSON): commas where they belong, the
 * indentation of the neighbouring entries, new objects and lists laid out one entry per line.
 */
import type { Container } from '../../core/model';
import type { NewValue, TextEdit } from '../../core/edits';
import { appendSeparated, removeSeparated, renameQuoted, type Text } from './text';
import type { Writer } from './writer';

function scalar(v: string | number | boolean): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** Renders a value placed after `"Key": ` on a line indented by `indent`. */
function render(t: Text, v: NewValue, indent: string): string {
  if (typeof v !== 'object') return scalar(v);
  if ('raw' in v) return v.raw;
  if (Array.isArray(v)) return `[${v.map((i) => scalar(i)).join(', ')}]`;
  const inner = indent + t.unit;
  return `{${t.eol}${v.block.map(([k, x]) => `${inner}${entry(t, k, x, inner)}`).join(`,${t.eol}`)}${t.eol}${indent}}`;
}

function entry(t: Text, key: string, v: NewValue, indent: string): string {
  return `${JSON.stringify(key)}: ${render(t, v, indent)}`;
}

function addProp(t: Text, c: Container, key: string, value: NewValue): TextEdit[] {
  const last = c.entries[c.entries.length - 1];
  if (last) {
    const multiline = t.aloneBefore(last.start);
    const indent = multiline ? t.indentAt(last.start) : '';
    return [
      {
        span: { start: last.end, end: last.end },
        newText: `,${multiline ? t.eol + indent : ' '}${entry(t, key, value, indent)}`,
      },
    ];
  }
  const indent = t.indentAt(c.owner) + t.unit;
  return [
    {
      span: { start: c.open + 1, end: c.close },
      newText: `${t.eol}${indent}${entry(t, key, value, indent)}${t.eol}${t.indentAt(c.owner)}`,
    },
  ];
}

export const jsonWriter: Writer = {
  replace: (e) => [{ span: e.target, newText: scalar(e.value) }],
  replaceValue: (e, t) => [{ span: e.target, newText: render(t, e.value, t.indentAt(e.indentOf)) }],
  renameKey: (e, t) => renameQuoted(t, e.key, e.name),
  removeItem: (e, t) => [
    removeSeparated(
      t,
      e.item,
      e.items.filter((i) => i.start !== e.item.start),
      false,
    ),
  ],
  addItem: (e, t) =>
    appendSeparated(t, e.list, e.items, typeof e.value === 'string' ? scalar(e.value) : e.value.raw, false),
  addProp: (e, t) => addProp(t, e.container, e.key, e.value),
  removeEntry: (e, t) => {
    // without its container, an entry's neighbours (and so its commas) are unknown: no edit
    const c = e.container;
    if (!c) return [];
    return [
      removeSeparated(
        t,
        e.entry,
        c.entries.filter((x) => x.start !== e.entry.start),
        false,
      ),
    ];
  },
  addDependency: (e, t) => {
    // CloudFormation names the logical id; Terraform JSON writes the reference as a string
    const cfn = e.owner.kind === 'cfn-client';
    const key = cfn ? 'DependsOn' : 'depends_on';
    const v = e.owner.dependsOnValue;
    const item = cfn ? e.on.name : `${e.on.type}.${e.on.name}`;
    if (!v) {
      const c = cfn ? e.owner.resourceBody : e.owner.body;
      return c ? addProp(t, c, key, cfn ? item : [item]) : [];
    }
    if (cfn && v.k === 'scalar' && typeof v.v === 'string')
      return [{ span: v.span, newText: render(t, [v.v, item], t.indentAt(v.span.start)) }];
    if (v.k === 'list')
      return appendSeparated(
        t,
        v.span,
        v.items.map((i) => i.span),
        scalar(item),
        false,
      );
    return [];
  },
};
