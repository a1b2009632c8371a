/**
 * Renders neutral edits as text edits in the file's own syntax and style: HCL (attribute alignment,
 * blocks, single- and multi-line lists), YAML (block and flow collections, the file's indentation and
 * quoting) and JSON (commas, indentation). Comments and everything outside the edited text stay as they are.
 */
import type { Container, Dialect } from '../core/model';
import type { Span } from '../core/text';
import type { NeutralEdit, NewValue, TextEdit } from '../core/edits';

type Syntax = 'hcl' | 'yaml' | 'json';

export function syntaxOf(dialect: Dialect): Syntax {
  return dialect === 'terraform' ? 'hcl' : dialect === 'cloudformation-yaml' ? 'yaml' : 'json';
}

class Text {
  private eolCache: string | undefined;
  private unitCache: string | undefined;

  constructor(readonly src: string) {}

  /** The file's line break. */
  get eol(): string {
    this.eolCache ??= this.src.includes('\r\n') ? '\r\n' : '\n';
    return this.eolCache;
  }

  /** The file's indentation unit: a tab, four spaces or two spaces. */
  get unit(): string {
    const src = this.src;
    this.unitCache ??=
      /^(\t)/m.test(src) && !/^ {2}/m.test(src) ? '\t' : /^ {4}\S/m.test(src) && !/^ {2}\S/m.test(src) ? '    ' : '  ';
    return this.unitCache;
  }

  lineStart(o: number): number {
    let p = o;
    while (p > 0 && this.src[p - 1] !== '\n' && this.src[p - 1] !== '\r') p--;
    return p;
  }

  /** End of the line's content (before its line break). */
  lineEnd(o: number): number {
    let p = o;
    while (p < this.src.length && this.src[p] !== '\n' && this.src[p] !== '\r') p++;
    return p;
  }

  /** Start of the next line (after the line break), or the end of the text. */
  nextLine(o: number): number {
    const e = this.lineEnd(o);
    if (this.src[e] === '\r' && this.src[e + 1] === '\n') return e + 2;
    return e < this.src.length ? e + 1 : e;
  }

  indentAt(o: number): string {
    const s = this.lineStart(o);
    return /^[ \t]*/.exec(this.src.slice(s, o))?.[0] ?? '';
  }

  /** Column of `o` within its line, in code units. */
  column(o: number): number {
    return o - this.lineStart(o);
  }

  /** Only white space between the line start and `o`? */
  aloneBefore(o: number): boolean {
    return this.src.slice(this.lineStart(o), o).trim() === '';
  }

  /** Skips spaces and tabs (and comments, in HCL) forward on the same line. */
  skipSpace(o: number): number {
    let p = o;
    while (p < this.src.length && (this.src[p] === ' ' || this.src[p] === '\t')) p++;
    return p;
  }

  /** The next character that is not white space or a line break, with its offset. */
  nextSignificant(o: number, comments: boolean): number {
    let p = o;
    for (;;) {
      while (p < this.src.length && /\s/.test(this.src[p] ?? '')) p++;
      if (comments && (this.src[p] === '#' || (this.src[p] === '/' && this.src[p + 1] === '/'))) {
        p = this.lineEnd(p);
        continue;
      }
      return p;
    }
  }

  /** The previous character that is not white space, with its offset (comments are not skipped). */
  prevSignificant(o: number): number {
    let p = o - 1;
    while (p >= 0 && /\s/.test(this.src[p] ?? '')) p--;
    return p;
  }

  /** Is the rest of the line after `o` only white space or a comment? */
  restIsEmpty(o: number): boolean {
    const rest = this.src.slice(o, this.lineEnd(o)).trim();
    return rest === '' || rest.startsWith('#') || rest.startsWith('//');
  }
}

// ---------------------------------------------------------------------------------------------
// Values

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

export function hclString(s: string): string {
  return JSON.stringify(s).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

function scalar(syntax: Syntax, v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v);
  if (syntax === 'hcl') return hclString(v);
  if (syntax === 'yaml') return yamlScalar(v);
  return JSON.stringify(v);
}

/** Renders a value placed after `key = ` / `Key: ` / `"Key": ` on a line indented by `indent`. */
function render(syntax: Syntax, t: Text, v: NewValue, indent: string): string {
  if (typeof v !== 'object') return scalar(syntax, v);
  if ('raw' in v) return v.raw;
  if (Array.isArray(v)) {
    if (syntax === 'yaml')
      return v.length === 0 ? '[]' : v.map((i) => `${t.eol}${indent}${t.unit}- ${yamlScalar(i)}`).join('');
    return `[${v.map((i) => scalar(syntax, i)).join(', ')}]`;
  }
  const inner = indent + t.unit;
  if (syntax === 'hcl') {
    const width = Math.max(...v.block.map(([k, x]) => (typeof x === 'object' && 'block' in x ? 0 : k.length)));
    return `{${t.eol}${v.block.map(([k, x]) => `${inner}${entry(syntax, t, k, x, inner, width)}`).join(t.eol)}${t.eol}${indent}}`;
  }
  if (syntax === 'yaml') return v.block.map(([k, x]) => `${t.eol}${inner}${entry(syntax, t, k, x, inner, 0)}`).join('');
  return `{${t.eol}${v.block.map(([k, x]) => `${inner}${entry(syntax, t, k, x, inner, 0)}`).join(`,${t.eol}`)}${t.eol}${indent}}`;
}

/** One `key = value` / `Key: value` / `"Key": value` entry, its key padded to `width` (HCL alignment). */
function entry(syntax: Syntax, t: Text, key: string, v: NewValue, indent: string, width: number): string {
  if (syntax === 'hcl') {
    if (typeof v === 'object' && 'block' in v) return `${key} ${render(syntax, t, v, indent)}`;
    return `${key.padEnd(width)} = ${render(syntax, t, v, indent)}`;
  }
  if (syntax === 'yaml') {
    const r = render(syntax, t, v, indent);
    return `${key}:${r.startsWith(t.eol) ? '' : ' '}${r}`;
  }
  return `${JSON.stringify(key)}: ${render(syntax, t, v, indent)}`;
}

// ---------------------------------------------------------------------------------------------
// Edits

/** Removes one element of a comma-separated sequence (JSON, HCL tuples, YAML flow collections). */
function removeSeparated(t: Text, item: Span, others: Span[], hcl: boolean): TextEdit {
  const after = t.nextSignificant(item.end, hcl);
  const hasCommaAfter = t.src[after] === ',';
  const isLast = !others.some((o) => o.start > item.start);
  const isFirst = !others.some((o) => o.start < item.start);
  if (t.aloneBefore(item.start)) {
    // The item starts its own line: remove whole lines, and the comma that belonged to it.
    if (hasCommaAfter && t.restIsEmpty(after + 1)) {
      return { span: { start: t.lineStart(item.start), end: t.nextLine(after) }, newText: '' };
    }
    if (!hasCommaAfter && t.restIsEmpty(item.end) && !isFirst) {
      // the last item without a trailing comma: drop the previous item's comma too
      const prevComma = t.prevSignificant(t.lineStart(item.start));
      if (t.src[prevComma] === ',') {
        return { span: { start: prevComma, end: t.lineEnd(item.end) }, newText: '' };
      }
    }
    if (!hasCommaAfter && t.restIsEmpty(item.end)) {
      return { span: { start: t.lineStart(item.start), end: t.nextLine(item.end) }, newText: '' };
    }
  }
  if (hasCommaAfter && !isLast) {
    return { span: { start: item.start, end: t.skipSpace(after + 1) }, newText: '' };
  }
  if (!isFirst) {
    const prevComma = t.prevSignificant(item.start);
    if (t.src[prevComma] === ',')
      return { span: { start: prevComma, end: hasCommaAfter ? after : item.end }, newText: '' };
  }
  // the only item
  return { span: { start: item.start, end: hasCommaAfter ? after + 1 : item.end }, newText: '' };
}

function isBlockSeq(t: Text, list: Span): boolean {
  return t.src[list.start] === '-';
}

function isBlockMapValue(t: Text, v: Span): boolean {
  return t.src[v.start] !== '{';
}

/** A value inside a YAML flow collection (`{a: b}`): plain scalars where safe, flow lists and maps. */
function flowYaml(v: NewValue): string {
  if (typeof v !== 'object')
    return typeof v === 'string' ? yamlScalar(v).replace(/^([^"].*[,[\]{}].*)$/, (m) => JSON.stringify(m)) : String(v);
  if ('raw' in v) return v.raw;
  if (Array.isArray(v)) return `[${v.map((i) => flowYaml(i)).join(', ')}]`;
  return `{${v.block.map(([k, x]) => `${k}: ${flowYaml(x)}`).join(', ')}}`;
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
    const text = entry('hcl', t, key, value, indent, key.length);
    return [
      { span: { start: c.open + 1, end: c.close }, newText: `${t.eol}${indent}${text}${t.eol}${t.indentAt(c.owner)}` },
    ];
  }
  if (isBlock || key === 'depends_on') {
    const at = t.lineEnd(last.end);
    return [
      {
        span: { start: at, end: at },
        newText: `${t.eol}${t.eol}${indent}${entry('hcl', t, key, value, indent, key.length)}`,
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
    newText: `${t.eol}${indent}${entry('hcl', t, key, value, indent, width)}`,
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

let lastText: Text | undefined;

/** One Text per source (fixes of one analysis share it). */
function textOf(src: string): Text {
  if (lastText?.src !== src) lastText = new Text(src);
  return lastText;
}

export function renderEdit(e: NeutralEdit, src: string, dialect: Dialect): TextEdit[] {
  const syntax = syntaxOf(dialect);
  const t = textOf(src);
  switch (e.op) {
    case 'replace': {
      const old = src.slice(e.target.start, e.target.end);
      let text = scalar(syntax, e.value);
      if (syntax === 'yaml' && typeof e.value === 'string') {
        if (old.startsWith("'")) text = `'${e.value.replace(/'/g, "''")}'`;
        else if (old.startsWith('"')) text = JSON.stringify(e.value);
      }
      return [{ span: e.target, newText: text }];
    }
    case 'replaceValue': {
      const indent = t.indentAt(e.indentOf);
      const r = render(syntax, t, e.value, indent);
      if (syntax === 'yaml' && r.startsWith(t.eol)) {
        // a block collection starts on the next line: drop the space after the colon too
        let start = e.target.start;
        while (start > 0 && (src[start - 1] === ' ' || src[start - 1] === '\t')) start--;
        return [{ span: { start, end: e.target.end }, newText: r }];
      }
      return [{ span: e.target, newText: r }];
    }
    case 'renameKey': {
      const old = src.slice(e.key.start, e.key.end);
      if (syntax === 'hcl' && HCL_ATTR.test(src.slice(t.lineStart(e.key.start), t.lineEnd(e.key.start)))) {
        return renameHcl(t, e.key, e.name);
      }
      const q = old.startsWith('"') ? '"' : old.startsWith("'") ? "'" : '';
      return [{ span: e.key, newText: `${q}${e.name}${q}` }];
    }
    case 'removeItem': {
      if (syntax === 'yaml' && isBlockSeq(t, e.list)) {
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
          syntax === 'hcl',
        ),
      ];
    }
    case 'addItem': {
      const text = typeof e.value === 'string' ? scalar(syntax, e.value) : e.value.raw;
      const last = e.items[e.items.length - 1];
      if (syntax === 'yaml' && isBlockSeq(t, e.list) && last) {
        const dash = t.lineStart(last.start);
        const prefix = /^[ \t]*-[ \t]*/.exec(src.slice(dash))?.[0] ?? '- ';
        return [
          { span: { start: t.lineEnd(last.end), end: t.lineEnd(last.end) }, newText: `${t.eol}${prefix}${text}` },
        ];
      }
      if (!last) {
        const close = src.lastIndexOf(']', e.list.end);
        return [{ span: { start: close, end: close }, newText: text }];
      }
      const after = t.nextSignificant(last.end, syntax === 'hcl');
      const trailingComma = src[after] === ',';
      if (t.aloneBefore(last.start)) {
        // multi-line list: a new line with the same indentation and comma style
        const indent = t.indentAt(last.start);
        if (trailingComma) {
          return [{ span: { start: t.lineEnd(after), end: t.lineEnd(after) }, newText: `${t.eol}${indent}${text},` }];
        }
        return [{ span: { start: last.end, end: last.end }, newText: `,${t.eol}${indent}${text}` }];
      }
      if (trailingComma) return [{ span: { start: after + 1, end: after + 1 }, newText: ` ${text},` }];
      return [{ span: { start: last.end, end: last.end }, newText: `, ${text}` }];
    }
    case 'addProp': {
      const c = e.container;
      const last = c.entries[c.entries.length - 1];
      const first = c.entries[0];
      if (syntax === 'yaml' && !c.flow) {
        if (!first || !last) return [];
        const indent = ' '.repeat(t.column(first.start));
        const at = t.lineEnd(last.end);
        return [
          { span: { start: at, end: at }, newText: `${t.eol}${indent}${entry(syntax, t, e.key, e.value, indent, 0)}` },
        ];
      }
      if (syntax === 'hcl') return addHclProp(t, e.container, e.key, e.value);
      // JSON, or a YAML flow map
      if (last) {
        const multiline = t.aloneBefore(last.start);
        const indent = multiline ? t.indentAt(last.start) : '';
        const keyText =
          syntax === 'yaml' ? `${e.key}: ${flowYaml(e.value)}` : entry('json', t, e.key, e.value, indent, 0);
        return [
          { span: { start: last.end, end: last.end }, newText: `,${multiline ? t.eol + indent : ' '}${keyText}` },
        ];
      }
      const indent = t.indentAt(c.owner) + t.unit;
      return [
        {
          span: { start: c.open + 1, end: c.close },
          newText: `${t.eol}${indent}${entry('json', t, e.key, e.value, indent, 0)}${t.eol}${t.indentAt(c.owner)}`,
        },
      ];
    }
    case 'removeEntry': {
      const c = e.container;
      // a JSON entry cannot be removed without knowing its neighbours' commas (Terraform JSON outputs)
      if (!c && syntax === 'json') return [];
      if (c?.flow) {
        return [
          removeSeparated(
            t,
            e.entry,
            c.entries.filter((x) => x.start !== e.entry.start),
            false,
          ),
        ];
      }
      // whole lines (HCL attributes and blocks, YAML block entries)
      const start = t.aloneBefore(e.entry.start) ? t.lineStart(e.entry.start) : e.entry.start;
      const end = t.restIsEmpty(e.entry.end) ? t.nextLine(e.entry.end) : e.entry.end;
      return [{ span: { start, end }, newText: '' }];
    }
  }
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

export { isBlockMapValue };
